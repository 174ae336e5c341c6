# A word-frequency pipeline mixing Stream and Enum over generated text lines.
defmodule StreamResourceFreePipeline do
  def main do
    words = ~w(alpha beta gamma delta epsilon zeta eta theta)
    lines = Stream.iterate(0, &(&1 + 1))
      |> Stream.map(fn i -> Enum.map(0..(rem(i, 5) + 1), &Enum.at(words, rem(i * 3 + &1 * 7, 8))) |> Enum.join(" ") end)
      |> Stream.take(2000)
    freq = lines
      |> Stream.flat_map(&String.split/1)
      |> Enum.reduce(%{}, fn w, acc -> Map.update(acc, w, 1, &(&1 + 1)) end)
    IO.inspect(freq)
    IO.inspect(freq |> Enum.sort_by(fn {w, c} -> {-c, w} end) |> Enum.take(3))
    IO.inspect(lines |> Stream.with_index() |> Stream.filter(fn {_, i} -> rem(i, 500) == 0 end) |> Enum.to_list())
  end
end
