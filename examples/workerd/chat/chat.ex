# chat.ex — chat rooms with presence, in Elixir on Durable Objects that message each other.
# One program, two kinds of object (worker.js): a room (one object per room name, whose
# Chat.Room process keeps the room's history in the object's SQLite database) and the lobby
# (one object, whose Chat.Lobby process keeps who is in which room and each room's last
# message). A room's process relays what happens in it to the lobby's process with a
# GenServer.call across objects (Beamwasm.Object: Workers RPC); the lobby sends
# announcements to every room's process the same way (GenServer.cast).
#
#   POST /rooms/R/join      {"user": "ada"}                 200 {"room", "online": [...]}
#   POST /rooms/R/leave     {"user": "ada"}                 200 {"room", "online": [...]}
#   POST /rooms/R/messages  {"user": "ada", "text": "hi"}   201 {"seq", "relayed": true}
#   GET  /rooms/R/messages[?since=SEQ][&wait=MS]            200 [{"seq", "user", "text"}, ...]
#        with `wait`, a long poll: when nothing is newer than SEQ, the answer waits (up to
#        MS, at most 25 s) for the next message; [] if none came.
#   GET  /lobby                                             200 {"rooms": [{"room", "messages",
#                                                                  "online", "last"}, ...]}
#   POST /lobby/announce    {"text": "..."}                 202 {"rooms": N}
#   GET  /rooms/R/live      (upgrade: websocket)            101: a WebSocket on which each
#        new message of the room arrives as {"seq", "user", "text"}, and a frame
#        {"user": "ada", "text": "hi"} posts one (answered {"error": ...} if it is not)
#
# Errors are {"error": "..."} with 400, 404, 405, 422 or 426 (live without an upgrade).
defmodule Chat do
  alias Beamwasm.SQL

  @lobby {"LOBBY", "lobby", Chat.Lobby}

  def main do
    case System.argv() do
      ["room"] -> {:ok, _} = Chat.Room.start_link()
      ["lobby"] -> {:ok, _} = Chat.Lobby.start_link()
    end

    Beamwasm.HTTP.serve(Chat.Router)
  end

  @doc "The lobby's process, in the lobby object."
  def lobby, do: {:via, Beamwasm.Object, @lobby}

  @doc "The room process of the room object `room`."
  def room(room), do: {:via, Beamwasm.Object, {"ROOMS", room, Chat.Room}}

  def message_json([seq, user, text]), do: {:object, [seq: seq, user: user, text: text]}

  def rows(sql, params \\ []), do: SQL.query!(sql, params).rows
end

