# digests.ex — crypto digests and HMACs of every algorithm the hosts wire, one line each:
# the hex digest, or the error a host without the algorithm raises.
defmodule Digests do
  @algs [:sha, :sha224, :sha256, :sha384, :sha512, :md5, :sha3_224, :sha3_256, :sha3_384, :sha3_512, :blake2b, :blake2s]

  def main do
    for alg <- @algs do
      IO.puts("#{alg} hash #{attempt(fn -> :crypto.hash(alg, "beamwasm on the edge") end)}")
      IO.puts("#{alg} hmac #{attempt(fn -> :crypto.mac(:hmac, alg, "key", "beamwasm on the edge") end)}")
    end
    IO.puts("stream #{attempt(fn -> :crypto.hash_init(:sha256) |> :crypto.hash_update("beamwasm ") |> :crypto.hash_update("on the edge") |> :crypto.hash_final() end)}")
  end

  defp attempt(f) do
    Base.encode16(f.(), case: :lower)
  rescue
    e -> "error " <> Exception.format_banner(:error, e)
  catch
    kind, reason -> "#{kind} #{inspect(reason)}"
  end
end
