%% A port's life: port_close/1 closes it (true; then badarg, and port_info/1 says
%% undefined) and a trapping owner gets {'EXIT', Port, normal}; {Pid, close} answers
%% {Port, closed}; the exit of the connected process closes its port; monitor(port, P)
%% gives a 'DOWN'; the end of the child's output closes the port ({'EXIT', Port, normal}),
%% or with eof sends {Port, eof} and keeps it open; port_connect/2 hands it over; unlink
%% stops the exit signal.
-module(port_close_owner_exit).
-export([main/0]).

flush() -> receive M -> [M | flush()] after 200 -> [] end.

caught(F) -> try F() catch C:R -> {C, R} end.

main() ->
    process_flag(trap_exit, true),
    P = open_port({spawn, "cat"}, []),
    io:format("info keys ~p~n", [[K || {K, _} <- erlang:port_info(P)]]),
    io:format("connected ~p, links ~p~n",
              [erlang:port_info(P, connected) =:= {connected, self()}, erlang:port_info(P, links) =:= {links, [self()]}]),
    io:format("close ~p~n", [port_close(P)]),
    io:format("again ~p~n", [caught(fun() -> port_close(P) end)]),
    io:format("command ~p~n", [caught(fun() -> port_command(P, "x") end)]),
    io:format("info ~p~n", [erlang:port_info(P)]),
    io:format("~p~n", [[M =:= {'EXIT', P, normal} || M <- flush()]]),
    P2 = open_port({spawn, "cat"}, []),
    P2 ! {self(), close},
    io:format("~p~n", [[case M of {P2, closed} -> closed; {'EXIT', P2, R} -> {exit, R} end || M <- flush()]]),
    Self = self(),
    Owner = spawn(fun() -> Self ! {port, open_port({spawn, "cat"}, [])}, receive stop -> ok end end),
    P3 = receive {port, Q} -> Q end,
    Ref = monitor(port, P3),
    io:format("alive ~p~n", [is_list(erlang:port_info(P3))]),
    Owner ! stop,
    io:format("~p~n", [receive {'DOWN', Ref, port, P3, R3} -> {down, R3} after 5000 -> timeout end]),
    io:format("after owner exit ~p~n", [erlang:port_info(P3)]),
    io:format("monitor closed ~p~n", [receive {'DOWN', _, port, P3, R4} -> R4 after 5000 -> timeout end
                                      || _ <- [monitor(port, P3)]]),
    P4 = open_port({spawn, "echo done"}, []),
    io:format("~p~n", [[case M of {P4, {data, D}} -> D; {'EXIT', P4, R} -> {exit, R} end || M <- flush()]]),
    P5 = open_port({spawn, "echo done"}, [eof]),
    io:format("~p~n", [[case M of {P5, {data, D}} -> D; {P5, eof} -> eof; {'EXIT', P5, R} -> {exit, R} end || M <- flush()]]),
    io:format("still open ~p~n", [is_list(erlang:port_info(P5))]),
    port_close(P5),
    _ = flush(),
    P6 = open_port({spawn, "cat"}, []),
    Other = spawn(fun() -> receive {P6, {data, D}} -> Self ! {other_got, D} end end),
    Mon = monitor(port, P6),
    true = port_connect(P6, Other),
    true = unlink(P6),
    port_command(P6, "handed over"),
    io:format("~p~n", [receive {other_got, D} -> D after 5000 -> timeout end]),
    %% Other exits after its message, which closes the port it is connected to.
    io:format("closed with its new owner ~p~n", [receive {'DOWN', Mon, port, P6, R6} -> R6 after 5000 -> timeout end]),
    ok.
