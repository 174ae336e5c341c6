# Bitwise operators on small, negative and big integers, including shifts past 64 bits.
defmodule IntegerBitwiseOps do
  import Bitwise

  def main do
    xs = [0, 1, -1, 5, -6, 255, 0xFFFF_FFFF, -0x8000_0000_0000_0000, Integer.pow(2, 100) + 12345]
    for a <- xs do
      IO.puts("#{a}: band=#{band(a, 0xF0F0)} bor=#{bor(a, 3)} bxor=#{bxor(a, -1)} bnot=#{bnot(a)}")
      IO.puts("  bsl4=#{a <<< 4} bsl70=#{a <<< 70} bsr3=#{a >>> 3} bsr100=#{a >>> 100} bsl-2=#{a <<< -2}")
    end
    IO.puts(band(Integer.pow(2, 130) - 1, Integer.pow(2, 70) + 7))
    IO.puts(bxor(-Integer.pow(2, 90), Integer.pow(2, 89)))
  end
end
