%% The stack trace of an error raised right after a process waited in receive, deep in a
%% body recursion: the frames below the waiting function are still part of the trace.
%% known: frames saved on the heap by a suspension are not in stack traces (LIMITATIONS.md, Stack traces)
-module(stacktrace_after_suspension).
-export([main/0]).

deep(0) ->
    receive after 1 -> ok end,
    error(boom);
deep(N) ->
    [deep(N - 1)].

own(Stack) ->
    [{F, A, proplists:get_value(line, Loc)} || {M, F, A, Loc} <- Stack, M =:= ?MODULE].

main() ->
    try deep(10)
    catch error:boom:Stack -> io:format("~p~n", [own(Stack)])
    end.
