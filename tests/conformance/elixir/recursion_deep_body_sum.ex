# Non-tail (body) recursion 1,000,000 frames deep that is not list-building.
defmodule RecursionDeepBodySum do
  def sum(0), do: 0
  def sum(n), do: n + sum(n - 1)

  def depth([]), do: 0
  def depth([_ | t]), do: 1 + depth(t)

  def main do
    IO.puts(sum(1_000_000))
    IO.puts(depth(List.duplicate(:x, 1_000_000)))
  end
end
