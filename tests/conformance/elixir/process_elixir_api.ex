# The Process module: send_after/cancel_timer/read_timer, info, flag(:trap_exit), exit,
# monitor/demonitor, alive?, register/whereis, the dictionary, sleep, and receive with a
# variable, zero and infinite timeout.
defmodule ProcessElixirApi do
  def main do
    ref = Process.send_after(self(), :later, 20)
    IO.inspect(is_integer(Process.read_timer(ref)))
    receive do
      :later -> IO.puts("send_after fired")
    end
    ref2 = Process.send_after(self(), :never, 1000)
    IO.inspect(is_integer(Process.cancel_timer(ref2)))
    IO.inspect(Process.cancel_timer(ref2))
    IO.inspect(Process.info(self(), :message_queue_len))
    Process.put(:a, 1)
    IO.inspect(Process.get(:a))
    IO.inspect(Process.get(:missing, :default))
    IO.inspect(Process.delete(:a))
    IO.inspect(Process.get_keys() |> Enum.filter(&(&1 in [:a, :b])))
    IO.inspect(Process.flag(:trap_exit, true))
    pid = spawn_link(fn -> Process.sleep(:infinity) end)
    IO.inspect(Process.alive?(pid))
    Process.exit(pid, :shutdown)
    receive do
      {:EXIT, ^pid, reason} -> IO.inspect({:exit, reason})
    end
    IO.inspect(Process.alive?(pid))
    worker = spawn(fn -> receive do: (:go -> exit(:finished)) end)
    mref = Process.monitor(worker)
    Process.register(worker, :api_worker)
    IO.inspect(Process.whereis(:api_worker) == worker)
    send(:api_worker, :go)
    receive do
      {:DOWN, ^mref, :process, ^worker, r} -> IO.inspect({:down, r})
    end
    IO.inspect(Process.whereis(:api_worker))
    m2 = Process.monitor(spawn(fn -> :ok end))
    IO.inspect(Process.demonitor(m2, [:flush]))
    timeout = 15
    IO.inspect(receive do
      :x -> :x
    after
      timeout -> :variable_timeout
    end)
    send(self(), :y)
    inf = :infinity
    IO.inspect(receive do
      :y -> :got_y
    after
      inf -> :never
    end)
    t0 = System.monotonic_time(:millisecond)
    Process.sleep(20)
    IO.inspect(System.monotonic_time(:millisecond) - t0 >= 20)
    IO.inspect(System.convert_time_unit(2, :second, :millisecond))
    IO.inspect(System.system_time(:second) > 1_600_000_000)
    IO.inspect(abs(:os.system_time(:millisecond) - System.system_time(:millisecond)) < 1000)
    IO.inspect(System.os_time(:second) > 1_600_000_000)
  end
end
