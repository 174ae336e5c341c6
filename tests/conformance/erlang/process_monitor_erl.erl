%% erlang:monitor and 'DOWN' messages with normal, exit and error reasons; demonitor.
-module(process_monitor_erl).
-export([main/0]).

down_reason(F) ->
    {Pid, Ref} = spawn_monitor(F),
    receive {'DOWN', Ref, process, Pid, Reason} -> Reason end.

main() ->
    io:format("~p~n", [down_reason(fun() -> ok end)]),
    io:format("~p~n", [down_reason(fun() -> exit(custom) end)]),
    %% Only exits: a process that dies by error or throw makes the logger print a timestamped report.
    io:format("~p~n", [down_reason(fun() -> exit({badarith, [no_stack]}) end)]),
    Pid = spawn(fun() -> receive go -> ok end end),
    Ref = erlang:monitor(process, Pid),
    true = erlang:demonitor(Ref, [flush]),
    Pid ! go,
    receive {'DOWN', _, _, _, _} -> io:format("unexpected~n") after 50 -> io:format("no DOWN after demonitor~n") end,
    Dead = spawn(fun() -> ok end),
    timer:sleep(10),
    Ref2 = erlang:monitor(process, Dead),
    receive {'DOWN', Ref2, process, Dead, Why} -> io:format("~p~n", [Why]) end.
