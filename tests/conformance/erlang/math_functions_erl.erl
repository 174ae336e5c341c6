%% The math module: trigonometry, logarithms, powers, pi, fmod and rounding, printed with ~p.
-module(math_functions_erl).
-export([main/0]).

main() ->
    Fs = [fun math:sin/1, fun math:cos/1, fun math:tan/1, fun math:atan/1, fun math:exp/1, fun math:sqrt/1,
          fun math:log/1, fun math:log2/1, fun math:log10/1, fun math:sinh/1, fun math:tanh/1],
    [io:format("~p~n", [[F(X) || X <- [0.5, 1.0, 2.0, 10.0]]]) || F <- Fs],
    io:format("~p ~p~n", [math:pi(), 2 * math:pi()]),
    io:format("~p~n", [[math:pow(2, 10), math:pow(2.5, -2), math:pow(10, 0.5)]]),
    io:format("~p~n", [[math:atan2(1, -1), math:asin(1.0), math:acos(0.0)]]),
    io:format("~p~n", [[math:fmod(10.5, 3), math:fmod(-7.0, 2), math:floor(-1.5), math:ceil(1.2)]]),
    io:format("~p~n", [math:sqrt(1 bsl 60)]).
