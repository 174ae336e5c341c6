# IO.puts/IO.write with strings, charlists, nested chardata, atoms and numbers.
defmodule IoPutsWriteChardata do
  def main do
    IO.puts("plain")
    IO.puts(["nested ", ["chardata ", [?o, ?k]], "!"])
    IO.puts(~c"a charlist")
    IO.puts(:an_atom)
    IO.puts(42)
    IO.puts(1.5)
    IO.puts("")
    IO.write("no newline|")
    IO.write(["iodata", ?\n])
    IO.puts("unicode: héllo 日本 🎉")
    IO.puts([0x65E5, "本"])
    IO.write(:stdio, "explicit device\n")
    IO.puts(:stdio, "puts to :stdio")
    IO.binwrite("binwrite bytes\n")
    :io.put_chars(~c"put_chars\n")
    IO.puts("tab\tand\\backslash")
  end
end
