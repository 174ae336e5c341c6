# Process.sleep(:infinity) and :timer.sleep(:infinity) keep sleeping when messages arrive
# (the VM reads a receive's timeout only the first time round), and the odd timeouts of
# Process.sleep/1 and :timer.sleep/1 fail as on the VM.
defmodule ProcessSleepInfinityMessages do
  defp try_sleep(f, v) do
    f.(v) |> IO.inspect()
  rescue
    e -> IO.inspect(e)
  end

  def main do
    me = self()

    p =
      spawn(fn ->
        send(me, :sleeping)
        Process.sleep(:infinity)
      end)

    receive do
      :sleeping -> :ok
    end

    send(p, :hello)
    send(p, :again)
    Process.sleep(20)
    IO.inspect(Process.alive?(p), label: "still sleeping")
    IO.inspect(Process.info(p, :message_queue_len))
    Process.exit(p, :kill)
    q = spawn(fn -> :timer.sleep(:infinity) end)
    send(q, :x)
    Process.sleep(10)
    IO.inspect(Process.alive?(q), label: ":timer.sleep still sleeping")
    Process.exit(q, :kill)

    for v <- [-1, 1.5, :foo, 4_294_967_296, 0, 1] do
      try_sleep(&Process.sleep/1, v)
    end

    for v <- [-1, 1.5, :foo, 0, 1, :infinity_not] do
      try_sleep(&:timer.sleep/1, v)
    end
  end
end
