# Agent: start_link, get, update, get_and_update, cast, stop.
defmodule AgentBasicState do
  def main do
    {:ok, agent} = Agent.start_link(fn -> %{count: 0, log: []} end)
    for i <- 1..5, do: Agent.update(agent, fn s -> %{s | count: s.count + i, log: [i | s.log]} end)
    IO.inspect(Agent.get(agent, & &1))
    IO.inspect(Agent.get_and_update(agent, fn s -> {s.count, %{s | count: 0}} end))
    Agent.cast(agent, fn s -> Map.put(s, :cast, true) end)
    IO.inspect(Agent.get(agent, &Map.keys/1))
    IO.inspect(Agent.stop(agent))
  end
end
