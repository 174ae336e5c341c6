# System.halt(0) in the middle of work stops immediately with status 0.
defmodule SystemHaltZeroMidway do
  def main do
    Enum.each(1..10, fn i ->
      IO.puts("step #{i}")
      if i == 4, do: System.halt(0)
    end)
  end
end
