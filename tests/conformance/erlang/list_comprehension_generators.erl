%% List comprehensions with several generators, filters, pattern generators and binary generators.
-module(list_comprehension_generators).
-export([main/0]).

main() ->
    io:format("~w~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b], X =/= 2]]),
    io:format("~w~n", [[X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, 3}]]]),
    io:format("~w~n", [[X * Y || X <- lists:seq(1, 4), Y <- lists:seq(X, 4), (X + Y) rem 2 =:= 0]]),
    io:format("~w~n", [[C || <<C>> <= <<"hello">>, C =/= $l]]),
    io:format("~w~n", [[{A, B, C} || A <- lists:seq(1, 20), B <- lists:seq(A, 20), C <- lists:seq(B, 20), A * A + B * B =:= C * C]]),
    io:format("~w~n", [[X || X <- [1, 2, 3], true]]),
    Pythag = length([ok || X <- lists:seq(1, 30), Y <- lists:seq(1, 30), X < Y]),
    io:format("~w~n", [Pythag]).
