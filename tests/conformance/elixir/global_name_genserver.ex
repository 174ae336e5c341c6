# GenServer names registered with :global ({:global, name}), and :global's own API.
defmodule GlobalNameGenServer.Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:next, _from, n), do: {:reply, n, n + 1}
end

defmodule GlobalNameGenServer do
  def main do
    {:ok, pid} = GenServer.start_link(GlobalNameGenServer.Counter, 10, name: {:global, :counter})
    IO.inspect(GenServer.call({:global, :counter}, :next))
    IO.inspect(GenServer.call({:global, :counter}, :next))
    IO.inspect(:global.whereis_name(:counter) == pid)
    IO.inspect(GenServer.whereis({:global, :counter}) == pid)
    IO.inspect(:global.registered_names())
    IO.inspect(GenServer.start_link(GlobalNameGenServer.Counter, 0, name: {:global, :counter}) == {:error, {:already_started, pid}})
    IO.inspect(:global.register_name(:other, self()))
    IO.inspect(:global.register_name(:other, self()))
    IO.inspect(:global.send(:other, :hello) == self())
    IO.inspect(receive(do: (msg -> msg), after: (100 -> :none)))
    IO.inspect(:global.unregister_name(:other))
    IO.inspect(:global.whereis_name(:other))
    IO.inspect(Enum.sort(:global.registered_names()))
    GenServer.stop({:global, :counter})
    IO.inspect(:global.whereis_name(:counter))
  end
end
