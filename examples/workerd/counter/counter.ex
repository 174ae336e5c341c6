# counter.ex — the GenServer behind the counter Durable Object. Each call adds an integer
# to the count and replies with the new count; the count is kept in the host's storage
# (beamwasm:storage_get/1 and storage_put/2, the Durable Object's SQLite storage on workerd),
# so a new instance of the program starts from the stored count.
defmodule Counter do
  use GenServer

  @key "count"

  # The entry: start the server, registered as Counter, and wait for calls forever.
  def main do
    {:ok, _} = GenServer.start_link(__MODULE__, nil, name: __MODULE__)
    Process.sleep(:infinity)
  end

  @impl true
  def init(nil) do
    case :beamwasm.storage_get(@key) do
      {:ok, stored} -> {:ok, :erlang.binary_to_term(stored)}
      :error -> {:ok, 0}
    end
  end

  @impl true
  def handle_call(n, _from, count) when is_integer(n) do
    count = count + n
    if n != 0, do: :ok = :beamwasm.storage_put(@key, :erlang.term_to_binary(count))
    {:reply, count, count}
  end
end
