# Guards with and/or/not, when-chains (multiple when clauses), and failing sub-guards.
defmodule GuardCombinations do
  def check(x) when is_integer(x) and (x < 0 or x > 100), do: :out_of_range
  def check(x) when not is_integer(x), do: :not_integer
  def check(x) when x == 0 when x == 100, do: :edge
  def check(_), do: :in_range

  def safe(x) when length(x) > 0 or is_atom(x), do: :matched
  def safe(_), do: :fell_through

  def main do
    IO.inspect(Enum.map([-1, 101, "x", 0, 100, 50, 1.5], &check/1))
    IO.inspect(Enum.map([[1], :a, 5, []], &safe/1))
    IO.inspect(Enum.filter(1..30, fn x -> rem(x, 3) == 0 and rem(x, 5) != 0 end))
  end
end
