# :httpc from Elixir, as a client library uses it: inets started with
# Application.ensure_all_started/1, a server of :gen_tcp processes on loopback, and many
# requests at once from Task.async, each answered after the others have arrived; then a
# JSON-ish body posted and a request with a timeout from a Task that is shut down.
defmodule HttpcTaskServer do
  def start do
    {:ok, l} = :gen_tcp.listen(0, [:binary, active: false, ip: {127, 0, 0, 1}, backlog: 64])
    {:ok, port} = :inet.port(l)
    spawn(fn -> accept(l) end)
    port
  end

  defp accept(l) do
    {:ok, s} = :gen_tcp.accept(l)
    pid = spawn(fn -> receive do: (:go -> serve(s, ""))  end)
    :ok = :gen_tcp.controlling_process(s, pid)
    send(pid, :go)
    accept(l)
  end

  defp serve(s, buf) do
    case :binary.split(buf, "\r\n\r\n") do
      [head, rest] ->
        [line | headers] = String.split(head, "\r\n")
        len =
          Enum.find_value(headers, 0, fn h ->
            case String.downcase(h) do
              "content-length: " <> n -> String.to_integer(n)
              _ -> nil
            end
          end)
        body = read(s, rest, len)
        [method, path, _] = String.split(line, " ")
        :ok = :gen_tcp.send(s, respond(method, path, body))
        serve(s, "")

      [_] ->
        case :gen_tcp.recv(s, 0) do
          {:ok, more} -> serve(s, buf <> more)
          {:error, _} -> :gen_tcp.close(s)
        end
    end
  end

  defp read(_s, got, len) when byte_size(got) >= len, do: got
  defp read(s, got, len) do
    {:ok, more} = :gen_tcp.recv(s, 0, 5000)
    read(s, got <> more, len)
  end

  defp respond("GET", "/item/" <> n, _) do
    # the higher the number, the sooner it answers: replies arrive out of order
    Process.sleep(5 * (20 - String.to_integer(n)))
    reply("200 OK", "item #{n} squared is #{String.to_integer(n) ** 2}")
  end

  defp respond("POST", "/sum", body) do
    total = body |> String.split(",") |> Enum.map(&String.to_integer/1) |> Enum.sum()
    reply("200 OK", ~s({"sum":#{total}}))
  end

  defp respond("GET", "/never", _), do: Process.sleep(:infinity)
  defp respond(_, _, _), do: reply("404 Not Found", "nothing here")

  defp reply(status, body) do
    ["HTTP/1.1 ", status, "\r\nContent-Type: text/plain\r\nContent-Length: ",
     Integer.to_string(byte_size(body)), "\r\n\r\n", body]
  end
end

defmodule HttpcTaskAsyncConcurrent do
  def main do
    {:ok, apps} = Application.ensure_all_started(:inets)
    IO.inspect(apps, label: "started")
    port = HttpcTaskServer.start()
    base = ~c"http://127.0.0.1:#{port}"
    :ok = :httpc.set_options(max_sessions: 8)

    results =
      1..12
      |> Enum.map(fn n ->
        Task.async(fn ->
          {:ok, {{_, status, _}, headers, body}} =
            :httpc.request(:get, {base ++ ~c"/item/#{n}", []}, [], body_format: :binary)
          {n, status, List.keyfind(headers, ~c"content-type", 0), body}
        end)
      end)
      |> Task.await_many(10_000)

    Enum.each(results, &IO.inspect/1)

    {:ok, {{_, 200, _}, _, body}} =
      :httpc.request(:post, {base ++ ~c"/sum", [], ~c"text/csv", "1,2,3,4,5,6,7,8,9,10"}, [], [])
    IO.puts("sum: #{body}")

    {:ok, {{_, status, reason}, _, body}} = :httpc.request(base ++ ~c"/nope")
    IO.puts("#{status} #{reason}: #{body}")

    task = Task.async(fn -> :httpc.request(:get, {base ++ ~c"/never", []}, [timeout: 100], []) end)
    IO.inspect(Task.await(task), label: "never")

    slow = Task.async(fn -> :httpc.request(:get, {base ++ ~c"/never", []}, [], []) end)
    Process.sleep(50)
    IO.inspect(Task.shutdown(slow, :brutal_kill), label: "shut down")
    {:ok, {{_, 200, _}, _, body}} = :httpc.request(base ++ ~c"/item/3")
    IO.puts("after: #{body}")
  end
end
