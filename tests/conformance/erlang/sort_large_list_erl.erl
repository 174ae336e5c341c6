%% Sorting and deduplicating a 300,000-element pseudo-random list generated with a fixed LCG.
-module(sort_large_list_erl).
-export([main/0]).

gen(0, _X, Acc) -> Acc;
gen(N, X, Acc) ->
    X2 = (X * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
    gen(N - 1, X2, [X2 bsr 40 | Acc]).

main() ->
    L = gen(300000, 1, []),
    S = lists:sort(L),
    io:format("~p~n", [lists:sublist(S, 5)]),
    io:format("~p~n", [lists:nthtail(299997, S)]),
    io:format("~p~n", [length(lists:usort(L))]),
    io:format("~p~n", [lists:sum(S) =:= lists:sum(L)]),
    io:format("~p~n", [lists:sublist(lists:reverse(lists:sort(fun(A, B) -> A rem 1000 =< B rem 1000 end, L)), 3)]).
