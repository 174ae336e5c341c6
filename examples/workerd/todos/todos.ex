# todos.ex — a JSON API in Elixir, with its rows in the SQLite database of a Durable Object
# (one object per list: the Worker routes /lists/NAME/... to object NAME; worker.js).
#
#   GET    /lists/L/todos[?done=true|false]   200 [todo, ...] (by id)
#   POST   /lists/L/todos                     {"title": "...", "done": false}   201 todo
#                                             [{...}, {...}]: all in one transaction, or none (422)
#   GET    /lists/L/todos/ID                  200 todo
#   PATCH  /lists/L/todos/ID                  {"title"?: "...", "done"?: true}  200 todo
#   DELETE /lists/L/todos/ID                  204
#   DELETE /lists/L/todos?done=true           200 {"deleted": N}
#
# A todo is {"id": 1, "title": "...", "done": false}. Errors are JSON too:
# {"error": "..."} with 400 (malformed JSON), 404 (no such todo or route), 405 (a method
# the route does not have; `allow` says which it has) or 422 (a body that is not a todo).
#
# Run it locally:  beamwasm serve --sqlite todos.db --entry Todos.main todos.ex ../json.ex
# On workerd:      see ../README.md (each list's rows survive restarts in its SQLite file).
defmodule Todos do
  alias Beamwasm.SQL

  def main do
    :ok = SQL.execute!("""
    CREATE TABLE IF NOT EXISTS todos (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
    )
    """)

    Beamwasm.HTTP.serve(Todos.Router)
  end

  @doc "The JSON object of a row [id, title, done] (keys in this order)."
  def json([id, title, done]), do: {:object, [id: id, title: title, done: done == 1]}

  def all(filter) do
    {where, params} =
      case filter do
        :all -> {"", []}
        done -> {" WHERE done = ?", [done]}
      end

    SQL.query!("SELECT id, title, done FROM todos#{where} ORDER BY id", params).rows
  end

  def get(id) do
    case SQL.query!("SELECT id, title, done FROM todos WHERE id = ?", [id]).rows do
      [row] -> {:ok, row}
      [] -> :error
    end
  end

  @doc """
  Inserts each of `todos` (validated attributes), all or none, and returns their rows:
  several in one transaction; one is a single statement, atomic by itself.
  """
  def insert_all([todo]), do: {:ok, [insert(todo)]}
  def insert_all(todos), do: SQL.transaction(fn -> Enum.map(todos, &insert/1) end)

  defp insert(%{"title" => title} = todo) do
    done = Map.get(todo, "done", false)
    r = SQL.query!("INSERT INTO todos (title, done) VALUES (?, ?)", [title, done])
    [r.last_insert_id, title, if(done, do: 1, else: 0)]
  end

  def update(id, changes) do
    SQL.transaction(fn ->
      for {column, value} <- Enum.sort(changes) do
        SQL.query!("UPDATE todos SET #{column} = ? WHERE id = ?", [value, id])
      end

      case get(id) do
        {:ok, row} -> row
        :error -> SQL.rollback(:not_found)
      end
    end)
  end

  def delete(id), do: SQL.query!("DELETE FROM todos WHERE id = ?", [id]).num_rows == 1
  def delete_done, do: SQL.query!("DELETE FROM todos WHERE done = 1").num_rows

  @doc "A request body as JSON: {:ok, term} or {:error, 400, message}."
  def parse_json(text) do
    case Example.JSON.decode(text) do
      {:ok, term} -> {:ok, term}
      {:error, message} -> {:error, 400, "malformed JSON: " <> message}
    end
  end

  @doc """
  The body of a POST: one todo (an object) or several (an array, stored all or none):
  `{:ok, todos, one?}` or `{:error, status, message}`.
  """
  def parse_new(text) do
    with {:ok, body} <- parse_json(text) do
      case body do
        list when is_list(list) ->
          with :ok <- validate_all(list), do: {:ok, list, false}

        one ->
          with {:ok, _} <- validate(one), do: {:ok, [one], true}
      end
    end
  end

  @doc """
  The attributes of a todo in a request body: `{:ok, attrs}` or `{:error, status, message}`.
  `partial`: a PATCH, where every field is optional but one is needed.
  """
  def validate(body, partial \\ false)

  def validate(%{} = attrs, partial) do
    known = Map.take(attrs, ["title", "done"])

    cond do
      map_size(attrs) > map_size(known) ->
        {:error, 422, "unknown fields: " <> Enum.join(Enum.sort(Map.keys(Map.drop(attrs, ["title", "done"]))), ", ")}

      not partial and not Map.has_key?(attrs, "title") ->
        {:error, 422, "title is required"}

      partial and map_size(known) == 0 ->
        {:error, 422, "nothing to change: give title or done"}

      Map.has_key?(attrs, "title") and not (is_binary(attrs["title"]) and String.trim(attrs["title"]) != "") ->
        {:error, 422, "title must be a non-empty string"}

      Map.has_key?(attrs, "title") and String.length(attrs["title"]) > 200 ->
        {:error, 422, "title is longer than 200 characters"}

      Map.has_key?(attrs, "done") and not is_boolean(attrs["done"]) ->
        {:error, 422, "done must be true or false"}

      true ->
        {:ok, known}
    end
  end

  def validate(_, _), do: {:error, 422, "a todo is a JSON object"}

  @doc "The error of the first invalid todo of a list, with its index, or :ok."
  def validate_all([]), do: {:error, 422, "an empty list of todos"}

  def validate_all(list) do
    list
    |> Enum.with_index()
    |> Enum.find_value(:ok, fn {t, i} ->
      case validate(t) do
        {:ok, _} -> nil
        {:error, status, message} -> {:error, status, "todo #{i}: #{message}"}
      end
    end)
  end
