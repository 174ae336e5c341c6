# Binary generators and into: <<>> comprehensions, including multi-field patterns.
defmodule BinaryComprehension do
  def main do
    IO.inspect(for <<x <- "abc">>, into: "", do: <<x + 1>>)
    IO.inspect(for <<r::8, g::8, b::8 <- <<1, 2, 3, 4, 5, 6>> >>, do: {r, g, b})
    IO.inspect(for <<x::16 <- <<0, 1, 0, 2, 9>> >>, do: x)
    IO.inspect(for x <- 1..5, into: <<>>, do: <<x::4>>)
    IO.inspect(for <<c <- "hello world">>, c != ?o, into: "", do: <<c>>)
    IO.inspect(for <<c::utf8 <- "héllo">>, into: "", do: String.upcase(<<c::utf8>>))
    IO.inspect(for x <- [1, 2, 3], y <- [10, 20], into: <<>>, do: <<x + y>>)
  end
end
