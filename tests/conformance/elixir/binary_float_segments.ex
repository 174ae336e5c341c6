# Float segments: 16, 32 and 64 bits, both endiannesses, and matching floats out of binaries.
defmodule BinaryFloatSegments do
  def main do
    for f <- [1.5, -0.1, 3.0e38, 1.0e-5, 0.0] do
      IO.inspect({<<f::float>>, <<f::float-32>>, <<f::float-little-64>>})
    end
    <<a::float-32, b::float-little>> = <<63, 192, 0, 0, 0, 0, 0, 0, 0, 0, 4, 64>>
    IO.inspect({a, b})
    IO.inspect(<<1::float-16>>)
    <<h::float-16>> = <<0x3C, 0x00>>
    IO.inspect(h)
    IO.inspect(<<3::float>>)
    IO.inspect(match?(<<_::float>>, <<0x7F, 0xF0, 0, 0, 0, 0, 0, 0>>))
  end
end
