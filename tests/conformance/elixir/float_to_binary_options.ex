# :erlang.float_to_binary / float_to_list with decimals, scientific, compact and short.
defmodule FloatToBinaryOptions do
  def main do
    fs = [0.0, 1.0, -1.5, 3.14159265358979, 1.0e10, 1.0e-7, 123.456, 0.1, 2.5, 0.125, 1.0e100]
    for f <- fs do
      IO.puts(Enum.join([
        :erlang.float_to_binary(f),
        :erlang.float_to_binary(f, [:short]),
        :erlang.float_to_binary(f, decimals: 0),
        :erlang.float_to_binary(f, decimals: 3),
        :erlang.float_to_binary(f, [{:decimals, 6}, :compact]),
        :erlang.float_to_binary(f, scientific: 2),
        List.to_string(:erlang.float_to_list(f, scientific: 10))
      ], " | "))
    end
  end
end
