%% Body recursion one million frames deep: sum, length and list building without tail calls.
-module(deep_body_recursion_erl).
-export([main/0]).

sum(0) -> 0;
sum(N) -> N + sum(N - 1).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

build(0) -> [];
build(N) -> [N | build(N - 1)].

double([]) -> [];
double([H | T]) -> [H * 2 | double(T)].

main() ->
    io:format("~p~n", [sum(1000000)]),
    L = build(1000000),
    io:format("~p~n", [len(L)]),
    D = double(L),
    io:format("~p ~p~n", [hd(D), lists:last(D)]).
