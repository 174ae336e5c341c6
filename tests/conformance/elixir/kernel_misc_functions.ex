# Kernel odds and ends: then, tap, is_nil, to_string/to_charlist, binary_part, inspect opts, ===, pipe.
defmodule KernelMiscFunctions do
  def main do
    IO.inspect(5 |> then(&(&1 * 3)))
    IO.inspect(5 |> tap(&IO.puts("tapped #{&1}")))
    IO.inspect({is_nil(nil), is_nil(false)})
    IO.inspect({div(17, 5), rem(17, 5), abs(-3), max(3, 7), min("a", "b")})
    IO.inspect({round(2.5), trunc(-2.7), ceil(2.1), floor(-2.1)})
    IO.inspect({byte_size("héllo"), bit_size(<<1::5>>), tuple_size({1, 2}), map_size(%{a: 1}), length([1, 2])})
    IO.inspect({1 === 1, 1 !== 1.0, 1 != 1.0, 1 == 1.0})
    IO.inspect(elem({:a, :b}, 1))
    IO.inspect(binding())
    IO.inspect(__MODULE__)
    IO.inspect(function_exported?(__MODULE__, :main, 0))
    IO.inspect(Kernel.to_charlist(123))
    IO.inspect("abc" =~ "b")
    IO.inspect(~w(foo bar)a)
    IO.inspect(~s(with "quotes"))
    IO.inspect(~c(chars))
  end
end
