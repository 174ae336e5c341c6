# Type-test guards on every kind of term, chosen by multi-clause dispatch.
defmodule GuardTypeChecks do
  def kind(x) when is_integer(x), do: :integer
  def kind(x) when is_float(x), do: :float
  def kind(x) when is_boolean(x), do: :boolean
  def kind(nil), do: :nil_atom
  def kind(x) when is_atom(x), do: :atom
  def kind(x) when is_binary(x), do: :binary
  def kind(x) when is_bitstring(x), do: :bitstring
  def kind(x) when is_map_key(x, :__struct__), do: :struct
  def kind(x) when is_map(x), do: :map
  def kind(x) when is_tuple(x), do: :tuple
  def kind([]), do: :empty_list
  def kind(x) when is_list(x), do: :list
  def kind(x) when is_function(x, 0), do: :fun0
  def kind(x) when is_function(x), do: :fun
  def kind(_), do: :other

  def main do
    terms = [1, Integer.pow(2, 80), 1.0, true, nil, :a, "s", <<1::3>>, %{}, 1..2, {}, [], [1],
             fn -> 1 end, &Enum.map/2, self()]
    IO.inspect(Enum.map(terms, &kind/1))
    IO.inspect(Enum.map(terms, &is_number/1))
  end
end
