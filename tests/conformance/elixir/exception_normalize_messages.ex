# Exception.normalize turns raw Erlang error terms into Elixir exceptions; their messages.
defmodule ExceptionNormalizeMessages do
  def main do
    reasons = [:badarith, :badarg, {:badmatch, [1]}, {:case_clause, :x}, :function_clause, :undef,
               {:badfun, 1}, {:badarity, {&Enum.map/2, [1]}}, {:badkey, :k}, {:badkey, :k, %{}},
               {:badmap, 1}, :if_clause, {:try_clause, 3}, {:with_clause, 4}, :system_limit,
               {:badbool, :and, 1}, :cond_clause, {:some, :tuple}, :other_atom, :timeout]
    for r <- reasons do
      e = Exception.normalize(:error, r, [])
      IO.puts("#{inspect(r)} => #{inspect(e.__struct__)}: #{Exception.message(e)}")
    end
    IO.puts(Exception.format(:throw, :ball, []))
    IO.puts(Exception.format(:exit, {:shutdown, 1}, []))
    IO.puts(Exception.format_exit(:normal))
    IO.puts(Exception.format_banner(:error, :badarith, []))
  end
end
