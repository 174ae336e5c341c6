# Charlists: printable vs non-printable inspect, ~c sigil, List functions on charlists.
defmodule CharlistBasics do
  def main do
    IO.inspect(~c"hello")
    IO.inspect([104, 105])
    IO.inspect([104, 105, 0])
    IO.inspect([1, 2, 3])
    IO.inspect(~c"héllo")
    IO.inspect([0x65E5, 0x672C])
    IO.inspect(~c"hello", charlists: :as_lists)
    IO.inspect([7, 8, 9, 10, 13], charlists: :as_charlists)
    IO.inspect(~c"abc" ++ ~c"def")
    IO.inspect(Enum.reverse(~c"stressed"))
    IO.inspect(List.to_integer(~c"123"))
    IO.inspect(is_list(~c"x"))
    IO.puts(~c"printed with puts")
  end
end
