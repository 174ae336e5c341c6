# counters, atomics, persistent_term, apply/2,3 and send/2,3 fail with the VM's error info
# (module erl_erts_errors; send/3's bad options with cause badopt), which ArgumentError and
# SystemLimitError word as erl_erts_errors does ("3rd argument: not a list").
defmodule BifErrorInfoApplySendCounters do
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
    c = :counters.new(2, [])
    m(fn -> :counters.add(c, 3, 1) end)
    m(fn -> :counters.add(c, 1, :a) end)
    m(fn -> :counters.get(:bad, 1) end)
    m(fn -> :counters.new(0, []) end)
    m(fn -> :counters.new(1, [:bad]) end)
    m(fn -> :counters.new(123_456_789_123_456_789_123_456_789, []) end)
    a = :atomics.new(2, [])
    m(fn -> :atomics.put(a, 3, 1) end)
    m(fn -> :atomics.add(a, 1, Bitwise.bsl(1, 64)) end)
    m(fn -> :atomics.new(0, []) end)
    m(fn -> :persistent_term.get(:nope) end)
    m(fn -> :persistent_term.erase(:nope) end)
    m(fn -> apply(:erlang, :foo, :notalist) end)
    m(fn -> apply(:erlang, :foo, [1 | 2]) end)
    m(fn -> apply(:erlang, 5, []) end)
    m(fn -> apply(5, :foo, []) end)
    m(fn -> apply(fn -> 1 end, :notalist) end)
    m(fn -> :erlang.apply(:erlang, :abs, [1, 2, 3 | :x]) end)
    m(fn -> :erlang.send(self(), :msg, [:bad]) end)
    m(fn -> :erlang.send(self(), :msg, :bad) end)
    m(fn -> send(:nobody, :msg) end)
    m(fn -> :erlang.element("foo", "bar") end)
  end
end
