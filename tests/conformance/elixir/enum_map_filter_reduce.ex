# Enum.map/filter/reject/reduce/reduce_while/each over lists, ranges and maps.
defmodule EnumMapFilterReduce do
  def main do
    l = Enum.to_list(1..20)
    IO.inspect(Enum.map(l, &(&1 * &1)))
    IO.inspect(Enum.filter(l, &(rem(&1, 3) == 0)))
    IO.inspect(Enum.reject(l, &(rem(&1, 3) == 0)))
    IO.inspect(Enum.reduce(l, &+/2))
    IO.inspect(Enum.reduce(l, {0, 1}, fn x, {s, p} -> {s + x, p * x} end))
    IO.inspect(Enum.reduce_while(l, 0, fn x, acc -> if acc + x > 50, do: {:halt, acc}, else: {:cont, acc + x} end))
    IO.inspect(Enum.map(%{a: 1, b: 2}, fn {k, v} -> {v, k} end))
    Enum.each(1..3, &IO.write("#{&1};"))
    IO.puts("")
    IO.inspect(Enum.map(1..10//3, &(&1 - 1)))
    IO.inspect(Enum.filter(["a", "", "b"], &(&1 != "")))
  end
end
