# with: happy path, else clauses, guards in with clauses, and bare expressions.
defmodule WithElseClauses do
  def parse(s) do
    with {n, ""} <- Integer.parse(s),
         true <- n >= 0,
         doubled = n * 2,
         {:ok, sq} when sq < 1000 <- {:ok, doubled * doubled} do
      {:ok, sq}
    else
      :error -> {:error, :not_a_number}
      {_n, rest} -> {:error, {:trailing, rest}}
      false -> {:error, :negative}
      {:ok, big} -> {:error, {:too_big, big}}
    end
  end

  def main do
    for s <- ["5", "abc", "12x", "-3", "100"], do: IO.inspect(parse(s))
    IO.inspect(with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, 2}, do: a + b)
    IO.inspect(with {:ok, a} <- {:error, :first}, do: a)
  end
end
