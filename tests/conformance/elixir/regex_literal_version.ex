# :re.version/0 names the PCRE release; a Regex literal carries the VM's compiled bytes
# and that version, and Regex recompiles from the source when the two differ.
defmodule RegexLiteralVersion do
  def main do
    IO.inspect(:re.version())
    IO.inspect(Regex.version() == ~r/x/.re_version)
  end
end
