# Tuple-list helpers: List.keyfind/keystore/keydelete/keysort/keyreplace/keytake.
defmodule ListKeyfunctions do
  def main do
    l = [{:b, 2}, {:a, 1}, {:c, 3}, {:a, 10}]
    IO.inspect(List.keyfind(l, :a, 0))
    IO.inspect(List.keyfind(l, 3, 1))
    IO.inspect(List.keyfind(l, :z, 0, :none))
    IO.inspect(List.keymember?(l, :c, 0))
    IO.inspect(List.keystore(l, :a, 0, {:a, 99}))
    IO.inspect(List.keystore(l, :d, 0, {:d, 4}))
    IO.inspect(List.keydelete(l, :a, 0))
    IO.inspect(List.keysort(l, 0))
    IO.inspect(List.keysort(l, 1))
    IO.inspect(List.keyreplace(l, :c, 0, {:c, 33}))
    IO.inspect(List.keytake(l, :b, 0))
  end
end
