# A custom protocol with @fallback_to_any and an Any implementation, plus specific impls.
defprotocol ProtocolFallbackAny.Describe do
  @fallback_to_any true
  def describe(term)
end

defimpl ProtocolFallbackAny.Describe, for: Integer do
  def describe(n), do: "integer #{n}"
end

defimpl ProtocolFallbackAny.Describe, for: List do
  def describe(l), do: "list of #{length(l)}"
end

defimpl ProtocolFallbackAny.Describe, for: Any do
  def describe(t), do: "something else: #{inspect(t)}"
end

defmodule ProtocolFallbackAny.Thing do
  defstruct [:id]
end

defmodule ProtocolFallbackAny do
  alias ProtocolFallbackAny.Describe

  def main do
    for t <- [1, [1, 2], :atom, "bin", %{a: 1}, %ProtocolFallbackAny.Thing{id: 7}, {1, 2}, 2.5] do
      IO.puts(Describe.describe(t))
    end
    IO.inspect(Describe.impl_for(1))
    IO.inspect(Describe.impl_for(:x))
  end
end
