# Enum.find/find_index/find_value, any?/all?, member?, empty?, count.
defmodule EnumFindAnyAll do
  def main do
    l = [3, 8, 12, 5, 20]
    IO.inspect(Enum.find(l, &(&1 > 10)))
    IO.inspect(Enum.find(l, :none, &(&1 > 100)))
    IO.inspect(Enum.find_index(l, &(&1 == 5)))
    IO.inspect(Enum.find_value(l, fn x -> if x > 7, do: x * 10 end))
    IO.inspect({Enum.any?(l, &(&1 > 15)), Enum.all?(l, &(&1 > 2)), Enum.all?([]), Enum.any?([])})
    IO.inspect(Enum.any?([false, nil, 0]))
    IO.inspect({Enum.member?(l, 12), Enum.member?(1..10, 11), 5 in l})
    IO.inspect({Enum.empty?([]), Enum.empty?(%{}), Enum.empty?(1..0//1)})
    IO.inspect(Enum.count(%{a: 1, b: 2}))
  end
end
