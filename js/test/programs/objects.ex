# objects.ex — Durable Objects that call each other (Beamwasm.Object): each object runs a
# registered store (Objects.Store, kept in the object's storage) and an HTTP handler whose
# routes call the store of another object by name over Workers RPC (js/test/workerd.test.mjs).
defmodule Objects do
  def main do
    {:ok, _} = Objects.Store.start_link()
    Beamwasm.HTTP.serve(Objects.Router)
  end

  def other(name, process \\ Objects.Store, binding \\ "OBJECTS"),
    do: {:via, Beamwasm.Object, {binding, name, process}}
end

defmodule Objects.Store do
  use GenServer

  def start_link, do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil) do
    case :beamwasm.storage_get("store") do
      {:ok, bin} -> {:ok, :erlang.binary_to_term(bin)}
      :error -> {:ok, %{}}
    end
  end

  @impl true
  def handle_call({:put, k, v}, _from, state), do: save(Map.put(state, k, v), {:stored, k})
  def handle_call({:get, k}, _from, state), do: {:reply, Map.get(state, k), state}
  def handle_call(:crash, _from, _state), do: exit(:crashed_on_purpose)
  def handle_call({:slow, ms}, from, state) do
    Process.send_after(self(), {:late, from}, ms)
    {:noreply, state}
  end

  @impl true
  def handle_cast({:put, k, v}, state) do
    {:reply, _, state} = save(Map.put(state, k, v), :ok)
    {:noreply, state}
  end

  @impl true
  def handle_info({:late, from}, state) do
    GenServer.reply(from, :late)
    {:noreply, state}
  end

  defp save(state, reply) do
    :ok = :beamwasm.storage_put("store", :erlang.term_to_binary(state))
    {:reply, reply, state}
  end
end

defmodule Objects.Router do
  import Beamwasm.Conn

  def call(%{path_info: ["call", other, "put", k, v]} = conn, _),
    do: answer(conn, GenServer.call(Objects.other(other), {:put, k, v}))

  def call(%{path_info: ["call", other, "get", k]} = conn, _),
    do: answer(conn, GenServer.call(Objects.other(other), {:get, k}))

  def call(%{path_info: ["cast", other, k, v]} = conn, _) do
    GenServer.cast(Objects.other(other), {:put, k, v})
    answer(conn, :cast)
  end

  def call(%{path_info: ["local", "get", k]} = conn, _),
    do: answer(conn, GenServer.call(Objects.Store, {:get, k}))

  def call(%{path_info: ["exit", other, what]} = conn, _) do
    {target, request, timeout} =
      case what do
        "nobody" -> {Objects.other(other, :nobody), {:get, "x"}, 5000}
        "crash" -> {Objects.other(other), :crash, 5000}
        "slow" -> {Objects.other(other), {:slow, 300}, 50}
        "unbound" -> {Objects.other(other, Objects.Store, "NOT_BOUND"), {:get, "x"}, 5000}
      end

    try do
      GenServer.call(target, request, timeout)
    catch
      :exit, {reason, {GenServer, :call, [^target, ^request, ^timeout]}} -> answer(conn, {:exit, reason})
    else
      other -> answer(conn, {:returned, other})
    end
  end

  def call(conn, _), do: send_resp(conn, 404, "not found\n")

  defp answer(conn, term), do: send_resp(conn, 200, inspect(term))
end
