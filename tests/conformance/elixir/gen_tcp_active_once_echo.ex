# :gen_tcp from Elixir on loopback: an echo server task with {active, :once} and
# {packet, 4}, a client in list mode, inet.getopts, and :inet.getaddr for localhost and a
# literal address.
defmodule GenTcpActiveOnceEcho do
  def main do
    IO.inspect(:inet.getaddr(~c"localhost", :inet))
    IO.inspect(:inet.getaddr(~c"127.0.0.1", :inet))
    IO.inspect(:inet.getaddrs(:localhost, :inet))
    {:ok, listen} = :gen_tcp.listen(0, [:binary, packet: 4, active: false, ip: {127, 0, 0, 1}])
    {:ok, port} = :inet.port(listen)
    server = Task.async(fn -> serve(listen) end)
    {:ok, c} = :gen_tcp.connect({127, 0, 0, 1}, port, [packet: 4, active: false])
    IO.inspect(:inet.getopts(c, [:mode, :packet, :active]))
    for msg <- ["one", "two", String.duplicate("x", 300)] do
      :ok = :gen_tcp.send(c, msg)
      {:ok, reply} = :gen_tcp.recv(c, 0, 5000)
      IO.inspect({length(reply), Enum.take(reply, 12)})
    end
    :ok = :gen_tcp.close(c)
    IO.inspect(Task.await(server))
  end

  defp serve(listen) do
    {:ok, s} = :gen_tcp.accept(listen, 5000)
    :ok = :inet.setopts(s, active: :once)
    loop(s, 0)
  end

  defp loop(s, n) do
    receive do
      {:tcp, ^s, data} ->
        :ok = :gen_tcp.send(s, ["echo ", data])
        :ok = :inet.setopts(s, active: :once)
        loop(s, n + 1)
      {:tcp_closed, ^s} ->
        {:served, n}
    after
      5000 -> :timeout
    end
  end
end
