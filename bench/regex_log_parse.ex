# Log parsing with named captures: 20,000 generated access-log lines, each matched against a
# combined-log-format regex with named groups, then aggregated by status and path.
defmodule RegexLogParse do
  @line ~r/^(?<ip>\d{1,3}(?:\.\d{1,3}){3}) - (?<user>\S+) \[(?<time>[^\]]+)\] "(?<method>[A-Z]+) (?<path>\S+) HTTP\/(?<ver>\d\.\d)" (?<status>\d{3}) (?<size>\d+|-)(?: "(?<ref>[^"]*)" "(?<agent>[^"]*)")?$/

  defp line(i) do
    ip = "10.#{rem(i, 7)}.#{rem(i * 31, 256)}.#{rem(i * 17, 256)}"
    method = Enum.at(["GET", "POST", "PUT", "DELETE"], rem(i, 4))
    path = "/api/v#{rem(i, 3)}/items/#{rem(i * 7919, 1000)}?q=#{rem(i, 13)}"
    status = Enum.at([200, 200, 201, 304, 404, 500], rem(i, 6))
    size = if rem(i, 9) == 0, do: "-", else: Integer.to_string(rem(i * 131, 50_000))
    tail = if rem(i, 2) == 0, do: ~s[ "https://example.com/#{rem(i, 50)}" "Mozilla/5.0 (X11; Linux x86_64) #{i}"], else: ""
    "#{ip} - user#{rem(i, 5)} [07/Dec/2026:10:#{rem(i, 60)}:00 +0000] \"#{method} #{path} HTTP/1.1\" #{status} #{size}#{tail}"
  end

  def main do
    lines = Enum.map(1..20_000, &line/1)
    t0 = :erlang.monotonic_time(:microsecond)
    {by_status, bytes, paths} =
      Enum.reduce(lines, {%{}, 0, %{}}, fn l, {st, by, ps} ->
        case Regex.named_captures(@line, l) do
          %{"status" => s, "size" => size, "path" => p} ->
            base = p |> String.split("?") |> hd()
            n = if size == "-", do: 0, else: String.to_integer(size)
            {Map.update(st, s, 1, &(&1 + 1)), by + n, Map.update(ps, base, 1, &(&1 + 1))}
          nil ->
            {st, by, ps}
        end
      end)
    t1 = :erlang.monotonic_time(:microsecond)
    IO.inspect(Enum.sort(by_status))
    IO.puts("bytes=#{bytes} paths=#{map_size(paths)}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end
end
