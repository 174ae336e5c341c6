# Nested struct updates with put_in/update_in paths, struct pattern guards, and Map.update!.
defmodule StructNestedUpdateIn.Address do
  defstruct city: "", zip: ""
end

defmodule StructNestedUpdateIn.Person do
  defstruct name: "", address: %StructNestedUpdateIn.Address{}, scores: []
end

defmodule StructNestedUpdateIn do
  alias StructNestedUpdateIn.{Person, Address}

  def main do
    p = %Person{name: "ann", address: %Address{city: "Oslo", zip: "0150"}, scores: [1, 2]}
    IO.inspect(put_in(p.address.city, "Bergen"))
    IO.inspect(update_in(p.scores, &Enum.map(&1, fn s -> s * 10 end)))
    IO.inspect(put_in(p, [Access.key(:address), Access.key(:zip)], "5003"))
    IO.inspect(Map.update!(p, :name, &String.capitalize/1))
    %Person{address: %Address{city: city}} = p
    IO.inspect(city)
    IO.inspect(is_struct(p), label: "is_struct")
    IO.inspect(is_struct(p, Address))
  end
end
