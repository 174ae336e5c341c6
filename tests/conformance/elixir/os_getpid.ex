# System.pid/0 and :os.getpid/0 are the operating-system process id of the program, as a
# string of digits, the same each time asked.
defmodule OsGetpid do
  def main do
    pid = System.pid()
    IO.inspect(pid =~ ~r/^[1-9]\d*$/, label: "pid is digits")
    IO.inspect(:os.getpid() == String.to_charlist(pid), label: ":os.getpid/0 is the same as a charlist")
    IO.inspect(System.pid() == pid, label: "stable")
  end
end
