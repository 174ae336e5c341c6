%% erlang:send_after, start_timer, cancel_timer, read_timer (with options), timers to a
%% registered name, firing order, and timer:sleep.
-module(timers_bif_erl).
-export([main/0]).

main() ->
    Self = self(),
    T0 = erlang:monotonic_time(millisecond),
    erlang:send_after(40, Self, third),
    erlang:send_after(10, Self, first),
    erlang:send_after(25, Self, second),
    Got = [receive M -> M end || _ <- [1, 2, 3]],
    io:format("~p~n", [Got]),
    io:format("waited: ~p~n", [erlang:monotonic_time(millisecond) - T0 >= 40]),
    Ref = erlang:start_timer(15, Self, tick),
    receive {timeout, Ref, tick} -> io:format("start_timer fired~n") end,
    R2 = erlang:send_after(5000, Self, never),
    Left = erlang:read_timer(R2),
    io:format("read: ~p~n", [is_integer(Left) andalso Left > 4000 andalso Left =< 5000]),
    Left2 = erlang:cancel_timer(R2),
    io:format("cancel: ~p~n", [is_integer(Left2) andalso Left2 =< 5000]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(R2)]),
    io:format("read cancelled: ~p~n", [erlang:read_timer(R2)]),
    R3 = erlang:start_timer(5000, Self, never),
    io:format("async: ~p~n", [erlang:cancel_timer(R3, [{async, true}, {info, true}])]),
    receive {cancel_timer, R3, L3} -> io:format("async result: ~p~n", [is_integer(L3)]) end,
    R4 = erlang:send_after(5000, Self, never),
    io:format("no info: ~p~n", [erlang:cancel_timer(R4, [{info, false}])]),
    R5 = erlang:send_after(5, Self, fired),
    receive fired -> ok end,
    io:format("after firing: ~p ~p~n", [erlang:read_timer(R5), erlang:cancel_timer(R5)]),
    register(timer_target, Self),
    erlang:send_after(5, timer_target, by_name),
    receive by_name -> io:format("to a name~n") end,
    erlang:send_after(0, Self, zero),
    receive zero -> io:format("zero delay~n") end,
    Abs = erlang:monotonic_time(millisecond) + 10,
    erlang:send_after(Abs, Self, absolute, [{abs, true}]),
    receive absolute -> io:format("absolute~n") end,
    %% A timer to a process that has died fires into nothing.
    Dead = spawn(fun() -> ok end),
    erlang:send_after(5, Dead, lost),
    timer:sleep(20),
    io:format("~p~n", [err(fun() -> erlang:send_after(-1, Self, x) end)]),
    io:format("~p~n", [err(fun() -> erlang:send_after(10, "not a pid", x) end)]),
    io:format("~p~n", [err(fun() -> erlang:cancel_timer(not_a_ref) end)]),
    io:format("~p~n", [err(fun() -> erlang:start_timer(10, Self, x, [{bad, option}]) end)]),
    T1 = erlang:monotonic_time(millisecond),
    timer:sleep(30),
    io:format("slept: ~p~n", [erlang:monotonic_time(millisecond) - T1 >= 30]),
    io:format("mailbox: ~p~n", [process_info(Self, messages)]).

err(F) -> try F() catch C:R -> {C, R} end.
