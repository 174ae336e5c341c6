# Enum.min/max/min_max/sum/product/count with empty fallbacks and mixed numbers.
defmodule EnumMinMaxSum do
  def main do
    l = [4, -2, 9.5, 0, 7]
    IO.inspect({Enum.min(l), Enum.max(l), Enum.min_max(l)})
    IO.inspect(Enum.sum(l))
    IO.inspect(Enum.product([1, 2, 3, 4]))
    IO.inspect(Enum.product([]))
    IO.inspect(Enum.sum([]))
    IO.inspect(Enum.min([], fn -> :empty end))
    IO.inspect(Enum.max(["b", "abc", "c"]))
    IO.inspect(Enum.count(l, &(&1 > 0)))
    IO.inspect(Enum.sum(1..1_000_000))
    IO.inspect(Enum.product(1..25))
    IO.inspect(Enum.max([1, 1.0]))
    IO.inspect(Enum.min([1.0, 1]))
  end
end
