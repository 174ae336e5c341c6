%% Record patterns in function heads, is_record guards, nested records, and badrecord errors.
-module(records_match_guards).
-export([main/0]).

-record(point, {x = 0, y = 0}).
-record(line, {from = #point{}, to = #point{}}).

len(#line{from = #point{x = X1, y = Y1}, to = #point{x = X2, y = Y2}}) ->
    abs(X2 - X1) + abs(Y2 - Y1).

kind(R) when is_record(R, point) -> point;
kind(R) when is_record(R, line, 3) -> line;
kind(_) -> other.

quadrant(#point{x = X, y = Y}) when X >= 0, Y >= 0 -> 1;
quadrant(#point{x = X}) when X < 0 -> left;
quadrant(#point{}) -> bottom_right.

id(X) -> X.

main() ->
    L = #line{to = #point{x = 3, y = -4}},
    io:format("~p~n", [L]),
    io:format("~p~n", [len(L)]),
    io:format("~p~n", [[kind(T) || T <- [#point{}, L, {point}, {line, 1, 2}]]]),
    io:format("~p~n", [[quadrant(P) || P <- [#point{x = 1, y = 1}, #point{x = -1}, #point{x = 2, y = -2}]]]),
    NewL = L#line{from = (L#line.to)#point{x = 0}},
    io:format("~p~n", [NewL]),
    R = try (id({not_a_point, 1}))#point.x catch error:E -> E end,
    io:format("~p~n", [R]),
    Pts = [#point{x = I, y = I * I} || I <- lists:seq(1, 4)],
    io:format("~p~n", [[Y || #point{y = Y} <- Pts, Y > 3]]),
    io:format("~p~n", [lists:keyfind(3, #point.x, Pts)]).
