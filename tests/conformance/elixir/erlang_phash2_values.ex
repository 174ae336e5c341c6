# :erlang.phash2 of many terms, with and without a range.
defmodule ErlangPhash2Values do
  def main do
    terms = [0, 1, -1, 1_000_000, Integer.pow(2, 64), 1.0, 0.5, :ok, :a, "", "abc", <<1::3>>, [], [1, 2, 3],
             ~c"abc", {}, {1, 2}, %{}, %{a: 1}, %{"k" => [1]}, Map.new(1..50, &{&1, &1}), {:a, "b", [3.0]}]
    for t <- terms do
      IO.puts("#{inspect(t, limit: 5)} #{:erlang.phash2(t)} #{:erlang.phash2(t, 1000)} #{:erlang.phash2(t, 1)}")
    end
  end
end
