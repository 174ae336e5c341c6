%% Per-process reduction budgets: a process spinning in an endless loop does not stop
%% the others from running, receiving timeouts or exchanging messages.
-module(preemption_busy_loop_erl).
-export([main/0]).

spin(N) -> spin(N + 1).

ping_pong(0, _) -> done;
ping_pong(N, Peer) ->
    Peer ! {ping, self()},
    receive pong -> ping_pong(N - 1, Peer) end.

ponger() -> receive {ping, From} -> From ! pong, ponger(); stop -> ok end.

main() ->
    Spinners = [spawn(fun() -> spin(0) end) || _ <- [1, 2]],
    Self = self(),
    Ticker = spawn(fun() -> [begin timer:sleep(5), Self ! {tick, I} end || I <- lists:seq(1, 5)] end),
    Ticks = [receive {tick, I} -> I end || _ <- lists:seq(1, 5)],
    io:format("ticks while spinning: ~p~n", [Ticks]),
    Pong = spawn(fun ponger/0),
    io:format("~p~n", [ping_pong(1000, Pong)]),
    io:format("~p~n", [receive never -> never after 20 -> timeout_fired end]),
    {status, St} = process_info(hd(Spinners), status),
    io:format("spinner status: ~p~n", [lists:member(St, [runnable, running])]),
    [exit(S, kill) || S <- Spinners],
    timer:sleep(5),
    io:format("spinners alive: ~p~n", [[is_process_alive(S) || S <- Spinners]]),
    Pong ! stop,
    io:format("ticker alive: ~p~n", [is_process_alive(Ticker)]),
    {reductions, R} = process_info(self(), reductions),
    io:format("reductions counted: ~p~n", [R > 0]).
