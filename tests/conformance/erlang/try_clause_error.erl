%% A value with no matching 'of' clause raises try_clause, which the same try does not catch.
-module(try_clause_error).
-export([main/0]).

id(X) -> X.

inner(V) ->
    try id(V) of
        1 -> one
    catch
        _:_ -> caught_by_inner
    end.

main() ->
    io:format("~p~n", [inner(1)]),
    R = try inner(2) catch error:E -> {outer_caught, E} end,
    io:format("~p~n", [R]).
