# counter.ex — the program of the counter Durable Object: a GenServer that keeps a count,
# and the HTTP handler that answers the object's requests in Elixir (Beamwasm.HTTP).
#
#   POST /counter/NAME/add?n=5   adds 5, answers {"count": N}
#   GET  /counter/NAME           answers {"count": N}
#
# One object per counter NAME (the Worker routes by it). The object keeps its program
# running between requests; the count is also kept in the object's storage
# (:beamwasm.storage_get/put), so a new instance (after eviction or a restart) starts
# from it.
defmodule Counter do
  use GenServer

  @key "count"

  def main do
    {:ok, _} = GenServer.start_link(__MODULE__, nil, name: __MODULE__)
    Beamwasm.HTTP.serve(Counter.Router)
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

defmodule Counter.Router do
  import Beamwasm.Conn

  def call(%{method: "POST", path_info: ["counter", _name, "add"]} = conn, _opts) do
    case Integer.parse(conn.query_params["n"] || "") do
      {n, ""} -> count(conn, GenServer.call(Counter, n))
      _ -> send_resp(conn, 400, "n must be an integer\n")
    end
  end

  def call(%{method: "GET", path_info: ["counter", _name]} = conn, _opts),
    do: count(conn, GenServer.call(Counter, 0))

  def call(conn, _opts), do: send_resp(conn, 404, "not found\n")

  defp count(conn, n) do
    conn
    |> put_resp_content_type("application/json")
    |> send_resp(200, ~s({"count":#{n}}))
  end
end
