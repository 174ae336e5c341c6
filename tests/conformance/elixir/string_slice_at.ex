# String.slice/at/first/last with ranges, negative indices and multibyte graphemes.
defmodule StringSliceAt do
  def main do
    s = "héllo wörld 日本"
    IO.inspect(String.slice(s, 0, 5))
    IO.inspect(String.slice(s, 6..10))
    IO.inspect(String.slice(s, -2..-1))
    IO.inspect(String.slice(s, 3..-3))
    IO.inspect(String.slice(s, 20, 3))
    IO.inspect(String.slice(s, 0..0))
    IO.inspect(String.at(s, 1))
    IO.inspect(String.at(s, -1))
    IO.inspect(String.at(s, 99))
    IO.inspect(String.first(s))
    IO.inspect(String.last(s))
    IO.inspect(binary_part(s, 0, 3))
    IO.inspect(:binary.part(s, 1, 2))
  end
end
