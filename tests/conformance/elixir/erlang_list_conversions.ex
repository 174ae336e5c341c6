# :erlang conversions: list_to_integer with bases, binary_to_integer, atom/list/tuple/binary conversions.
defmodule ErlangListConversions do
  def main do
    IO.inspect(:erlang.list_to_integer(~c"-123"))
    IO.inspect(:erlang.list_to_integer(~c"ff", 16))
    IO.inspect(:erlang.binary_to_integer("777", 8))
    IO.inspect(:erlang.binary_to_integer("123456789012345678901234567890"))
    IO.inspect(:erlang.integer_to_list(255, 2))
    IO.inspect(:erlang.atom_to_list(:hello))
    IO.inspect(:erlang.list_to_atom(~c"made_up"))
    IO.inspect(:erlang.tuple_to_list({1, {2}}))
    IO.inspect(:erlang.list_to_tuple([1, [2]]))
    IO.inspect(:erlang.binary_to_list("abc", 2, 3))
    IO.inspect(:erlang.list_to_binary([1, [2, <<3>>], "4"]))
    IO.inspect(:erlang.iolist_to_binary([?a, ["bc", [?d]]]))
    IO.inspect(:erlang.iolist_size([?a, ["bc", [?d]]]))
    IO.inspect(:erlang.float_to_list(1.25))
    IO.inspect(:erlang.list_to_float(~c"1.25e2"))
    IO.inspect(:erlang.integer_to_binary(-42))
    IO.inspect(:erlang.binary_to_atom("from_bin", :utf8))
    IO.inspect(:erlang.split_binary("abcdef", 2))
  end
end
