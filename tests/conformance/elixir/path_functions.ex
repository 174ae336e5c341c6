# Path manipulation that does not touch the filesystem: join, split, basename, extname, rootname, relative_to.
defmodule PathFunctions do
  def main do
    IO.inspect(Path.join(["a", "b", "c.txt"]))
    IO.inspect(Path.join("/root/", "/x"))
    IO.inspect(Path.split("/usr/local/bin/elixir"))
    IO.inspect(Path.basename("/a/b/file.tar.gz"))
    IO.inspect(Path.basename("/a/b/file.tar.gz", ".gz"))
    IO.inspect(Path.extname("/a/b/file.tar.gz"))
    IO.inspect(Path.rootname("/a/b/file.tar.gz"))
    IO.inspect(Path.dirname("/a/b/file"))
    IO.inspect(Path.relative_to("/a/b/c/d", "/a/b"))
    IO.inspect(Path.type("/abs"))
    IO.inspect(Path.type("rel/x"))
    IO.inspect(Path.expand("/a/b/../c/./d"))
    IO.inspect(Path.wildcard("/definitely/not/here/*.zzz"))
  end
end
