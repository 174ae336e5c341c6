# Tuple operations: elem, put_elem, Tuple.append/insert_at/delete_at/duplicate, sizes.
defmodule TupleFunctions do
  def main do
    t = {:a, 1, "two", [3]}
    IO.inspect({elem(t, 0), elem(t, 3), tuple_size(t)})
    IO.inspect(put_elem(t, 1, :one))
    IO.inspect(Tuple.append(t, :end))
    IO.inspect(Tuple.insert_at(t, 0, :start))
    IO.inspect(Tuple.delete_at(t, 2))
    IO.inspect(Tuple.duplicate(0, 5))
    IO.inspect(Tuple.to_list(t))
    IO.inspect(List.to_tuple([1, 2, 3]))
    IO.inspect({})
    IO.inspect(:erlang.make_tuple(3, :x, [{2, :y}]))
    IO.inspect(Tuple.product({2, 3, 4}))
    IO.inspect(Tuple.sum({1, 2.5}))
    big = List.to_tuple(Enum.to_list(1..1000))
    IO.inspect({tuple_size(big), elem(big, 999), elem(big, 499)})
  end
end
