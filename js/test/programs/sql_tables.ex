# sql_tables.ex — prints the tables of the database it is given (sql.test.mjs).
defmodule SqlTables do
  def main do
    IO.inspect(Beamwasm.SQL.query!("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows)
  end
end
