# Float.parse and String.to_float on edge inputs.
defmodule FloatParseStrings do
  def main do
    for s <- ["1.5", "-0.25e3", "3", "1e10", "1.0e-3xyz", ".5", "abc", "12.5.6", "  4.0", "+2.0", "1_000.0"] do
      IO.puts("#{inspect(s)} -> #{inspect(Float.parse(s))}")
    end
    IO.inspect(String.to_float("2.718281828459045"))
    IO.inspect(:erlang.binary_to_float("1.0e300"))
    IO.inspect(:erlang.list_to_float(~c"-0.0"))
  end
end
