# Improper lists: construction, inspect, matching and functions that reject them.
defmodule ListImproperCons do
  def main do
    l = [1, 2 | 3]
    IO.inspect(l)
    IO.inspect([:a | :b])
    [h | t] = l
    IO.inspect({h, t})
    IO.inspect(is_list(l))
    IO.inspect(:erlang.length([1, 2, 3]))
    IO.inspect(try do
      length(Process.get(:missing, l))
    rescue
      e -> {:rescued, e}
    end)
    IO.inspect([[1 | 2] | [3 | []]])
    IO.inspect(~c"ab" ++ :c)
  end
end
