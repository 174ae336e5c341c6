# Bit-syntax matching: fixed and variable sizes, signed/unsigned, endianness, rest binaries.
defmodule BinaryMatchSegments do
  def parse(<<len::8, payload::binary-size(len), rest::binary>>), do: {payload, rest}

  def main do
    <<a::16, b::signed-16, c::little-32, rest::binary>> = <<0xFF, 0xFE, 0xFF, 0xFE, 1, 0, 0, 0, "tail">>
    IO.inspect({a, b, c, rest})
    IO.inspect(parse(<<3, "abcdef">>))
    <<x::signed-little-40>> = <<0, 0, 0, 0, 0x80>>
    IO.inspect(x)
    <<big::unsigned-big-integer-size(80)>> = :binary.copy(<<0xFF>>, 10)
    IO.inspect(big)
    <<h::binary-size(2), _::binary-size(1), t::bits>> = "hello"
    IO.inspect({h, t})
    case <<1, 2, 3, 4>> do
      <<1, n, _::binary>> when n > 5 -> IO.inspect(:big)
      <<1, n, _::binary>> -> IO.inspect({:small, n})
    end
    IO.inspect(match?(<<_::8, _::8>>, <<1, 2, 3>>))
    <<first::utf8, more::binary>> = "éa"
    IO.inspect({first, more})
  end
end