defmodule Chat.Room do
  @moduledoc """
  A room's process: its history in the object's database; it tells the lobby. Its state is
  the long polls waiting for the next message: `[{ref, from, since, timer}]`.
  """
  use GenServer
  alias Beamwasm.SQL

  def start_link, do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil) do
    :ok = SQL.execute!("""
    CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, text TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS members (user TEXT PRIMARY KEY);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
    """)

    {:ok, []}
  end

  @impl true
  def handle_call({:post, room, user, text}, _from, waiting) do
    {seq, relayed, waiting} = post(room, user, text, waiting)
    {:reply, {seq, relayed}, waiting}
  end

  # A WebSocket is about to open: the room's name, for the messages that come on it.
  def handle_call({:live, room}, _from, waiting) do
    SQL.query!("INSERT OR REPLACE INTO meta (key, value) VALUES ('room', ?)", [room])
    {:reply, :ok, waiting}
  end

  def handle_call({:join, room, user}, _from, state) do
    SQL.query!("INSERT OR IGNORE INTO members (user) VALUES (?)", [user])
    {:reply, {online(), relay({:join, room, user})}, state}
  end

  def handle_call({:leave, room, user}, _from, state) do
    SQL.query!("DELETE FROM members WHERE user = ?", [user])
    {:reply, {online(), relay({:leave, room, user})}, state}
  end

  # The messages after `seq`; with none and `wait` > 0, the answer waits for the next one.
  def handle_call({:since, seq, wait}, from, waiting) do
    case since(seq) do
      [] when wait > 0 ->
        ref = make_ref()
        timer = Process.send_after(self(), {:expired, ref}, wait)
        {:noreply, [{ref, from, seq, timer} | waiting]}

      rows ->
        {:reply, rows, waiting}
    end
  end

  @impl true
  def handle_cast({:announce, text}, waiting) do
    seq = SQL.query!("INSERT INTO messages (user, text) VALUES ('lobby', ?)", [text]).last_insert_id
    Beamwasm.WebSocket.broadcast({:text, Example.JSON.encode!(Chat.message_json([seq, "lobby", text]))})
    {:noreply, wake(waiting)}
  end

  # A frame from a WebSocket (Beamwasm.WebSocket): a message to post, as JSON.
  @impl true
  def handle_info({:websocket, id, {:text, data}}, waiting) do
    with {:ok, %{"user" => user, "text" => text}} when is_binary(user) and is_binary(text) and user != "" and text != "" <-
           Example.JSON.decode(data),
         [[room]] <- Chat.rows("SELECT value FROM meta WHERE key = 'room'") do
      {_seq, _relayed, waiting} = post(room, user, text, waiting)
      {:noreply, waiting}
    else
      _ ->
        Beamwasm.WebSocket.send(id, {:text, Example.JSON.encode!(%{error: ~s(a frame is {"user": "...", "text": "..."})})})
        {:noreply, waiting}
    end
  end

  def handle_info({:websocket, _id, _opened_or_closed}, waiting), do: {:noreply, waiting}

  def handle_info({:expired, ref}, waiting) do
    case List.keytake(waiting, ref, 0) do
      {{^ref, from, _, _}, rest} ->
        GenServer.reply(from, [])
        {:noreply, rest}

      nil ->
        {:noreply, waiting}
    end
  end

  # Stores a message, tells the lobby, and sends it to the long polls and WebSockets.
  defp post(room, user, text, waiting) do
    seq = SQL.query!("INSERT INTO messages (user, text) VALUES (?, ?)", [user, text]).last_insert_id
    relayed = relay({:posted, room, user, text})
    Beamwasm.WebSocket.broadcast({:text, Example.JSON.encode!(Chat.message_json([seq, user, text]))})
    {seq, relayed, wake(waiting)}
  end

  defp since(seq), do: Chat.rows("SELECT seq, user, text FROM messages WHERE seq > ? ORDER BY seq", [seq])

  # Answers every waiting long poll with what is new for it.
  defp wake(waiting) do
    for {_ref, from, seq, timer} <- waiting do
      Process.cancel_timer(timer)
      GenServer.reply(from, since(seq))
    end

    []
  end

  defp online, do: for([u] <- Chat.rows("SELECT user FROM members ORDER BY user"), do: u)

  # A call to the lobby's process in the lobby object: true when it answered. The room goes
  # on if the lobby cannot be reached (the call exits as a call to a down node does).
  defp relay(event) do
    :ok = GenServer.call(Chat.lobby(), event, 5000)
    true
  catch
    :exit, _ -> false
  end
end

defmodule Chat.Lobby do
  @moduledoc "The lobby's process: who is in which room, and each room's last message."
  use GenServer
  alias Beamwasm.SQL

  def start_link, do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @impl true
  def init(nil) do
    :ok = SQL.execute!("""
    CREATE TABLE IF NOT EXISTS rooms (room TEXT PRIMARY KEY, messages INTEGER NOT NULL DEFAULT 0, last_user TEXT, last_text TEXT);
    CREATE TABLE IF NOT EXISTS presence (room TEXT NOT NULL, user TEXT NOT NULL, PRIMARY KEY (room, user))
    """)

    {:ok, nil}
  end

  @impl true
  def handle_call({:posted, room, user, text}, _from, state) do
    SQL.query!("""
    INSERT INTO rooms (room, messages, last_user, last_text) VALUES (?1, 1, ?2, ?3)
    ON CONFLICT (room) DO UPDATE SET messages = messages + 1, last_user = ?2, last_text = ?3
    """, [room, user, text])

    {:reply, :ok, state}
  end

  def handle_call({:join, room, user}, _from, state) do
    {:ok, _} =
      SQL.transaction(fn ->
        SQL.query!("INSERT OR IGNORE INTO rooms (room) VALUES (?)", [room])
        SQL.query!("INSERT OR IGNORE INTO presence (room, user) VALUES (?, ?)", [room, user])
      end)

    {:reply, :ok, state}
  end

  def handle_call({:leave, room, user}, _from, state) do
    SQL.query!("DELETE FROM presence WHERE room = ? AND user = ?", [room, user])
    {:reply, :ok, state}
  end

  def handle_call(:rooms, _from, state) do
    online = Enum.group_by(Chat.rows("SELECT room, user FROM presence ORDER BY room, user"), &hd/1, &List.last/1)

    rooms =
      for [room, n, user, text] <- Chat.rows("SELECT room, messages, last_user, last_text FROM rooms ORDER BY room") do
        last = if user, do: {:object, [user: user, text: text]}
        {:object, [room: room, messages: n, online: Map.get(online, room, []), last: last]}
      end

    {:reply, rooms, state}
  end

  # Announcements go to every known room's process, as casts (messages to other objects).
  def handle_call({:announce, text}, _from, state) do
    rooms = for [room] <- Chat.rows("SELECT room FROM rooms ORDER BY room"), do: room
    for room <- rooms, do: GenServer.cast(Chat.room(room), {:announce, text})
    {:reply, length(rooms), state}
  end
