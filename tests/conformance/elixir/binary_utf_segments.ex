# utf8/utf16/utf32 segments in construction and matching, both endiannesses.
defmodule BinaryUtfSegments do
  def main do
    for cp <- [?a, 0xE9, 0x65E5, 0x1F600] do
      IO.inspect({cp, <<cp::utf8>>, <<cp::utf16>>, <<cp::utf16-little>>, <<cp::utf32>>, <<cp::utf32-little>>})
    end
    <<c::utf16, rest::binary>> = <<0xD8, 0x3D, 0xDE, 0x00, 0, ?x>>
    IO.inspect({c, rest})
    <<d::utf32-little>> = <<0x00, 0xF6, 0x01, 0x00>>
    IO.inspect(d)
    IO.inspect(:unicode.characters_to_binary("héllo", :utf8, {:utf16, :big}))
    IO.inspect(:unicode.characters_to_binary(<<0, ?h, 0, 0xE9>>, {:utf16, :big}, :utf8))
    IO.inspect(for <<c::utf8 <- "añ日">>, do: c)
    IO.inspect(String.valid?(<<0xED, 0xA0, 0x80>>))
  end
end
