# Deeply nested try blocks, exceptions crossing function boundaries and recursion.
defmodule ExceptionNestedTry do
  def fail_at(0), do: raise(ArgumentError, "depth reached")
  def fail_at(n) do
    try do
      fail_at(n - 1)
    rescue
      e in ArgumentError ->
        if rem(n, 3) == 0, do: reraise(%{e | message: e.message <> "+#{n}"}, __STACKTRACE__), else: reraise(e, __STACKTRACE__)
    end
  end

  def count(n, acc) when n > 0 do
    try do
      if rem(n, 1000) == 0, do: throw(:tick), else: count(n - 1, acc + 1)
    catch
      :tick -> count(n - 1, acc + 1000)
    end
  end
  def count(_, acc), do: acc

  def main do
    IO.inspect(try do fail_at(10) rescue e -> e.message end)
    IO.inspect(count(5000, 0))
    v = try do
      try do
        try do
          :erlang.error(:innermost)
        after
          IO.puts("a1")
        end
      catch
        :error, :other -> :nope
      after
        IO.puts("a2")
      end
    catch
      :error, r -> {:top, r}
    end
    IO.inspect(v)
  end
end
