# known: only applications some code names are embedded; one named only at run time has no resource file
defmodule ApplicationNamedAtRunTime do
  def main do
    name = String.to_atom(Enum.join(["cry", "pto"]))
    IO.inspect(Application.load(name))
    IO.inspect(Application.spec(name, :applications))
  end
end
