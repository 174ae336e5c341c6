defmodule Counter.MixProject do
  use Mix.Project

  def project do
    [
      app: :counter,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: [{:greeter, path: "../greeter"}]
    ]
  end

  def application do
    [mod: {Counter.Application, []}, extra_applications: [:logger], env: [name: "counter"]]
  end
end
