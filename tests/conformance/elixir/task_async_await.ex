# Task.async/await, Task.async_stream with ordered results, Task.yield_many-free collection.
defmodule TaskAsyncAwait do
  def main do
    tasks = for i <- 1..5, do: Task.async(fn -> i * i end)
    IO.inspect(Enum.map(tasks, &Task.await/1))
    IO.inspect(Task.async_stream(1..6, &(&1 * 10), max_concurrency: 2) |> Enum.to_list())
    t = Task.async(fn -> Enum.sum(1..100_000) end)
    IO.inspect(Task.await(t, 5000))
  end
end
