# Grapheme clustering of emoji sequences, skin tones, flags, Hangul and combining marks.
defmodule StringGraphemesEmoji do
  def main do
    s = "👩🏽‍💻🏳️‍🌈🇧🇷각e\u0301\u0323x"
    gs = String.graphemes(s)
    IO.inspect(length(gs))
    for g <- gs, do: IO.puts("#{g} #{byte_size(g)} #{length(String.codepoints(g))}")
    IO.inspect(String.slice(s, 1, 2))
    IO.inspect(String.length("각"))
    IO.inspect(String.split("a👍b👍c", "👍"))
  end
end
