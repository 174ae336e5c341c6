%% Benchmark: recursion — naive fib(29), building and folding binary trees of depth 19, and
%% Ackermann(3, 8). Prints a checksum, then `elapsed_us=N` as the last line.
-module(recursion_fib_tree).
-export([main/0]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

tree(0, V) -> {leaf, V};
tree(D, V) -> {node, tree(D - 1, 2 * V), tree(D - 1, 2 * V + 1)}.

check({leaf, V}) -> V band 255;
check({node, L, R}) -> 1 + check(L) + check(R).

depth({leaf, _}) -> 0;
depth({node, L, R}) -> 1 + max(depth(L), depth(R)).

ack(0, N) -> N + 1;
ack(M, 0) -> ack(M - 1, 1);
ack(M, N) -> ack(M - 1, ack(M, N - 1)).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    F = fib(29),
    Trees = [begin T = tree(19, I), {check(T), depth(T)} end || I <- lists:seq(1, 3)],
    A = ack(3, 8),
    T1 = erlang:monotonic_time(microsecond),
    io:format("fib=~p trees=~p ack=~p~n", [F, Trees, A]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
