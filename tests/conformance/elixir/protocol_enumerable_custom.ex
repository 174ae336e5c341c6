# A custom Enumerable (reduce/count/member?/slice) makes Enum and for work on a struct.
defmodule ProtocolEnumerableCustom.Countdown do
  defstruct [:from]
end

defimpl Enumerable, for: ProtocolEnumerableCustom.Countdown do
  def reduce(_cd, {:halt, acc}, _fun), do: {:halted, acc}
  def reduce(cd, {:suspend, acc}, fun), do: {:suspended, acc, &reduce(cd, &1, fun)}
  def reduce(%{from: 0}, {:cont, acc}, _fun), do: {:done, acc}
  def reduce(%{from: n} = cd, {:cont, acc}, fun), do: reduce(%{cd | from: n - 1}, fun.(n, acc), fun)

  def count(%{from: n}), do: {:ok, n}
  def member?(%{from: n}, x), do: {:ok, is_integer(x) and x >= 1 and x <= n}
  def slice(_), do: {:error, __MODULE__}
end

defmodule ProtocolEnumerableCustom do
  alias ProtocolEnumerableCustom.Countdown

  def main do
    cd = %Countdown{from: 5}
    IO.inspect(Enum.to_list(cd))
    IO.inspect(Enum.map(cd, &(&1 * 2)))
    IO.inspect(Enum.count(cd))
    IO.inspect(Enum.member?(cd, 3))
    IO.inspect(Enum.take(cd, 2))
    IO.inspect(Enum.zip(cd, [:a, :b, :c]))
    IO.inspect(for x <- cd, rem(x, 2) == 1, do: x)
    IO.inspect(Stream.map(cd, &(&1 + 100)) |> Enum.take(3))
    IO.inspect(Enum.at(cd, 1))
  end
end
