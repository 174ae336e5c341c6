%% Naive doubly recursive Fibonacci and Ackermann: many non-tail calls.
-module(fib_ackermann_erl).
-export([main/0]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

ack(0, N) -> N + 1;
ack(M, 0) -> ack(M - 1, 1);
ack(M, N) -> ack(M - 1, ack(M, N - 1)).

main() ->
    io:format("~p~n", [fib(27)]),
    io:format("~p~n", [ack(2, 100)]),
    io:format("~p~n", [ack(3, 7)]).
