%% Receive markers (recv_marker_reserve/bind/use, OTP 24+): a receive for a reply that
%% carries a fresh reference starts after the messages queued before the reference
%% existed. Which message matches must not change: messages already queued stay, in
%% order; a marker whose message was received in between still finds the reply;
%% demonitor(Ref, [flush]) removes a 'DOWN' that already arrived, and only that.
-module(receive_markers_erl).
-export([main/0]).

echo() ->
    receive
        {call, From, Ref, X} -> From ! {Ref, X * 2}, echo();
        stop -> ok
    end.

call(Pid, X) ->
    Ref = make_ref(),
    Pid ! {call, self(), Ref, X},
    receive {Ref, R} -> R end.

%% The marker's message (the last one queued when the reference was made) is
%% received before the reply is waited for.
call_taking_last(Pid, X) ->
    Ref = make_ref(),
    Pid ! {call, self(), Ref, X},
    Last = receive {junk, 3} = M -> M end,
    R = receive {Ref, Y} -> Y end,
    {Last, R}.

call_monitor(Pid, X) ->
    Mref = erlang:monitor(process, Pid),
    Pid ! {call, self(), Mref, X},
    receive
        {Mref, R} -> erlang:demonitor(Mref, [flush]), R;
        {'DOWN', Mref, _, _, Reason} -> {down, Reason}
    end.

queue() -> element(2, process_info(self(), messages)).

main() ->
    Pid = spawn(fun echo/0),
    [self() ! {junk, I} || I <- lists:seq(1, 3)],
    Sum = lists:sum([call(Pid, I) || I <- lists:seq(1, 1000)]),
    io:format("sum ~p, queue ~p~n", [Sum, queue()]),
    io:format("~p~n", [call_taking_last(Pid, 21)]),
    io:format("queue ~p~n", [queue()]),
    io:format("~p~n", [[call_monitor(Pid, I) || I <- [1, 2, 3]]]),
    %% A monitor that fired: its 'DOWN' is queued, between two other messages.
    Dead = spawn(fun() -> ok end),
    M = erlang:monitor(process, Dead),
    receive after 20 -> ok end,
    self() ! after_down,
    io:format("before flush ~p~n", [[if is_tuple(X) -> element(1, X); true -> X end || X <- queue()]]),
    io:format("flush ~p~n", [erlang:demonitor(M, [flush, info])]),
    io:format("after flush ~p~n", [queue()]),
    %% Monitoring a process that is gone: 'DOWN' with noproc, found by the marker path.
    Pid ! stop,
    receive after 20 -> ok end,
    io:format("~p~n", [call_monitor(Pid, 5)]),
    io:format("left ~p~n", [queue()]).
