%% lists:sort/usort/keysort/ukeysort/merge/umerge and sort stability with custom orderings.
-module(lists_sort_variants).
-export([main/0]).

main() ->
    L = [{b, 2}, {a, 3}, {c, 1}, {a, 1}, {b, 2}],
    io:format("~w~n", [lists:sort(L)]),
    io:format("~w~n", [lists:usort(L)]),
    io:format("~w~n", [lists:keysort(1, L)]),
    io:format("~w~n", [lists:keysort(2, L)]),
    io:format("~w~n", [lists:ukeysort(1, L)]),
    io:format("~w~n", [lists:sort(fun({_, X}, {_, Y}) -> X >= Y end, L)]),
    io:format("~w~n", [lists:merge([1, 4, 7], [2, 3, 8])]),
    io:format("~w~n", [lists:umerge([1, 2, 4], [2, 3, 4])]),
    io:format("~w~n", [lists:merge3([1], [0, 5], [3])]),
    io:format("~w~n", [lists:sort([3.0, 1, 2, 1.0, 2.0])]),
    io:format("~w~n", [lists:usort([1, 1.0, 2])]),
    io:format("~w~n", [lists:reverse(lists:sort([c, "s", 1, {t}, [l], #{}]))]).