end

defmodule Chat.Router do
  import Beamwasm.Conn
  alias Example.JSON

  def call(%{path_info: ["rooms", room, action]} = conn, _opts) when action in ["join", "leave"] do
    with :ok <- method(conn, "POST"),
         {:ok, %{"user" => user}} <- fields(conn, ["user"]) do
      event = if action == "join", do: :join, else: :leave
      {online, relayed} = GenServer.call(Chat.Room, {event, room, user})
      json(conn, 200, {:object, [room: room, online: online, relayed: relayed]})
    end
  end

  def call(%{path_info: ["rooms", room, "messages"], method: "POST"} = conn, _opts) do
    with {:ok, %{"user" => user, "text" => text}} <- fields(conn, ["user", "text"]) do
      {seq, relayed} = GenServer.call(Chat.Room, {:post, room, user, text})
      json(conn, 201, {:object, [seq: seq, relayed: relayed]})
    end
  end

  def call(%{path_info: ["rooms", _room, "messages"], method: "GET"} = conn, _opts) do
    with {since, ""} <- Integer.parse(conn.query_params["since"] || "0"),
         {wait, ""} when wait >= 0 <- Integer.parse(conn.query_params["wait"] || "0") do
      wait = min(wait, 25_000)
      rows = GenServer.call(Chat.Room, {:since, since, wait}, wait + 5000)
      json(conn, 200, Enum.map(rows, &Chat.message_json/1))
    else
      _ -> error(conn, 422, "since and wait must be integers (wait in ms, >= 0)")
    end
  end

  def call(%{path_info: ["rooms", _room, "messages"]} = conn, _opts), do: not_allowed(conn, "GET, POST")

  def call(%{path_info: ["rooms", room, "live"], method: "GET"} = conn, _opts) do
    if get_req_header(conn, "upgrade") |> Enum.map(&String.downcase/1) == ["websocket"] do
      :ok = GenServer.call(Chat.Room, {:live, room})
      Beamwasm.WebSocket.upgrade(conn, Chat.Room)
    else
      error(conn, 426, "this is a WebSocket: ask with upgrade: websocket")
    end
  end

  def call(%{path_info: ["lobby"]} = conn, _opts) do
    with :ok <- method(conn, "GET"), do: json(conn, 200, %{rooms: GenServer.call(Chat.Lobby, :rooms)})
  end

  def call(%{path_info: ["lobby", "announce"]} = conn, _opts) do
    with :ok <- method(conn, "POST"),
         {:ok, %{"text" => text}} <- fields(conn, ["text"]) do
      json(conn, 202, %{rooms: GenServer.call(Chat.Lobby, {:announce, text})})
    end
  end

  def call(conn, _opts), do: error(conn, 404, "no route for #{conn.method} #{conn.request_path}")

  # :ok, or the conn of a 405 when the request's method is not `allowed`.
  defp method(%{method: m}, m), do: :ok
  defp method(conn, allowed), do: not_allowed(conn, allowed)

  # The body as a JSON object whose `names` are non-empty strings, or the conn of an error.
  defp fields(conn, names) do
    {:ok, text, _} = read_body(conn)

    case JSON.decode(text) do
      {:ok, %{} = body} ->
        case Enum.reject(names, &(is_binary(body[&1]) and String.trim(body[&1]) != "")) do
          [] -> {:ok, Map.take(body, names)}
          missing -> error(conn, 422, "needs non-empty strings: " <> Enum.join(missing, ", "))
        end

      {:ok, _} -> error(conn, 422, "the body must be a JSON object")
      {:error, message} -> error(conn, 400, "malformed JSON: " <> message)
    end
  end

  defp not_allowed(conn, allow) do
    conn
    |> put_resp_header("allow", allow)
    |> error(405, "#{conn.method} is not allowed here; allowed: #{allow}")
  end

  defp error(conn, status, message), do: json(conn, status, %{error: message})

  defp json(conn, status, value) do
    conn
    |> put_resp_content_type("application/json")
    |> send_resp(status, JSON.encode!(value))
  end
end
