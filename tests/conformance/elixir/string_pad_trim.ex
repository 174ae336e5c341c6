# String.pad_leading/trailing, trim variants, duplicate, with multibyte padding.
defmodule StringPadTrim do
  def main do
    IO.inspect(String.pad_leading("42", 6, "0"))
    IO.inspect(String.pad_trailing("ab", 7, "xy"))
    IO.inspect(String.pad_leading("日本", 5))
    IO.inspect(String.pad_trailing("toolong", 3))
    IO.inspect(String.trim("  \t hi there \n "))
    IO.inspect(String.trim_leading("xxhixx", "x"))
    IO.inspect(String.trim_trailing("xxhixx", "x"))
    IO.inspect(String.trim("\u00A0nbsp\u2003"))
    IO.inspect(String.duplicate("ab", 5))
    IO.inspect(String.duplicate("é", 0))
  end
end
