%% A map with 100 integer keys prints and folds in the VM's hash-trie order.
-module(map_large_integer_keys).
-export([main/0]).

main() ->
    M = maps:from_list([{I, I * 2} || I <- lists:seq(1, 100)]),
    io:format("~p~n", [M]),
    io:format("~w~n", [maps:keys(M)]),
    io:format("~w~n", [maps:fold(fun(K, _V, Acc) -> [K | Acc] end, [], M)]),
    M2 = maps:from_list([{K, x} || K <- [-1, 0, 1 bsl 40, 1 bsl 70, -(1 bsl 70) | lists:seq(1000, 1040)]]),
    io:format("~w~n", [maps:keys(M2)]),
    io:format("~w~n", [lists:sublist(maps:to_list(M), 10)]).
