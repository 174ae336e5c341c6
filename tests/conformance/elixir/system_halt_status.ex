# System.halt(n) ends the program at once with status n, after flushing what was printed.
defmodule SystemHaltStatus do
  def main do
    IO.puts("about to halt")
    System.halt(3)
  end
end
