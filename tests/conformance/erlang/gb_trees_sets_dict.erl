%% gb_trees, gb_sets, sets, orddict and dict: insert, lookup, iteration order and sizes.
-module(gb_trees_sets_dict).
-export([main/0]).

main() ->
    T = lists:foldl(fun(K, Acc) -> gb_trees:insert(K, K * K, Acc) end, gb_trees:empty(), [5, 3, 8, 1, 4]),
    io:format("~p~n", [gb_trees:to_list(T)]),
    io:format("~p ~p~n", [gb_trees:lookup(3, T), gb_trees:lookup(9, T)]),
    io:format("~p ~p~n", [gb_trees:smallest(T), gb_trees:largest(T)]),
    io:format("~p~n", [gb_trees:keys(gb_trees:delete(5, T))]),
    S = gb_sets:from_list([c, a, b, a]),
    io:format("~p ~p~n", [gb_sets:to_list(S), gb_sets:size(S)]),
    io:format("~p~n", [gb_sets:to_list(gb_sets:union(S, gb_sets:from_list([z])))]),
    S2 = sets:from_list([3, 1, 2, 3]),
    io:format("~p ~p~n", [lists:sort(sets:to_list(S2)), sets:is_element(2, S2)]),
    D = orddict:store(b, 2, orddict:store(a, 1, orddict:new())),
    io:format("~p~n", [orddict:to_list(orddict:update_counter(a, 5, D))]),
    Dict = dict:from_list([{x, 1}, {y, 2}]),
    io:format("~p~n", [lists:sort(dict:to_list(dict:append(z, 3, Dict)))]),
    io:format("~p~n", [dict:fetch(y, Dict)]).
