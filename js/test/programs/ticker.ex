# ticker.ex — a GenServer with a recurring Process.send_after, for the JS host's tests of
# driving: calls made together in one turn (Promise.all), a service that is idle while a
# timer is pending, and timers that keep firing between calls.
defmodule Ticker do
  use GenServer

  def main do
    {:ok, _} = GenServer.start_link(__MODULE__, nil, name: __MODULE__)
    Process.sleep(:infinity)
  end

  @impl true
  def init(nil) do
    Process.send_after(self(), :tick, 5)
    {:ok, %{ticks: 0, total: 0}}
  end

  @impl true
  def handle_info(:tick, state) do
    Process.send_after(self(), :tick, 5)
    {:noreply, %{state | ticks: state.ticks + 1}}
  end

  @impl true
  def handle_call({:add, n}, _from, state) do
    total = state.total + n
    {:reply, total, %{state | total: total}}
  end

  def handle_call(:ticks, _from, state), do: {:reply, state.ticks, state}

  # Replies after `ms` milliseconds, from a timer of its own.
  def handle_call({:later, ms, value}, from, state) do
    Process.send_after(self(), {:reply_to, from, value}, ms)
    {:noreply, state}
  end

  def handle_info({:reply_to, from, value}, state) do
    GenServer.reply(from, value)
    {:noreply, state}
  end
end
