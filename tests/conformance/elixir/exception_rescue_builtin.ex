# rescue of built-in exceptions raised by runtime errors; Exception.message of each.
defmodule ExceptionRescueBuiltin do
  def id(x), do: x

  def attempt(label, f) do
    try do
      f.()
    rescue
      e -> IO.puts("#{label}: #{inspect(e.__struct__)} | #{Exception.message(e)}")
    end
  end

  def main do
    attempt("arith", fn -> 1 / id(0) end)
    attempt("arith2", fn -> id(:a) + 1 end)
    attempt("badarg", fn -> :erlang.atom_to_binary(id("x")) end)
    attempt("match", fn -> {:ok, _} = id({:error, 1}) end)
    attempt("case", fn -> case id(3) do 1 -> :one end end)
    attempt("cond", fn -> cond do id(false) -> 1 end end)
    attempt("clause", fn -> Integer.to_string(id(:x)) end)
    attempt("undef", fn -> apply(id(NoSuchModule), :f, []) end)
    attempt("undef_fun", fn -> apply(String, id(:no_such_fun), [1]) end)
    attempt("key", fn -> Map.fetch!(id(%{a: 1}), :b) end)
    attempt("keyword", fn -> Keyword.fetch!(id([a: 1]), :b) end)
    attempt("badmap", fn -> Map.get(id(:notmap), :a) end)
    attempt("badfun", fn -> id(5).() end)
    attempt("arity", fn -> id(fn x -> x end).(1, 2) end)
    attempt("raise string", fn -> raise "custom message" end)
    attempt("raise type", fn -> raise ArgumentError, "explicit" end)
    attempt("enum empty", fn -> Enum.max(id([])) end)
    attempt("to_atom", fn -> String.to_existing_atom(id("surely_not_an_existing_atom_xyz")) end)
    attempt("elem", fn -> elem(id({1}), 3) end)
    attempt("list_to_int", fn -> String.to_integer(id("1.5")) end)
  end
end
