%% bsl/bsr/band/bor/bxor/bnot across small, 64-bit and bignum values, negative shifts.
-module(bsl_bsr_bignum).
-export([main/0]).

main() ->
    Xs = [0, 1, -1, 12345, -12345, 16#7FFFFFFFFFFFFFFF, -16#8000000000000000, 1 bsl 100],
    [io:format("~w: ~w ~w ~w ~w ~w ~w ~w~n",
               [X, X bsl 3, X bsr 3, X bsl 65, X bsr 65, X band 16#FF00, X bor 7, bnot X]) || X <- Xs],
    io:format("~w~n", [1 bsl -3]),
    io:format("~w~n", [(1 bsl 200) bsr 190]),
    io:format("~w~n", [(-1 bsl 200) bxor (1 bsl 150)]),
    io:format("~w~n", [((1 bsl 128) - 1) band -(1 bsl 64)]).
