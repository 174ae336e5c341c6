# System.user_home/0 is the user's home directory, from the VM's command line.
defmodule UserHome do
  def main do
    IO.inspect(is_binary(System.user_home()), label: "user_home is a binary")
  end
end
