# alarms.ex — durable timers (Beamwasm.Alarm) in a Durable Object: a registered box keeps
# the messages it receives in storage; the routes set, list and cancel alarms that send to
# it (js/test/alarms.test.mjs).
defmodule Alarms do
  def main do
    {:ok, _} = GenServer.start_link(Alarms.Box, nil, name: Alarms.Box)
    Beamwasm.HTTP.serve(Alarms.Router)
  end
end

defmodule Alarms.Box do
  use GenServer

  @impl true
  def init(nil), do: {:ok, nil}

  @impl true
  def handle_call(:got, _from, state), do: {:reply, got(), state}

  @impl true
  def handle_info({:alarm, text}, state) do
    :ok = :beamwasm.storage_put("got", :erlang.term_to_binary(got() ++ [text]))
    {:noreply, state}
  end

  defp got do
    case :beamwasm.storage_get("got") do
      {:ok, bin} -> :erlang.binary_to_term(bin)
      :error -> []
    end
  end
end

defmodule Alarms.Router do
  import Beamwasm.Conn

  def call(%{path_info: ["set", ms, text]} = conn, _),
    do: answer(conn, Beamwasm.Alarm.send_after(Alarms.Box, {:alarm, text}, String.to_integer(ms)))

  def call(%{path_info: ["cancel", id]} = conn, _), do: answer(conn, Beamwasm.Alarm.cancel(String.to_integer(id)))
  def call(%{path_info: ["pending"]} = conn, _), do: answer(conn, for({id, _due, name} <- Beamwasm.Alarm.pending(), do: {id, name}))
  def call(%{path_info: ["got"]} = conn, _), do: answer(conn, GenServer.call(Alarms.Box, :got))
  def call(conn, _), do: send_resp(conn, 404, "not found\n")

  defp answer(conn, term), do: send_resp(conn, 200, inspect(term))
end
