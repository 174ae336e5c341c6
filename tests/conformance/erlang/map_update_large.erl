%% Updating (:= and =>) and removing keys in large maps, crossing the 32-key boundary.
-module(map_update_large).
-export([main/0]).

main() ->
    M32 = maps:from_list([{I, 0} || I <- lists:seq(1, 32)]),
    io:format("~w~n", [maps:keys(M32)]),
    M33 = M32#{33 => 0},
    io:format("~w~n", [maps:keys(M33)]),
    Upd = lists:foldl(fun(K, Acc) -> Acc#{K := K * K} end, M33, lists:seq(1, 33)),
    io:format("~p~n", [Upd]),
    Back = maps:remove(5, M33),
    io:format("~w~n", [maps:keys(Back)]),
    Bin = maps:from_list([{integer_to_binary(I), I} || I <- lists:seq(1, 50)]),
    io:format("~p~n", [maps:keys(Bin#{<<"new">> => 0})]),
    io:format("~p~n", [maps:merge(M33, maps:from_list([{I, b} || I <- lists:seq(30, 45)]))]).
