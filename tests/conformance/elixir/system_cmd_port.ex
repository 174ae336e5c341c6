# System.cmd and :os.cmd run an operating-system process through a port.
defmodule SystemCmdPort do
  def main do
    IO.inspect(System.cmd("echo", ["hi"]), label: "cmd")
    IO.inspect(:os.cmd('echo there'), label: "os.cmd")
  end
end
