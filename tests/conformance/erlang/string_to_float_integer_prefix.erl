%% string:to_float/1 and string:to_integer/1 (the BIFs string:list_to_float/1 and
%% list_to_integer/1 underneath): the longest prefix, the rest, and the error tuples.
-module(string_to_float_integer_prefix).
-export([main/0]).

main() ->
    Floats = ["1.5", "1.5e3x", "1.5E+3", "1.5e", "1.5e+", "-1.5", "+1.5", "1.", ".5", "1",
              "1,5", "1.5e-3.2", "  1.5", "1.5 ", "1e5", "01.50", "-", "", "1.0e400", "1.0e-400",
              "1_0.5", [$1, $., $5, 300], [$1, $., $5 | x], [$1, $. | x], [x], "1.5,3",
              "000000000000000000000001.5", "2.2250738585072014e-308", "4.9e-324",
              <<"2.5">>, <<"2.5x">>],
    [io:format("~w -> ~w~n", [S, string:to_float(S)]) || S <- Floats],
    Ints = ["12", "+12a", "-0", "-", "+", "", " 1", "1_0", "007x", [$1 | x], [$1, 300],
            "99999999999999999999999999", "-123456789012345678901234567890z", <<"42rest">>],
    [io:format("~w -> ~w~n", [S, string:to_integer(S)]) || S <- Ints],
    io:format("~w~n", [[catch string:list_to_integer(x), catch string:list_to_float(x)]]).
