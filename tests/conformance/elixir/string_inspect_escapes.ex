# inspect of strings with escapes, quotes, control characters and invalid UTF-8.
defmodule StringInspectEscapes do
  def main do
    strs = ["plain", "quote\"inside", "back\\slash", "tab\there", "nl\nx", "bell\a", "esc\e", "#{1}\#{x}",
            <<0>>, <<1, 2, 3>>, <<"abc", 0xFF>>, "ünïcödé", "\u200B", <<0xC3>>, "del\x7F"]
    for s <- strs do
      IO.puts(inspect(s))
    end
    IO.puts(inspect("abc", binaries: :as_binaries))
    IO.puts(inspect(<<200, 201>>, binaries: :as_strings))
  end
end
