# apply/2, apply/3 with runtime module and function atoms, and function_exported?.
defmodule FunApplyDynamic do
  def hello(name), do: "hello #{name}"

  def main do
    mod = String.to_atom("Elixir.FunApplyDynamic")
    fun = String.to_atom("hello")
    IO.inspect(apply(mod, fun, ["world"]))
    IO.inspect(apply(Enum, :sum, [[1, 2, 3]]))
    IO.inspect(apply(:lists, :reverse, [[1, 2, 3]]))
    IO.inspect(apply(fn a, b -> a - b end, [10, 3]))
    IO.inspect(function_exported?(FunApplyDynamic, :hello, 1))
    IO.inspect(function_exported?(FunApplyDynamic, :nope, 0))
    IO.inspect(Kernel.apply(String, :duplicate, ["ab", 2]))
    IO.inspect(:erlang.apply(Kernel, :+, [1, 2]))
  end
end
