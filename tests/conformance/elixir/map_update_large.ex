# Updating, deleting and merging maps that cross the 32-key boundary in both directions.
defmodule MapUpdateLarge do
  def main do
    m = Map.new(1..32, &{&1, 0})
    IO.inspect(Map.keys(m), limit: :infinity)
    m33 = Map.put(m, 33, 0)
    IO.inspect(Map.keys(m33), limit: :infinity)
    back = Map.delete(m33, 1)
    IO.inspect(Map.keys(back), limit: :infinity)
    upd = Enum.reduce(1..33, m33, fn k, acc -> %{acc | k => k * 3} end)
    IO.inspect(upd, limit: :infinity)
    merged = Map.merge(Map.new(1..20, &{&1, :a}), Map.new(15..40, &{&1, :b}))
    IO.inspect(merged, limit: :infinity)
    IO.inspect(Map.merge(merged, Map.new(1..40, &{&1, 1}), fn _k, v1, v2 -> {v1, v2} end) |> Map.to_list() |> Enum.take(8))
  end
end
