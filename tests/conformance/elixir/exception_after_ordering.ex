# after blocks run on success, on raise, on throw, and in nested order; the value is the body's.
defmodule ExceptionAfterOrdering do
  def run(label, f) do
    try do
      IO.puts("#{label}: body")
      f.()
    after
      IO.puts("#{label}: after")
    end
  end

  def main do
    IO.inspect(run("ok", fn -> :value end))
    IO.inspect(try do run("raise", fn -> raise "x" end) rescue e -> {:rescued, e.message} end)
    IO.inspect(try do run("throw", fn -> throw(:t) end) catch v -> {:caught, v} end)
    r = try do
      try do
        run("nested", fn -> raise ArgumentError end)
      after
        IO.puts("middle after")
      end
    rescue
      ArgumentError -> :outer_rescue
    after
      IO.puts("outer after")
    end
    IO.inspect(r)
  end
end
