# String.reverse keeps grapheme clusters together; next_grapheme and chunking.
defmodule StringReverseGraphemes do
  def main do
    for s <- ["abc", "héllo", "e\u0301a", "👍🏽ok", "🇯🇵🇺🇸", "ab\r\ncd"] do
      IO.puts("#{inspect(s)} -> #{inspect(String.reverse(s))}")
    end
    IO.inspect(String.next_grapheme("e\u0301xyz"))
    IO.inspect(String.next_codepoint("日本"))
    IO.inspect(String.chunk("abc123def", :printable))
    IO.inspect(String.chunk(<<?a, 0, ?b>>, :valid))
  end
end
