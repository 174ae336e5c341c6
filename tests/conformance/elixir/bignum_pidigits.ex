# Pidigits (the benchmarks game's spigot algorithm) on arbitrary-precision integers: the
# first 300 digits of pi, ten per line, and the sizes of the intermediate numbers.
defmodule BignumPidigits do
  def main do
    {digits, {q, r, t, _k}} = pi(300)
    digits
    |> Enum.chunk_every(10)
    |> Enum.with_index(1)
    |> Enum.each(fn {ds, i} ->
      IO.puts(Enum.join(ds) <> "\t:" <> Integer.to_string(i * 10))
    end)

    IO.puts([Integer.to_string(length(Integer.digits(q))), " ", Integer.to_string(length(Integer.digits(r))), " ",
             Integer.to_string(length(Integer.digits(t)))])
    IO.puts(rem(q, 1_000_000_007) + rem(r, 998_244_353) + rem(t, 1_000_003))
  end

  defp pi(n), do: next(n, [], {1, 0, 1, 1})

  defp next(0, acc, state), do: {Enum.reverse(acc), state}

  defp next(n, acc, {q, r, t, k} = state) do
    if q * 4 + r - t < t * n_digit(state) do
      d = n_digit(state)
      next(n - 1, [d | acc], {q * 10, 10 * (r - d * t), t, k})
    else
      next(n, acc, {q * k, (2 * q + r) * (2 * k + 1), t * (2 * k + 1), k + 1})
    end
  end

  defp n_digit({q, r, t, _k}), do: div(q * 3 + r, t)
end
