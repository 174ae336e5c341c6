# Sorting 200,000 pseudo-random integers (fixed seed) and checking order, sums and samples.
defmodule SortLargeSeededInts do
  def lcg(0, _x, acc), do: acc
  def lcg(n, x, acc) do
    x2 = rem(x * 1_103_515_245 + 12_345, 2_147_483_648)
    lcg(n - 1, x2, [x2 | acc])
  end

  def main do
    l = lcg(100_000, 42, [])
    s = Enum.sort(l)
    IO.inspect(Enum.take(s, 5))
    IO.inspect(Enum.take(s, -3))
    IO.inspect(Enum.sum(s) == Enum.sum(l))
    IO.inspect(s == :lists.sort(l))
    IO.inspect(length(Enum.uniq(s)))
    IO.inspect(Enum.sort(l, :desc) |> Enum.at(1000))
    IO.inspect(Enum.sort_by(Enum.take(l, 20), &rem(&1, 1000)))
  end
end
