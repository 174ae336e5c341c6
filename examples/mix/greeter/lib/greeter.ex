defmodule Greeter do
  @moduledoc "Greets, with the punctuation its application environment holds."

  def greet(greeting, name) do
    "#{greeting}, #{name}#{Application.fetch_env!(:greeter, :punctuation)}"
  end
end
