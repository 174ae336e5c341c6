defmodule Counter do
  @moduledoc "What the project shows: its configuration, its processes, its dependency."

  def report do
    IO.puts(Greeter.greet(Application.fetch_env!(:counter, :greeting), Application.fetch_env!(:counter, :name)))
    IO.inspect(Enum.map(1..3, fn _ -> Counter.Server.bump() end), label: "bumps")
    IO.inspect(Application.get_all_env(:counter) |> Enum.sort(), label: "env")
    # `mix run` also runs the :mix application itself, which a built program does not.
    IO.inspect(Application.started_applications() |> Enum.map(&elem(&1, 0)) |> Kernel.--([:mix]), label: "started")
    IO.inspect(Supervisor.which_children(Counter.Supervisor) |> Enum.map(&elem(&1, 0)), label: "children")
    IO.inspect(:application.get_application(Counter.Server), label: "owner")
    IO.inspect(System.argv(), label: "argv")
  end
end
