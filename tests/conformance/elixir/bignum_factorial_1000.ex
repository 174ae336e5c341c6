# 1000! printed in full (2568 digits), in base 16 and 36, its digit sum, trailing zeros,
# and the ladder of conversions back from text.
defmodule BignumFactorial1000 do
  def main do
    f = Enum.reduce(1..1000, 1, &(&1 * &2))
    IO.puts(f)
    IO.puts(Integer.to_string(f, 16))
    IO.puts(Integer.to_string(-f, 36))
    s = Integer.to_string(f)
    IO.puts([Integer.to_string(String.length(s)), " ", Integer.to_string(Enum.sum(Integer.digits(f)))])
    IO.puts(String.length(s) - String.length(String.trim_trailing(s, "0")))
    IO.inspect(String.to_integer(s) == f)
    IO.inspect(Integer.parse(s <> "x") == {f, "x"})
    IO.inspect(:erlang.list_to_integer(Integer.to_charlist(f, 7), 7) == f)
    IO.inspect(div(f, Enum.reduce(1..998, 1, &(&1 * &2))))
    IO.inspect({rem(f, 1_000_000_007), f |> div(10 ** 2400) |> rem(10 ** 20)})
    IO.inspect(:erlang.phash2(f))
    IO.inspect(byte_size(:erlang.term_to_binary(f)))
    IO.inspect(div(f, Enum.reduce(1..990, 1, &(&1 * &2))) / 7)
  end
end
