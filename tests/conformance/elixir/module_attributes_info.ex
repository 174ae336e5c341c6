# Module attributes, __MODULE__, __info__ functions list and compile-time computed values.
defmodule ModuleAttributesInfo do
  @greeting "hello"
  @primes Enum.filter(2..50, fn n -> Enum.all?(2..max(2, n - 1)//1, &(n == 2 or rem(n, &1) != 0)) end)
  @table %{a: 1, b: 2}

  def greeting, do: @greeting
  def primes, do: @primes
  def table, do: @table
  defp hidden, do: :hidden
  def uses_hidden, do: hidden()
  defmacro mac(x), do: x

  def main do
    IO.inspect(greeting())
    IO.inspect(primes())
    IO.inspect(table())
    IO.inspect(__MODULE__.__info__(:functions))
    IO.inspect(__MODULE__.__info__(:macros))
    IO.inspect(__MODULE__.__info__(:module))
    IO.inspect(uses_hidden())
    IO.inspect(:erlang.function_exported(__MODULE__, :hidden, 0))
  end
end
