# Nested closures, currying, recursion through a fun argument, and Y-combinator style.
defmodule FunNestedClosures do
  def curry3(f), do: fn a -> fn b -> fn c -> f.(a, b, c) end end end

  def main do
    c = curry3(fn a, b, c -> a * 100 + b * 10 + c end)
    IO.inspect(c.(1).(2).(3))
    fact = fn f, n -> if n == 0, do: 1, else: n * f.(f, n - 1) end
    IO.inspect(fact.(fact, 20))
    counter = fn start -> {fn -> start + 1 end, fn -> start - 1 end} end
    {inc, dec} = counter.(10)
    IO.inspect({inc.(), dec.()})
    make = fn n -> Enum.map(1..n, fn i -> fn j -> i * j end end) end
    IO.inspect(Enum.map(make.(3), fn g -> g.(10) end))
    pipeline = Enum.reduce([&(&1 + 1), &(&1 * 2), &(&1 - 3)], fn f, acc -> fn v -> f.(acc.(v)) end end)
    IO.inspect(pipeline.(5))
  end
end
