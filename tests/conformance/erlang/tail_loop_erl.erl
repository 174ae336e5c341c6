%% A 40-million-iteration tail-recursive loop with two accumulators.
-module(tail_loop_erl).
-export([main/0]).

loop(0, A, B) -> {A, B};
loop(N, A, B) -> loop(N - 1, (A + N) band 16#FFFFFFF, B bxor (N * 7)).

main() ->
    io:format("~p~n", [loop(40000000, 0, 1)]).
