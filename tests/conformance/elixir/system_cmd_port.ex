# known: ports do not exist in WebAssembly: open_port/2 (System.cmd, :os.cmd, Port.open) raises {beamwasm_unsupported, {erts_internal, open_port, 2}}
# System.cmd and :os.cmd run an operating-system process through a port.
defmodule SystemCmdPort do
  def main do
    IO.inspect(System.cmd("echo", ["hi"]), label: "cmd")
    IO.inspect(:os.cmd('echo there'), label: "os.cmd")
  end
end
