# fetch_app.ex — outbound HTTP from Elixir, for js/test/fetch.test.mjs (Node) and
# js/test/workerd-fetch.test.mjs (workerd). The report is the same text whichever client
# makes the requests: Beamwasm.Fetch (the host's fetch) on the JS hosts, :httpc on the VM
# (print_vm), so the test compares it with the VM's.
#
#   FetchApp.main       serves Beamwasm.HTTP: /proxy?url=U answers what fetching U gave,
#                       /report?base=B&refused=R the report of requests to the test server
#                       at B, and to R, where nothing listens
#   FetchApp.print      prints the report for $FETCH_BASE and $FETCH_REFUSED through
#                       Beamwasm.Fetch
#   FetchApp.print_vm   the same through :httpc (the VM)
#   FetchApp.print_https  the same over https, verified against the CA in $TLS_CA
#   FetchApp.print_httpc  print_vm for $FETCH_BASE and $FETCH_REFUSED (:httpc over gen_tcp
#                       where a host has TCP: workerd's cloudflare:sockets)
#   FetchApp.errors     prints what Beamwasm.Fetch answers for bad URLs and options
defmodule FetchApp do
  def main, do: Beamwasm.HTTP.serve(FetchApp.Router)

  def print, do: IO.write(report(System.get_env("FETCH_BASE"), System.get_env("FETCH_REFUSED"), &fetch/5))

  def print_vm(base, refused) do
    {:ok, _} = Application.ensure_all_started(:inets)
    IO.write(report(base, refused, &httpc/5))
  end

  def print_httpc, do: print_vm(System.get_env("FETCH_BASE"), System.get_env("FETCH_REFUSED"))

  # print_vm over https: $FETCH_BASE an https server whose certificate the CA in $TLS_CA
  # (base64 DER) signed, verified against it (on workerd against workerd's store, which the
  # test's configuration gives that CA).
  def print_https do
    ca = Base.decode64!(System.get_env("TLS_CA"))
    {:ok, _} = Application.ensure_all_started(:inets)
    {:ok, _} = Application.ensure_all_started(:ssl)
    ssl = [ssl: [verify: :verify_peer, cacerts: [ca]]]
    client = fn m, u, h, b, t -> httpc(m, u, h, b, t, ssl) end
    IO.write(report(System.get_env("FETCH_BASE"), System.get_env("FETCH_REFUSED"), client))
  end

  def errors do
    for url <- ["nope", "ftp://127.0.0.1/x", ~c"http://[::1", 42] do
      IO.puts(inspect(try_request(url, [])))
    end

    for opts <- [[method: 1], [headers: :x], [body: :x], [timeout: -1], [redirect: :maybe]] do
      IO.puts(inspect(try_request(System.get_env("FETCH_BASE") <> "/text", opts)))
    end
  end

  defp try_request(url, opts) do
    Beamwasm.Fetch.request(url, opts)
  rescue
    e -> {:raised, Exception.message(e)}
  end

  # The test server (js/test/fetch-server.mjs) answers each of these paths.
  def report(base, refused, client) do
    cases = [
      {"text", :get, "/text", [{"x-asked", "yes"}], nil, :infinity},
      {"binary", :get, "/binary", [], nil, :infinity},
      {"echo", :post, "/echo", [{"content-type", "application/octet-stream"}], binary_body(), :infinity},
      {"chunked", :get, "/chunked", [], nil, :infinity},
      {"missing", :get, "/missing", [], nil, :infinity},
      {"redirect", :get, "/redirect", [], nil, :infinity},
      {"slow", :get, "/slow", [], nil, 300},
      {"refused", :get, "/", [], nil, :infinity}
    ]

    for {name, method, path, headers, body, timeout} <- cases, into: "" do
      url = if name == "refused", do: refused <> path, else: base <> path

      case client.(method, url, headers, body, timeout) do
        {:ok, status, hs, b} ->
          "#{name} #{status} #{inspect(shown(hs))} #{byte_size(b)} #{inspect(b, limit: :infinity)}\n"

        {:error, reason} ->
          "#{name} error #{inspect(reason)}\n"
      end
    end
  end

  defp binary_body, do: :binary.list_to_bin(Enum.to_list(255..0//-1) ++ ~c"end")

  # The headers the server chose (not the transport's), by name.
  defp shown(headers) do
    headers
    |> Enum.map(fn {k, v} -> {String.downcase(k), v} end)
    |> Enum.filter(fn {k, _} -> String.starts_with?(k, "x-") or k in ["content-type", "set-cookie", "location"] end)
    |> Enum.sort()
  end

  def fetch(method, url, headers, body, timeout) do
    opts = [method: method, headers: headers, timeout: timeout] ++ if(body, do: [body: body], else: [])

    case Beamwasm.Fetch.request(url, opts) do
      {:ok, %{status: status, headers: hs, body: b}} -> {:ok, status, hs, b}
      {:error, reason} -> {:error, reason}
    end
  end

  def httpc(method, url, headers, body, timeout, http_opts \\ []) do
    hs = for {k, v} <- headers, do: {String.to_charlist(k), String.to_charlist(v)}

    request =
      case body do
        nil -> {String.to_charlist(url), hs}
        _ -> {String.to_charlist(url), List.keydelete(hs, ~c"content-type", 0), ~c"application/octet-stream", body}
      end

    case :httpc.request(method, request, [timeout: timeout] ++ http_opts, body_format: :binary) do
      {:ok, {{_, status, _}, rhs, b}} ->
        {:ok, status, for({k, v} <- rhs, do: {:erlang.list_to_binary(k), :erlang.list_to_binary(v)}), b}

      {:error, {:failed_connect, info}} ->
        {:inet, _, reason} = List.keyfind(info, :inet, 0)
        {:error, reason}

      {:error, reason} ->
        {:error, reason}
    end
  end
end

defmodule FetchApp.Router do
  import Beamwasm.Conn

  # Hop-by-hop and framing headers, which the answer's own transport sets.
  @transport ~w(connection keep-alive transfer-encoding content-length date)

  def init(opts), do: opts

  def call(%{path_info: ["proxy"]} = conn, _opts) do
    case Beamwasm.Fetch.request(conn.query_params["url"], method: conn.method) do
      {:ok, %{status: status, headers: headers, body: body}} ->
        headers = Enum.reject(headers, fn {k, _} -> k in @transport end)
        send_resp(%{conn | resp_headers: headers}, status, body)

      {:error, reason} ->
        send_resp(conn, 502, inspect(reason))
    end
  end

  def call(%{path_info: ["report"]} = conn, _opts),
    do: send_resp(conn, 200, FetchApp.report(conn.query_params["base"], conn.query_params["refused"], &FetchApp.fetch/5))

  def call(conn, _opts), do: send_resp(conn, 404, "not found\n")
end
