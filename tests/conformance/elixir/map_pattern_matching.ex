# Matching maps in heads, case and function arguments; partial matches and pinned keys.
defmodule MapPatternMatching do
  def kind(%{type: :circle, r: r}), do: {:circle, 3 * r * r}
  def kind(%{type: :rect, w: w, h: h}), do: {:rect, w * h}
  def kind(%{}), do: :unknown
  def kind(_), do: :not_a_map

  def main do
    IO.inspect(kind(%{type: :circle, r: 2}))
    IO.inspect(kind(%{type: :rect, w: 3, h: 4, color: :red}))
    IO.inspect(kind(%{type: :blob}))
    IO.inspect(kind([]))
    key = "dyn"
    %{^key => v} = %{"dyn" => 42, "other" => 0}
    IO.inspect(v)
    case %{a: %{b: [1, 2, 3]}} do
      %{a: %{b: [_, second | _]}} -> IO.inspect(second)
    end
    %{} = %{x: 1}
    IO.inspect(match?(%{x: _}, %{x: nil}))
    IO.inspect(match?(%{x: _}, %{y: 1}))
  end
end
