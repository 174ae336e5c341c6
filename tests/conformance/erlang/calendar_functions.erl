%% calendar module arithmetic on fixed dates: day numbers, weekdays, leap years, seconds conversion.
-module(calendar_functions).
-export([main/0]).

main() ->
    io:format("~p~n", [calendar:date_to_gregorian_days({2024, 2, 29})]),
    io:format("~p~n", [calendar:gregorian_days_to_date(739000)]),
    io:format("~p~n", [calendar:day_of_the_week({2000, 1, 1})]),
    io:format("~p~n", [[Y || Y <- [1900, 2000, 2023, 2024, 2100], calendar:is_leap_year(Y)]]),
    io:format("~p~n", [calendar:last_day_of_the_month(2023, 2)]),
    io:format("~p~n", [calendar:gregorian_seconds_to_datetime(63000000000)]),
    io:format("~p~n", [calendar:datetime_to_gregorian_seconds({{1970, 1, 1}, {0, 0, 0}})]),
    io:format("~p~n", [calendar:seconds_to_daystime(100000)]),
    io:format("~p~n", [calendar:time_difference({{2024, 1, 1}, {0, 0, 0}}, {{2024, 3, 1}, {12, 30, 0}})]),
    io:format("~p~n", [calendar:valid_date(2023, 2, 29)]),
    io:format("~p~n", [calendar:iso_week_number({2021, 1, 3})]),
    io:format("~p~n", [calendar:system_time_to_rfc3339(0, [{offset, "Z"}])]).
