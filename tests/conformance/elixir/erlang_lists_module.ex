# The :lists module: seq, foldl/foldr, keysort, usort, zip, nth, sublist, flatten, split, mapfoldl.
defmodule ErlangListsModule do
  def main do
    IO.inspect(:lists.seq(1, 10, 3))
    IO.inspect(:lists.seq(10, 1, -4))
    IO.inspect(:lists.foldl(fn x, acc -> [x | acc] end, [], [1, 2, 3]))
    IO.inspect(:lists.foldr(fn x, acc -> [x | acc] end, [], [1, 2, 3]))
    IO.inspect(:lists.keysort(2, [{:a, 3}, {:b, 1}, {:c, 2}]))
    IO.inspect(:lists.usort([3, 1, 2, 3, 1]))
    IO.inspect(:lists.sort(fn a, b -> a >= b end, [1, 3, 2]))
    IO.inspect(:lists.zip([1, 2], [:a, :b]))
    IO.inspect(:lists.unzip3([{1, 2, 3}, {4, 5, 6}]))
    IO.inspect({:lists.nth(2, [:a, :b, :c]), :lists.last([1, 2])})
    IO.inspect(:lists.sublist([1, 2, 3, 4, 5], 2, 3))
    IO.inspect(:lists.flatten([1, [2, [3]], [[[]]]]))
    IO.inspect(:lists.split(2, [1, 2, 3, 4]))
    IO.inspect(:lists.mapfoldl(fn x, acc -> {x * 2, acc + x} end, 0, [1, 2, 3]))
    IO.inspect(:lists.duplicate(3, :z))
    IO.inspect(:lists.partition(&(&1 > 2), [1, 2, 3, 4]))
    IO.inspect(:lists.append([[1], [2, 3], []]))
    IO.inspect(:lists.subtract([1, 2, 3, 2], [2]))
    IO.inspect(:lists.max([1, 2.0, 3]))
    IO.inspect(:lists.member(2, [1, 2]))
    IO.inspect(:lists.filtermap(fn x -> if x > 1, do: {true, x * 10}, else: false end, [1, 2, 3]))
    IO.inspect(:lists.enumerate([:a, :b]))
  end
end
