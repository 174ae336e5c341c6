# :zlib from Elixir as libraries use it: gzip bodies, a streaming deflate over chunks, and
# compressed term_to_binary round trips.
defmodule ZlibGzipElixir do
  def main do
    body = Enum.map_join(1..200, "\n", &"event=#{&1} status=#{rem(&1, 3)} path=/api/v1/items/#{&1 * 17}")
    gz = :zlib.gzip(body)
    IO.inspect({byte_size(gz), :erlang.crc32(gz)})
    ^body = :zlib.gunzip(gz)

    z = :zlib.open()
    :ok = :zlib.deflateInit(z, :best_compression, :deflated, 31, 9, :default)
    chunks = for part <- String.split(body, "\n"), do: :zlib.deflate(z, part <> "\n")
    last = :zlib.deflate(z, [], :finish)
    :ok = :zlib.deflateEnd(z)
    :zlib.close(z)
    streamed = IO.iodata_to_binary([chunks, last])
    IO.inspect({byte_size(streamed), :erlang.crc32(streamed)})
    IO.puts(:zlib.gunzip(streamed) == body <> "\n")

    term = %{users: Enum.map(1..50, &%{id: &1, name: "user#{&1}", tags: [:a, :b]})}
    for level <- 0..9 do
      b = :erlang.term_to_binary(term, compressed: level)
      ^term = :erlang.binary_to_term(b)
      IO.puts("#{level} #{byte_size(b)} #{:erlang.crc32(b)}")
    end
  end
end
