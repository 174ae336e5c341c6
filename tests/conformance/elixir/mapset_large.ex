# A MapSet of more than 32 integers and of binaries iterates in the VM's large-map order.
defmodule MapsetLarge do
  def main do
    s = MapSet.new(1..50)
    IO.inspect(s, limit: :infinity)
    IO.inspect(MapSet.to_list(s) |> Enum.take(10))
    w = MapSet.new(for i <- 1..40, do: "w#{i * 37}")
    IO.inspect(Enum.to_list(w), limit: :infinity)
    IO.inspect(MapSet.union(s, MapSet.new(40..80)) |> Enum.take(20))
  end
end
