%% utf16 and utf32 segments, big and little endian, surrogate pairs, and invalid code points.
-module(binary_utf16_utf32).
-export([main/0]).

reason(F) ->
    try F() catch Class:R -> {Class, R} end.

id(X) -> X.

main() ->
    Cps = [$a, 16#E9, 16#FFFF, 16#10000, 16#1F600, 16#10FFFF],
    [io:format("~w: ~w ~w ~w ~w~n", [C, <<C/utf16>>, <<C/utf16-little>>, <<C/utf32>>, <<C/utf8>>]) || C <- Cps],
    <<A/utf16, B/utf16-little>> = <<16#D8, 16#3D, 16#DE, 16#00, 16#3D, 16#D8, 16#01, 16#DE>>,
    io:format("~w~n", [{A, B}]),
    io:format("~p~n", [reason(fun() -> <<(id(16#D800))/utf8>> end)]),
    io:format("~p~n", [reason(fun() -> <<(id(16#110000))/utf32>> end)]),
    io:format("~p~n", [[C || <<C/utf16>> <= <<0, $h, 0, $i>>]]).
