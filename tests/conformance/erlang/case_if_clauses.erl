%% case with guards and nested patterns, if with several branches, and if_clause/case_clause errors.
-module(case_if_clauses).
-export([main/0]).

classify(N) ->
    if
        N < 0 -> negative;
        N =:= 0 -> zero;
        N < 10 -> small;
        true -> large
    end.

shape(T) ->
    case T of
        {circle, R} when R > 0 -> {area, 3 * R * R};
        {rect, W, H} when W =:= H -> square;
        {rect, W, H} -> {area, W * H};
        [H | _] when is_tuple(H) -> shape(H);
        _ -> unknown
    end.

reason(F) ->
    try F() catch Class:R -> {Class, R} end.

id(X) -> X.

main() ->
    io:format("~p~n", [[classify(N) || N <- [-5, 0, 3, 42]]]),
    io:format("~p~n", [[shape(S) || S <- [{circle, 2}, {rect, 3, 3}, {rect, 2, 5}, [{circle, 1}], {circle, -1}]]]),
    io:format("~p~n", [reason(fun() -> B = id(false), if B -> never end end)]),
    io:format("~p~n", [reason(fun() -> case id(7) of 1 -> one end end)]),
    io:format("~p~n", [reason(fun() -> {a, _} = id({b, 1}) end)]).
