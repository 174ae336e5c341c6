%% erlang:universaltime_to_posixtime/1 (years from 1600) and posixtime_to_universaltime/1
%% (any 64-bit count), and their badarg cases.
-module(posixtime_conversions_erl).
-export([main/0]).
main() ->
    [io:format("~p~n", [catch erlang:universaltime_to_posixtime(X)]) || X <- [{{1970,1,1},{0,0,0}}, {{1901,1,1},{0,0,0}}, {{1600,2,29},{0,0,0}}, {{1600,1,1},{0,0,0}}, {{9999999,1,1},{0,0,0}}]],
    [io:format("~p~n", [catch erlang:posixtime_to_universaltime(X)]) || X <- [0, -1, 1600000000, -99999999999, 99999999999, 1 bsl 62, -(1 bsl 62)]],
    [io:format("~p~n", [element(1, catch erlang:universaltime_to_posixtime(X))]) || X <- [{{1599,12,31},{0,0,0}}, {{0,1,1},{0,0,0}}, {{2020,2,30},{0,0,0}}, {{2020,1,1},{24,0,0}}, foo]],
    io:format("~p~n", [element(1, catch erlang:posixtime_to_universaltime(1.0))]).
