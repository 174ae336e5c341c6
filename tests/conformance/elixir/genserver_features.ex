# GenServer: named registration, handle_continue, init and call timeouts, handle_info,
# GenServer.reply from another process, stop with a reason seen by terminate, calls to
# a stopped server, and :sys.get_state.
defmodule GenserverFeatures.Server do
  use GenServer

  def start_link(parent), do: GenServer.start_link(__MODULE__, parent, name: :features)

  @impl true
  def init(parent), do: {:ok, %{parent: parent, log: [:init]}, {:continue, :warm_up}}

  @impl true
  def handle_continue(:warm_up, s), do: {:noreply, log(s, :continued), 20}

  @impl true
  def handle_call(:log, _from, s), do: {:reply, Enum.reverse(s.log), s}
  def handle_call(:deferred, from, s) do
    spawn(fn -> Process.sleep(5); GenServer.reply(from, :deferred_reply) end)
    {:noreply, s}
  end
  def handle_call(:hang, _from, s), do: {:noreply, s}
  def handle_call({:stop, reason}, _from, s), do: {:stop, reason, :bye, s}

  @impl true
  def handle_cast({:note, x}, s), do: {:noreply, log(s, {:cast, x})}

  @impl true
  def handle_info(:timeout, s), do: {:noreply, log(s, :idle_timeout)}
  def handle_info(msg, s), do: {:noreply, log(s, {:info, msg})}

  @impl true
  def terminate(reason, s), do: send(s.parent, {:terminated, reason})

  defp log(s, e), do: %{s | log: [e | s.log]}
end

defmodule GenserverFeatures do
  alias GenserverFeatures.Server

  def main do
    {:ok, pid} = Server.start_link(self())
    Process.sleep(40)
    GenServer.cast(:features, {:note, 1})
    send(pid, :hello)
    IO.inspect(GenServer.call(:features, :log))
    IO.inspect(GenServer.call(:features, :deferred))
    IO.inspect(ce(fn -> GenServer.call(:features, :hang, 20) end) |> elem(0))
    IO.inspect(:sys.get_state(:features).log |> length())
    IO.inspect(GenServer.whereis(:features) == pid)
    IO.inspect(GenServer.call(:features, {:stop, :normal}))
    receive do
      {:terminated, r} -> IO.inspect({:terminated, r})
    end
    Process.sleep(5)
    IO.inspect(GenServer.whereis(:features))
    IO.inspect(ce(fn -> GenServer.call(:features, :log) end))
    Process.flag(:trap_exit, true)
    {:ok, pid2} = Server.start_link(self())
    :ok = GenServer.stop(pid2, {:shutdown, :asked})
    receive do
      {:terminated, r} -> IO.inspect({:terminated, r})
    end
    receive do
      {:EXIT, ^pid2, r} -> IO.inspect({:exit, r})
    end
  end

  defp ce(f) do
    try do
      f.()
    catch
      :exit, r -> r
    end
  end
end
