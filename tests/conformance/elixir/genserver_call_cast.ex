# A GenServer with init, handle_call, handle_cast, handle_info and terminate-free stop.
defmodule GenserverCallCast.Stack do
  use GenServer

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_call(:pop, _from, [h | t]), do: {:reply, h, t}
  def handle_call(:pop, _from, []), do: {:reply, :empty, []}
  def handle_call(:peek, _from, s), do: {:reply, s, s}

  @impl true
  def handle_cast({:push, x}, s), do: {:noreply, [x | s]}

  @impl true
  def handle_info({:push_many, xs}, s), do: {:noreply, xs ++ s}
end

defmodule GenserverCallCast do
  alias GenserverCallCast.Stack

  def main do
    {:ok, pid} = GenServer.start_link(Stack, [:a])
    GenServer.cast(pid, {:push, :b})
    send(pid, {:push_many, [:x, :y]})
    IO.inspect(GenServer.call(pid, :peek))
    IO.inspect(GenServer.call(pid, :pop))
    IO.inspect(GenServer.call(pid, :pop))
    IO.inspect(GenServer.call(pid, :peek))
    IO.inspect(GenServer.stop(pid))
  end
end
