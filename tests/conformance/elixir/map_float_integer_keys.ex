# 1 and 1.0 are different map keys (matching is exact); ordering of numeric keys.
defmodule MapFloatIntegerKeys do
  def main do
    m = %{1 => :int, 1.0 => :float, 2 => :two, 0.5 => :half, -0.0 => :negzero}
    IO.inspect(m)
    IO.inspect({m[1], m[1.0], Map.get(m, 2.0)})
    IO.inspect(Map.keys(m))
    IO.inspect(map_size(Map.put(m, 2.0, :two_float)))
    large = Map.new(Enum.flat_map(1..20, fn i -> [{i, :i}, {i * 1.0, :f}] end))
    IO.inspect(Map.keys(large), limit: :infinity)
  end
end
