# A GenServer started with the debug option {:log_to_file, path}, whose key the program
# makes at run time (String.to_atom/1) and never names: the server still logs its events
# to the file. The file's name is random so parallel runs do not meet; it is never
# printed, nor are the pids the log holds.
defmodule GenServerDebugOptionMadeAtom.Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_cast({:add, k}, n), do: {:noreply, n + k}
end

defmodule GenServerDebugOptionMadeAtom do
  def main do
    path = Path.join(System.tmp_dir!(), "bw_made_#{:rand.uniform(1_099_511_627_776)}")
    key = String.to_atom(Enum.join(["log", "to", "file"], "_"))
    {:ok, pid} = GenServer.start(GenServerDebugOptionMadeAtom.Counter, 1, debug: [{key, path}])
    GenServer.cast(pid, {:add, 5})
    IO.inspect(GenServer.call(pid, :get), label: "get")
    IO.inspect(:sys.no_debug(pid), label: "no_debug")
    lines = path |> File.read!() |> String.split("\n", trim: true)
    IO.inspect(length(lines), label: "lines")
    IO.inspect(Enum.all?(lines, &String.starts_with?(&1, "*DBG*")), label: "all *DBG*")
    IO.inspect(File.rm(path), label: "rm")
    GenServer.stop(pid)
  end
end
