# IO.inspect with labels and options: limit, pretty, width, charlists, base, structs, syntax_colors off.
defmodule IoInspectOptions do
  def main do
    data = %{list: Enum.to_list(1..30), nested: %{deep: [a: {1, 2}, b: "str"]}, chars: ~c"abc"}
    IO.inspect(data, label: "data")
    IO.inspect(data, limit: 5)
    IO.inspect(data, pretty: true, width: 30)
    IO.inspect(data, width: 0)
    IO.inspect(~c"abc", charlists: :as_lists)
    IO.inspect([255, 16], base: :hex)
    IO.inspect(10, base: :binary)
    IO.inspect(-255, base: :octal)
    IO.inspect(1..3, structs: false)
    IO.inspect("string", printable_limit: 3)
    IO.inspect(Enum.to_list(1..100), limit: :infinity, width: 40)
    IO.inspect({:ok, :value}, label: :atom_label)
    r = IO.inspect(:returned, label: "returns its argument")
    IO.inspect(r == :returned)
    IO.inspect([1.0, 2.5e-10], label: "floats")
    IO.inspect(%{"b" => 1, "a" => 2}, custom_options: [sort_maps: true])
  end
end
