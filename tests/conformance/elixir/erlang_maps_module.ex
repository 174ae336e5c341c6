# The :maps module: fold, map, filter, with, without, from_list, iterator/next, groups_from_list-free.
defmodule ErlangMapsModule do
  def walk(:none, acc), do: Enum.reverse(acc)
  def walk({k, v, it}, acc), do: walk(:maps.next(it), [{k, v} | acc])

  def main do
    m = :maps.from_list([{:a, 1}, {:b, 2}, {:c, 3}])
    IO.inspect(:maps.fold(fn k, v, acc -> [{k, v} | acc] end, [], m))
    IO.inspect(:maps.map(fn _k, v -> v * 10 end, m))
    IO.inspect(:maps.filter(fn _k, v -> v > 1 end, m))
    IO.inspect(:maps.with([:a, :c, :z], m))
    IO.inspect(:maps.without([:a], m))
    IO.inspect(:maps.get(:z, m, :default))
    IO.inspect(:maps.find(:b, m))
    IO.inspect(:maps.update_with(:a, &(&1 + 100), m))
    IO.inspect(:maps.merge_with(fn _k, a, b -> a + b end, m, %{a: 5, d: 4}))
    IO.inspect(walk(:maps.next(:maps.iterator(m)), []))
    big = :maps.from_list(for i <- 1..40, do: {i * 3, i})
    IO.inspect(walk(:maps.next(:maps.iterator(big)), []) |> Enum.take(12))
    IO.inspect(:maps.fold(fn k, _v, acc -> [k | acc] end, [], big))
    IO.inspect(:maps.to_list(big) |> Enum.take(6))
    IO.inspect(:maps.keys(:maps.from_keys([1, 2], 0)))
  end
end
