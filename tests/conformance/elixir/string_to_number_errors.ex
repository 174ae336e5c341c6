# String.to_integer/to_float raising on bad input, Integer.parse/Float.parse fallbacks.
defmodule StringToNumberErrors do
  def attempt(f) do
    try do
      {:ok, f.()}
    rescue
      e -> {:error, e.__struct__}
    end
  end

  def main do
    inputs = ["42", "-0", "4.2", "1e3", "", " 1", "0x1F", "99999999999999999999999"]
    for s <- inputs do
      IO.inspect({s, attempt(fn -> String.to_integer(s) end), attempt(fn -> String.to_float(s) end), Integer.parse(s), Float.parse(s)})
    end
  end
end
