# Structs: defaults, update syntax, pattern matching, Map functions on structs, inspect.
defmodule StructBasics.User do
  defstruct name: "anon", age: 0, tags: []
end

defmodule StructBasics do
  alias StructBasics.User

  def greet(%User{name: name, age: age}) when age >= 18, do: "adult #{name}"
  def greet(%User{name: name}), do: "minor #{name}"

  def main do
    u = %User{name: "ann", age: 30}
    IO.inspect(u)
    IO.inspect(%User{})
    IO.inspect(%{u | age: 31})
    IO.inspect(greet(u))
    IO.inspect(greet(%User{name: "bo", age: 5}))
    IO.inspect(u.name)
    IO.inspect(Map.from_struct(u))
    IO.inspect(Map.keys(u))
    IO.inspect(is_map(u))
    IO.inspect(u.__struct__)
    IO.inspect(struct(User, name: "cy", unknown: 1))
    IO.inspect(struct!(User, age: 2))
    IO.inspect(match?(%User{}, %{__struct__: User, name: 1, age: 2, tags: 3}))
    IO.inspect(%User{} == %User{})
    IO.inspect(inspect(u, structs: false))
  end
end
