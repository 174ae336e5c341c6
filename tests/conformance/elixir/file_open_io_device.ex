# known: io-device files (File.open, :file.open, File.stream!, File.copy) need the file server (file_server_2), which beamwasm does not run
# File.open/File.stream!/File.copy: files as io devices, read and written through the I/O
# protocol of a file io server.
defmodule FileOpenIoDevice do
  def main do
    dir = Path.join(System.tmp_dir!(), "bw_conf_io_" <> Base.encode16(:crypto.strong_rand_bytes(6)))
    :ok = File.mkdir(dir)
    path = Path.join(dir, "f.txt")

    try do
      {:ok, f} = File.open(path, [:write])
      IO.write(f, "one\ntwo\n")
      IO.inspect(File.close(f), label: "close")
      IO.inspect(File.stream!(path) |> Enum.to_list(), label: "stream")
      IO.inspect(File.copy(path, path <> ".copy"), label: "copy")
    after
      File.rm(path)
      File.rm(path <> ".copy")
      File.rmdir(dir)
    end
  end
end
