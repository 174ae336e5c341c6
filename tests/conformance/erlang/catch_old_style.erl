%% Old-style catch Expr: values of throw, exit and error, and catch in the middle of expressions.
-module(catch_old_style).
-export([main/0]).

id(X) -> X.

%% An error's catch value carries a stack trace; keep only the reason so launcher frames do not show.
shape({'EXIT', {Reason, Stack}}) when is_list(Stack) -> {'EXIT', Reason};
shape(Other) -> Other.

main() ->
    io:format("~p~n", [catch throw(ball)]),
    io:format("~p~n", [catch exit(bye)]),
    io:format("~p~n", [catch exit({shutdown, 1})]),
    io:format("~p~n", [shape(catch error(oops))]),
    io:format("~p~n", [shape(catch 1 / id(0))]),
    io:format("~p~n", [shape(catch (id(a) + 1))]),
    io:format("~p~n", [catch 42]),
    X = (catch throw(7)) + 1,
    io:format("~p~n", [X]),
    io:format("~p~n", [[catch throw(I) || I <- [1, 2, 3]]]),
    io:format("~p~n", [catch {ok, catch throw(inner)}]).