end

defmodule Todos.Router do
  import Beamwasm.Conn
  alias Example.JSON

  def call(%{path_info: ["lists", _list, "todos"]} = conn, _opts), do: collection(conn.method, conn)

  def call(%{path_info: ["lists", _list, "todos", id]} = conn, _opts) do
    case Integer.parse(id) do
      {id, ""} when id > 0 -> member(conn.method, id, conn)
      _ -> error(conn, 404, "no todo #{id}")
    end
  end

  def call(conn, _opts), do: error(conn, 404, "no route for #{conn.method} #{conn.request_path}")

  defp collection("GET", conn) do
    case done_filter(conn.query_params["done"]) do
      {:ok, filter} -> json(conn, 200, Enum.map(Todos.all(filter), &Todos.json/1))
      {:error, status, message} -> error(conn, status, message)
    end
  end

  defp collection("POST", conn) do
    {:ok, text, conn} = read_body(conn)

    with {:ok, todos, one?} <- Todos.parse_new(text),
         {:ok, rows} <- Todos.insert_all(todos) do
      if one? do
        [[id | _] = row] = rows

        conn
        |> put_resp_header("location", "#{conn.request_path}/#{id}")
        |> json(201, Todos.json(row))
      else
        json(conn, 201, Enum.map(rows, &Todos.json/1))
      end
    else
      {:error, status, message} -> error(conn, status, message)
    end
  end

  defp collection("DELETE", conn) do
    case conn.query_params do
      %{"done" => "true"} -> json(conn, 200, %{deleted: Todos.delete_done()})
      _ -> error(conn, 422, "DELETE on the list needs ?done=true (it deletes the done todos)")
    end
  end

  defp collection(_, conn), do: not_allowed(conn, "GET, POST, DELETE")

  defp member("GET", id, conn) do
    case Todos.get(id) do
      {:ok, row} -> json(conn, 200, Todos.json(row))
      :error -> error(conn, 404, "no todo #{id}")
    end
  end

  defp member("PATCH", id, conn) do
    with {:ok, body} <- body(conn),
         {:ok, attrs} <- Todos.validate(body, true),
         {:ok, row} <- Todos.update(id, attrs) do
      json(conn, 200, Todos.json(row))
    else
      {:error, :not_found} -> error(conn, 404, "no todo #{id}")
      {:error, status, message} -> error(conn, status, message)
    end
  end

  defp member("DELETE", id, conn) do
    if Todos.delete(id), do: send_resp(conn, 204, ""), else: error(conn, 404, "no todo #{id}")
  end

  defp member(_, _, conn), do: not_allowed(conn, "GET, PATCH, DELETE")

  defp done_filter(nil), do: {:ok, :all}
  defp done_filter("true"), do: {:ok, true}
  defp done_filter("false"), do: {:ok, false}
  defp done_filter(other), do: {:error, 422, "done must be true or false, not #{inspect(other)}"}

  defp body(conn) do
    {:ok, text, _conn} = read_body(conn)
    Todos.parse_json(text)
  end

  defp not_allowed(conn, allow) do
    conn
    |> put_resp_header("allow", allow)
    |> error(405, "#{conn.method} is not allowed here; allowed: #{allow}")
  end

  defp error(conn, status, message), do: json(conn, status, %{error: message})

  def json(conn, status, value) do
    conn
    |> put_resp_content_type("application/json")
    |> send_resp(status, JSON.encode!(value))
  end
end
