# Erlang float printing (~p, ~w, io_lib:format) versus Elixir inspect for the same values.
defmodule IoFormatFloatsErlangRules do
  def main do
    for f <- [0.1, 1.0, 100.0, 1.0e15, 1.0e16, 123456789.123, 1.0e-3, 1.0e-5, -2.5e-8, 5.0e-324, 1.0e300, 0.0, -0.0] do
      :io.format("~p ~w ~s ~s~n", [f, f, inspect(f), :io_lib.format("~.6f", [f])])
    end
    :io.format("~e|~.2e|~.10e~n", [0.1, 12345.678, 2.0])
    :io.format("~g|~g|~g|~g~n", [1.0e-5, 0.5, 1.0e10, 123.0])
  end
end
