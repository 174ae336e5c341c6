# Infinite streams: iterate, cycle, repeatedly, unfold, resource-free generators, with take.
defmodule StreamInfiniteTake do
  def main do
    IO.inspect(Stream.iterate(1, &(&1 * 2)) |> Enum.take(12))
    IO.inspect(Stream.cycle([1, 2, 3]) |> Enum.take(7))
    IO.inspect(Stream.repeatedly(fn -> :x end) |> Enum.take(3))
    fib = Stream.unfold({0, 1}, fn {a, b} -> {a, {b, a + b}} end)
    IO.inspect(Enum.take(fib, 15))
    IO.inspect(Stream.unfold(5, fn 0 -> nil; n -> {n, n - 1} end) |> Enum.to_list())
    IO.inspect(Stream.iterate(1, &(&1 + 1)) |> Stream.filter(&(rem(&1, 7) == 0)) |> Stream.drop(2) |> Enum.take(3))
  end
end
