# known: os:getpid/0 (System.pid/0) is not supported: it raises {beamwasm_unsupported, {os, getpid, 0}}
# System.pid/0 is the OS process id, as a string of digits.
defmodule OsGetpid do
  def main do
    IO.inspect(System.pid() =~ ~r/^\d+$/, label: "pid is digits")
  end
end
