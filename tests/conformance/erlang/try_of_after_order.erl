%% try ... of ... catch ... after: which block runs when, and the value of the expression.
-module(try_of_after_order).
-export([main/0]).

t(F) ->
    try F() of
        ok -> io:format("of: ok~n"), matched_ok;
        Other -> io:format("of: ~p~n", [Other]), {other, Other}
    catch
        C:R -> io:format("catch: ~p:~p~n", [C, R]), caught
    after
        io:format("after~n")
    end.

main() ->
    io:format("= ~p~n", [t(fun() -> ok end)]),
    io:format("= ~p~n", [t(fun() -> 42 end)]),
    io:format("= ~p~n", [t(fun() -> throw(t) end)]),
    Nested = try
                 try error(e1) after io:format("inner after~n") end
             catch
                 error:e1 -> recovered
             after
                 io:format("outer after~n")
             end,
    io:format("= ~p~n", [Nested]).
