%% Large maps keyed by binaries and by tuples of integers print in the VM's hash order.
-module(map_large_mixed_keys_erl).
-export([main/0]).

main() ->
    Bins = maps:from_list([{<<"k", (integer_to_binary(I))/binary>>, I} || I <- lists:seq(1, 45)]),
    io:format("~p~n", [Bins]),
    Tups = maps:from_list([{{X, Y}, X * Y} || X <- lists:seq(1, 7), Y <- lists:seq(1, 7)]),
    io:format("~w~n", [maps:keys(Tups)]),
    Mixed = maps:from_list([{K, 0} || K <- [1.5, -3, "list", <<>>, {}, [], {1, <<"t">>}] ++ lists:seq(500, 530)]),
    io:format("~w~n", [maps:keys(Mixed)]).
