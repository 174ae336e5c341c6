# ETS BIFs fail with the VM's error info: {error_info, #{module => erl_stdlib_errors,
# cause => ...}} (the table's type, id or access; badkey, keypos, position, table_type,
# owner, not_owner, already_exists), which ArgumentError's message words as
# erl_stdlib_errors does ("the table identifier does not refer to an existing ETS table").
defmodule EtsErrorInfoMessages do
  defp m(f) do
    try do
      f.()
      |> IO.inspect()
    rescue
      e ->
        IO.puts(Exception.message(e))
        IO.inspect(hd(__STACKTRACE__) |> elem(3) |> Keyword.get(:error_info))
    end
  end

  def main do
    m(fn -> :ets.lookup(:nonexisting, 1) end)
    t = :ets.new(:foo, [])
    m(fn -> :ets.insert(t, 1) end)
    m(fn -> :ets.insert(t, [{1}, 2]) end)
    m(fn -> :ets.lookup_element(t, 1, 2) end)
    :ets.insert(t, {1, 2})
    m(fn -> :ets.lookup_element(t, 1, 5) end)
    m(fn -> :ets.update_counter(t, 1, :a) end)
    m(fn -> :ets.update_counter(t, 7, 1) end)
    m(fn -> :ets.new(:foo, [:bad]) end)

    m(fn ->
      :ets.new(:named, [:named_table])
      :ets.new(:named, [:named_table])
    end)

    p = :ets.new(:prot, [:protected])
    me = self()

    spawn(fn ->
      send(
        me,
        try do
          :ets.insert(p, {1})
        rescue
          e -> {Exception.message(e), hd(__STACKTRACE__) |> elem(3) |> Keyword.get(:error_info)}
        end
      )
    end)

    receive do
      x -> IO.inspect(x)
    end

    spawn(fn ->
      send(
        me,
        try do
          :ets.give_away(p, me, :x)
        rescue
          e -> {Exception.message(e), hd(__STACKTRACE__) |> elem(3) |> Keyword.get(:error_info)}
        end
      )
    end)

    receive do
      x -> IO.inspect(x)
    end

    m(fn -> :ets.give_away(p, self(), :x) end)
    dead = spawn(fn -> :ok end)
    Process.sleep(10)
    m(fn -> :ets.give_away(p, dead, :x) end)
    m(fn -> :ets.update_counter(p, 1, {1, 1}) end)
    :ets.insert(p, {5, :a, 1})
    m(fn -> :ets.update_counter(p, 5, {1, 1}) end)
    m(fn -> :ets.update_counter(p, 5, {7, 1}) end)
    m(fn -> :ets.update_counter(p, 5, {2, 1}) end)
    m(fn -> :ets.update_element(p, 5, {1, 1}) end)
    m(fn -> :ets.update_element(p, 5, {9, 1}) end)
    m(fn -> :ets.lookup(p, 1, 2) end)
    m(fn -> :ets.slot(p, -1) end)
    m(fn -> :ets.next(:ets.new(:os, [:ordered_set]), 1) end)
    m(fn -> :ets.lookup({:a}, 1) end)
    m(fn -> :ets.lookup(make_ref(), 1) end)
    m(fn -> :ets.match(t, :"$1", :x) end)
    m(fn -> :ets.select(t, [:bad]) end)
    m(fn -> :ets.delete(:nonexisting) end)
    :ets.delete(t)
    m(fn -> :ets.insert(t, 1) end)
    m(fn -> :ets.info(t, :bogus) end)
    m(fn -> :ets.first(:nonexisting) end)
    m(fn -> :ets.tab2list(:nonexisting) end)
  end
end
