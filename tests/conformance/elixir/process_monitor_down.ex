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
    # Only exits: a process that dies by error or throw makes the logger print a timestamped report.
    IO.inspect(watch(fn -> exit({:shutdown, :ball}) end))
    IO.inspect(watch(fn -> exit({:badarith, []}) end))
    pid = spawn(fn -> receive do :go -> :ok end end)
    ref = Process.monitor(pid)
    send(pid, :go)
    receive do {:DOWN, ^ref, _, _, r} -> IO.inspect({:down, r}) end
    IO.inspect(Process.alive?(pid))
  end
end
