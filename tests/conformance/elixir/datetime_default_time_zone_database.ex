# DateTime's time-zone operations call the module the `elixir` application's environment
# names (`:time_zone_database`, Calendar.UTCOnlyTimeZoneDatabase by default), which no
# code names: the linker reads applications' `env` as atoms they name.
defmodule DatetimeDefaultTimeZoneDatabase do
  def main do
    dt = ~U[2024-01-31 23:59:59Z]
    IO.inspect(DateTime.add(dt, 1, :second))
    IO.inspect(DateTime.add(dt, 36, :hour, Calendar.get_time_zone_database()))
    IO.inspect(DateTime.shift_zone!(dt, "Etc/UTC"))
    IO.inspect(DateTime.shift_zone(dt, "Europe/Paris"))
    IO.inspect(DateTime.from_naive(~N[2024-02-29 12:00:00], "Etc/UTC"))
    IO.inspect(DateTime.from_naive(~N[2024-02-29 12:00:00], "America/New_York"))
    IO.inspect(Calendar.get_time_zone_database())
    IO.inspect(DateTime.diff(DateTime.add(dt, -90, :minute), dt, :second))
  end
end
