# System.at_exit/1: the functions run after the program's code, last registered first,
# with the exit status; one registered by another runs too, and an exit with
# {:shutdown, n} sets the status.
defmodule SystemAtExitHooks do
  def main do
    System.at_exit(fn status -> IO.puts("first registered, status #{status}") end)

    System.at_exit(fn status ->
      IO.puts("second registered, status #{status}")
      System.at_exit(fn status -> IO.puts("registered late, status #{status}") end)
    end)

    System.at_exit(fn status ->
      IO.puts("third registered, status #{status}")
      exit({:shutdown, 3})
    end)

    IO.puts("main done")
  end
end
