# The README's first example: a little Elixir that touches maps, floats, strings,
# Enum and inspect, run by `scripts/example.sh` on the embedded engine.
defmodule Hello do
  def main do
    IO.puts(inspect(%{a: [1, 2.5, "x"], b: {:ok, :atom}}))

    words = ~w(the quick brown fox jumps over the lazy dog the end)
    counts = Enum.frequencies(words)
    top = counts |> Enum.sort_by(fn {w, n} -> {-n, w} end) |> Enum.take(3)
    IO.puts("most frequent: #{inspect(top)}")
    IO.puts("sum of squares 1..10 = #{Enum.sum(for x <- 1..10, do: x * x)}")
  end
end
