%% The stack trace of an error raised right after a process waited in receive, deep in a
%% body recursion: the frames below the waiting function are still part of the trace,
%% the recursive call site counted once, as on the VM.
-module(stacktrace_after_suspension).
-export([main/0]).

deep(0) ->
    receive after 1 -> ok end,
    check(get(fail));
deep(N) ->
    1 + deep(N - 1).

check(true) -> error(boom);
check(_) -> 0.

own(Stack) ->
    [{F, A, proplists:get_value(line, Loc)} || {M, F, A, Loc} <- Stack, M =:= ?MODULE].

run(N) ->
    try deep(N)
    catch error:boom:Stack -> own(Stack)
    end.

main() ->
    io:format("~p~n", [run(10)]),
    put(fail, true),
    io:format("~p~n", [run(10)]),
    io:format("~p~n", [run(10000)]),
    io:format("~p~n", [run(200000)]).
