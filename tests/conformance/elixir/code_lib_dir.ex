# known: code:lib_dir/1,2 (and so Application.app_dir/1,2, Record.extract/2 with from_lib:, Protocol.extract_impls/2) exits the caller with {beamwasm_unsupported, {code_server, {dir, {lib_dir, App}}}}: a program does not know where the installed applications are
# :code.lib_dir/1 answers the directory of an installed application.
defmodule CodeLibDir do
  def main do
    IO.inspect(:code.lib_dir(:kernel) |> is_list(), label: "lib_dir is a path")
    IO.inspect(Path.basename(to_string(:code.lib_dir(:stdlib))) =~ "stdlib", label: "stdlib")
  end
end
