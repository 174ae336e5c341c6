# Benchmark: 100,000 GenServer.call round trips to one server (monitor, alias, selective
# receive of the reply), with some casts in between. Prints a checksum, then
# `elapsed_us=N` as the last line.
defmodule GenserverCalls.Counter do
  use GenServer

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call({:add, x}, _from, n), do: {:reply, n + x, n + x}
  def handle_call(:get, _from, n), do: {:reply, n, n}

  @impl true
  def handle_cast({:sub, x}, n), do: {:noreply, n - x}
end

defmodule GenserverCalls do
  alias GenserverCalls.Counter

  def main do
    t0 = :erlang.monotonic_time(:microsecond)
    {:ok, pid} = GenServer.start_link(Counter, 0)
    acc = loop(pid, 100_000, 0)
    final = GenServer.call(pid, :get)
    GenServer.stop(pid)
    t1 = :erlang.monotonic_time(:microsecond)
    IO.puts("calls acc=#{acc} final=#{final}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end

  defp loop(_pid, 0, acc), do: acc
  defp loop(pid, n, acc) do
    r = GenServer.call(pid, {:add, rem(n, 7)})
    if rem(n, 10) == 0, do: GenServer.cast(pid, {:sub, 1})
    loop(pid, n - 1, rem(acc + r, 1_000_000_007))
  end
end
