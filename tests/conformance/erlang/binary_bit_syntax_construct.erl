%% Bit syntax construction: sizes, units, endianness, signedness, binaries, floats, utf8.
-module(binary_bit_syntax_construct).
-export([main/0]).

main() ->
    N = 16#DEADBEEF,
    io:format("~w~n", [<<N:32>>]),
    io:format("~w~n", [<<N:32/little>>]),
    io:format("~w~n", [<<N:16>>]),
    io:format("~w~n", [<<-1:12, 0:4>>]),
    io:format("~w~n", [<<-300:16/signed-little>>]),
    io:format("~w~n", [<<1:1, 0:1, 1:1, 1:5>>]),
    io:format("~w~n", [<<(1 bsl 70 + 3):80>>]),
    io:format("~w~n", [<<1.5/float, 2.5:32/float-little>>]),
    io:format("~w~n", [<<"abc", $d, "é"/utf8, 16#1F600/utf8>>]),
    B = <<"binary">>,
    io:format("~w~n", [<<B:3/binary, B/binary>>]),
    Size = 5,
    io:format("~w~n", [<<7:Size/unit:4>>]),
    io:format("~p~n", [<<"text">>]),
    io:format("~p~n", [<<1, 2, 3:4>>]),
    io:format("~p~n", [byte_size(<<0:100>>)]),
    io:format("~p~n", [bit_size(<<0:100>>)]).
