# Guard BIFs: abs, sizes, elem, hd/tl, length, div/rem, trunc/round, map_get, in, bitwise.
defmodule GuardBifCalls do
  import Bitwise

  def g(x) when abs(x) > 10, do: :abs_big
  def g(x) when is_tuple(x) and tuple_size(x) == 2 and elem(x, 0) == :ok, do: :ok_pair
  def g(x) when is_list(x) and length(x) > 2 and hd(x) == 1, do: :long_list_from_1
  def g(x) when is_list(x) and x != [] and tl(x) == [], do: :singleton
  def g(x) when is_binary(x) and byte_size(x) > 3, do: :long_binary
  def g(x) when is_bitstring(x) and bit_size(x) < 8, do: :short_bits
  def g(x) when is_map(x) and map_size(x) == 0, do: :empty_map
  def g(x) when is_map(x) and :erlang.map_get(:k, x) == 1, do: :k_is_1
  def g(x) when is_integer(x) and rem(x, 2) == 0 and div(x, 2) > 2, do: :even_gt4
  def g(x) when is_float(x) and trunc(x) == 3, do: :trunc3
  def g(x) when is_float(x) and round(x) == 5, do: :round5
  def g(x) when x in [:a, :b, :c], do: :abc
  def g(x) when x in 100..200, do: :in_range
  def g(x) when is_integer(x) and band(x, 1) == 1, do: :odd
  def g(x) when is_atom(x) and x not in [:z], do: :other_atom
  def g(_), do: :fallback

  def main do
    inputs = [-20, {:ok, 1}, [1, 2, 3], [9], "abcd", <<1::3>>, %{}, %{k: 1}, 8, 3.7, 4.6, :b, 150, 7, :q, :z, 2]
    for i <- inputs, do: IO.puts("#{inspect(i)} -> #{g(i)}")
    # A guard that raises is simply false.
    f = fn x when hd(x) == 1 -> :yes; _ -> :no end
    IO.inspect({f.([1]), f.(:not_a_list), f.([])})
  end
end
