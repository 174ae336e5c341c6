# http_app.ex — an HTTP handler in Elixir (Beamwasm.HTTP, Beamwasm.Conn), for the tests that
# run the same requests against every host: Node, workerd, `beamwasm serve`.
defmodule HttpApp do
  def main, do: Beamwasm.HTTP.serve(HttpApp.Router, greeting: "hello")
end

defmodule HttpApp.Router do
  import Beamwasm.Conn

  def init(opts), do: Keyword.put(opts, :started, true)

  def call(%{method: "GET", path_info: ["hello", name]} = conn, opts) do
    conn
    |> put_resp_content_type("text/plain")
    |> send_resp(200, "#{opts[:greeting]} #{name}\n")
  end

  def call(%{method: "POST", path_info: ["echo"]} = conn, _opts) do
    {:ok, body, conn} = read_body(conn)
    conn |> put_resp_header("x-method", conn.method) |> send_resp(201, body)
  end

  def call(%{path_info: ["query"]} = conn, _opts),
    do: send_resp(conn, 200, inspect(conn.query_params |> Enum.sort()))

  def call(%{path_info: ["headers"]} = conn, _opts),
    do: send_resp(conn, :ok, Enum.join(get_req_header(conn, "x-test"), ","))

  def call(%{path_info: ["conn" | _]} = conn, _opts) do
    send_resp(conn, 200, "#{conn.method} #{conn.request_path} #{conn.query_string} #{inspect(conn.path_info)} #{conn.scheme}")
  end

  def call(%{path_info: ["stream"]} = conn, _opts) do
    conn = send_chunked(conn, 200)
    Enum.reduce(1..3, conn, fn i, conn ->
      {:ok, conn} = chunk(conn, "chunk #{i}\n")
      conn
    end)
  end

  def call(%{path_info: ["later", ms]} = conn, _opts) do
    Process.sleep(String.to_integer(ms))
    send_resp(conn, 200, "after #{ms} ms\n")
  end

  def call(%{path_info: ["crash"]}, _opts), do: raise("boom")
  def call(%{path_info: ["nothing"]} = conn, _opts), do: conn
  def call(%{path_info: ["empty"]} = conn, _opts), do: send_resp(conn, :no_content, "")
  def call(%{path_info: ["set"]} = conn, _opts), do: resp(conn, 202, "set, sent by the host")
  def call(%{path_info: ["socket"]} = conn, _opts), do: Beamwasm.WebSocket.upgrade(conn, HttpApp)
  def call(conn, _opts), do: send_resp(conn, :not_found, "not found\n")
end
