# sql_wait.ex — a transaction that waits for a timer while it is open. Where the host can
# hold a transaction across waits (the command line, Node) it commits; a Durable Object
# runs a transaction inside one synchronous call, so there it is rolled back and reported
# (docs/LIMITATIONS.md).
defmodule SqlWait do
  alias Beamwasm.SQL

  def main do
    SQL.execute!("CREATE TABLE t (x INTEGER)")
    result =
      SQL.transaction(fn ->
        SQL.query!("INSERT INTO t VALUES (1)")
        Process.sleep(5)
        SQL.query("INSERT INTO t VALUES (2)")
      end)

    case result do
      {:ok, {:ok, _}} -> IO.puts("committed")
      {:ok, {:error, e}} -> IO.puts("second insert failed: " <> e.message)
      {:error, e} -> IO.puts("transaction failed: " <> Exception.message(e))
    end

    IO.inspect(SQL.query!("SELECT x FROM t ORDER BY x").rows, label: "rows")
    IO.inspect(SQL.query!("SELECT 1").rows, label: "afterwards")
  end
end
