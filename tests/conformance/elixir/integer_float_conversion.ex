# Conversions between big integers and floats: precision loss, trunc/round of huge floats.
defmodule IntegerFloatConversion do
  def main do
    IO.inspect(Integer.pow(2, 53) + 1 == trunc((Integer.pow(2, 53) + 1) * 1.0))
    IO.inspect(trunc(1.0e20))
    IO.inspect(round(1.5e22))
    IO.inspect(trunc(-9.87654321e18))
    IO.inspect(Integer.pow(10, 25) / 3)
    IO.inspect(Integer.pow(3, 100) * 1.0)
    IO.inspect(:erlang.float(Integer.pow(2, 1000)))
    IO.inspect(1.0e308 < Integer.pow(10, 309))
    IO.inspect(Integer.pow(10, 309) > 1.7976931348623157e308)
    IO.inspect(Enum.sort([Integer.pow(10, 20), 1.0e20, 99_999_999_999_999_999_999.0]))
    try do
      :erlang.float(Integer.pow(10, 400))
    rescue
      e -> IO.puts(inspect(e.__struct__))
    end
  end
end
