# Large maps keyed by tuples and mixed non-atom terms iterate in hash order.
defmodule MapLargeTupleKeys do
  def main do
    m = Map.new(for x <- 1..8, y <- 1..6, do: {{x, y}, x * 10 + y})
    IO.inspect(m, limit: :infinity)
    mixed = Map.new([1.5, -2.25, [1, 2], {}, {1.5, "t"}, "s", 7, [] | Enum.to_list(100..130)], &{&1, 0})
    IO.inspect(Map.keys(mixed), limit: :infinity)
    IO.inspect(Enum.reduce(m, [], fn {{x, _}, v}, acc -> if x == 3, do: [v | acc], else: acc end))
  end
end
