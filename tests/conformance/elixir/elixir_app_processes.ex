# The processes the elixir application runs under elixir_sup, and its configuration
# table, as `elixir` leaves them before a program runs.
defmodule ElixirAppProcesses do
  def main do
    IO.inspect(is_pid(Process.whereis(:elixir_sup)))
    IO.inspect(is_pid(Process.whereis(:elixir_config)))
    IO.inspect(is_pid(Process.whereis(:elixir_code_server)))
    IO.inspect(Supervisor.which_children(:elixir_sup) |> Enum.map(&elem(&1, 0)) |> Enum.sort())
    IO.inspect(:application.get_application(Process.whereis(:elixir_config)))
    IO.inspect(:elixir_config.get(:no_halt))
    IO.inspect(:elixir_config.put(:beamwasm_test_key, 1))
    IO.inspect(:elixir_config.get_and_put(:beamwasm_test_key, 2))
    IO.inspect(:elixir_config.get(:beamwasm_test_key))
    IO.inspect(System.no_halt())
    System.no_halt(false)
    IO.inspect(Application.started_applications() |> Enum.map(&elem(&1, 0)))
  end
end
