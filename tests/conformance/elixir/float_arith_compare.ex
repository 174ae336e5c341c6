# Float arithmetic, int/float comparison (== vs ===), and negative zero.
defmodule FloatArithCompare do
  def main do
    IO.inspect(1 == 1.0)
    IO.inspect(1 === 1.0)
    IO.inspect(1 < 1.5)
    IO.inspect(2 > 1.9999999)
    IO.inspect(0.0 == -0.0)
    IO.inspect(Enum.sort([3, 1.0, 2, 1, 0.5, -0.0, 0]))
    IO.inspect(10 / 4)
    IO.inspect(:math.sqrt(2) * :math.sqrt(2))
    IO.inspect(0.1 * 3)
    IO.inspect(1.0e16 + 1.0)
    IO.inspect(Integer.pow(2, 70) * 1.0)
    IO.inspect(Integer.pow(2, 70) == Integer.pow(2, 70) * 1.0)
    IO.inspect(max(1, 1.0))
    IO.inspect(min(1, 1.0))
    IO.inspect(-0.0 * 1)
  end
end
