# Formatting a stack frame of a standard-library module names its application and
# version, as the VM's application controller knows them.
defmodule ExceptionFormatStdlibFrame do
  def main do
    IO.puts(Exception.format_stacktrace_entry({Enum, :map, 2, [file: ~c"lib/enum.ex", line: 1658]}))
    IO.puts(Exception.format_stacktrace_entry({:lists, :map, 2, [file: ~c"lists.erl", line: 1315]}))
    IO.inspect(:application.get_application(Enum))
  end
end
