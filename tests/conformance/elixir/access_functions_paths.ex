# Access.all/at/key/key!/elem/filter/find? paths into lists, tuples and structs.
defmodule AccessFunctionsPaths.Pt do
  defstruct [:x, :y]
end

defmodule AccessFunctionsPaths do
  def main do
    l = [%{n: 1, tags: [:a]}, %{n: 2, tags: []}, %{n: 3, tags: [:b, :c]}]
    IO.inspect(get_in(l, [Access.all(), :n]))
    IO.inspect(update_in(l, [Access.all(), :n], &(&1 * 10)))
    IO.inspect(get_in(l, [Access.at(1), :n]))
    IO.inspect(put_in(l, [Access.at(-1), :n], :last))
    IO.inspect(get_in(l, [Access.filter(&(&1.n > 1)), :tags]))
    IO.inspect(get_in({1, {2, 3}}, [Access.elem(1), Access.elem(0)]))
    p = %AccessFunctionsPaths.Pt{x: 1, y: 2}
    IO.inspect(put_in(p, [Access.key(:x)], 100))
    IO.inspect(get_in(%{a: nil}, [Access.key(:a, %{}), :b]))
    IO.inspect(update_in(%{list: [1, 2, 3]}, [:list, Access.all()], &(&1 + 1)))
    IO.inspect(pop_in(%{a: [1, 2, 3]}, [:a, Access.at(0)]))
    try do
      get_in(p, [Access.key!(:z)])
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end
