# Unicode charlists: inspect shows them as charlists only when printable, conversions to strings.
defmodule CharlistUnicodeInspect do
  def main do
    IO.inspect(~c"héllo wörld")
    IO.inspect(~c"日本語")
    IO.inspect([0x1F600])
    IO.inspect([0xD800])
    IO.inspect(List.to_string(~c"日本語"))
    IO.inspect(String.to_charlist("🎉") |> length())
    IO.inspect(:unicode.characters_to_binary([0x65E5, 0x672C]))
    IO.inspect(Enum.map(~c"aé日", &(&1)))
  end
end
