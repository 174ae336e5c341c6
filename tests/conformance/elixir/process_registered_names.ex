# Process.register lets sends use a name; Process.whereis and unregister.
defmodule ProcessRegisteredNames do
  def loop do
    receive do
      {:add, a, b, from} -> send(from, {:sum, a + b}); loop()
    end
  end

  def main do
    pid = spawn(&loop/0)
    Process.register(pid, :adder)
    send(:adder, {:add, 2, 3, self()})
    receive do {:sum, s} -> IO.inspect(s) end
    IO.inspect(Process.whereis(:adder) == pid)
    Process.unregister(:adder)
    IO.inspect(Process.whereis(:adder))
    try do
      send(:adder, :x)
    rescue
      e -> IO.puts(inspect(e.__struct__))
    end
  end
end
