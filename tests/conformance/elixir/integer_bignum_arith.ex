# Bignum arithmetic: factorials, powers, mixed-sign multiplication and division.
defmodule IntegerBignumArith do
  def fact(0), do: 1
  def fact(n), do: n * fact(n - 1)

  def main do
    f50 = fact(50)
    IO.puts(f50)
    IO.puts(fact(100))
    IO.puts(div(fact(100), fact(98)))
    IO.puts(rem(fact(60), 1_000_000_007))
    IO.puts(Integer.pow(2, 200))
    IO.puts(Integer.pow(-3, 101))
    IO.puts(f50 * -f50)
    IO.puts(f50 - (f50 + 1))
    IO.puts(div(-f50, 7))
    IO.puts(rem(-f50 - 3, 7))
    IO.puts(Integer.pow(10, 40) + 1 - Integer.pow(10, 40))
    IO.inspect(f50 > Integer.pow(2, 200))
    IO.inspect(abs(-f50) == f50)
    IO.inspect(length(Integer.digits(fact(200))))
  end
end
