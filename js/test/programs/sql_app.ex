# sql_app.ex — Beamwasm.SQL end to end, the same program on every host with a database:
# `beamwasm run --sqlite FILE`, Node (node:sqlite), a Durable Object (ctx.storage.sql).
# Their outputs must be equal (js/test/sql.test.mjs, js/test/workerd.test.mjs).
defmodule SqlApp do
  alias Beamwasm.SQL

  def main do
    :ok = SQL.execute!("""
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL, data BLOB);
    CREATE INDEX users_score ON users (score)
    """)

    r = SQL.query!("INSERT INTO users (name, score, data) VALUES (?, ?, ?)", ["ada", 2.5, {:blob, <<0, 1, 255>>}])
    IO.inspect({r.num_rows, r.last_insert_id}, label: "insert")
    {:ok, r} = SQL.query("INSERT INTO users (name, score) VALUES (?1, ?2), (?3, ?4)", ["grace", nil, "ünïcode", -0.25])
    IO.inspect({r.num_rows, r.last_insert_id, r.columns, r.rows}, label: "insert two")

    r = SQL.query!("SELECT id, name, score, data, typeof(score) FROM users ORDER BY id")
    IO.inspect(r.columns, label: "columns")
    Enum.each(r.rows, &IO.inspect(&1, label: "row"))
    IO.inspect(SQL.query!("SELECT typeof(?), typeof(?), typeof(?), typeof(?), ? + 1", [7, 1.5, "t", true, 1_099_511_627_776]).rows, label: "types")

    {:error, e} = SQL.query("INSERT INTO users (name) VALUES ('ada')")
    IO.inspect({e.__struct__, e.message =~ "UNIQUE", e.statement}, label: "unique")
    try do
      SQL.query!("SELECT * FROM nowhere")
    rescue
      e in SQL.Error -> IO.puts("raised: " <> String.slice(Exception.message(e), 0, 20))
    end

    IO.inspect(SQL.transaction(fn ->
      SQL.query!("UPDATE users SET score = score + 1 WHERE name = ?", ["ada"])
      SQL.query!("SELECT score FROM users WHERE name = 'ada'").rows
    end), label: "commit")
    IO.inspect(SQL.transaction(fn ->
      SQL.query!("DELETE FROM users")
      SQL.rollback(:nope)
    end), label: "rollback")
    IO.inspect(count(), label: "after rollback")
    try do
      SQL.transaction(fn ->
        SQL.query!("DELETE FROM users")
        raise "inside"
      end)
    rescue
      e -> IO.puts("raised out of a transaction: #{Exception.message(e)}")
    end
    IO.inspect(count(), label: "after raise")
    IO.inspect(SQL.transaction(fn ->
      SQL.query!("INSERT INTO users (name) VALUES ('nested-outer')")
      inner = SQL.transaction(fn -> SQL.rollback(:inner) end)
      {inner, SQL.in_transaction?()}
    end), label: "nested")
    IO.inspect(count(), label: "after nested")

    # Another process's statements wait while a transaction is open, then see its rows.
    parent = self()
    SQL.transaction(fn ->
      SQL.query!("INSERT INTO users (name) VALUES ('in-tx')")
      spawn(fn -> send(parent, {:other, SQL.query!("SELECT name FROM users WHERE name = 'in-tx'").rows}) end)
      for _ <- 1..20, do: :erlang.yield()
      send(parent, :committing)
    end)
    receive do: (:committing -> IO.puts("committing"))
    receive do: ({:other, rows} -> IO.inspect(rows, label: "other process saw"))

    :ok = :beamwasm.storage_put("k", "v")
    IO.inspect(:beamwasm.storage_get("k"), label: "storage")
    IO.inspect(SQL.query!("SELECT count(*) FROM beamwasm_kv").rows, label: "storage rows")
  end

  defp count, do: hd(hd(SQL.query!("SELECT count(*) FROM users").rows))
end
