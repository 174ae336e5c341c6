# Elixir's Logger, started as `elixir` starts it: the console backend prints Logger and
# :logger events on standard output in its format, honours the level, the backend's
# configuration and metadata, and Logger.flush/0 waits for the output.
defmodule LoggerConsole do
  require Logger

  def main do
    Logger.configure_backend(:console, format: "[$level] $message $metadata\n", metadata: [:user])
    Logger.debug("dbg")
    Logger.info("hello #{1 + 1}")
    Logger.warning("careful", user: 1)
    Logger.error("bad")
    :logger.info('erlang ~p', [42])
    :logger.notice(%{report: :map, n: 1})
    Logger.flush()
    IO.puts("after flush")
    Logger.configure(level: :warning)
    Logger.info("hidden")
    Logger.error("shown")
    Logger.flush()
    IO.puts(Logger.level())
    Logger.metadata(user: 5)
    Logger.warning("with process metadata")
    Logger.configure(level: :debug)
    Logger.debug(fn -> "lazy #{:erlang.phash2(1)}" end)
    Logger.flush()
    IO.puts("done")
  end
end
