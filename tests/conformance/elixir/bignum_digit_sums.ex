# Bignum-heavy loops: 2^5000 and 1000! digit sums, Fibonacci(1000), and integer square root.
defmodule BignumDigitSums do
  def fib(n), do: fib(n, 0, 1)
  defp fib(0, a, _), do: a
  defp fib(n, a, b), do: fib(n - 1, b, a + b)

  def isqrt(n), do: isqrt(n, n)
  defp isqrt(n, x) do
    y = div(x + div(n, x), 2)
    if y >= x, do: x, else: isqrt(n, y)
  end

  def main do
    IO.inspect(Integer.pow(2, 5000) |> Integer.digits() |> Enum.sum())
    IO.inspect(Enum.reduce(1..1000, 1, &*/2) |> Integer.digits() |> Enum.sum())
    IO.inspect(fib(1000))
    IO.inspect(isqrt(Integer.pow(10, 101)))
    IO.inspect(rem(Integer.pow(7, 777), Integer.pow(10, 30) + 7))
    IO.inspect(Integer.to_string(fib(300), 36))
  end
end
