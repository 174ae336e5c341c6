# inspect :limit and :printable_limit truncation on lists, tuples, maps, binaries and charlists.
defmodule InspectLimits do
  def main do
    IO.puts(inspect(Enum.to_list(1..100)))
    IO.puts(inspect(Enum.to_list(1..100), limit: 3))
    IO.puts(inspect(List.to_tuple(Enum.to_list(1..10)), limit: 4))
    IO.puts(inspect(Map.new(1..10, &{&1, &1}), limit: 2))
    IO.puts(inspect(String.duplicate("abc", 1000)) |> String.length())
    IO.puts(inspect(String.duplicate("abc", 10), printable_limit: 5))
    IO.puts(inspect(:binary.copy(<<1>>, 60), limit: 10))
    IO.puts(inspect(~c"abcdefghij", printable_limit: 4))
    IO.puts(inspect([[1, 2, 3], [4, 5, 6]], limit: 4))
    IO.puts(inspect(%{a: [1, 2, 3, 4, 5]}, limit: 3))
  end
end
