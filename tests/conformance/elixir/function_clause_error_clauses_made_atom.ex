# A FunctionClauseError whose `clauses` field is written under a key the program makes at
# run time: the linker cannot see the key, so it keeps what formats the clauses.
defmodule Main do
  def main do
    key = String.to_atom(Enum.join(["clau", "ses"]))
    e = %FunctionClauseError{module: Main, function: :g, arity: 2, kind: :defp, args: [1, "two"]}
    clauses = [
      {[%{match?: true, node: quote(do: a)}, %{match?: true, node: quote(do: b)}], [%{match?: false, node: quote(do: is_atom(a))}]},
      {[%{match?: false, node: quote(do: {x, y})}, %{match?: true, node: 0}], []}
    ]
    IO.puts(Exception.message(Map.replace!(e, key, clauses)))
  end
end
