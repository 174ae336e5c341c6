# for comprehensions: multiple generators, filters, pattern generators, into: maps and strings.
defmodule ComprehensionFiltersInto do
  def main do
    IO.inspect(for x <- 1..4, y <- 1..x, rem(x + y, 2) == 0, do: {x, y})
    IO.inspect(for {:ok, v} <- [{:ok, 1}, {:error, 2}, {:ok, 3}], do: v)
    IO.inspect(for {k, v} <- [a: 1, b: 2], into: %{}, do: {v, k})
    IO.inspect(for x <- ~w(a b c), into: "", do: String.upcase(x))
    IO.inspect(for x <- 1..3, into: %{z: 0}, do: {x, x * x})
    IO.inspect(for x <- [1, 2, 3], y = x * 10, y > 10, do: y)
    IO.inspect(for <<c <- "abc">>, x <- [1, 2], do: {c, x})
    IO.inspect(for x <- [], do: x)
    IO.inspect(for i <- 1..3, j <- [i], do: i + j)
  end
end
