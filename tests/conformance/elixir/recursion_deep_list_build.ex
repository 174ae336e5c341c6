# Naive body-recursive list building 1,000,000 deep (map, range, append-style).
defmodule RecursionDeepListBuild do
  def my_map([], _f), do: []
  def my_map([h | t], f), do: [f.(h) | my_map(t, f)]

  def range(a, b) when a > b, do: []
  def range(a, b), do: [a | range(a + 1, b)]

  def main do
    l = range(1, 1_000_000)
    m = my_map(l, &(&1 * 2))
    IO.puts(length(m))
    IO.puts(Enum.sum(m))
    IO.inspect(Enum.take(m, 5))
    IO.inspect(List.last(m))
  end
end
