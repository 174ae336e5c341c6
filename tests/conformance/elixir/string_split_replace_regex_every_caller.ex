# String.split and String.replace with a %Regex{} pattern, reached by every kind of caller:
# a literal regex, a regex compiled at run time and passed through a helper, apply/3, a
# fun capturing the pattern, and a captured String function. A linker that narrowed
# String.split/3's or String.replace/3's %Regex{} clause away for any of them would raise
# undef for Regex.split/3 or Regex.replace/4.
defmodule StringSplitReplaceRegexEveryCaller do
  def split_with(s, p), do: String.split(s, p)
  def replace_with(s, p, r), do: String.replace(s, p, r)

  def main do
    IO.inspect(String.split("a,b;c", ~r/[,;]/))
    IO.inspect(String.replace("a.b.c", ~r/\./, "!"))
    compiled = Regex.compile!("[0-9]+")
    IO.inspect(split_with("x12y345z", compiled))
    IO.inspect(replace_with("x12y345z", compiled, "#"))
    IO.inspect(apply(String, :split, ["p-q-r", Regex.compile!("-")]))
    IO.inspect(Enum.map([Regex.compile!("b")], fn r -> String.split("abc", r) end))
    replace = &String.replace/3
    IO.inspect(replace.("a b  c", Regex.compile!("\\s+"), "_"))
    IO.inspect(String.split("a/b/c", "/"))
    IO.inspect(String.replace("line1\nline2", "\n", " | "))
  end
end
