%% erlang:fun_info fields, calling funs with the wrong arity (badarity) and non-funs (badfun).
-module(fun_info_badarity).
-export([main/0]).

reason(F) ->
    try F() catch Class:R -> {Class, strip(R)} end.

%% Keep only the shape of a badarity reason: the fun itself prints with a unique suffix.
strip({badarity, {Fun, Args}}) when is_function(Fun) -> {badarity, {fun_with_arity, element(2, erlang:fun_info(Fun, arity)), Args}};
strip(R) -> R.

id(X) -> X.

main() ->
    Y = id(10),
    F = fun(A, B) -> A + B + Y end,
    io:format("~p~n", [erlang:fun_info(F, arity)]),
    io:format("~p~n", [erlang:fun_info(F, type)]),
    io:format("~p~n", [erlang:fun_info(F, module)]),
    io:format("~p~n", [erlang:fun_info(F, env)]),
    io:format("~p~n", [erlang:fun_info(fun lists:map/2, type)]),
    io:format("~p~n", [erlang:fun_info(fun lists:map/2, name)]),
    io:format("~p~n", [reason(fun() -> (id(F))(1) end)]),
    io:format("~p~n", [reason(fun() -> (id(not_a_fun))(1) end)]),
    io:format("~p~n", [reason(fun() -> apply(id(F), [1, 2, 3]) end)]),
    io:format("~p~n", [apply(F, [1, 2])]),
    io:format("~p~n", [apply(lists, seq, [1, 3])]),
    io:format("~p~n", [erlang:function_exported(lists, seq, 2)]).
