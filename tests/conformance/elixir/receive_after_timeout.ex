# receive ... after: timeout 0 on an empty mailbox, short timeouts, and a message arriving first.
defmodule ReceiveAfterTimeout do
  def main do
    r = receive do
      x -> {:got, x}
    after
      0 -> :empty_mailbox
    end
    IO.inspect(r)
    send(self(), :ready)
    IO.inspect(receive do :ready -> :ready after 1000 -> :timeout end)
    IO.inspect(receive do :never -> :never after 20 -> :timed_out end)
    parent = self()
    spawn(fn -> Process.sleep(10); send(parent, :late) end)
    IO.inspect(receive do :late -> :late_arrived after 2000 -> :timeout end)
    Process.sleep(5)
    IO.puts("slept")
  end
end
