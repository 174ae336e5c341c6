# Bit-syntax construction: sizes, units, endianness, signedness, truncation of big values.
defmodule BinaryConstructSegments do
  def main do
    n = 0x12345678
    IO.inspect(<<n::32>>)
    IO.inspect(<<n::32-little>>)
    IO.inspect(<<n::16>>)
    IO.inspect(<<-1::16>>)
    IO.inspect(<<-2::signed-24-little>>)
    IO.inspect(<<300::8>>)
    IO.inspect(<<1::4, 2::4, 3::8>>)
    IO.inspect(<<Integer.pow(2, 70) + 5::72>>)
    IO.inspect(<<Integer.pow(2, 70) + 5::72-little>>)
    IO.inspect(<<n::size(2)-unit(16)>>)
    IO.inspect(<<"abc", ?d, "é"::utf8, 0>>)
    abc = "abc"
    IO.inspect(<<abc::binary-size(2)>>)
    size = 3
    IO.inspect(<<7::size(size)-unit(8)>>)
    IO.inspect(<<1, 2, 3>> <> <<4>>)
    IO.inspect(byte_size(<<0::1000>>))
    IO.inspect(<<255::native-16>> == <<255::little-16>>)
  end
end
