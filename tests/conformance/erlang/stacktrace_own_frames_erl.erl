%% Stack traces of caught errors: the frames inside this module, with function, arity and line.
-module(stacktrace_own_frames_erl).
-export([main/0]).

inner(X) -> X + 1.
middle(X) -> [inner(X)].
outer(X) -> middle(X) ++ [done].

%% Only this module's frames: those below main/0 belong to the oracle's launcher.
own(Stack) ->
    [{F, A, proplists:get_value(line, Loc)} || {M, F, A, Loc} <- Stack, M =:= ?MODULE].

main() ->
    try outer(not_a_number)
    catch error:Reason:Stack ->
        io:format("~p~n", [Reason]),
        io:format("~p~n", [own(Stack)])
    end,
    try lists:map(fun(X) -> 10 div X end, [1, 0])
    catch error:R2:S2 ->
        io:format("~p~n", [R2]),
        io:format("~p~n", [own(S2)])
    end,
    try throw(thrown)
    catch throw:T:S3 ->
        io:format("~p ~p~n", [T, own(S3)])
    end.
