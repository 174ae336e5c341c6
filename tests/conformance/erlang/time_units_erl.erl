%% Monotonic and system time from the host, with units: the values agree with each
%% other and with convert_time_unit, and time moves forward across a sleep.
-module(time_units_erl).
-export([main/0]).

main() ->
    N1 = erlang:monotonic_time(),
    Ms1 = erlang:monotonic_time(millisecond),
    timer:sleep(25),
    N2 = erlang:monotonic_time(),
    Ms2 = erlang:monotonic_time(millisecond),
    io:format("native per second: ~p~n", [erlang:convert_time_unit(1, second, native)]),
    io:format("forward: ~p ~p~n", [N2 - N1 >= 25000000, Ms2 - Ms1 >= 25]),
    io:format("units agree: ~p~n", [abs(erlang:convert_time_unit(N2, native, millisecond) - Ms2) =< 1]),
    S = erlang:system_time(second),
    Us = erlang:system_time(microsecond),
    OsS = os:system_time(second),
    OsMs = os:system_time(millisecond),
    io:format("plausible epoch: ~p~n", [S > 1600000000]),
    io:format("system units: ~p ~p~n", [abs(Us div 1000000 - S) =< 1, abs(OsMs div 1000 - OsS) =< 1]),
    io:format("os vs erlang: ~p~n", [abs(OsS - S) =< 1]),
    {Mega, Sec, Micro} = erlang:timestamp(),
    io:format("timestamp: ~p~n", [abs(Mega * 1000000 + Sec - S) =< 1 andalso Micro < 1000000]),
    {Mega2, Sec2, _} = os:timestamp(),
    io:format("os timestamp: ~p~n", [abs(Mega2 * 1000000 + Sec2 - S) =< 1]),
    Off = erlang:time_offset(),
    io:format("offset: ~p~n", [abs(erlang:monotonic_time() + Off - erlang:system_time()) < 1000000000]),
    io:format("deprecated units: ~p~n", [abs(erlang:monotonic_time(milli_seconds) - erlang:monotonic_time(millisecond)) =< 1]),
    io:format("parts per second: ~p~n", [abs(erlang:monotonic_time(1000) - erlang:monotonic_time(millisecond)) =< 1]),
    io:format("~p~n", [err(fun() -> erlang:monotonic_time(fortnight) end)]),
    io:format("~p~n", [err(fun() -> os:system_time(0) end)]),
    io:format("~p~n", [erlang:convert_time_unit(-1, nanosecond, millisecond)]),
    io:format("~p~n", [erlang:convert_time_unit(1500, millisecond, second)]).

err(F) -> try F() catch C:R -> {C, R} end.
