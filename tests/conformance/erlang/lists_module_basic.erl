%% Core lists functions: map, foldl/foldr, filter, reverse, nth, last, sum, max/min, seq, all/any.
-module(lists_module_basic).
-export([main/0]).

main() ->
    L = lists:seq(1, 12),
    io:format("~w~n", [lists:map(fun(X) -> X * X end, L)]),
    io:format("~w~n", [lists:foldl(fun(X, Acc) -> Acc * 2 + X end, 0, L)]),
    io:format("~w~n", [lists:foldr(fun(X, Acc) -> [X | Acc] end, [end_], L)]),
    io:format("~w~n", [lists:filter(fun(X) -> X rem 3 =:= 0 end, L)]),
    io:format("~w~n", [lists:reverse(L)]),
    io:format("~w ~w ~w ~w ~w~n", [lists:nth(3, L), lists:last(L), lists:sum(L), lists:max(L), lists:min(L)]),
    io:format("~w ~w~n", [lists:all(fun(X) -> X > 0 end, L), lists:any(fun(X) -> X > 11 end, L)]),
    io:format("~w~n", [lists:seq(5, 1, -1)]),
    io:format("~w~n", [lists:seq(1, 0)]),
    io:format("~w~n", [lists:zipwith(fun(A, B) -> A * B end, [1, 2, 3], [4, 5, 6])]),
    io:format("~w~n", [lists:flatmap(fun(X) -> [X, -X] end, [1, 2])]),
    io:format("~w~n", [lists:droplast([1, 2, 3])]),
    io:format("~w~n", [lists:nthtail(2, [a, b, c, d])]),
    io:format("~w~n", [lists:delete(b, [a, b, c, b])]),
    io:format("~w~n", [lists:concat([abc, 1, "x", 2.5])]).
