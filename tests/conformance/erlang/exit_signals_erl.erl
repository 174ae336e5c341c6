%% Exit signals: exit/2 with normal, kill and other reasons, with and without trapping;
%% kill cannot be trapped and reaches links as killed; exit propagates along links;
%% unlink; exit(self(), normal); linking to a dead process.
-module(exit_signals_erl).
-export([main/0]).

waiter() -> receive stop -> ok end.

outcome(Pid) ->
    Ref = erlang:monitor(process, Pid),
    receive {'DOWN', Ref, process, Pid, R} -> R after 200 -> still_alive end.

main() ->
    %% Not trapping.
    P1 = spawn(fun waiter/0),
    exit(P1, normal),
    io:format("normal: ~p~n", [outcome(P1)]),
    exit(P1, kill),
    io:format("kill: ~p~n", [outcome(P1)]),
    P2 = spawn(fun waiter/0),
    exit(P2, custom),
    io:format("custom: ~p~n", [outcome(P2)]),
    %% Trapping.
    Self = self(),
    P3 = spawn(fun() ->
                   process_flag(trap_exit, true),
                   Self ! ready,
                   Loop = fun L(N) ->
                              receive
                                  {'EXIT', _, R} -> Self ! {trapped, R}, if N > 1 -> L(N - 1); true -> ok end
                              end
                          end,
                   Loop(3)
               end),
    receive ready -> ok end,
    exit(P3, normal), exit(P3, custom), exit(P3, {tuple, reason}),
    [receive {trapped, R} -> io:format("trapped: ~p~n", [R]) end || _ <- [1, 2, 3]],
    io:format("trapper ends: ~p~n", [outcome(P3)]),
    P4 = spawn(fun() -> process_flag(trap_exit, true), Self ! ready, waiter() end),
    receive ready -> ok end,
    exit(P4, kill),
    io:format("kill while trapping: ~p~n", [outcome(P4)]),
    %% Propagation along a chain of links.
    process_flag(trap_exit, true),
    Chain = spawn_link(fun() ->
                           spawn_link(fun() ->
                                          spawn_link(fun() -> receive go -> exit(deep_failure) end end) ! go,
                                          waiter()
                                      end),
                           waiter()
                       end),
    receive {'EXIT', Chain, CR} -> io:format("chain: ~p~n", [CR]) end,
    %% A killed linked process: its links see killed.
    P5 = spawn_link(fun waiter/0),
    exit(P5, kill),
    receive {'EXIT', P5, R5} -> io:format("linked kill: ~p~n", [R5]) end,
    %% Unlink: no signal.
    P6 = spawn_link(fun() -> receive go -> exit(unlinked_reason) end end),
    unlink(P6),
    P6 ! go,
    receive {'EXIT', P6, _} -> io:format("unexpected~n") after 50 -> io:format("unlinked: no exit~n") end,
    %% link/1 to a dead process while trapping.
    link(P6),
    receive {'EXIT', P6, R6} -> io:format("link to dead: ~p~n", [R6]) end,
    %% exit(self(), normal) ends the caller when it does not trap.
    P7 = spawn(fun() -> exit(self(), normal), timer:sleep(100), Self ! survived end),
    io:format("self normal: ~p~n", [outcome(P7)]),
    receive survived -> io:format("survived~n") after 0 -> ok end,
    %% A process ending normally does not take its links down.
    P8 = spawn(fun() -> process_flag(trap_exit, false), link(Self), waiter() end),
    timer:sleep(5),
    P8 ! stop,
    receive {'EXIT', P8, R8} -> io:format("normal link exit: ~p~n", [R8]) end,
    io:format("~p~n", [err(fun() -> exit(not_a_pid, x) end)]),
    io:format("~p~n", [err(fun() -> link(not_a_pid) end)]).

err(F) -> try F() catch C:R -> {C, R} end.
