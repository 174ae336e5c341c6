# Small maps: literal syntax, access, Map.get/fetch/has_key?, mixed key types print sorted.
defmodule MapSmallBasic do
  def main do
    m = %{"b" => 2, :a => 1, 3 => :three, {1, 2} => :tuple, 1.5 => :float, [1] => :list}
    IO.inspect(m)
    IO.inspect(%{a: 1, b: 2}.a)
    IO.inspect(m[:a])
    IO.inspect(m["missing"])
    IO.inspect(Map.get(m, 3))
    IO.inspect(Map.get(m, :zz, :default))
    IO.inspect(Map.fetch(m, {1, 2}))
    IO.inspect(Map.fetch(m, :nope))
    IO.inspect(Map.has_key?(m, 1.5))
    IO.inspect(map_size(m))
    IO.inspect(Map.keys(m))
    IO.inspect(Map.values(m))
    IO.inspect(%{1 => :int, 1.0 => :float})
    IO.inspect(Map.to_list(%{z: 1, a: 2, m: 3}))
  end
end
