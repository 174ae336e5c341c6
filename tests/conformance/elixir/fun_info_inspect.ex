# Function.info / :erlang.fun_info fields for external and anonymous funs.
defmodule FunInfoInspect do
  def main do
    ext = &String.length/1
    IO.inspect(Function.info(ext, :module))
    IO.inspect(Function.info(ext, :name))
    IO.inspect(Function.info(ext, :arity))
    IO.inspect(Function.info(ext, :type))
    y = 7
    anon = fn a, b -> a + b + y end
    IO.inspect(Function.info(anon, :arity))
    IO.inspect(Function.info(anon, :type))
    IO.inspect(Function.info(anon, :module))
    IO.inspect(Function.info(anon, :env))
    IO.inspect(:erlang.fun_info(anon, :name))
    IO.inspect(anon)
    IO.inspect(fn -> :no_env end)
  end
end
