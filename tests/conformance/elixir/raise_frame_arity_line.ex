# The frame a raise leaves on top of the stack trace: `raise "msg"` calls
# :erlang.error/3 with `:none` for the arguments, so the frame keeps the function's arity;
# and code before the first `line` instruction of a clause (a one-line clause whose
# calls carry no line of their own) has the location of the function's head, even when
# the compiled blocks are laid out in another order.
defmodule RaiseFrameArityLine.Subject do
  def h(a, b) when is_integer(a), do: raise(ArgumentError, "bad #{a} #{b}")

  def h(_a, _b) do
    raise "other"
  end

  def g(x), do: :erlang.error({:e, x})
  def g2(x), do: :erlang.error(:e2, :none)
  def g3(x), do: :erlang.error(:e3, [x, :extra])
  def g4(x), do: :erlang.error(:e4, :not_a_list, error_info: %{module: __MODULE__})
  def k(x), do: throw(x)
  def e(x), do: exit(x)

  def r(x) do
    raise RuntimeError,
      message: "multi #{x}"
  end

  def c(x) when x > 0, do: if(x > 5, do: raise("big"), else: raise(ArgumentError))
  def c(_), do: :ok

  def p(x) do
    case x do
      1 -> raise "one"
      2 -> raise ArgumentError, "two"
      _ -> :erlang.error(:other, [x])
    end
  end
end

defmodule RaiseFrameArityLine do
  alias RaiseFrameArityLine.Subject, as: S

  defp show(f) do
    f.()
  rescue
    e -> IO.inspect({e, hd(__STACKTRACE__)})
  catch
    k, v -> IO.inspect({k, v, hd(__STACKTRACE__)})
  end

  def main do
    show(fn -> S.h(1, 2) end)
    show(fn -> S.h(:a, 2) end)
    show(fn -> S.g(1) end)
    show(fn -> S.g2(1) end)
    show(fn -> S.g3(1) end)
    show(fn -> S.g4(1) end)
    show(fn -> S.k(1) end)
    show(fn -> S.e(1) end)
    show(fn -> S.r(1) end)
    show(fn -> S.c(1) end)
    show(fn -> S.c(9) end)
    show(fn -> S.p(1) end)
    show(fn -> S.p(2) end)
    show(fn -> S.p(3) end)
  end
end
