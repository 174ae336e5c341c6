# Bitstrings that are not whole bytes: construction, inspect, bit_size, matching, append.
defmodule BitstringSubByte do
  def bits_to_list(<<>>), do: []
  def bits_to_list(<<b::1, rest::bits>>), do: [b | bits_to_list(rest)]

  def main do
    b = <<1::3, 5::5, 1::1>>
    IO.inspect(b)
    IO.inspect({bit_size(b), byte_size(b), is_binary(b), is_bitstring(b)})
    IO.inspect(bits_to_list(<<0b10110::5>>))
    <<x::3, y::bits>> = <<0b101_11001::8>>
    IO.inspect({x, y})
    IO.inspect(<<b::bits, 0::7>>)
    IO.inspect(<<1::1, 0::1, 1::1>> == <<5::3>>)
    IO.inspect(Enum.sort([<<1::1>>, <<0::2>>, <<1>>, <<>>, <<0::1>>]))
    IO.inspect(:erlang.bitstring_to_list(<<1, 2, 3::4>>))
    IO.inspect(for <<bit::1 <- <<0xA5>> >>, do: bit)
    IO.inspect(<<-1::7>>)
  end
end
