# try ... else: else clauses match the body's value; errors in else are not rescued by the same try.
defmodule ExceptionTryElse do
  def id(x), do: x

  def check(v) do
    try do
      id(v)
    rescue
      _ -> :rescued
    else
      n when is_integer(n) and n > 0 -> {:positive, n}
      0 -> :zero
      other -> {:other, other}
    end
  end

  def main do
    IO.inspect(Enum.map([5, 0, :x], &check/1))
    r = try do
      try do
        id(:no_clause)
      rescue
        _ -> :inner_rescue
      else
        :something_else -> :matched
      end
    rescue
      e -> {:outer, e.__struct__, Exception.message(e)}
    end
    IO.inspect(r)
  end
end
