# A custom protocol implemented for every built-in type; dispatch picks the right impl.
defprotocol ProtocolBuiltinDispatch.Kind do
  def kind(term)
end

defimpl ProtocolBuiltinDispatch.Kind, for: Integer do
  def kind(_), do: :integer
end
defimpl ProtocolBuiltinDispatch.Kind, for: Float do
  def kind(_), do: :float
end
defimpl ProtocolBuiltinDispatch.Kind, for: Atom do
  def kind(_), do: :atom
end
defimpl ProtocolBuiltinDispatch.Kind, for: BitString do
  def kind(b) when is_binary(b), do: :binary
  def kind(_), do: :bitstring
end
defimpl ProtocolBuiltinDispatch.Kind, for: List do
  def kind(_), do: :list
end
defimpl ProtocolBuiltinDispatch.Kind, for: Tuple do
  def kind(_), do: :tuple
end
defimpl ProtocolBuiltinDispatch.Kind, for: Map do
  def kind(_), do: :map
end
defimpl ProtocolBuiltinDispatch.Kind, for: Function do
  def kind(_), do: :function
end
defimpl ProtocolBuiltinDispatch.Kind, for: Range do
  def kind(_), do: :range_struct
end

defmodule ProtocolBuiltinDispatch do
  alias ProtocolBuiltinDispatch.Kind

  def main do
    for t <- [1, Integer.pow(9, 30), 1.5, :a, nil, "s", <<1::2>>, [], [1], {}, %{}, fn -> 1 end, 1..3] do
      IO.inspect(Kind.kind(t))
    end
    IO.inspect(Kind.impl_for(%{}))
    IO.inspect(Kind.impl_for(MapSet.new()))
  end
end
