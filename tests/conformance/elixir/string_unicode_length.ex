# String.length (graphemes) vs byte_size vs codepoint count on multibyte text.
defmodule StringUnicodeLength do
  def main do
    for s <- ["hello", "héllo", "日本語", "🎉", "e\u0301", "👨‍👩‍👧", "🇫🇷🇩🇪", "", "a\r\nb", "ß"] do
      IO.puts("#{inspect(s)} len=#{String.length(s)} bytes=#{byte_size(s)} cps=#{length(String.codepoints(s))} graphemes=#{inspect(String.graphemes(s))}")
    end
    IO.inspect(String.codepoints("e\u0301x"))
    IO.inspect(String.valid?(<<0xFF, 0xFE>>))
    IO.inspect(String.printable?("abc\x01"))
  end
end
