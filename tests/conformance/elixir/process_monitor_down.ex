# Process.monitor delivers :DOWN with the exit reason; normal and abnormal exits.
defmodule ProcessMonitorDown do
  def watch(fun) do
    {pid, ref} = spawn_monitor(fun)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  def main do
    IO.inspect(watch(fn -> :done end))
    IO.inspect(watch(fn -> exit(:custom) end))
    IO.inspect(watch(fn -> throw(:ball) end) |> elem(0))
    {reason, _stack} = watch(fn -> :erlang.error(:badarith) end)
    IO.inspect(reason)
    pid = spawn(fn -> receive do :go -> :ok end end)
    ref = Process.monitor(pid)
    send(pid, :go)
    receive do {:DOWN, ^ref, _, _, r} -> IO.inspect({:down, r}) end
    IO.inspect(Process.alive?(pid))
  end
end
