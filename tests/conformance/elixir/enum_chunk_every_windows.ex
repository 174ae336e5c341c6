# Enum.chunk_every with step and leftover, chunk_by, chunk_while, sliding windows.
defmodule EnumChunkEveryWindows do
  def main do
    l = Enum.to_list(1..10)
    IO.inspect(Enum.chunk_every(l, 3))
    IO.inspect(Enum.chunk_every(l, 3, 3, :discard))
    IO.inspect(Enum.chunk_every(l, 3, 2, [:pad]))
    IO.inspect(Enum.chunk_every(l, 2, 3))
    IO.inspect(Enum.chunk_by([1, 1, 2, 3, 3, 3, 1], & &1))
    IO.inspect(Enum.chunk_by(~w(a b 1 2 c), &(&1 =~ ~r/\d/)))
    IO.inspect(Enum.chunk_while(l, [], fn x, acc ->
      if rem(x, 4) == 0, do: {:cont, Enum.reverse([x | acc]), []}, else: {:cont, [x | acc]}
    end, fn
      [] -> {:cont, []}
      acc -> {:cont, Enum.reverse(acc), []}
    end))
    IO.inspect(Enum.chunk_every(l, 4, 1, :discard) |> Enum.map(&Enum.sum/1))
  end
end
