# for comprehensions with uniq: true and reduce: accumulators.
defmodule ComprehensionUniqReduce do
  def main do
    IO.inspect(for x <- [3, 1, 3, 2, 1], uniq: true, do: x)
    IO.inspect(for x <- 1..10, uniq: true, do: rem(x, 4))
    IO.inspect(for x <- 1..10, reduce: 0 do
      acc -> acc + x * x
    end)
    IO.inspect(for w <- ~w(a b a c b a), reduce: %{} do
      acc -> Map.update(acc, w, 1, &(&1 + 1))
    end)
    IO.inspect(for x <- 1..5, rem(x, 2) == 1, reduce: [] do
      acc -> [x | acc]
    end)
    IO.inspect(for x <- 1..3, y <- 1..3, reduce: {0, 0} do
      {a, b} -> {a + x, b + y}
    end)
  end
end
