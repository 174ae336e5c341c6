# Deep recursion where each frame holds a try: 100,000 nested handlers, then a throw to the top.
defmodule RecursionDeepThroughTry do
  def nest(0), do: throw(:bottom)
  def nest(n) do
    try do
      nest(n - 1)
    after
      Process.put(:unwound, Process.get(:unwound, 0) + 1)
    end
  end

  def sum_try(0), do: 0
  def sum_try(n) do
    v = try do n rescue _ -> 0 end
    v + sum_try(n - 1)
  end

  def main do
    IO.inspect(catch_throw(fn -> nest(100_000) end))
    IO.inspect(Process.get(:unwound))
    IO.inspect(sum_try(200_000))
  end

  defp catch_throw(f) do
    try do f.() catch v -> {:caught, v} end
  end
end
