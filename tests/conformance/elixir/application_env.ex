# The application environment and the applications `elixir` starts: get/put/fetch/delete
# of keys, the .app environments and keys of kernel, stdlib, compiler, elixir and logger,
# and loading or starting applications that exist and that do not.
defmodule ApplicationEnv do
  def main do
    IO.inspect(Application.get_env(:my_app, :missing))
    IO.inspect(Application.get_env(:my_app, :missing, :default))
    :ok = Application.put_env(:my_app, :key, a: 1)
    IO.inspect(Application.get_env(:my_app, :key))
    IO.inspect(Application.fetch_env(:my_app, :key))
    IO.inspect(Application.fetch_env(:my_app, :nope))
    :ok = Application.put_env(:my_app, :other, %{x: 2}, persistent: true)
    IO.inspect(Enum.sort(Application.get_all_env(:my_app)))
    :ok = Application.delete_env(:my_app, :key)
    IO.inspect(Application.get_env(:my_app, :key))
    IO.inspect(Application.fetch_env!(:my_app, :other))
    try do
      Application.fetch_env!(:my_app, :zzz)
    rescue
      e -> IO.puts(Exception.message(e))
    end
    :ok = Application.put_all_env(my_app: [k1: 1, k2: 2], other_app: [z: :zz])
    IO.inspect(Enum.sort(Application.get_all_env(:my_app)))
    IO.inspect(Application.get_env(:other_app, :z))

    IO.inspect(Application.get_env(:elixir, :ansi_enabled))
    IO.inspect(Application.get_env(:elixir, :time_zone_database))
    IO.inspect(Application.get_env(:logger, :truncate))
    IO.inspect(Enum.sort(Application.get_all_env(:logger)))
    IO.inspect(Enum.sort(Application.get_all_env(:kernel)))
    IO.inspect(Application.get_all_env(:stdlib))
    IO.inspect(Application.spec(:elixir, :vsn))
    IO.inspect(Application.spec(:logger))
    IO.inspect(Application.spec(:nope))
    IO.inspect(Application.loaded_applications() |> Enum.map(&elem(&1, 0)) |> Enum.sort())
    IO.inspect(Application.started_applications())
    IO.inspect(Application.get_application(String))
    IO.inspect(Application.get_application(:lists))
    IO.inspect(Application.get_application(Logger))
    IO.inspect(Application.get_application(__MODULE__))
    IO.inspect(Application.ensure_all_started(:logger))
    IO.inspect(Application.ensure_all_started(:my_app))
    IO.inspect(Application.load(:my_app))
    IO.inspect(Application.load(:elixir))
    IO.inspect(Application.start(:logger))
    IO.inspect(Application.stop(:nope))
    IO.inspect(Application.unload(:nope))
  end
end
