%% maps:iterator/next, fold, map, filter, filtermap, foreach over small and large maps.
-module(maps_iterator_fold).
-export([main/0]).

walk(none) -> [];
walk({K, V, I}) -> [{K, V} | walk(maps:next(I))].

main() ->
    Small = #{c => 3, a => 1, b => 2},
    io:format("~p~n", [walk(maps:next(maps:iterator(Small)))]),
    Large = maps:from_list([{I * 7, I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [walk(maps:next(maps:iterator(Large)))]),
    io:format("~p~n", [maps:map(fun(_K, V) -> V * 10 end, Small)]),
    io:format("~p~n", [maps:filter(fun(K, _V) -> K =/= b end, Small)]),
    io:format("~p~n", [maps:filtermap(fun(_K, V) when V > 1 -> {true, -V}; (_, _) -> false end, Small)]),
    maps:foreach(fun(K, V) -> io:format("~p=~p;", [K, V]) end, Small),
    io:format("~n"),
    io:format("~w~n", [maps:fold(fun(K, V, Acc) -> Acc + K * V end, 0, Large)]),
    io:format("~w~n", [maps:to_list(maps:with([7, 14, 280, 999], Large))]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))]).
