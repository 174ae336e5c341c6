# Mutually recursive tail calls across functions, 10 million steps.
defmodule RecursionMutualTail do
  def even?(0), do: true
  def even?(n), do: odd?(n - 1)
  def odd?(0), do: false
  def odd?(n), do: even?(n - 1)

  def ping(0, acc), do: acc
  def ping(n, acc), do: pong(n - 1, acc + 1)
  def pong(0, acc), do: acc
  def pong(n, acc), do: ping(n - 1, acc + 2)

  def main do
    IO.inspect(even?(10_000_001))
    IO.inspect(odd?(5_000_001))
    IO.inspect(ping(10_000_000, 0))
  end
end
