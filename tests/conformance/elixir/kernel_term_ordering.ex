# The standard term order: number < atom < reference < fun < port < pid < tuple < map < list < bitstring.
defmodule KernelTermOrdering do
  def main do
    terms = ["bin", [1], %{a: 1}, {1, 2}, :atom, 42, 3.5, [], {}, %{}, <<1::1>>, nil, -1, Integer.pow(10, 30)]
    IO.inspect(Enum.sort(terms))
    IO.inspect(Enum.sort(terms, :desc))
    IO.inspect(1 < :a and :a < {} and {} < %{} and %{} < [] and [] < "")
    IO.inspect(fn -> 1 end < {})
    IO.inspect([1, 2] < [1, 3] and [1] < [1, 0] and [2] > [1, 9])
    IO.inspect("abc" < "abd" and "ab" < "abc" and <<1::1>> < <<1>>)
    IO.inspect(%{b: 1} < %{a: 1, b: 0})
    IO.inspect(%{1 => :a} < %{1.0 => :a})
    IO.inspect(Enum.sort([%{a: 2}, %{a: 1, b: 1}, %{b: 0}, %{a: 1}]))
    IO.inspect(max(:zzz, 0) == :zzz and min([], {}) == {})
  end
end
