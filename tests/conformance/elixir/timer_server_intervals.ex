# :timer's functions that go through kernel's timer server (started on demand under
# kernel_sup): intervals, delayed applies and sends to registered names, cancel.
defmodule TimerServerIntervals do
  def tick(pid, tag), do: send(pid, {:applied, tag})

  defp flush(msg) do
    receive do
      ^msg -> flush(msg)
    after
      0 -> :ok
    end
  end

  defp collect(msg, n), do: for(_ <- 1..n, do: receive(do: (^msg -> msg), after: (1000 -> :timeout)))

  def main do
    {:ok, ref} = :timer.send_interval(5, :tick)
    IO.inspect(collect(:tick, 3))
    IO.inspect(:timer.cancel(ref))
    Process.sleep(20)
    flush(:tick)
    IO.inspect(receive(do: (:tick -> :late), after: (30 -> :quiet)))

    {:ok, ref2} = :timer.apply_interval(5, __MODULE__, :tick, [self(), :interval])
    IO.inspect(collect({:applied, :interval}, 2))
    IO.inspect(:timer.cancel(ref2))

    {:ok, _} = :timer.apply_after(5, __MODULE__, :tick, [self(), :once])
    IO.inspect(collect({:applied, :once}, 1))

    Process.register(self(), :timer_test_main)
    {:ok, _} = :timer.send_after(5, :timer_test_main, :to_name)
    IO.inspect(collect(:to_name, 1))

    {:ok, ref3} = :timer.send_after(50, :timer_test_main, :never)
    IO.inspect(:timer.cancel(ref3))
    IO.inspect(receive(do: (:never -> :delivered), after: (100 -> :cancelled)))

    IO.inspect(:timer.send_interval(-1, :bad))
    IO.inspect(:timer.cancel(:not_a_ref))
    IO.inspect(is_pid(Process.whereis(:timer_server)))
    IO.inspect(is_pid(Process.whereis(:kernel_sup)))
    IO.inspect(Supervisor.which_children(:kernel_sup) |> Enum.map(&elem(&1, 0)) |> Enum.member?(:timer_server))
  end
end
