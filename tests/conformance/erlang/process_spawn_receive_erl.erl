%% spawn/send/receive: a counter server, selective receive, and message ordering between two processes.
-module(process_spawn_receive_erl).
-export([main/0]).

counter(N) ->
    receive
        {inc, By} -> counter(N + By);
        {get, From} -> From ! {count, N}, counter(N);
        stop -> ok
    end.

main() ->
    Pid = spawn(fun() -> counter(0) end),
    [Pid ! {inc, I} || I <- lists:seq(1, 10)],
    Pid ! {get, self()},
    receive {count, C} -> io:format("count ~p~n", [C]) end,
    self() ! b, self() ! a, self() ! c,
    receive a -> io:format("got a first~n") end,
    Rest = [receive M -> M end, receive M2 -> M2 end],
    io:format("~p~n", [Rest]),
    Pid ! stop,
    Parent = self(),
    Kids = [spawn(fun() -> Parent ! {done, I, I * I} end) || I <- lists:seq(1, 5)],
    Results = [receive {done, I, Sq} -> Sq end || I <- lists:seq(1, 5)],
    io:format("~p ~p~n", [length(Kids), Results]).
