# Large maps keyed by binaries: printing order, Map.to_list, Enum.map over the map.
defmodule MapLargeBinaryKeys do
  def main do
    words = for i <- 1..60, do: "key#{i}"
    m = Map.new(Enum.with_index(words))
    IO.inspect(m, limit: :infinity)
    IO.inspect(Enum.map(m, fn {k, v} -> "#{k}=#{v}" end) |> Enum.take(10))
    IO.inspect(Map.values(m), limit: :infinity)
    IO.inspect(Map.to_list(Map.new(["", "a", "ab", "日本", <<0>>, <<255>>] ++ Enum.map(1..40, &Integer.to_string/1), &{&1, byte_size(&1)})), limit: :infinity)
  end
end
