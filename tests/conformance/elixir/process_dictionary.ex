# The process dictionary: put returns the old value, get with defaults, delete, get_keys.
defmodule ProcessDictionary do
  def main do
    IO.inspect(Process.put(:a, 1))
    IO.inspect(Process.put(:a, 2))
    IO.inspect(Process.get(:a))
    IO.inspect(Process.get(:missing, :default))
    Process.put({:tuple, :key}, [1, 2])
    IO.inspect(Process.get({:tuple, :key}))
    IO.inspect(Process.delete(:a))
    IO.inspect(Process.get(:a))
    for i <- 1..3, do: Process.put({:k, i}, i * i)
    IO.inspect(Process.get_keys() |> Enum.filter(&match?({:k, _}, &1)) |> Enum.sort())
    IO.inspect(:erlang.get({:k, 2}))
  end
end
