# Supervisor with Agent children: restarts after a crash under :one_for_one and
# :one_for_all, which_children/count_children, a child spec map, and Supervisor.stop.
defmodule SupervisorElixir.Counter do
  use Agent

  def start_link(name), do: Agent.start_link(fn -> 0 end, name: name)
  def child_spec(name), do: %{id: name, start: {__MODULE__, :start_link, [name]}}
  def bump(name), do: Agent.update(name, &(&1 + 1))
  def value(name), do: Agent.get(name, & &1)
end

defmodule SupervisorElixir do
  alias SupervisorElixir.Counter

  defp crash(name) do
    pid = Process.whereis(name)
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  defp wait_restart(name, old) do
    case Process.whereis(name) do
      nil -> Process.sleep(1); wait_restart(name, old)
      ^old -> Process.sleep(1); wait_restart(name, old)
      pid -> pid
    end
  end

  def run(strategy) do
    {:ok, sup} = Supervisor.start_link([{Counter, :c1}, {Counter, :c2}], strategy: strategy)
    Counter.bump(:c1)
    Counter.bump(:c2)
    Counter.bump(:c2)
    old = Process.whereis(:c2)
    IO.inspect({strategy, :killed, crash(:c2)})
    wait_restart(:c2, old)
    Process.sleep(10)
    IO.inspect({strategy, Counter.value(:c1), Counter.value(:c2)})
    IO.inspect(Supervisor.count_children(sup))
    IO.inspect(sup |> Supervisor.which_children() |> Enum.map(&elem(&1, 0)) |> Enum.sort())
    IO.inspect(Supervisor.stop(sup))
    IO.inspect({Process.whereis(:c1), Process.whereis(:c2)})
  end

  def main do
    run(:one_for_one)
    run(:one_for_all)
    {:ok, sup} = Supervisor.start_link([], strategy: :one_for_one)
    {:ok, _} = Supervisor.start_child(sup, Counter.child_spec(:dyn))
    Counter.bump(:dyn)
    IO.inspect(Counter.value(:dyn))
    IO.inspect(Supervisor.terminate_child(sup, :dyn))
    IO.inspect(Supervisor.restart_child(sup, :dyn) |> elem(0))
    IO.inspect(Counter.value(:dyn))
    IO.inspect(Supervisor.stop(sup, :normal))
  end
end
