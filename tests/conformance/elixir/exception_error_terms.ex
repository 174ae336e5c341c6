# catch kind, reason: the raw Erlang error terms behind runtime errors, via inspect.
defmodule ExceptionErrorTerms do
  def id(x), do: x
  def one(1), do: :one

  def reason(f) do
    try do
      f.()
      :no_error
    catch
      kind, reason -> {kind, reason}
    end
  end

  def main do
    fs = [
      fn -> id(1) + id(:a) end,
      fn -> div(id(1), id(0)) end,
      fn -> :erlang.binary_to_atom(id(1)) end,
      fn -> {:a} = id({:b}) end,
      fn -> case id(2) do 1 -> 1 end end,
      fn -> one(id(2)) end,
      fn -> apply(id(:no_mod), :f, []) end,
      fn -> id(:nope).() end,
      fn -> id(fn -> 1 end).(1) end,
      fn -> id(%{a: 1}).b end,
      fn -> %{id(%{}) | a: 1} end,
      fn -> :erlang.map_get(:x, id(:y)) end,
      fn -> :erlang.element(5, id({})) end,
      fn -> hd(id([])) end,
      fn -> throw(:thrown) end,
      fn -> exit(:exited) end,
      fn -> :erlang.error({:custom, 1}) end,
      fn -> with {:ok, x} <- id(:bad), do: x, else: (:other -> 1) end
    ]
    for f <- fs, do: IO.inspect(reason(f))
  end
end
