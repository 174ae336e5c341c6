%% lists:zip/zip3/unzip, partition, splitwith, takewhile/dropwhile, split, sublist, mapfoldl.
-module(lists_partition_zip).
-export([main/0]).

%% Only the reason: a caught error's stack trace would include the oracle's own launcher frames.
reason(F) ->
    try F() catch Class:R -> {Class, R} end.

main() ->
    L = lists:seq(1, 10),
    io:format("~w~n", [lists:zip([a, b, c], [1, 2, 3])]),
    io:format("~w~n", [lists:zip3([a, b], [1, 2], [x, y])]),
    io:format("~w~n", [lists:unzip([{a, 1}, {b, 2}])]),
    io:format("~w~n", [lists:partition(fun(X) -> X rem 2 =:= 0 end, L)]),
    io:format("~w~n", [lists:splitwith(fun(X) -> X < 4 end, L)]),
    io:format("~w~n", [lists:takewhile(fun(X) -> X < 4 end, L)]),
    io:format("~w~n", [lists:dropwhile(fun(X) -> X < 8 end, L)]),
    io:format("~w~n", [lists:split(3, L)]),
    io:format("~w~n", [lists:sublist(L, 4)]),
    io:format("~w~n", [lists:mapfoldl(fun(X, S) -> {X + S, S + X} end, 0, [1, 2, 3])]),
    io:format("~w~n", [lists:mapfoldr(fun(X, S) -> {X + S, S + X} end, 0, [1, 2, 3])]),
    io:format("~w~n", [lists:foldl(fun(X, {Min, Max}) -> {min(X, Min), max(X, Max)} end, {99, 0}, L)]),
    io:format("~p~n", [reason(fun() -> lists:zip([1], []) end)]).
