# System.trap_signal/2,3 and untrap_signal/2 over kernel's signal server.
defmodule SystemTrapSignal do
  def main do
    IO.inspect(System.trap_signal(:sigusr2, :mine, fn -> :ok end))
    IO.inspect(System.trap_signal(:sigusr2, :mine, fn -> :ok end))
    {:ok, ref} = System.trap_signal(:sighup, fn -> :ok end)
    IO.inspect(is_reference(ref))
    IO.inspect(System.untrap_signal(:sighup, ref))
    IO.inspect(System.untrap_signal(:sighup, ref))
    IO.inspect(System.untrap_signal(:sigusr2, :mine))
    IO.inspect(is_pid(Process.whereis(:erl_signal_server)))
    IO.inspect(:gen_event.which_handlers(:erl_signal_server))
  end
end
