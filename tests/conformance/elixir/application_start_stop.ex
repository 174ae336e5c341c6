# Loads applications from resource terms, starts them with their dependencies (the
# start callback's supervision tree under an application master) and stops them, with
# the VM's answers and error terms.
defmodule AppStartStop.Worker do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: __MODULE__)
  def init(arg), do: {:ok, arg}
  def handle_call(:get, _from, state), do: {:reply, state, state}
end

defmodule AppStartStop.App do
  use Application

  def start(type, args) do
    IO.puts("start #{inspect(type)} #{inspect(args)} app=#{inspect(:application.get_application())}")
    IO.puts("env answer=#{inspect(Application.get_env(:demo, :answer))}")
    Supervisor.start_link([{AppStartStop.Worker, args}], strategy: :one_for_one, name: AppStartStop.Sup)
  end

  def prep_stop(state) do
    IO.puts("prep_stop #{inspect(state)}")
    state
  end

  def stop(state) do
    IO.puts("stop #{inspect(state)} worker alive=#{inspect(Process.whereis(AppStartStop.Worker))}")
    :ok
  end
end

defmodule AppStartStop.BadReturn do
  def start(_type, _args), do: :oops
end

defmodule AppStartStop.Failing do
  def start(_type, _args), do: {:error, :no_way}
end

defmodule AppStartStop do
  defp spec(name, props) do
    {:application, name,
     [description: 'Demo #{name}', vsn: '1.2.3', modules: [], registered: []] ++ props}
  end

  def main do
    # Application exits are logged at notice level, with a timestamp.
    :logger.set_primary_config(:level, :error)

    IO.inspect(:application.load(spec(:dep, env: [level: 1])))
    IO.inspect(:application.load(spec(:demo,
      applications: [:kernel, :stdlib, :dep],
      mod: {AppStartStop.App, [:arg]},
      env: [answer: 42, other: :x])))
    IO.inspect(:application.load(spec(:demo, [])))
    IO.inspect(Application.spec(:demo, :vsn))
    IO.inspect(Application.spec(:demo, :applications))
    IO.inspect(Application.spec(:demo, :mod))
    IO.inspect(:application.get_key(:demo, :description))
    IO.inspect(Application.get_all_env(:demo) |> Enum.sort())
    IO.inspect(Application.start(:demo))
    IO.inspect(Application.ensure_all_started(:demo))
    IO.inspect(Application.started_applications() |> Enum.map(&elem(&1, 0)))
    IO.inspect(GenServer.call(AppStartStop.Worker, :get))
    IO.inspect(:application.get_application(Process.whereis(AppStartStop.Worker)))
    IO.inspect(:application.get_application(AppStartStop.Worker))
    IO.inspect(Application.start(:demo))
    IO.inspect(Application.unload(:demo))
    IO.inspect(Application.stop(:demo))
    IO.inspect(Process.whereis(AppStartStop.Sup))
    IO.inspect(Application.stop(:demo))
    IO.inspect(Application.started_applications() |> Enum.map(&elem(&1, 0)))
    IO.inspect(Application.unload(:demo))
    IO.inspect(Application.unload(:demo))
    IO.inspect(Application.get_env(:demo, :answer))

    IO.inspect(:application.load(spec(:needs, applications: [:kernel, :nowhere])))
    IO.inspect(Application.ensure_all_started(:needs))
    IO.inspect(Application.ensure_all_started(:nowhere))
    IO.inspect(Application.load(:nowhere))
    IO.inspect(:application.load(spec(:bad, mod: {AppStartStop.BadReturn, []})))
    IO.inspect(Application.start(:bad))
    IO.inspect(:application.load(spec(:failing, mod: {AppStartStop.Failing, []})))
    IO.inspect(Application.ensure_all_started(:failing))
    IO.inspect(Application.start(:dep, :bogus))
    IO.inspect(Application.loaded_applications() |> Enum.map(&elem(&1, 0)) |> Enum.sort())
  end
end
