# A custom Inspect implementation with Inspect.Algebra, used by inspect and IO.inspect.
defmodule ProtocolInspectCustom.Money do
  defstruct [:amount, :currency]
end

defimpl Inspect, for: ProtocolInspectCustom.Money do
  import Inspect.Algebra

  def inspect(%{amount: a, currency: c}, opts) do
    concat(["#Money<", to_doc(a, opts), " ", to_string(c), ">"])
  end
end

defmodule ProtocolInspectCustom do
  alias ProtocolInspectCustom.Money

  def main do
    m = %Money{amount: 125, currency: :EUR}
    IO.inspect(m)
    IO.puts(inspect([m, %{price: m}]))
    IO.inspect({m, m}, label: "pair")
    IO.puts(inspect(m, structs: false))
    IO.inspect(Enum.map(1..3, &%Money{amount: &1 * 100, currency: :USD}))
  end
end
