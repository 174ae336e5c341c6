# exit(reason) with a non-normal reason, uncaught, ends the program with status 1.
defmodule UncaughtExitReason do
  def main do
    IO.puts("exiting")
    exit(:boom)
  end
end
