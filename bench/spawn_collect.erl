%% Benchmark: spawn 100,000 processes, each computes a little and replies; the parent
%% collects every reply. Prints a checksum, then `elapsed_us=N` as the last line.
-module(spawn_collect).
-export([main/0]).

work(Parent, I) -> Parent ! {done, I, (I * I) rem 1000}.

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {done, _, V} -> collect(N - 1, Acc + V) end.

main() ->
    T0 = erlang:monotonic_time(microsecond),
    Self = self(),
    N = 100000,
    spawn_all(N, Self),
    Sum = collect(N, 0),
    T1 = erlang:monotonic_time(microsecond),
    io:format("spawned=~p sum=~p~n", [N, Sum]),
    io:format("elapsed_us=~p~n", [T1 - T0]).

spawn_all(0, _) -> ok;
spawn_all(I, Self) -> spawn(fun() -> work(Self, I) end), spawn_all(I - 1, Self).
