# and/or/not (strict booleans) vs &&/||/! (truthiness), short-circuit evaluation order.
defmodule BooleanOperators do
  def noisy(v) do
    IO.puts("evaluated #{inspect(v)}")
    v
  end

  def main do
    IO.inspect(id(true) and noisy(false))
    IO.inspect(id(false) and noisy(true))
    IO.inspect(id(true) or noisy(:never))
    IO.inspect(id(nil) && noisy(1))
    IO.inspect(id(0) && noisy(1))
    IO.inspect(id(false) || noisy("fallback"))
    IO.inspect(!id(nil))
    IO.inspect(!id(0))
    IO.inspect(not id(true))
    IO.inspect(Enum.map([nil, false, true, 0, "", []], &(!!&1)))
    IO.inspect(xor_like(true, false))
  end

  defp id(x), do: x
  defp xor_like(a, b), do: (a or b) and not (a and b)
end
