# Ranges: steps, negative steps, empty ranges, membership, size, inspect, Enum on ranges.
defmodule RangeOperations do
  def main do
    IO.inspect(1..10)
    IO.inspect(1..10//3)
    IO.inspect(10..1//-2)
    IO.inspect(Enum.to_list(10..1//-3))
    IO.inspect(Enum.to_list(1..0//1))
    IO.inspect(Range.size(1..10//3))
    IO.inspect(Range.size(5..1//1))
    IO.inspect({5 in 1..10, 5 in 1..10//2, 4 in 1..10//2, 0 in 10..1//-1})
    IO.inspect(Enum.sum(-100..100))
    IO.inspect(Enum.reverse(1..4))
    IO.inspect(Range.new(3, 9, 2) |> Enum.map(&(&1 * 2)))
    IO.inspect(Enum.count(1..1_000_000_000_000))
    IO.inspect(Range.disjoint?(1..5, 6..9))
    IO.inspect(Enum.slice(1..100, 10..12))
    first..last//step = 2..20//6
    IO.inspect({first, last, step})
  end
end
