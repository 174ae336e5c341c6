# Small-integer arithmetic: +, -, *, unary minus, abs, precedence, mixed with floats.
defmodule IntegerArithBasic do
  def main do
    xs = [0, 1, -1, 7, -7, 1_000_000, -1_073_741_824, 1_073_741_823]
    for a <- xs, b <- [3, -3, 1] do
      IO.puts("#{a} #{b} -> #{a + b} #{a - b} #{a * b} #{-a} #{abs(a)}")
    end
    IO.inspect(2 + 3 * 4 - 10 / 5)
    IO.inspect(7 * 1.5)
    IO.inspect(1 + 1.0)
    IO.inspect(Enum.sum(1..100))
  end
end
