# case with guards and nested patterns, cond, if/else, unless, and their values.
defmodule CaseCondIf do
  def classify(n) do
    cond do
      n < 0 -> :negative
      n == 0 -> :zero
      rem(n, 2) == 0 -> :even
      true -> :odd
    end
  end

  def main do
    IO.inspect(Enum.map([-3, 0, 4, 7], &classify/1))
    for v <- [{:ok, [1, 2]}, {:ok, []}, {:error, "bad"}, :other, {:ok, %{a: 1}}] do
      r = case v do
        {:ok, [h | _]} when h > 0 -> {:head, h}
        {:ok, []} -> :empty
        {:error, msg} when is_binary(msg) -> {:err, String.upcase(msg)}
        {:ok, %{a: a}} -> {:map, a}
        _ -> :unknown
      end
      IO.inspect(r)
    end
    IO.inspect(if 1 > 2, do: :yes, else: :no)
    IO.inspect(if nil, do: :yes)
    IO.inspect(unless false, do: :ran)
    IO.inspect(if [], do: :empty_list_is_truthy)
    x = if true do
      y = 5
      y * 2
    end
    IO.inspect(x)
  end
end
