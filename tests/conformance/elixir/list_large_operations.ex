# Operations on million-element lists: reverse, length, ++, Enum.sum, List.flatten, zip.
defmodule ListLargeOperations do
  def main do
    l = Enum.to_list(1..1_000_000)
    r = Enum.reverse(l)
    IO.inspect({length(r), hd(r), List.last(r)})
    IO.inspect(Enum.sum(l ++ r))
    IO.inspect(length(List.flatten(Enum.map(1..100_000, &[&1, [&1]]))))
    IO.inspect(Enum.zip(l, r) |> Enum.take(2))
    IO.inspect(:lists.nth(500_000, l))
    IO.inspect(Enum.to_list(1..2000) -- Enum.to_list(3..2000))
  end
end
