# Date/Time/NaiveDateTime arithmetic and formatting with fixed values (no clocks).
defmodule DateCalendarMath do
  def main do
    d = ~D[2024-02-28]
    IO.inspect(d)
    IO.inspect(Date.add(d, 1))
    IO.inspect(Date.add(d, 2))
    IO.inspect(Date.diff(~D[2025-01-01], d))
    IO.inspect(Date.day_of_week(d))
    IO.inspect(Date.leap_year?(d))
    IO.inspect(Date.to_iso8601(d))
    IO.inspect(Date.from_iso8601("2023-13-01"))
    IO.inspect(Date.range(~D[2024-01-30], ~D[2024-02-02]) |> Enum.to_list())
    IO.inspect(Date.compare(~D[2020-01-01], ~D[2019-12-31]))
    ndt = ~N[2024-12-31 23:59:30]
    IO.inspect(NaiveDateTime.add(ndt, 45))
    IO.inspect(NaiveDateTime.diff(~N[2025-01-01 00:00:00], ndt))
    IO.inspect(NaiveDateTime.to_string(ndt))
    IO.inspect(Time.add(~T[23:00:00], 7200))
    IO.inspect(Date.beginning_of_month(~D[2024-05-17]))
    IO.inspect(Date.end_of_month(~D[2023-02-10]))
    IO.inspect(Calendar.ISO.days_in_month(2100, 2))
    IO.inspect(DateTime.from_unix!(1_700_000_000))
    IO.inspect(DateTime.to_unix(~U[2000-01-01 00:00:00Z]))
  end
end
