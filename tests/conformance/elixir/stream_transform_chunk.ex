# Stream.transform, chunk_every, chunk_while, scan, dedup, take_while, concat and flat_map.
defmodule StreamTransformChunk do
  def main do
    IO.inspect(Stream.transform(1..10, 0, fn x, acc ->
      if acc + x > 20, do: {:halt, acc}, else: {[{x, acc + x}], acc + x}
    end) |> Enum.to_list())
    IO.inspect(Stream.chunk_every(1..7, 3) |> Enum.to_list())
    IO.inspect(Stream.scan(1..5, &*/2) |> Enum.to_list())
    IO.inspect(Stream.dedup([1, 1, 2, 1]) |> Enum.to_list())
    IO.inspect(Stream.take_while(1..100, &(&1 < 5)) |> Enum.to_list())
    IO.inspect(Stream.concat([1..2, [:a], 3..4]) |> Enum.to_list())
    IO.inspect(Stream.flat_map(1..3, &[&1, &1]) |> Enum.take(4))
    IO.inspect(Stream.uniq([1, 2, 1, 3, 2]) |> Enum.to_list())
    IO.inspect(Stream.intersperse(1..3, 0) |> Enum.to_list())
    IO.inspect(Stream.map_every(1..6, 2, &(&1 * 100)) |> Enum.to_list())
  end
end
