# tcp_client.ex — a gen_tcp client, for js/test/workerd-fetch.test.mjs: on workerd its
# sockets are connect() from cloudflare:sockets (js/src/cfsockets.js), on the VM the inet
# driver's; the output is the same. The echo server (fetch-server.mjs) sends back what it
# gets and closes after "quit".
#
#   TcpClient.main     the client, to $ECHO_PORT, and a connection to $REFUSED_PORT
#   TcpClient.listen   what gen_tcp:listen/2 gives
#   TcpClient.tls      an ssl client to "localhost":$TLS_PORT, a TLS echo server whose
#                      certificate the CA in $TLS_CA (base64 DER) signed, verified against it
#                      (on workerd against workerd's store, which the test's configuration
#                      gives that CA); then a server from another CA, and verify_none
defmodule TcpClient do
  def main do
    port = String.to_integer(System.get_env("ECHO_PORT"))
    {:ok, s} = :gen_tcp.connect({127, 0, 0, 1}, port, [:binary, active: false])
    :ok = :gen_tcp.send(s, "hello")
    IO.inspect(:gen_tcp.recv(s, 5, 5000), label: "passive")
    :ok = :inet.setopts(s, active: :once)
    :ok = :gen_tcp.send(s, "again")
    receive do
      {:tcp, ^s, data} -> IO.inspect(data, label: "active once")
    after
      5000 -> IO.puts("active once: nothing")
    end
    :ok = :inet.setopts(s, packet: :line, active: false)
    :ok = :gen_tcp.send(s, ["one\n", "two\n"])
    IO.inspect(:gen_tcp.recv(s, 0, 5000), label: "line")
    IO.inspect(:gen_tcp.recv(s, 0, 5000), label: "line")
    IO.inspect(:gen_tcp.recv(s, 0, 100), label: "nothing more")
    {:ok, {addr, p}} = :inet.peername(s)
    IO.inspect({addr, p == port}, label: "peername")
    :ok = :inet.setopts(s, packet: :raw, active: true)
    :ok = :gen_tcp.send(s, "quit")
    IO.inspect(collect(s, ""), label: "active until closed")
    IO.inspect(:gen_tcp.send(s, "more"), label: "send after close")
    :ok = :gen_tcp.close(s)
    refused = String.to_integer(System.get_env("REFUSED_PORT"))
    IO.inspect(:gen_tcp.connect({127, 0, 0, 1}, refused, []), label: "refused")
  end

  defp collect(s, acc) do
    receive do
      {:tcp, ^s, data} -> collect(s, acc <> data)
      {:tcp_closed, ^s} -> {acc, :tcp_closed}
    after
      5000 -> {acc, :timeout}
    end
  end

  def tls do
    :ok = :logger.set_primary_config(:level, :error)
    ca = Base.decode64!(System.get_env("TLS_CA"))
    port = String.to_integer(System.get_env("TLS_PORT"))
    :ok = :ssl.start()
    verify = [verify: :verify_peer, cacerts: [ca]]
    {:ok, s} = :ssl.connect(~c"localhost", port, [:binary, active: false] ++ verify, 5000)
    :ok = :ssl.send(s, "hello")
    IO.inspect(:ssl.recv(s, 5, 5000), label: "tls passive")
    :ok = :ssl.setopts(s, active: :once)
    :ok = :ssl.send(s, "again")

    receive do
      {:ssl, ^s, data} -> IO.inspect(data, label: "tls active once")
    after
      5000 -> IO.puts("tls active once: nothing")
    end

    :ok = :ssl.setopts(s, packet: :line, active: false)
    :ok = :ssl.send(s, ["one\n", "two\n"])
    IO.inspect(:ssl.recv(s, 0, 5000), label: "tls line")
    IO.inspect(:ssl.recv(s, 0, 5000), label: "tls line")
    IO.inspect(:ssl.recv(s, 0, 100), label: "tls nothing more")
    :ok = :ssl.setopts(s, packet: :raw, active: true)
    :ok = :ssl.send(s, "quit")
    IO.inspect(collect_tls(s, ""), label: "tls active until closed")
    :ok = :ssl.close(s)
    other = String.to_integer(System.get_env("TLS_OTHER_PORT"))

    case :ssl.connect(~c"localhost", other, [:binary, active: false] ++ verify, 5000) do
      {:error, {:tls_alert, {alert, _}}} -> IO.inspect(alert, label: "tls other CA")
      res -> IO.inspect(res, label: "tls other CA")
    end

    case :ssl.connect(~c"localhost", port, [:binary, active: false, verify: :verify_none], 5000) do
      {:ok, s2} -> IO.inspect(:ssl.close(s2), label: "tls verify_none")
      res -> IO.inspect(res, label: "tls verify_none", width: :infinity)
    end
  end

  defp collect_tls(s, acc) do
    receive do
      {:ssl, ^s, data} -> collect_tls(s, acc <> data)
      {:ssl_closed, ^s} -> {acc, :ssl_closed}
    after
      5000 -> {acc, :timeout}
    end
  end

  def listen do
    IO.inspect(
      try do
        :gen_tcp.listen(0, [])
      catch
        kind, reason -> {kind, reason}
      end
    )
  end
end
