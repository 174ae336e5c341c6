# String.replace (global, first only, with function), contains?, starts_with?, ends_with?.
defmodule StringReplaceContains do
  def main do
    s = "the cat sat on the mat"
    IO.inspect(String.replace(s, "at", "og"))
    IO.inspect(String.replace(s, "at", "og", global: false))
    IO.inspect(String.replace(s, ["cat", "mat"], &String.upcase/1))
    IO.inspect(String.replace("aaa", "", "-"))
    IO.inspect(String.replace_prefix(s, "the ", ""))
    IO.inspect(String.replace_suffix(s, "mat", "rug"))
    IO.inspect(String.replace_leading("000123", "0", " "))
    IO.inspect(String.contains?(s, "sat"))
    IO.inspect(String.contains?(s, ["dog", "mat"]))
    IO.inspect(String.starts_with?(s, ["a", "th"]))
    IO.inspect(String.ends_with?("日本語", "語"))
    IO.inspect(:binary.matches(s, "at"))
  end
end
