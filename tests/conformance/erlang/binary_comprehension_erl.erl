%% Binary comprehensions producing binaries and lists, with filters and multi-byte segments.
-module(binary_comprehension_erl).
-export([main/0]).

main() ->
    io:format("~p~n", [<< <<(C - 32)>> || <<C>> <= <<"hello">>, C >= $a, C =< $z >>]),
    io:format("~w~n", [[{R, G, B} || <<R, G, B>> <= <<1, 2, 3, 4, 5, 6, 7>>]]),
    io:format("~w~n", [<< <<X:16>> || X <- [1, 256, 65535] >>]),
    io:format("~w~n", [<< <<B:1>> || <<B:1>> <= <<16#AA>>, B =:= 1 >>]),
    io:format("~p~n", [<< <<C/utf8>> || C <- [16#65E5, 16#672C] >>]),
    io:format("~w~n", [[X + Y || <<X>> <= <<1, 2>>, <<Y>> <= <<10, 20>>]]),
    Hex = << <<(hex(N))>> || <<N:4>> <= <<"Zz">> >>,
    io:format("~s~n", [Hex]).

hex(N) when N < 10 -> $0 + N;
hex(N) -> $a + N - 10.
