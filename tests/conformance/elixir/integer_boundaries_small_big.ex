# Arithmetic and comparison across the i31, i64 and bignum boundaries.
defmodule IntegerBoundariesSmallBig do
  def main do
    edges = [Integer.pow(2, 30), Integer.pow(2, 31), Integer.pow(2, 59), Integer.pow(2, 60),
             Integer.pow(2, 62), Integer.pow(2, 63), Integer.pow(2, 64)]
    for e <- edges, x <- [e - 1, e, -e, -e - 1] do
      IO.puts("#{x} +1=#{x + 1} -1=#{x - 1} *2=#{x * 2} *-3=#{x * -3} div3=#{div(x, 3)} rem3=#{rem(x, 3)}")
    end
    IO.inspect(Integer.pow(2, 63) - 1 < Integer.pow(2, 63))
    IO.inspect(-Integer.pow(2, 63) == -9_223_372_036_854_775_808)
    IO.inspect(Integer.pow(2, 64) * Integer.pow(2, 64) == Integer.pow(2, 128))
    IO.inspect(Integer.pow(2, 64) - Integer.pow(2, 64))
    IO.inspect(is_integer(Integer.pow(2, 64) - Integer.pow(2, 64) + 5))
  end
end
