# File.rename/2 answers as the VM's prim_file does (a directory over one that is not
# empty is :eexist, not the system's :enotempty), and symbolic links: File.exists?/1 and
# File.stat/1 follow them (a dangling link does not exist), File.lstat/1 and
# :file.read_link_info/1 see the link itself.
defmodule FileRenameSymlinkErrors do
  def main do
    base = Path.join(System.tmp_dir!(), "bw_conf_ren_" <> Base.encode16(:crypto.strong_rand_bytes(6)))
    File.mkdir_p!(Path.join(base, "a/sub"))
    File.mkdir_p!(Path.join(base, "b/other"))
    File.write!(Path.join(base, "a/sub/f.txt"), "x")
    File.mkdir_p!(Path.join(base, "empty"))
    File.write!(Path.join(base, "file.txt"), "y")

    try do
      p = &Path.join(base, &1)
      IO.inspect(File.rename(p.("a"), p.("b")), label: "dir onto non-empty dir")
      IO.inspect(File.rename(p.("a"), p.("empty")), label: "dir onto empty dir")
      IO.inspect(File.ls!(base) |> Enum.sort(), label: "ls")
      IO.inspect(File.ls!(p.("empty")) |> Enum.sort(), label: "moved")
      IO.inspect(File.rename(p.("file.txt"), p.("b")), label: "file onto dir")
      IO.inspect(File.rename(p.("b"), p.("file.txt")), label: "dir onto file")
      IO.inspect(File.rename(p.("nope"), p.("x")), label: "missing")
      IO.inspect(:file.rename(p.("empty"), p.("empty/inside")), label: "into itself")

      File.ln_s!(p.("does_not_exist"), p.("dangling"))
      File.ln_s!(p.("file.txt"), p.("good"))
      File.ln_s!("file.txt", p.("relative"))
      IO.inspect(File.exists?(p.("dangling")), label: "exists? dangling")
      IO.inspect(File.exists?(p.("good")), label: "exists? good")
      IO.inspect(File.exists?(p.("relative")), label: "exists? relative")
      IO.inspect(File.regular?(p.("dangling")), label: "regular? dangling")
      IO.inspect(File.regular?(p.("good")), label: "regular? good")
      IO.inspect(File.exists?(p.("dangling"), [:raw]), label: "exists? raw")
      IO.inspect(File.lstat!(p.("dangling")).type, label: "lstat dangling")
      IO.inspect(File.stat(p.("dangling")), label: "stat dangling")
      IO.inspect(File.stat!(p.("good")) |> Map.take([:type, :size]), label: "stat good")
      IO.inspect(File.stat!(p.("relative")) |> Map.take([:type, :size]), label: "stat relative")
      IO.inspect(File.lstat!(p.("good")).type, label: "lstat good")
      IO.inspect(File.stat!(p.("b")).type, label: "stat dir")
      {:ok, info} = :file.read_link_info(String.to_charlist(p.("good")))
      IO.inspect(elem(info, 2), label: "read_link_info type")
      {:ok, info2} = :file.read_file_info(String.to_charlist(p.("good")))
      IO.inspect(elem(info2, 2), label: "read_file_info type")
      IO.inspect(File.read_link(p.("relative")), label: "read_link")
      IO.inspect(File.read(p.("dangling")), label: "read dangling")
      IO.inspect(File.read(p.("good")), label: "read good")
      IO.inspect(File.rm(p.("dangling")), label: "rm dangling")
      IO.inspect(File.exists?(p.("does_not_exist")), label: "target untouched")
    after
      File.rm_rf!(base)
    end
  end
end
