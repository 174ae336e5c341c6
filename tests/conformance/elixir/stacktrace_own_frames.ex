# __STACKTRACE__ after a rescue: this module's frames with function, arity and line.
defmodule StacktraceOwnFrames do
  def inner(x), do: x + 1
  def middle(x), do: [inner(x)]
  def outer(x), do: middle(x) ++ [:done]

  # Only this module's frames: those below main/0 belong to the oracle's launcher.
  def own(stack) do
    for {m, f, a, loc} <- stack, m == __MODULE__, do: {f, a, loc[:line]}
  end

  def main do
    try do
      outer(String.to_atom("not_a_number"))
    rescue
      e ->
        IO.inspect(e.__struct__)
        IO.inspect(own(__STACKTRACE__))
    end
    try do
      Enum.map([1, 0], fn x -> div(10, x) end)
    rescue
      e ->
        IO.puts(Exception.message(e))
        IO.inspect(own(__STACKTRACE__))
    end
    IO.puts(Exception.format_stacktrace_entry({StacktraceOwnFrames, :outer, 1, [file: ~c"lib/x.ex", line: 5]}))
  end
end
