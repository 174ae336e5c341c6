# A tail-recursive loop of 30 million iterations with an integer accumulator.
defmodule RecursionTailLoopLarge do
  def loop(0, acc), do: acc
  def loop(n, acc), do: loop(n - 1, rem(acc * 31 + n, 1_000_000_007))

  def main do
    IO.puts(loop(30_000_000, 7))
  end
end
