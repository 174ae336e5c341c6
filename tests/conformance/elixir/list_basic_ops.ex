# Core list operations: ++, --, hd/tl, length, in, List module helpers.
defmodule ListBasicOps do
  def main do
    l = [3, 1, 4, 1, 5, 9, 2, 6]
    IO.inspect(l ++ [7])
    IO.inspect(l -- [1, 9, 42])
    IO.inspect({hd(l), tl(l), length(l)})
    IO.inspect(4 in l)
    IO.inspect(List.flatten([1, [2, [3, [4, []]], 5]]))
    IO.inspect(List.delete(l, 1))
    IO.inspect(List.insert_at(l, 2, :x))
    IO.inspect(List.insert_at(l, -1, :end))
    IO.inspect(List.replace_at(l, 0, :first))
    IO.inspect(List.update_at(l, 1, &(&1 * 100)))
    IO.inspect(List.delete_at(l, -2))
    IO.inspect({List.first(l), List.last(l), List.first([])})
    IO.inspect(List.duplicate(:ab, 3))
    IO.inspect(List.wrap(nil))
    IO.inspect(List.wrap([1]))
    IO.inspect(List.zip([[1, 2, 3], [:a, :b, :c]]))
    IO.inspect(List.foldl(l, 0, &(&1 + &2)))
    IO.inspect(List.pop_at(l, 3))
    IO.inspect(List.starts_with?(l, [3, 1]))
  end
end
