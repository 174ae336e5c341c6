# File.open/File.stream!/File.copy and friends: files as io devices, read and written
# through the I/O protocol of a file io server or as raw files.
defmodule FileOpenIoDevice do
  def main do
    dir = Path.join(System.tmp_dir!(), "bw_conf_io_" <> Base.encode16(:crypto.strong_rand_bytes(6)))
    :ok = File.mkdir(dir)
    path = Path.join(dir, "f.txt")

    try do
      {:ok, f} = File.open(path, [:write])
      IO.write(f, "one\ntwo\n")
      IO.puts(f, "three")
      IO.inspect(File.close(f), label: "close")
      IO.inspect(File.stream!(path) |> Enum.to_list(), label: "stream")
      IO.inspect(File.stream!(path, [], 3) |> Enum.to_list(), label: "chunks")
      IO.inspect(File.stream!(path) |> Stream.map(&String.trim/1) |> Enum.with_index(), label: "indexed")
      IO.inspect(File.copy(path, path <> ".copy"), label: "copy")
      IO.inspect(File.read(path <> ".copy"), label: "copied")

      IO.inspect(File.open(path, [:read], fn dev -> {IO.read(dev, :line), IO.binread(dev, 4), IO.read(dev, :eof)} end), label: "open/3")
      IO.inspect(File.open(path, [:read, :binary], &IO.binread(&1, :eof)), label: "binread all")
      IO.inspect(File.open(path, [:append], &IO.write(&1, "four\n")), label: "append")
      IO.inspect(File.read!(path), label: "after append")
      IO.inspect(File.open(path, [:write, :exclusive]), label: "exclusive")
      IO.inspect(File.open(Path.join(dir, "missing/x"), [:write]), label: "missing dir")
      IO.inspect(File.open(Path.join(dir, "absent")), label: "absent")

      out = Path.join(dir, "out.txt")
      IO.inspect(1..5 |> Stream.map(&"line #{&1}\n") |> Enum.into(File.stream!(out)) |> is_struct(File.Stream), label: "into")
      IO.inspect(File.read!(out), label: "written")
      IO.inspect(File.stream!(out) |> Enum.count(), label: "count")

      {:ok, d} = File.open(out, [:read, :utf8])
      IO.inspect(IO.stream(d, :line) |> Enum.take(2), label: "io stream")
      IO.inspect(:file.position(d, {:cur, 0}), label: "position")
      File.close(d)

      IO.inspect(File.rename(out, out <> ".moved"), label: "rename")
      IO.inspect({File.exists?(out), File.exists?(out <> ".moved")}, label: "moved")
      IO.inspect(File.rename(out, out <> ".again"), label: "rename missing")
      IO.inspect(File.cp(path, Path.join(dir, "cp.txt")), label: "cp")
      IO.inspect(File.read(Path.join(dir, "cp.txt")), label: "cp content")

      t = Path.join(dir, "touched")
      IO.inspect(File.touch(t, {{2021, 6, 7}, {8, 9, 10}}), label: "touch")
      IO.inspect(File.stat!(t, time: :universal).mtime, label: "mtime")
      IO.inspect(File.touch(t, 1_700_000_000), label: "touch posix")
      IO.inspect(File.stat!(t, time: :posix).mtime, label: "mtime posix")
      IO.inspect(File.chmod(t, 0o640), label: "chmod")
      IO.inspect(Bitwise.band(File.stat!(t).mode, 0o777), label: "mode")
      IO.inspect(File.write(t, "abc", [:append]), label: "write append")
      IO.inspect(File.write(t, "def", [:append]), label: "write append 2")
      IO.inspect(File.read(t), label: "appended")
    after
      File.rm_rf!(dir)
    end

    IO.inspect(File.exists?(dir), label: "cleaned")
  end
end
