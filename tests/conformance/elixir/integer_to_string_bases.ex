# Integer.to_string / Integer.parse in every base, negatives and bignums.
defmodule IntegerToStringBases do
  def main do
    for base <- 2..36 do
      IO.puts("#{base}: #{Integer.to_string(123_456_789, base)} #{Integer.to_string(-255, base)} #{Integer.to_string(Integer.pow(2, 70), base)}")
    end
    IO.inspect(Integer.parse("ff", 16))
    IO.inspect(Integer.parse("-101rest", 2))
    IO.inspect(Integer.parse("zz", 36))
    IO.inspect(Integer.parse("12.5"))
    IO.inspect(Integer.parse("abc"))
    IO.inspect(String.to_integer("-7fffffffffffffffffff", 16))
    IO.inspect(:erlang.integer_to_binary(1023, 16))
    IO.inspect(:erlang.integer_to_list(-1023, 8))
  end
end
