# Expanding a macro at run time calls its `MACRO-` function, whose name Elixir makes at
# run time (`elixir_utils:macro_name/1`, `list_to_atom("MACRO-" ++ Name)`) on a module it
# finds in the environment: the linker keeps the `MACRO-` functions of the modules its
# rules allow.
defmodule MacroExpandAtRunTime do
  def main do
    env = __ENV__
    for ast <- [
          quote(do: unless(ok?, do: :a, else: :b)),
          quote(do: x |> f() |> g(1)),
          quote(do: if(x, do: 1)),
          quote(do: left in [1, 2, 3]),
          quote(do: Kernel.to_string(value))
        ] do
      IO.puts(Macro.to_string(Macro.expand(ast, env)))
    end
    IO.puts(Macro.to_string(Macro.expand_once(quote(do: !x), env)))
    name = String.to_atom("MACRO-" <> "unless")
    IO.inspect(function_exported?(Kernel, name, 3))
    IO.inspect(macro_exported?(Kernel, :unless, 2))
  end
end
