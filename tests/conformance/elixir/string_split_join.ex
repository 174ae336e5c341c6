# String.split variants (default whitespace, patterns, parts, trim), splitter, join.
defmodule StringSplitJoin do
  def main do
    IO.inspect(String.split("  a b\tc\n d  "))
    IO.inspect(String.split("a,b,,c,", ","))
    IO.inspect(String.split("a,b,,c,", ",", trim: true))
    IO.inspect(String.split("a,b,c,d", ",", parts: 2))
    IO.inspect(String.split("a-b_c", ["-", "_"]))
    IO.inspect(String.split("abc", ""))
    IO.inspect(String.split("héllo wörld", "ö"))
    IO.inspect(String.split_at("héllo", 2))
    IO.inspect(String.split_at("héllo", -1))
    IO.inspect("a b c" |> String.splitter(" ") |> Enum.to_list())
    IO.inspect(Enum.join(["x", "y", "z"], ", "))
    IO.inspect(Enum.join([1, :two, "three", 4.0]))
    IO.inspect(Enum.map_join(1..5, "-", &(&1 * &1)))
  end
end
