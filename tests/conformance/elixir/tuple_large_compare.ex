# Tuple comparison: size first, then element by element; sorting tuples.
defmodule TupleLargeCompare do
  def main do
    IO.inspect({1, 2} < {1, 2, 0})
    IO.inspect({2} < {1, 1})
    IO.inspect({1, :a} < {1, :b})
    IO.inspect({1, 2.0} == {1, 2})
    IO.inspect({1, 2.0} === {1, 2})
    IO.inspect(Enum.sort([{3, :c}, {1, :z}, {2}, {1, :a}, {}, {0, 0, 0}]))
    IO.inspect(Enum.max([{1, 2}, {1, 3}, {0, 9}]))
  end
end
