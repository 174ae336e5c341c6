# An uncaught FunctionClauseError from a local function ends the program with status 1.
defmodule UncaughtFunctionClause do
  def positive(n) when n > 0, do: n

  def main do
    IO.inspect(positive(5))
    IO.inspect(Enum.map([3, 2, 1, 0], &positive/1))
  end
end
