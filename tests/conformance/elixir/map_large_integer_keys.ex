# Maps with more than 32 integer keys print and iterate in the VM's hash-trie order.
defmodule MapLargeIntegerKeys do
  def main do
    m = Map.new(1..100, fn i -> {i, i * i} end)
    IO.inspect(m, limit: :infinity)
    IO.inspect(Map.keys(m), limit: :infinity)
    IO.inspect(Enum.take(m, 5))
    m2 = Map.new([-5, 0, 1_000_000_007, Integer.pow(2, 40), -Integer.pow(2, 70) | Enum.to_list(200..240)], &{&1, true})
    IO.inspect(Map.keys(m2), limit: :infinity)
    IO.inspect(map_size(Map.drop(m, Enum.to_list(1..70))))
    IO.inspect(Map.drop(m, Enum.to_list(1..70)))
  end
end
