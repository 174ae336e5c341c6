# Agent: a registered name, get/update with timeouts, get_and_update, cast, and stop
# with a reason; calling a stopped agent exits with :noproc.
defmodule AgentNamedMore do
  def main do
    {:ok, pid} = Agent.start_link(fn -> [] end, name: :stack_agent)
    Enum.each(1..10, fn i -> Agent.cast(:stack_agent, &[i | &1]) end)
    IO.inspect(Agent.get(:stack_agent, &Enum.sum/1, 1000))
    IO.inspect(Agent.get_and_update(:stack_agent, fn [h | t] -> {h, t} end))
    :ok = Agent.update(:stack_agent, &Enum.take(&1, 3), 1000)
    IO.inspect(Agent.get(pid, & &1))
    IO.inspect(Agent.stop(:stack_agent, :normal))
    IO.inspect(ce(fn -> Agent.get(:stack_agent, & &1) end) |> elem(0))
    {:ok, a2} = Agent.start(fn -> %{} end)
    Agent.update(a2, &Map.put(&1, :k, :v))
    IO.inspect(Agent.get(a2, &Map.get(&1, :k)))
    IO.inspect(Agent.stop(a2))
    IO.inspect(Process.alive?(a2))
  end

  defp ce(f) do
    try do
      f.()
    catch
      :exit, r -> r
    end
  end
end
