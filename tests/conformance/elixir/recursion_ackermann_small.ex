# Ackermann and naive Fibonacci: many small non-tail calls.
defmodule RecursionAckermannSmall do
  def ack(0, n), do: n + 1
  def ack(m, 0), do: ack(m - 1, 1)
  def ack(m, n), do: ack(m - 1, ack(m, n - 1))

  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def main do
    IO.puts(ack(2, 3))
    IO.puts(ack(3, 6))
    IO.puts(fib(25))
  end
end
