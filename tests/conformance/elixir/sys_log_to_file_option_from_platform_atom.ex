# A GenServer's debug option {:log_to_file, path} whose key only platform code makes:
# OptionParser turns "--log-to-file" into an existing atom. The server logs to the file, as on
# the VM (the file's name is random and never printed).
defmodule SysLogToFileOptionFromPlatformAtom.Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
end

defmodule SysLogToFileOptionFromPlatformAtom do
  def main do
    {:ok, warm} = GenServer.start(SysLogToFileOptionFromPlatformAtom.Counter, 0)
    _ = :sys.get_state(warm)
    path = Path.join(System.tmp_dir!(), "bw_opt_#{:rand.uniform(1_099_511_627_776)}")
    {opts, _, _} = OptionParser.parse(["--log-to-file", path])
    debug = Enum.map(opts, fn {k, v} -> {k, String.to_charlist(v)} end)
    IO.inspect(Enum.map(debug, &elem(&1, 0)), label: "keys")
    {:ok, pid} = GenServer.start(SysLogToFileOptionFromPlatformAtom.Counter, 1, debug: debug)
    IO.inspect(GenServer.call(pid, :get), label: "get")
    _ = :sys.no_debug(pid)
    IO.inspect(File.exists?(path), label: "log file written")
    File.rm(path)
  end
end
