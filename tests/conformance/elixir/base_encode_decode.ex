# Base16/32/64 encoding and decoding, url-safe alphabet, padding and invalid input.
defmodule BaseEncodeDecode do
  def main do
    data = <<0, 1, 2, 250, 251, 252, 253, 254, 255>> <> "hello"
    IO.inspect(Base.encode16(data))
    IO.inspect(Base.encode16(data, case: :lower))
    IO.inspect(Base.encode32(data))
    IO.inspect(Base.hex_encode32(data, padding: false))
    IO.inspect(Base.encode64(data))
    IO.inspect(Base.url_encode64(data, padding: false))
    IO.inspect(Base.decode64("aGVsbG8gd29ybGQ="))
    IO.inspect(Base.decode64("not base64!"))
    IO.inspect(Base.decode16("DEADBEEF"))
    IO.inspect(Base.decode16("deadbeef", case: :mixed))
    IO.inspect(Base.url_decode64!("AAEC-vv8_f7_aGVsbG8", padding: false))
    IO.inspect(:base64.encode("erlang base64"))
    IO.inspect(for n <- 0..5, do: Base.encode64(String.duplicate("x", n)))
  end
end
