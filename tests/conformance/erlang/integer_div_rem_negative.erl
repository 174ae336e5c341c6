%% div and rem truncate toward zero for every sign combination, small and big.
-module(integer_div_rem_negative).
-export([main/0]).

main() ->
    Pairs = [{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 3}, {1 bsl 70, -3}, {-(1 bsl 70), 7}, {5, 1 bsl 64}],
    lists:foreach(fun({A, B}) ->
        io:format("~w ~w: div=~w rem=~w~n", [A, B, A div B, A rem B])
    end, Pairs),
    io:format("~p~n", [7 / 2]),
    io:format("~p~n", [-7 / 2]).
