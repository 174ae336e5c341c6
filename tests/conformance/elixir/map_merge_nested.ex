# Map.merge with and without a resolver, deep nested maps, equality of maps.
defmodule MapMergeNested do
  def deep_merge(a, b) do
    Map.merge(a, b, fn
      _k, %{} = x, %{} = y -> deep_merge(x, y)
      _k, _x, y -> y
    end)
  end

  def main do
    a = %{name: "a", cfg: %{x: 1, nested: %{p: 1, q: 2}}, list: [1]}
    b = %{cfg: %{y: 2, nested: %{q: 20, r: 30}}, list: [2]}
    IO.inspect(Map.merge(a, b))
    IO.inspect(deep_merge(a, b))
    IO.inspect(Map.merge(%{a: 1, b: 2}, %{b: 3, c: 4}, fn _k, v1, v2 -> v1 + v2 end))
    IO.inspect(%{a: 1, b: %{c: 2}} == %{b: %{c: 2}, a: 1})
    IO.inspect(%{a: 1} == %{a: 1.0})
    IO.inspect(%{a: 1} < %{a: 2})
    IO.inspect(%{b: 1} > %{a: 1, c: 0})
  end
end
