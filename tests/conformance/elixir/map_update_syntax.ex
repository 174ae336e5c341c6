# Map update: %{m | k => v}, Map.put/put_new/update/update!/replace!/delete/pop.
defmodule MapUpdateSyntax do
  def main do
    m = %{a: 1, b: 2}
    IO.inspect(%{m | a: 10})
    IO.inspect(Map.put(m, :c, 3))
    IO.inspect(Map.put_new(m, :a, 99))
    IO.inspect(Map.put_new_lazy(m, :d, fn -> 4 end))
    IO.inspect(Map.update(m, :a, 0, &(&1 + 1)))
    IO.inspect(Map.update(m, :z, 0, &(&1 + 1)))
    IO.inspect(Map.update!(m, :b, &(&1 * 10)))
    IO.inspect(Map.replace(m, :zz, 1))
    IO.inspect(Map.delete(m, :a))
    IO.inspect(Map.pop(m, :b))
    IO.inspect(Map.pop(m, :q, :none))
    IO.inspect(Map.get_and_update(m, :a, fn v -> {v, v * 2} end))
    IO.inspect(Map.take(m, [:a, :q]))
    IO.inspect(Map.drop(m, [:a]))
    IO.inspect(Map.split(%{a: 1, b: 2, c: 3}, [:a, :c]))
    IO.inspect(Map.filter(%{a: 1, b: 2, c: 3}, fn {_k, v} -> v > 1 end))
    IO.inspect(Map.new([{:x, 1}, {:y, 2}], fn {k, v} -> {v, k} end))
  end
end
