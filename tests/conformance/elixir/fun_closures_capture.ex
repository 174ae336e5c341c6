# Closures capture values at creation time; funs stored in data and called later.
defmodule FunClosuresCapture do
  def adder(n), do: fn x -> x + n end

  def main do
    add5 = adder(5)
    IO.inspect(add5.(10))
    fs = for i <- 1..4, do: fn x -> x * i end
    IO.inspect(Enum.map(fs, & &1.(10)))
    x = 1
    f = fn -> x end
    x = 2
    IO.inspect({f.(), x})
    m = %{inc: fn v -> v + 1 end, dbl: &(&1 * 2)}
    IO.inspect(m.dbl.(m.inc.(3)))
    compose = fn f, g -> fn v -> g.(f.(v)) end end
    IO.inspect(compose.(add5, m.dbl).(1))
    multi = fn
      {:ok, v} -> v
      {:error, _} -> :err
      other when is_integer(other) -> other * 100
    end
    IO.inspect(Enum.map([{:ok, 1}, {:error, :x}, 3], multi))
  end
end
