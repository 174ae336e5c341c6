%% Calendar time: erlang:universaltime/localtime and their conversions, and the calendar
%% module on top of them, checked against each other and against fixed dates (the
%% suite's machines keep UTC), with the errors of invalid dates.
-module(calendar_time_erl).
-export([main/0]).

err(F) -> try F() catch C:R -> {C, R} end.

main() ->
    S = os:system_time(second),
    U = erlang:universaltime(),
    io:format("now agrees: ~p~n", [abs(calendar:datetime_to_gregorian_seconds(U) - 62167219200 - S) =< 1]),
    io:format("local: ~p~n", [erlang:localtime() =:= erlang:universaltime_to_localtime(erlang:universaltime())]),
    io:format("date/time: ~p~n", [{erlang:date(), erlang:time()} =:= erlang:localtime() orelse retry]),
    Dates = [{{1970,1,1},{0,0,0}}, {{2000,2,29},{12,30,45}}, {{1969,12,31},{23,59,59}},
             {{2024,12,31},{23,59,59}}, {{1902,3,1},{0,0,0}}, {{2100,2,28},{1,2,3}}],
    io:format("~p~n", [[erlang:universaltime_to_localtime(D) || D <- Dates]]),
    io:format("~p~n", [[erlang:localtime_to_universaltime(D) || D <- Dates]]),
    io:format("~p~n", [[calendar:system_time_to_universal_time(T, second) || T <- [0, 951827445, -1, 4102444800]]]),
    io:format("~p~n", [calendar:system_time_to_local_time(86400 * 365, second)]),
    io:format("~p~n", [[err(fun() -> erlang:universaltime_to_localtime(D) end)
                        || D <- [{{2023,2,29},{0,0,0}}, {{2023,13,1},{0,0,0}}, {{2023,1,1},{24,0,0}},
                                 {{2023,1,1},{0,60,0}}, foo, {{2023,1,1}}, {{2023,1,1},{0,0,0.0}}, {{1901,12,31},{0,0,0}}]]]),
    io:format("~p~n", [err(fun() -> erlang:localtime_to_universaltime({{2023,1,1},{0,0,0}}, maybe) end)]),
    io:format("~p~n", [erlang:localtime_to_universaltime({{2023,6,1},{0,0,0}}, true)]).
