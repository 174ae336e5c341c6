# Enum.map_reduce, flat_map_reduce, into with transforms, Enum.join/map_join.
defmodule EnumMapReduceFlat do
  def main do
    IO.inspect(Enum.map_reduce([1, 2, 3], 0, fn x, acc -> {x * 2, acc + x} end))
    IO.inspect(Enum.flat_map_reduce(1..10, 0, fn x, acc ->
      if acc > 10, do: {:halt, acc}, else: {[x, -x], acc + x}
    end))
    IO.inspect(Enum.into([1, 2, 3], %{}, &{&1, &1 * &1}))
    IO.inspect(Enum.join(["a", "b", "c"]))
    IO.inspect(Enum.map_join(%{x: 1, y: 2}, "&", fn {k, v} -> "#{k}=#{v}" end))
    IO.inspect(Enum.to_list(%{b: 1, a: 2}))
  end
end
