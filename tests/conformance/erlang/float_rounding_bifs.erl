%% round/trunc/ceil/floor BIFs and math:floor/ceil on halves, negatives and huge values.
-module(float_rounding_bifs).
-export([main/0]).

main() ->
    Fs = [0.5, 1.5, 2.5, -0.5, -1.5, 2.4999999, -2.5000001, 1.0e16 + 0.5, 123.0, -0.0],
    [io:format("~p: ~w ~w ~w ~w ~p ~p~n",
               [F, round(F), trunc(F), ceil(F), floor(F), math:floor(F), math:ceil(F)]) || F <- Fs],
    io:format("~w~n", [round(1.0e30)]),
    io:format("~w ~w~n", [float(7), 7 / 7]).
