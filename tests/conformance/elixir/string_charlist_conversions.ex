# Conversions between strings, charlists, and iodata; to_string of many types.
defmodule StringCharlistConversions do
  def main do
    IO.inspect(String.to_charlist("héllo"))
    IO.inspect(List.to_string([104, 233, "llo", [?!, ~c"?"]]))
    IO.inspect(to_string(:atom))
    IO.inspect(to_string(123))
    IO.inspect(to_string(1.5))
    IO.inspect(to_string(~c"chars"))
    IO.inspect(IO.iodata_to_binary(["a", ?b, [~c"cd", "e"], <<?f>>]))
    IO.inspect(IO.iodata_length(["ab", [?c, "de"]]))
    IO.inspect(IO.chardata_to_string([?日, "本"]))
    IO.inspect(:unicode.characters_to_list("日本"))
    IO.inspect(String.to_charlist("") == [])
  end
end
