# String.split/2 with a %Regex{} reached only through a module and function whose names
# the program makes at run time: the linker must then follow every clause of every
# function it links, since a call by a made name can reach any of them with any argument.
defmodule StringSplitRegexByMadeNames do
  def main do
    module = String.to_atom("Elixir." <> Enum.join(["Str", "ing"]))
    function = String.to_atom(Enum.join(["sp", "lit"]))
    IO.inspect(apply(module, function, ["a1b22c", Regex.compile!("[0-9]+")]))
  end
end
