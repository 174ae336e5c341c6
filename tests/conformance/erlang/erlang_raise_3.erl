%% erlang:raise/3 re-raises with a chosen class, reason and stack; invalid class gives badarg.
-module(erlang_raise_3).
-export([main/0]).

catch_all(F) ->
    try F() catch C:R -> {C, R} end.

main() ->
    [io:format("~p~n", [catch_all(fun() -> erlang:raise(C, {reason, C}, []) end)]) || C <- [error, exit, throw]],
    Rethrown = catch_all(fun() ->
        try error(original)
        catch error:R:St -> erlang:raise(error, {wrapped, R}, St)
        end
    end),
    io:format("~p~n", [Rethrown]),
    io:format("~p~n", [erlang:raise(bad_class, x, [])]),
    io:format("~p~n", [catch_all(fun() -> erlang:raise(error, x, not_a_stack) end)]).
