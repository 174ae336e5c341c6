%% Bit syntax matching: headers with length prefixes, signed/little fields, tails and bit fields.
-module(binary_bit_syntax_match).
-export([main/0]).

parse_tlv(<<>>) -> [];
parse_tlv(<<Type:8, Len:16, Value:Len/binary, Rest/binary>>) -> [{Type, Value} | parse_tlv(Rest)].

ipv4(<<A, B, C, D>>) -> io_lib:format("~w.~w.~w.~w", [A, B, C, D]).

main() ->
    io:format("~p~n", [parse_tlv(<<1, 0, 3, "abc", 2, 0, 0, 9, 0, 1, "z">>)]),
    io:format("~s~n", [ipv4(<<192, 168, 0, 1>>)]),
    <<S:16/signed, U:16, L:32/little, F:1, Rest/bits>> = <<255, 254, 255, 254, 1, 0, 0, 0, 2#10110000>>,
    io:format("~p~n", [{S, U, L, F, Rest}]),
    <<X:4, Y:4>> = <<16#A5>>,
    io:format("~p~n", [{X, Y}]),
    <<Big:72/big-unsigned>> = <<1, 2, 3, 4, 5, 6, 7, 8, 9>>,
    io:format("~p~n", [Big]),
    <<Fl:64/float>> = <<64, 9, 33, 251, 84, 68, 45, 24>>,
    io:format("~p~n", [Fl]),
    <<Cp/utf8, Tail/binary>> = <<"日本"/utf8>>,
    io:format("~p~n", [{Cp, Tail}]),
    io:format("~p~n", [[B || <<B:3>> <= <<2#101110:6>>]]),
    case <<1, 2, 3>> of
        <<1, Z/binary>> when byte_size(Z) =:= 2 -> io:format("~p~n", [Z])
    end.
