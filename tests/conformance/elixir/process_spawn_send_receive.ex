# spawn, send and receive with pattern selection, reply messages, and message order.
defmodule ProcessSpawnSendReceive do
  def echo do
    receive do
      {:echo, from, msg} ->
        send(from, {:reply, msg})
        echo()
      :stop -> :ok
    end
  end

  def main do
    pid = spawn(&echo/0)
    for i <- 1..3, do: send(pid, {:echo, self(), i})
    for _ <- 1..3 do
      receive do
        {:reply, m} -> IO.puts("got #{m}")
      end
    end
    send(self(), :second)
    send(self(), :first)
    receive do :first -> IO.puts("selective receive took :first") end
    receive do m -> IO.inspect(m) end
    send(pid, :stop)
    IO.inspect(is_pid(pid))
  end
end
