# An uncaught MatchError from a failed pattern match ends the program with status 1.
defmodule UncaughtBadmatch do
  def fetch(x), do: {:error, x}

  def main do
    IO.puts("matching...")
    {:ok, value} = fetch(:nope)
    IO.puts("never printed #{inspect(value)}")
  end
end
