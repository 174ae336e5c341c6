# Task: async/await, yield with a timeout, shutdown, Task.Supervisor async_nolink with a
# crashing task, start_child, async_stream (ordered, unordered, timeouts), await_many.
defmodule TaskFeatures do
  def main do
    t = Task.async(fn -> :result end)
    IO.inspect(Task.await(t))
    slow = Task.async(fn -> Process.sleep(:infinity) end)
    IO.inspect(Task.yield(slow, 10))
    IO.inspect(Task.shutdown(slow, :brutal_kill))
    quick = Task.async(fn -> :quick end)
    Process.sleep(10)
    IO.inspect(Task.yield(quick, 100))
    IO.inspect(Task.await_many([Task.async(fn -> 1 end), Task.async(fn -> 2 end)]))
    {:ok, sup} = Task.Supervisor.start_link()
    bad = Task.Supervisor.async_nolink(sup, fn -> exit(:normal) end)
    IO.inspect(Task.yield(bad, 1000))
    good = Task.Supervisor.async_nolink(sup, fn -> 6 * 7 end)
    IO.inspect(Task.await(good))
    parent = self()
    {:ok, _} = Task.Supervisor.start_child(sup, fn -> send(parent, :child_ran) end)
    receive do
      :child_ran -> IO.puts("child ran")
    end
    IO.inspect(Task.Supervisor.async_stream(sup, 1..4, &(&1 + 1)) |> Enum.map(fn {:ok, v} -> v end))
    IO.inspect(1..5 |> Task.async_stream(fn i -> Process.sleep(10 * (5 - i)); i end, ordered: false, max_concurrency: 5) |> Enum.map(fn {:ok, v} -> v end) |> Enum.sort())
    IO.inspect([1, :infinity] |> Task.async_stream(fn i -> if i == 1, do: 1, else: Process.sleep(i) end, timeout: 1000, on_timeout: :kill_task) |> Enum.to_list())
    {:ok, pid} = Task.start(fn -> send(parent, :started_task) end)
    IO.inspect(is_pid(pid))
    receive do
      :started_task -> IO.puts("task started")
    end
  end
end
