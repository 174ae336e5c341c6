# File: mkdir/write/append/read/ls/stat/rm/rmdir on the real file system, and the error
# tuples of each (eexist, enoent, eisdir, enotempty). The directory's name is random so
# parallel runs do not meet; it is never printed.
defmodule FileReadWriteDir do
  def main do
    dir = Path.join(System.tmp_dir!(), "bw_conf_" <> Base.encode16(:crypto.strong_rand_bytes(6)))
    IO.inspect(File.dir?(dir), label: "dir? before")
    IO.inspect(File.mkdir(dir), label: "mkdir")
    IO.inspect(File.mkdir(dir), label: "mkdir again")
    IO.inspect(File.dir?(dir), label: "dir? after")
    a = Path.join(dir, "a.txt")
    IO.inspect(File.write(a, ["héllo", ?\s, 'wörld', "\n"]), label: "write iodata")
    IO.inspect(File.write(a, "second line\n", [:append]), label: "append")
    IO.inspect(File.read(a), label: "read")
    IO.inspect(File.exists?(a), label: "exists?")
    IO.inspect(File.regular?(a), label: "regular?")
    IO.inspect(File.read(Path.join(dir, "missing")), label: "read missing")
    IO.inspect(File.read(dir), label: "read a directory")
    File.write!(Path.join(dir, "b.bin"), <<0, 1, 2, 255>>)
    IO.inspect(File.read!(Path.join(dir, "b.bin")), label: "binary round trip")
    IO.inspect(File.mkdir(Path.join(dir, "sub")), label: "mkdir sub")
    IO.inspect(File.write(Path.join(dir, "sub"), "x"), label: "write onto a directory")
    IO.inspect(File.ls(dir) |> elem(1) |> Enum.sort(), label: "ls")
    IO.inspect(File.ls(Path.join(dir, "nope")), label: "ls missing")
    {:ok, st} = File.stat(a)
    IO.inspect({st.size, st.type, st.access}, label: "stat file")
    {:ok, st} = File.stat(Path.join(dir, "sub"))
    IO.inspect(st.type, label: "stat dir")
    IO.inspect(File.stat(Path.join(dir, "nope")), label: "stat missing")
    IO.inspect(File.rmdir(dir), label: "rmdir non-empty")
    IO.inspect(File.rm(a), label: "rm")
    IO.inspect(File.rm(a), label: "rm again")
    IO.inspect(File.rm(Path.join(dir, "b.bin")), label: "rm b")
    IO.inspect(File.rmdir(Path.join(dir, "sub")), label: "rmdir sub")
    IO.inspect(File.ls(dir), label: "ls empty")
    IO.inspect(File.rmdir(dir), label: "rmdir")
    IO.inspect(File.rmdir(dir), label: "rmdir again")
    IO.inspect(File.exists?(dir), label: "exists? after")

    try do
      File.read!(Path.join(dir, "gone"))
    rescue
      e in File.Error -> IO.inspect(e.reason, label: "read! raises")
    end
  end
end
