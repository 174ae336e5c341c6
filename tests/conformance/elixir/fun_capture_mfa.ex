# Captures: &Mod.fun/arity, &local/arity, &(&1 ...), inspect of external funs.
defmodule FunCaptureMfa do
  def double(x), do: x * 2
  defp secret(x, y), do: {x, y}

  def main do
    IO.inspect(Enum.map([1, 2, 3], &FunCaptureMfa.double/1))
    IO.inspect(Enum.map([1, 2], &double/1))
    IO.inspect(Enum.zip_with([1, 2], [3, 4], &secret/2))
    IO.inspect(Enum.map(["a", "b"], &String.upcase/1))
    IO.inspect(Enum.map([1, 2], &{&1, &1 * 3}))
    IO.inspect(Enum.map([[1, 2], [3]], &length/1))
    IO.inspect(&FunCaptureMfa.double/1)
    IO.inspect(&Enum.map/2)
    IO.inspect(&:lists.reverse/1)
    f = &Kernel.+/2
    IO.inspect(f.(2, 3))
    IO.inspect(is_function(f), label: "is_function")
    IO.inspect(is_function(f, 2))
    IO.inspect(is_function(f, 1))
  end
end
