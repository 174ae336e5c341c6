# Output before an uncaught RuntimeError must appear; the VM exits with status 1.
defmodule UncaughtRaiseRuntimeError do
  def main do
    IO.puts("before the crash")
    Enum.each(1..3, &IO.puts/1)
    raise "deliberate failure"
  end
end
