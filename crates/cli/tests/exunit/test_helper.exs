# The helper every fixture here shares, required first as `mix test` requires it.
ExUnit.start(exclude: [:slow])

defmodule FixtureHelpers do
  def double(x), do: x * 2
end
