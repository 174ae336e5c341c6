%% The array module: fixed and growable arrays, defaults, set/get, foldl, to_list, sparse_to_list.
-module(array_module).
-export([main/0]).

main() ->
    A0 = array:new(5, {default, 0}),
    A1 = array:set(2, two, A0),
    io:format("~p~n", [array:to_list(A1)]),
    io:format("~p ~p~n", [array:get(2, A1), array:get(4, A1)]),
    G = lists:foldl(fun(I, Acc) -> array:set(I * 10, I, Acc) end, array:new(), lists:seq(1, 5)),
    io:format("~p ~p~n", [array:size(G), array:sparse_to_list(G)]),
    io:format("~p~n", [array:sparse_to_orddict(G)]),
    io:format("~p~n", [array:foldl(fun(_I, V, Acc) when is_integer(V) -> Acc + V; (_, _, Acc) -> Acc end, 0, G)]),
    F = array:from_list([a, b, c]),
    io:format("~p~n", [array:to_orddict(array:map(fun(I, V) -> {I, V} end, F))]),
    io:format("~p~n", [array:is_fix(array:fix(F))]).
