# An uncaught throw ends the program with status 1.
defmodule UncaughtThrow do
  def main do
    IO.write("partial line without newline, ")
    IO.puts("then a full one")
    throw({:nobody, :catches, [1, 2]})
  end
end
