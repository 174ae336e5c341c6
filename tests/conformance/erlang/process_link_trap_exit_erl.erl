%% Links and trap_exit: {'EXIT', Pid, Reason} messages for normal and abnormal exits, and exit/2.
-module(process_link_trap_exit_erl).
-export([main/0]).

main() ->
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(boom) end),
    receive {'EXIT', P1, R1} -> io:format("~p~n", [R1]) end,
    P2 = spawn_link(fun() -> ok end),
    receive {'EXIT', P2, R2} -> io:format("~p~n", [R2]) end,
    P3 = spawn_link(fun() -> receive never -> ok end end),
    exit(P3, kill),
    receive {'EXIT', P3, R3} -> io:format("~p~n", [R3]) end,
    P4 = spawn_link(fun() -> receive never -> ok end end),
    exit(P4, shutdown),
    receive {'EXIT', P4, R4} -> io:format("~p~n", [R4]) end,
    io:format("~p~n", [is_process_alive(P4)]).
