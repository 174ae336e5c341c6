%% try ... catch with Class:Reason patterns, the stack trace variable, and rethrowing.
-module(try_catch_classes).
-export([main/0]).

run(F) ->
    try F() of
        V -> {value, V}
    catch
        throw:T -> {thrown, T};
        exit:E -> {exited, E};
        error:{custom, N} when N > 1 -> {custom_big, N};
        error:R:Stack -> {error, R, is_list(Stack)}
    end.

id(X) -> X.

main() ->
    io:format("~p~n", [run(fun() -> 1 + 1 end)]),
    io:format("~p~n", [run(fun() -> throw(x) end)]),
    io:format("~p~n", [run(fun() -> exit(y) end)]),
    io:format("~p~n", [run(fun() -> error({custom, 5}) end)]),
    io:format("~p~n", [run(fun() -> error({custom, 1}) end)]),
    io:format("~p~n", [run(fun() -> id(a) + 1 end)]),
    io:format("~p~n", [run(fun() -> list_to_atom(id(1)) end)]),
    R = try
            try throw(inner) catch throw:inner -> throw(rethrown) end
        catch
            throw:Z -> {outer, Z}
        end,
    io:format("~p~n", [R]).
