%% Large selects whose cases mostly return a constant (as unicode_util's tables do): the
%% constant cases, cases that compute, shared targets, the default, and keys of other types.
-module(select_constant_returns).
-export([main/0]).

by_int(1) -> one;
by_int(2) -> {two, [2]};
by_int(3) -> <<"three">>;
by_int(5) -> 5.0;
by_int(8) -> [];
by_int(13) -> -13;
by_int(21) -> {x, y, z};
by_int(34) -> erlang:phash2(thirty_four);
by_int(55) -> "fifty-five";
by_int(89) -> 89 * 89;
by_int(144) -> #{k => 144};
by_int(-7) -> negative;
by_int(100000) -> 100000;
by_int(N) when is_integer(N) -> {other, N};
by_int(X) -> {not_an_integer, X}.

by_atom(red) -> 1;
by_atom(green) -> 2;
by_atom(blue) -> 3;
by_atom(cyan) -> {1, 2};
by_atom(magenta) -> magenta;
by_atom(yellow) -> atom_to_list(yellow);
by_atom(black) -> 0;
by_atom(white) -> 255;
by_atom(grey) -> 128;
by_atom(orange) -> 1;
by_atom(A) -> {unknown, A}.

main() ->
    Ints = [1, 2, 3, 4, 5, 8, 13, 21, 34, 55, 89, 144, -7, 100000, 99, 1.0, abc, "1"],
    io:format("~p~n", [[by_int(I) || I <- Ints]]),
    Atoms = [red, green, blue, cyan, magenta, yellow, black, white, grey, orange, purple, 1],
    io:format("~p~n", [[by_atom(A) || A <- Atoms]]).
