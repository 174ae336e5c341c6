# Enum.take/drop (negative counts), take_while/drop_while, split, split_while, slice, take_every.
defmodule EnumTakeDropSplit do
  def main do
    l = Enum.to_list(1..10)
    IO.inspect({Enum.take(l, 3), Enum.take(l, -3), Enum.take(l, 0)})
    IO.inspect({Enum.drop(l, 7), Enum.drop(l, -7)})
    IO.inspect(Enum.take_while(l, &(&1 < 4)))
    IO.inspect(Enum.drop_while(l, &(&1 < 8)))
    IO.inspect(Enum.split(l, 4))
    IO.inspect(Enum.split(l, -2))
    IO.inspect(Enum.split_while(l, &(&1 != 5)))
    IO.inspect(Enum.slice(l, 2, 3))
    IO.inspect(Enum.slice(l, 2..-2))
    IO.inspect(Enum.slice(l, -3..-1))
    IO.inspect(Enum.take_every(l, 3))
    IO.inspect(Enum.drop_every(l, 4))
    IO.inspect(Enum.reverse_slice(l, 2, 4))
    IO.inspect(Enum.slide(l, 0, 5))
  end
end
