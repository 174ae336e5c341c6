# :crypto.strong_rand_bytes from the host's entropy: sizes (including more than one
# staging buffer), that two draws differ, argument errors; and seeded :rand, whose
# values are deterministic.
defmodule CryptoRandomBytesShape do
  def main do
    for n <- [0, 1, 16, 65_536, 100_000] do
      b = :crypto.strong_rand_bytes(n)
      IO.inspect({n, is_binary(b), byte_size(b)})
    end

    IO.inspect(:crypto.strong_rand_bytes(32) != :crypto.strong_rand_bytes(32), label: "two draws differ")
    big = :crypto.strong_rand_bytes(100_000)
    IO.inspect(length(Enum.uniq(:binary.bin_to_list(big))) > 200, label: "bytes spread")

    for bad <- [-1, :a, 1.5] do
      try do
        :crypto.strong_rand_bytes(bad)
      rescue
        e -> IO.inspect(e, label: "bad #{inspect(bad)}")
      end
    end

    :rand.seed(:exsss, {1, 2, 3})
    IO.inspect(for(_ <- 1..5, do: :rand.uniform(100)), label: "seeded uniform")
    IO.inspect(:rand.uniform_real() < 1.0, label: "uniform_real")
    IO.inspect(Enum.shuffle(1..10) |> Enum.sort(), label: "shuffle keeps the elements")
  end
end
