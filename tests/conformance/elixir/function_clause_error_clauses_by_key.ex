# A FunctionClauseError whose `clauses` field the program fills through Map.put: its
# message formats each clause with Macro.to_string/1 (the linker links the formatter only
# once code can write the field).
defmodule Main do
  def main do
    plain = %FunctionClauseError{module: Main, function: :f, arity: 1}
    IO.puts(Exception.message(plain))
    with_args = %{plain | args: [:b]}
    IO.puts(Exception.message(with_args))
    clauses = [
      {[%{match?: true, node: quote(do: x)}], [%{match?: false, node: quote(do: is_integer(x))}]},
      {[%{match?: false, node: :a}], []}
    ]
    full = Map.put(%{with_args | kind: :def}, :clauses, clauses)
    IO.puts(Exception.message(full))
  end
end
