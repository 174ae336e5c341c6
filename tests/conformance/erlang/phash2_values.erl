%% erlang:phash2/1,2 for integers, floats, atoms, binaries, lists, tuples and maps.
-module(phash2_values).
-export([main/0]).

main() ->
    Terms = [0, 1, -1, 1 bsl 32, 1 bsl 80, 1.0, -2.5, a, ok, 'Long Atom Name', <<>>, <<"hello">>,
             <<1:7>>, [], [1], "hello", {}, {1, 2, 3}, #{}, #{a => 1, b => 2},
             maps:from_list([{I, I} || I <- lists:seq(1, 40)]), [{x, y} | z]],
    [io:format("~w ~w ~w~n", [erlang:phash2(T), erlang:phash2(T, 100), erlang:phash2(T, 1 bsl 32)]) || T <- Terms].
