# A custom Collectable makes Enum.into and for ... into: fill a struct.
defmodule ProtocolCollectableCustom.Bag do
  defstruct items: [], count: 0
end

defimpl Collectable, for: ProtocolCollectableCustom.Bag do
  def into(bag) do
    collector = fn
      acc, {:cont, x} -> %{acc | items: [x | acc.items], count: acc.count + 1}
      acc, :done -> %{acc | items: Enum.reverse(acc.items)}
      _acc, :halt -> :ok
    end
    {bag, collector}
  end
end

defmodule ProtocolCollectableCustom do
  alias ProtocolCollectableCustom.Bag

  def main do
    IO.inspect(Enum.into([1, 2, 3], %Bag{}))
    IO.inspect(for x <- 1..4, into: %Bag{count: 10}, do: x * x)
    IO.inspect(Enum.into([a: 1], %{b: 2}))
    IO.inspect(Enum.into(["x", "y"], "start:"))
    IO.inspect(Enum.into(%{k: 1}, []))
    IO.inspect(Map.new([{1, 2}]) |> Enum.into(MapSet.new()))
  end
end
