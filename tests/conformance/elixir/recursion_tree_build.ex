# Build and traverse a binary tree recursively (tuples), depth-first and with folds.
defmodule RecursionTreeBuild do
  def build(0), do: :leaf
  def build(d), do: {:node, d, build(d - 1), build(d - 1)}

  def count(:leaf), do: 0
  def count({:node, _, l, r}), do: 1 + count(l) + count(r)

  def sum(:leaf), do: 0
  def sum({:node, v, l, r}), do: v + sum(l) + sum(r)

  def insert(:leaf, k), do: {:node, k, :leaf, :leaf}
  def insert({:node, v, l, r}, k) when k < v, do: {:node, v, insert(l, k), r}
  def insert({:node, v, l, r}, k) when k > v, do: {:node, v, l, insert(r, k)}
  def insert(t, _), do: t

  def to_list(:leaf), do: []
  def to_list({:node, v, l, r}), do: to_list(l) ++ [v] ++ to_list(r)

  def main do
    t = build(18)
    IO.inspect({count(t), sum(t)})
    keys = Enum.map(1..2000, fn i -> rem(i * 7919, 2003) end)
    bst = Enum.reduce(keys, :leaf, &insert(&2, &1))
    l = to_list(bst)
    IO.inspect({length(l), Enum.take(l, 5), l == Enum.sort(Enum.uniq(keys))})
  end
end
