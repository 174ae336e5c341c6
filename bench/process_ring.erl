%% Benchmark: a ring of 1,000 processes passing one token around 1,000 times (a million
%% messages, each a receive that suspends). Prints a checksum, then `elapsed_us=N` as the
%% last line.
-module(process_ring).
-export([main/0]).

node_loop(Next) ->
    receive
        {token, 0, Acc} -> Next ! {token, 0, Acc}, ok;
        {token, N, Acc} -> Next ! {token, N - 1, Acc + N}, node_loop(Next)
    end.

build(1, Last) -> Last;
build(K, Next) -> build(K - 1, spawn(fun() -> node_loop(Next) end)).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    Procs = 1000, Laps = 1000,
    Self = self(),
    First = build(Procs, Self),
    First ! {token, Procs * Laps - 1, 0},
    Sum = ring(First, 0),
    T1 = erlang:monotonic_time(microsecond),
    io:format("ring sum=~p~n", [Sum]),
    io:format("elapsed_us=~p~n", [T1 - T0]).

%% The main process is the ring's last member.
ring(First, Hops) ->
    receive
        {token, 0, Acc} -> First ! {token, 0, Acc}, drain(), Acc + Hops;
        {token, N, Acc} -> First ! {token, N - 1, Acc + N}, ring(First, Hops + 1)
    end.

drain() -> receive {token, 0, _} -> ok after 1000 -> ok end.
