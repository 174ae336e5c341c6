# Prints a line with IO.puts and returns normally.
defmodule HelloWorld do
  def main do
    IO.puts("Hello, world!")
  end
end
