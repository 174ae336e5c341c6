# Regex: match?, run, scan, replace with backreferences, split, named captures, unicode.
defmodule RegexBasics do
  def main do
    re = ~r/(\d+)-(\d+)/
    IO.inspect(Regex.match?(re, "call 555-1234 now"))
    IO.inspect(Regex.run(re, "call 555-1234 now"))
    IO.inspect(Regex.run(re, "call 555-1234 now", return: :index))
    IO.inspect(Regex.scan(~r/\w+/, "one two  three"))
    IO.inspect(Regex.replace(~r/(\w+)@(\w+)/, "ann@host bob@site", "\\2:\\1"))
    IO.inspect(Regex.replace(~r/a/, "banana", "o", global: false))
    IO.inspect(Regex.replace(~r/\d/, "a1b22", fn d -> "<#{d}>" end))
    IO.inspect(Regex.split(~r/[,;]\s*/, "a, b;c,d"))
    IO.inspect(Regex.named_captures(~r/(?<year>\d{4})-(?<month>\d{2})/, "on 2024-03-15"))
    IO.inspect(Regex.match?(~r/^\p{L}+$/u, "héllo"))
    IO.inspect(String.replace("a.b.c", ~r/\./, "/"))
    IO.inspect(Regex.source(~r/x+y/i))
    IO.inspect(~r/x+y/i)
  end
end
