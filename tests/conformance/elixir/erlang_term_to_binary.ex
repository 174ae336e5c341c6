# :erlang.term_to_binary byte layouts (OTP 25 defaults: latin-1 atoms, NEW_FLOAT_EXT) and round trips.
defmodule ErlangTermToBinary do
  def main do
    terms = [0, 255, 256, -1, Integer.pow(2, 31), -Integer.pow(2, 31) - 1, Integer.pow(2, 64), -Integer.pow(2, 300),
             1.5, -0.0, :ok, :"é", :"日本", true, nil, [], [1, 2], [1 | 2], ~c"abc", {}, {1, :a}, "bin", <<1::3>>,
             %{}, %{a: 1, b: [2]}, Map.new(1..40, &{&1, &1}), {:a, List.duplicate(0, 300)}]
    for t <- terms do
      bin = :erlang.term_to_binary(t)
      IO.puts("#{inspect(t, limit: 8)} => #{inspect(:binary.bin_to_list(bin), limit: 40)}")
      true = :erlang.binary_to_term(bin) === t
    end
    IO.inspect(:erlang.term_to_binary("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", [:compressed]) |> byte_size())
    IO.inspect(:erlang.term_to_binary(:ok, minor_version: 2))
    IO.inspect(:erlang.binary_to_term(<<131, 100, 0, 3, 102, 111, 111>>))
    IO.inspect(:erlang.external_size({1, 2, 3}))
  end
end
