# Misc String functions: myers_difference, jaro_distance, bag_distance, equivalent?, normalize.
defmodule StringStartsMisc do
  def main do
    IO.inspect(String.myers_difference("kitten", "sitting"))
    IO.inspect(Float.round(String.jaro_distance("martha", "marhta"), 6))
    IO.inspect(Float.round(String.bag_distance("abc", "abd"), 6))
    IO.inspect(String.equivalent?("e\u0301", "é"))
    IO.inspect(String.normalize("é", :nfd) |> String.codepoints())
    IO.inspect(String.normalize("e\u0301", :nfc))
    IO.inspect(String.to_integer("0042"))
    IO.inspect(String.valid?("ok"))
    IO.inspect(String.match?("abc", ~r/b/))
  end
end
