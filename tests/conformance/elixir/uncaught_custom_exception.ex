# An uncaught custom exception ends the program with status 1; earlier output is kept.
defmodule UncaughtCustomException.Boom do
  defexception [:detail]
  @impl true
  def message(e), do: "boom: #{e.detail}"
end

defmodule UncaughtCustomException do
  def main do
    IO.inspect(%{step: 1})
    raise UncaughtCustomException.Boom, detail: "custom"
  end
end
