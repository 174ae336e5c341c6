# Pattern matching in function heads: literals, lists, nested tuples, binaries, pins, =.
defmodule PatternMatchHeads do
  def f(0), do: :zero
  def f([]), do: :empty
  def f([x]), do: {:one, x}
  def f([x, x | _]), do: {:starts_with_pair, x}
  def f([_ | rest]), do: {:many, length(rest) + 1}
  def f({:point, x, y} = p) when x == y, do: {:diagonal, p}
  def f({:point, _, _}), do: :point
  def f("prefix:" <> rest), do: {:prefixed, rest}
  def f(<<n::8, _::binary>>) when n < 32, do: :control_start
  def f(%{"k" => [a, {b}]}), do: {:deep, a, b}
  def f(_), do: :other

  def main do
    inputs = [0, [], [7], [2, 2, 3], [1, 2, 3], {:point, 3, 3}, {:point, 1, 2}, "prefix:abc", <<1, 2>>,
              %{"k" => [1, {2}]}, 0.0, "plain"]
    for i <- inputs, do: IO.inspect(f(i))
    pin = 5
    IO.inspect(match?(^pin, 5))
    {a, {b, [c | d]}} = {1, {2, [3, 4, 5]}}
    IO.inspect({a, b, c, d})
    [x, y] = [y0, _] = [10, 20]
    IO.inspect({x, y, y0})
  end
end
