# Elixir's raise calls :erlang.error(e, :none, error_info: ...): the top frame keeps the
# function's arity, so Exception.format/3 can format the trace (it has no clause for :none).
defmodule RaiseStacktraceKeepsArity do
  def main do
    try do
      raise "boom"
    rescue
      e ->
        [{mod, fun, arity, _loc} | _] = __STACKTRACE__
        IO.inspect({mod, fun, arity})
        IO.puts(Exception.format_banner(:error, e, __STACKTRACE__))
        [first | _] = String.split(Exception.format_stacktrace(Enum.take(__STACKTRACE__, 1)), "\n")
        IO.puts(String.trim(first))
    end

    try do
      :erlang.error(:bad, :none)
    catch
      :error, :bad -> IO.inspect(elem(hd(__STACKTRACE__), 2))
    end

    try do
      :erlang.error(:bad, [1, 2])
    catch
      :error, :bad -> IO.inspect(elem(hd(__STACKTRACE__), 2))
    end
  end
end
