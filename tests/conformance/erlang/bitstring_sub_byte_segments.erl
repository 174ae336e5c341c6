%% Bitstrings that are not byte-aligned: construction, printing, concatenation and comparison.
-module(bitstring_sub_byte_segments).
-export([main/0]).

bits(<<>>) -> [];
bits(<<B:1, R/bits>>) -> [B | bits(R)].

main() ->
    B = <<5:3, 1:2>>,
    io:format("~p ~w ~w ~w~n", [B, bit_size(B), byte_size(B), is_binary(B)]),
    io:format("~w~n", [bits(<<16#F0:8, 3:2>>)]),
    C = <<B/bits, B/bits, 0:1>>,
    io:format("~p ~w~n", [C, bit_size(C)]),
    io:format("~w~n", [lists:sort([<<1:1>>, <<0:1>>, <<0>>, <<>>, <<1:2>>, <<128>>])]),
    io:format("~w~n", [bitstring_to_list(<<1, 2:3>>)]),
    io:format("~w~n", [list_to_bitstring([<<1:1>>, 2, <<3:2>>])]),
    io:format("~w~n", [<< <<X:2>> || X <- [0, 1, 2, 3] >>]),
    io:format("~w~n", [erlang:split_binary(<<1, 2, 3>>, 1)]),
    io:format("~p~n", [<<1:1>> =:= <<1:1>>]).
