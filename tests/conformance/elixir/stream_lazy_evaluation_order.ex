# Streams are lazy: elements flow one at a time through the whole pipeline, only as demanded.
defmodule StreamLazyEvaluationOrder do
  def main do
    s = 1..5
      |> Stream.map(fn x -> IO.puts("map #{x}"); x * 2 end)
      |> Stream.filter(fn x -> IO.puts("filter #{x}"); rem(x, 4) == 0 end)
    IO.puts("nothing ran yet")
    IO.inspect(Enum.take(s, 1))
    IO.inspect(Enum.to_list(s))
    Stream.each([:a, :b], &IO.inspect/1) |> Stream.run()
    IO.inspect(Stream.with_index([:x, :y]) |> Enum.to_list())
    IO.inspect(Stream.zip(1..3, Stream.cycle([:a, :b])) |> Enum.to_list())
  end
end
