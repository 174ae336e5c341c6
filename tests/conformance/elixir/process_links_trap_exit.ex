# Links propagate exits; trap_exit turns them into {:EXIT, pid, reason} messages.
defmodule ProcessLinksTrapExit do
  def main do
    Process.flag(:trap_exit, true)
    pid = spawn_link(fn -> exit(:linked_failure) end)
    receive do
      {:EXIT, ^pid, reason} -> IO.inspect({:exit_message, reason})
    end
    pid2 = spawn_link(fn -> :normal_return end)
    receive do
      {:EXIT, ^pid2, reason} -> IO.inspect({:exit_message, reason})
    end
    Process.flag(:trap_exit, false)
    IO.puts("done")
  end
end
