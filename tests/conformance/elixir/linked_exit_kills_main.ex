# A process linked to the program's main process exits with a reason other than :normal:
# the main process is killed by the signal, output written before stays, and the program
# ends with status 1 (elixir reports `** (EXIT from #PID<...>) {:boom, 42}` on stderr).
defmodule LinkedExitKillsMain do
  def main do
    IO.puts("before")

    child =
      spawn_link(fn ->
        receive do
          :go -> exit({:boom, 42})
        end
      end)

    IO.puts("child started")
    send(child, :go)
    Process.sleep(1000)
    IO.puts("not reached")
  end
end
