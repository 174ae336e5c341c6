# hello.ex — the program behind the hello Worker: an HTTP handler in Elixir
# (Beamwasm.HTTP, Beamwasm.Conn). GET /?arg=Ada&arg=Grace greets each name and prints a
# little computed data. The Worker keeps one instance of the program across requests.
#
# Develop it locally:   beamwasm serve --entry Hello.main hello.ex    (127.0.0.1:4000)
# The text on the VM:   elixirc hello.ex && elixir -e 'IO.write(Hello.text(["Ada"]))'
defmodule Hello do
  def main, do: Beamwasm.HTTP.serve(Hello.Router)

  def text(names) do
    names = if names == [], do: ["world"], else: names
    squares = Enum.map(1..10, &(&1 * &1))
    Enum.map_join(names, &"Hello, #{&1}!\n") <> "squares: #{inspect(squares)}, sum #{Enum.sum(squares)}\n"
  end
end

defmodule Hello.Router do
  import Beamwasm.Conn

  def call(%{method: "GET", path_info: []} = conn, _opts) do
    names = for {"arg", name} <- URI.query_decoder(conn.query_string), do: name

    conn
    |> put_resp_content_type("text/plain")
    |> send_resp(200, Hello.text(names))
  end

  def call(conn, _opts), do: send_resp(conn, 404, "not found\n")
end
