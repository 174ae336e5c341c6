# known: the host's stat carries size, type, mtime and permissions only: links, inode, uid, gid and devices are constants, atime/ctime are the mtime, and local time is universal time
# File.stat: every field of the record, including those the host does not report.
defmodule FileStatAllFields do
  def main do
    path = Path.join(System.tmp_dir!(), "bw_conf_stat_" <> Base.encode16(:crypto.strong_rand_bytes(6)))
    File.write!(path, "12345")
    {:ok, st} = File.stat(path)
    {:ok, info} = :file.read_file_info(path)
    File.rm!(path)
    IO.inspect({st.size, st.type, st.links, st.uid == 0, st.inode == 0})
    IO.inspect(elem(info, 5) == st.mtime, label: "local mtime equals universal mtime")
  end
end
