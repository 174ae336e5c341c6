# Enum.scan, dedup, uniq, intersperse, concat, flat_map, shuffle-free reversal helpers.
defmodule EnumScanDedupUniq do
  def main do
    IO.inspect(Enum.scan(1..6, &+/2))
    IO.inspect(Enum.scan(1..5, 100, &(&1 * &2)))
    IO.inspect(Enum.dedup([1, 1, 2, 2, 2, 1, 3, 3]))
    IO.inspect(Enum.uniq([3, 1, 3, 2, 1, 1.0]))
    IO.inspect(Enum.intersperse([1, 2, 3], :sep))
    IO.inspect(Enum.concat([[1], [2, 3], []]))
    IO.inspect(Enum.concat(1..3, [:x]))
    IO.inspect(Enum.flat_map([1, 2, 3], &List.duplicate(&1, &1)))
    IO.inspect(Enum.reverse(1..5, [:tail]))
    IO.inspect(Enum.map_intersperse([1, 2, 3], ", ", &(&1 * 10)))
  end
end
