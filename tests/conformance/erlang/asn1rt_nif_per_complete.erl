-module(asn1rt_nif_per_complete).
-export([main/0]).

%% asn1rt_nif:encode_per_complete/1, the PER completion NIF (the NIF replaces the
%% module's wrapper of the same name, so failures come back as {error, $1}): bits,
%% alignment, low bits of a byte, octets aligned and not, octets less unused bits, bits
%% given one per byte to an exact length, leading bits of octets, and bad commands.

per(L) ->
    try asn1rt_nif:encode_per_complete(L) of
        R -> {ok, R}
    catch C:E -> {C, E}
    end.

main() ->
    Cases = [[], <<>>, [0], [1], [2], [1, 0, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1],
             [1, 2, 1, 2, 1, 2], [10, 3, 5], [1, 10, 3, 5], [1, 1, 1, 1, 1, 10, 5, 31], [1, 10, 8, 255],
             [20, 2, <<"ab">>], [1, 20, 2, <<"ab">>], [21, 0, 3, <<"abc">>], [1, 21, 0, 1, <<"z">>],
             [30, 3, 2, <<16#ff, 16#f8>>], [1, 1, 30, 0, 1, <<16#81>>], [1, 30, 4, 2, <<16#ff, 16#f0>>],
             [31, 1, 0, 2, <<16#ff, 16#fe>>], [1, 1, 1, 1, 1, 1, 1, 30, 7, 1, <<16#80>>],
             [40, 3, 3, <<1, 0, 1>>], [40, 5, 3, <<1, 0, 1>>], [40, 2, 3, <<1, 1, 1>>],
             [1, 40, 12, 2, <<1, 1>>], [41, 4, 0, 2, <<1, 0>>], [42, 0, 9, 1, <<1>>],
             [43, 0, 3, 0, 3, <<0, 1, 1>>],
             [45, 12, 2, <<255, 255>>], [1, 45, 12, 2, <<255, 255>>], [45, 16, 2, <<1, 2>>],
             [45, 20, 2, <<1, 2>>], [1, 1, 45, 3, 1, <<16#e0>>], [46, 0, 12, 2, <<16#ab, 16#cd>>],
             [47, 0, 9, 0, 2, <<16#ab, 16#80>>],
             [1, 0, 1, 2, 20, 1, <<7>>, 10, 4, 9, 45, 6, 1, <<16#fc>>, 2],
             [99], [3], [44, 1, 1, 1], [40, 2, 2, <<1, 2>>], [20, 5, <<"ab">>], [21, 1, 0, <<"ab">>],
             [30, 0, 9, <<1>>], [41, 8, 0, 9, <<1>>], [30, 3, 0], [1, 1, 0, 255],
             [<<1:1>>], foo, [1 | 2]],
    lists:foreach(fun(L) -> io:format("~w~n", [per(L)]) end, Cases),
    Big = lists:append([[1, 0, 20, 3, <<"abc">>] || _ <- lists:seq(1, 300)]),
    {ok, B} = per(Big),
    io:format("~w ~w~n", [byte_size(B), erlang:crc32(B)]).
