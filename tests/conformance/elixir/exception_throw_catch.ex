# throw/catch: values, nested throws, catch with patterns, throw through several frames.
defmodule ExceptionThrowCatch do
  def find_first(list, pred) do
    try do
      Enum.each(list, fn x -> if pred.(x), do: throw({:found, x}) end)
      :not_found
    catch
      {:found, x} -> {:ok, x}
    end
  end

  def deep(0), do: throw(:bottom)
  def deep(n), do: 1 + deep(n - 1)

  def main do
    IO.inspect(find_first(1..100, &(&1 * &1 > 50)))
    IO.inspect(find_first([1, 2], &(&1 > 5)))
    IO.inspect(catch_throw(fn -> deep(1000) end))
    r = try do
      try do
        throw(:inner)
      catch
        :other -> :wrong
      end
    catch
      :throw, v -> {:outer_caught, v}
    end
    IO.inspect(r)
    IO.inspect(try do throw(%{a: [1, 2]}) catch x -> x end)
  end

  defp catch_throw(f) do
    f.()
  catch
    :throw, v -> {:thrown, v}
  end
end
