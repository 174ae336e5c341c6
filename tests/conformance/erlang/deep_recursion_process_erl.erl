%% Body recursion a million frames deep, in the first process and in spawned ones,
%% including several at once.
-module(deep_recursion_process_erl).
-export([main/0]).

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

build(0) -> [];
build(N) -> [N | build(N - 1)].

main() ->
    io:format("~p~n", [depth(1000000)]),
    Self = self(),
    spawn(fun() -> Self ! {one, depth(1000000)} end),
    receive {one, D} -> io:format("spawned: ~p~n", [D]) end,
    [spawn(fun() -> Self ! {many, I, length(build(300000 + I))} end) || I <- [1, 2, 3]],
    Rs = lists:sort([receive {many, I, L} -> {I, L} end || _ <- [1, 2, 3]]),
    io:format("~p~n", [Rs]),
    {_, Ref} = spawn_monitor(fun() -> depth(2000000) end),
    receive {'DOWN', Ref, process, _, Why} -> io:format("exit: ~p~n", [Why]) end.
