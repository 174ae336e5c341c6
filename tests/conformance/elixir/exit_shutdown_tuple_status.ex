# An uncaught exit({:shutdown, term}) from the main code counts as a clean shutdown: status 0.
defmodule ExitShutdownTupleStatus do
  def main do
    IO.puts("shutting down")
    exit({:shutdown, :custom_reason})
  end
end
