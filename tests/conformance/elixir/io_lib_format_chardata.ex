# :io_lib.format returns chardata; flattening, ~p line breaking at 80 columns, ~s with binaries.
defmodule IoLibFormatChardata do
  def main do
    r = :io_lib.format("~p and ~s", [[1, 2], "bin"])
    IO.inspect(is_list(r))
    IO.inspect(:lists.flatten(r))
    IO.inspect(IO.chardata_to_string(:io_lib.format("~ts", ["ünï"])))
    long = for i <- 1..25, do: {:item, i}
    IO.puts(:io_lib.format("~p", [long]))
    IO.puts(:io_lib.format("~p", [%{list: Enum.to_list(1..40), name: "a long string value here"}]))
    IO.puts(:io_lib.format("~80p", [{:nested, [1, 2, {:a, :b}], "str", ~c"chars"}]))
    IO.inspect(:io_lib.write([1, {2}]) |> :lists.flatten())
    IO.inspect(:io_lib.print(:abc) |> :lists.flatten())
    IO.inspect(:io_lib.char_list(~c"abc"))
    IO.inspect(:io_lib.write_atom(:"needs quotes") |> :lists.flatten())
    IO.inspect(:io_lib.write_string(~c"q\"s") |> :lists.flatten())
  end
end
