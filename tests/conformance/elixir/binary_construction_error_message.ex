# A failed binary construction in code compiled by elixirc (OTP 25's bs_create_bin) raises
# an ArgumentError whose message comes from the VM's error info, as exception_test.exs
# checks ("construction of binary failed: segment 1 of type 'binary': ..."). Elixir's own
# modules, built by OTP 24, fail with a plain "argument error".
defmodule BinaryConstructionErrorMessage do
  defp concat(a, b), do: a <> b
  def int(x), do: <<x::integer>>
  def sized(x, n), do: <<x::size(n)>>
  def utf8(x), do: <<x::utf8>>
  def utf16(x), do: <<x::utf16>>
  def bin(x, n), do: <<x::binary-size(n)>>
  def float(x), do: <<x::float>>
  def float32(x, n), do: <<x::float-size(n)>>
  def bits(x), do: <<x::bitstring, 1::1>>
  def append(acc, x), do: <<acc::binary, x::8>>

  defp message(arg, fun) do
    try do
      fun.(arg)
    rescue
      e -> Exception.message(e)
    end
  end

  def main do
    IO.puts(message(123, &concat(&1, "bar")))
    IO.puts(message(~D[0001-02-03], &concat(&1, "bar")))
    IO.puts(message(<<1::3>>, &concat("bar", &1)))
    IO.puts(message(:foo, &int/1))
    IO.puts(message(-1, &sized(1, &1)))
    IO.puts(message(:x, &sized(1, &1)))
    IO.puts(message(Bitwise.bsl(1, 100), &sized(1, &1)))
    IO.puts(message(0xD800, &utf8/1))
    IO.puts(message(-3, &utf16/1))
    IO.puts(message("abc", &bin(&1, 5)))
    IO.puts(message(:abc, &bin(&1, 5)))
    IO.puts(message(String.duplicate("abcdefghij", 4), &bin(&1, 50)))
    IO.puts(message(1.0e52, &int/1))
    IO.puts(message(:an_atom, &float/1))
    IO.puts(message(Bitwise.bsl(1, 1100), &float/1))
    IO.puts(message(1.5, &float32(&1, 12)))
    IO.puts(message({:a, [1, 2, 3], %{b: 1}}, &float/1))
    IO.puts(message(Enum.to_list(1..40), &int/1))
    IO.puts(message(%{a: 1}, &bits/1))
    IO.puts(message(<<1::4>>, &append(&1, 1)))
    IO.puts(message("ok", &append(&1, :no)))
    # Elixir's own code (OTP 24 instructions): no error info.
    IO.puts(message(<<1::3>>, &String.duplicate(&1, 2)))
  end
end
