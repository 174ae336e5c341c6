# MapSet: new, put, delete, union/intersection/difference, subset?, inspect, sizes.
defmodule MapsetOperations do
  def main do
    a = MapSet.new([1, 2, 3, 4])
    b = MapSet.new([3, 4, 5])
    IO.inspect(a)
    IO.inspect(MapSet.union(a, b))
    IO.inspect(MapSet.intersection(a, b))
    IO.inspect(MapSet.difference(a, b))
    IO.inspect(MapSet.symmetric_difference(a, b))
    IO.inspect(MapSet.subset?(MapSet.new([1, 2]), a))
    IO.inspect(MapSet.disjoint?(a, MapSet.new([9])))
    IO.inspect(MapSet.put(a, 2) |> MapSet.size())
    IO.inspect(MapSet.delete(a, 1) |> MapSet.to_list())
    IO.inspect(MapSet.member?(b, 5))
    IO.inspect(MapSet.new([:b, "a", 1, {1}]))
    IO.inspect(MapSet.new(1..5, &(&1 * &1)))
    IO.inspect(Enum.map(MapSet.new([3, 1, 2]), &(&1 * 10)))
    IO.inspect(MapSet.equal?(MapSet.new([1, 2]), MapSet.new([2, 1])))
  end
end
