# :code.lib_dir/1,2, :code.priv_dir/1, :code.root_dir/0 and Application.app_dir/2 answer
# the directories of the installation the program was built against, as the VM's code
# server answers them from its code path; an unknown application is {:error, :bad_name}.
defmodule CodeLibDir do
  def main do
    IO.inspect(:code.lib_dir(:kernel), label: "kernel")
    IO.inspect(:code.lib_dir(:elixir), label: "elixir")
    IO.inspect(:code.lib_dir('stdlib'), label: "stdlib by string")
    IO.inspect(:code.lib_dir(:kernel, :include), label: "kernel include")
    IO.inspect(:code.priv_dir(:elixir), label: "elixir priv")
    IO.inspect(:code.lib_dir(:no_such_app), label: "unknown")
    IO.inspect(:code.priv_dir(:no_such_app), label: "unknown priv")
    IO.inspect(:code.root_dir(), label: "root")
    IO.inspect(:code.lib_dir(), label: "lib")
    IO.inspect(Application.app_dir(:ex_unit, "ebin"), label: "app_dir")
    IO.inspect(File.exists?(Path.join(:code.lib_dir(:kernel), "include/file.hrl")), label: "file.hrl exists")
  end
end
