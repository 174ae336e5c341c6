# get_in/put_in/update_in/pop_in/get_and_update_in on nested maps and keyword lists.
defmodule AccessGetPutUpdateIn do
  def main do
    data = %{user: %{name: "ann", langs: [elixir: 3, erlang: 2]}, count: 1}
    IO.inspect(get_in(data, [:user, :name]))
    IO.inspect(get_in(data, [:user, :langs, :erlang]))
    IO.inspect(get_in(data, [:missing, :x]))
    IO.inspect(put_in(data, [:user, :name], "bob"))
    IO.inspect(put_in(data.user.langs[:rust], 1))
    IO.inspect(update_in(data, [:count], &(&1 + 10)))
    IO.inspect(update_in(data.user.langs[:elixir], &(&1 * 100)))
    IO.inspect(pop_in(data, [:user, :langs, :elixir]))
    IO.inspect(get_and_update_in(data, [:user, :name], &{&1, String.upcase(&1)}))
    IO.inspect(data[:user][:name])
  end
end
