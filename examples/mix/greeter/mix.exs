defmodule Greeter.MixProject do
  use Mix.Project

  def project do
    [app: :greeter, version: "0.1.0", elixir: "~> 1.14", deps: []]
  end

  def application do
    [env: [punctuation: "!"]]
  end
end
