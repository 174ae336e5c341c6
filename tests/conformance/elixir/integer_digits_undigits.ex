# Integer.digits/undigits, gcd, pow, is_even/is_odd on small and big numbers.
defmodule IntegerDigitsUndigits do
  require Integer

  def main do
    IO.inspect(Integer.digits(1_234_567))
    IO.inspect(Integer.digits(255, 2))
    IO.inspect(Integer.digits(-4096, 16))
    IO.inspect(Integer.undigits([1, 0, 1, 1], 2))
    IO.inspect(Integer.undigits([15, 15], 16))
    IO.inspect(Integer.gcd(1071, 462))
    IO.inspect(Integer.gcd(-12, 0))
    IO.inspect(Integer.gcd(Integer.pow(2, 100), Integer.pow(6, 40)))
    IO.inspect(Integer.pow(7, 0))
    IO.inspect(Enum.map(-3..3, &{&1, Integer.is_even(&1), Integer.is_odd(&1)}))
    IO.inspect(Enum.sum(Integer.digits(Integer.pow(2, 1000))))
  end
end
