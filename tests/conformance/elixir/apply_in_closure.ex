# Funs that apply a module and function they captured, or that the caller passes,
# including names built at run time (`String.to_atom`) on a known module, and code
# evaluated at run time through `Code.eval_quoted` called by `apply` inside a closure.
defmodule ApplyInClosure.Shapes do
  def area({:square, s}), do: s * s
  def area({:rect, w, h}), do: w * h
  def perimeter({:square, s}), do: 4 * s
  def perimeter({:rect, w, h}), do: 2 * (w + h)
end

defmodule ApplyInClosure do
  def caller(mod, fun), do: fn arg -> apply(mod, fun, [arg]) end

  def main do
    area = caller(ApplyInClosure.Shapes, :area)
    IO.inspect(Enum.map([{:square, 3}, {:rect, 2, 5}], area))
    names = Enum.map(["area", "perimeter"], &String.to_atom/1)
    for name <- names do
      IO.inspect({name, apply(ApplyInClosure.Shapes, name, [{:rect, 1, 2}])})
    end
    evaluate = fn mod, fun -> apply(mod, fun, [Code.string_to_quoted!("[x * 3 | tail]"), [x: 4, tail: [5]]]) end
    IO.inspect(evaluate.(Code, :eval_quoted))
    {sum, _} = Code.eval_string("Enum.map([1, 2, 3], fn x -> x * x end) |> Enum.sum()")
    IO.inspect(sum)
  end
end
