defmodule Counter.Server do
  @moduledoc "Holds the count; each bump adds the configured step."
  use GenServer

  def start_link(initial), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)

  def bump, do: GenServer.call(__MODULE__, :bump)

  @impl true
  def init(initial), do: {:ok, initial}

  @impl true
  def handle_call(:bump, _from, n) do
    next = n + Application.fetch_env!(:counter, :step)
    {:reply, next, next}
  end
end
