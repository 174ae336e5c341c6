%% Monitors: DOWN with the exit reason, noproc for a dead process or an unregistered
%% name, monitors by registered name, demonitor with flush and info, several monitors.
-module(monitor_reasons_erl).
-export([main/0]).

main() ->
    Self = self(),
    {P1, M1} = spawn_monitor(fun() -> receive go -> exit({custom, 1}) end end),
    P1 ! go,
    receive {'DOWN', M1, process, P1, R1} -> io:format("~p~n", [R1]) end,
    {P2, M2} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M2, process, P2, R2} -> io:format("~p~n", [R2]) end,
    M3 = erlang:monitor(process, P2),
    receive {'DOWN', M3, process, P2, R3} -> io:format("dead pid: ~p~n", [R3]) end,
    M4 = erlang:monitor(process, no_such_name),
    receive {'DOWN', M4, process, Item4, R4} -> io:format("name: ~p ~p~n", [Item4, R4]) end,
    P5 = spawn(fun() -> receive go -> exit(by_name) end end),
    register(watched, P5),
    M5 = erlang:monitor(process, watched),
    P5 ! go,
    receive {'DOWN', M5, process, Item5, R5} -> io:format("registered: ~p ~p~n", [Item5, R5]) end,
    P6 = spawn(fun() -> receive go -> ok end end),
    M6a = erlang:monitor(process, P6),
    M6b = erlang:monitor(process, P6),
    io:format("distinct: ~p~n", [M6a =/= M6b]),
    io:format("demonitor info: ~p~n", [erlang:demonitor(M6a, [info])]),
    io:format("demonitor again: ~p~n", [erlang:demonitor(M6a, [info])]),
    P6 ! go,
    receive {'DOWN', M6b, process, P6, R6} -> io:format("second monitor: ~p~n", [R6]) end,
    receive {'DOWN', M6a, _, _, _} -> io:format("unexpected~n") after 30 -> io:format("first monitor gone~n") end,
    P7 = spawn(fun() -> receive go -> ok end end),
    M7 = erlang:monitor(process, P7),
    P7 ! go,
    timer:sleep(20),
    io:format("queued: ~p~n", [element(2, process_info(Self, message_queue_len))]),
    io:format("flush: ~p~n", [erlang:demonitor(M7, [flush])]),
    io:format("after flush: ~p~n", [element(2, process_info(Self, message_queue_len))]),
    {P8, M8} = spawn_monitor(fun() -> receive after infinity -> ok end end),
    exit(P8, kill),
    receive {'DOWN', M8, process, P8, R8} -> io:format("killed: ~p~n", [R8]) end,
    {P9, M9} = spawn_monitor(fun() -> throw(oops) end),
    receive {'DOWN', M9, process, P9, {R9, _}} -> io:format("throw: ~p~n", [R9]) end,
    {P10, M10} = spawn_monitor(fun() -> error(badarith_test) end),
    receive {'DOWN', M10, process, P10, {R10, Stack}} -> io:format("error: ~p ~p~n", [R10, is_list(Stack)]) end,
    io:format("~p~n", [err(fun() -> erlang:monitor(process, {a, b, c}) end)]),
    io:format("~p~n", [err(fun() -> erlang:monitor(port_or_what, self()) end)]).

err(F) -> try F() catch C:R -> {C, R} end.
