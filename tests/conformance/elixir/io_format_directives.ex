# :io.format directives: ~p ~w ~s ~ts ~b ~B ~x ~X ~e ~f ~g ~c ~n ~i ~tp, widths, precision, padding.
defmodule IoFormatDirectives do
  def main do
    :io.format("~p ~w~n", [{:a, "bin", [1, 2]}, {:a, "bin", [1, 2]}])
    :io.format("~s|~10s|~-10s|~.3s~n", ["abc", "right", "left", "truncate"])
    :io.format("~ts ~s~n", ["日本語", ~c"list"])
    :io.format("~b ~B ~.16B ~.2B ~8.16.0B ~x ~.16X~n", [-5, 255, 255, 5, 255, 255, ~c"0x", 255, ~c"#"])
    :io.format("~e ~.3e ~f ~.2f ~10.3f ~-10.1f| ~g ~.4g~n", [1234.5, 1234.5, 3.14159, 3.14159, 2.5, 2.5, 0.000123, 123456.789])
    :io.format("~c~c ~5c ~.3c|~n", [?a, ?b, ?x, ?y])
    :io.format("~i~s~n", [:ignored, "after ignore"])
    :io.format("~tp~n", [["日本", :"é"]])
    :io.format("~p~n", [~c"printable list"])
    :io.format("~w~n", [~c"printable list"])
    :io.format("~10.2.*f|~n", [?*, 1.5])
    :io.format("~~ literal tilde and ~w~n", [:atom])
    :io.format("~5w|~-5w|~n", [12, 12])
    :io.format("~.10p~n", [Enum.to_list(1..20)])
    :io.format("~P~n", [Enum.to_list(1..20), 5])
    :io.format("~W~n", [{:deep, {:er, {:and, {:deeper}}}}, 3])
  end
end
