-module(asn1rt_nif_ber_tlv_errors).
-export([main/0]).

%% asn1rt_nif's BER NIFs as public_key's generated codecs call them: decode_ber_tlv/1
%% and encode_ber_tlv/1 on well-formed TLVs (short, long and indefinite lengths,
%% multi-byte tags, every class), and the VM's errors with their positions on bad and
%% truncated input, on too-deep nesting, and for malformed TLV terms.

dec(B) ->
    try asn1rt_nif:decode_ber_tlv(B) of
        R -> {ok, R}
    catch C:E -> {C, E}
    end.

enc(T) ->
    try asn1rt_nif:encode_ber_tlv(T) of
        R -> {ok, R}
    catch C:E -> {C, E}
    end.

nest(0) -> <<16#30, 16#80, 0, 0>>;
nest(N) -> B = nest(N - 1), <<16#30, 16#80, B/binary, 0, 0>>.

dnest(0) -> <<16#30, 0>>;
dnest(N) -> B = dnest(N - 1), L = byte_size(B), <<16#30, 16#84, L:32, B/binary>>.

status({ok, _}) -> ok;
status(E) -> E.

main() ->
    Good = [<<16#30, 3, 2, 1, 5>>,
            <<16#30, 3, 2, 1, 5, 9, 9>>,
            <<16#04, 0>>,
            <<16#30, 0>>,
            <<16#A0, 16#80, 16#02, 1, 7, 16#04, 2, "hi", 0, 0, 16#ff>>,
            <<16#1f, 16#81, 16#00, 1, 42>>,
            <<16#5f, 16#7f, 1, 1>>,
            <<16#df, 16#ff, 16#7f, 0>>,
            <<16#04, 16#81, 200, 0:1600>>,
            <<16#04, 16#82, 1, 0, 0:2048>>,
            <<16#24, 16#83, 0, 0, 4, 16#04, 2, "ab">>,
            [<<16#30>>, [3, <<2, 1>>], 5],
            <<16#30, 16#80, 16#30, 16#80, 0, 0, 16#31, 0, 0, 0>>],
    lists:foreach(fun(B) -> io:format("~w~n", [dec(B)]) end, Good),
    Bad = [<<>>, <<16#30>>, <<16#30, 5, 2, 1>>, <<16#04, 3, 1, 2>>,
           <<16#1f, 16#81>>, <<16#1f, 16#81, 16#81, 16#01, 0>>, <<16#1f, 16#ff, 16#ff, 0>>,
           <<16#04, 16#85, 1, 2, 3, 4, 5>>, <<16#04, 16#82, 1>>, <<16#04, 16#84, 1, 0, 0, 0, 0>>,
           <<16#04, 16#80, 0, 0>>, <<16#30, 16#80, 2, 1, 5>>, <<16#30, 16#80, 2, 1, 5, 0>>,
           <<16#30, 16#80>>, <<16#30, 4, 2, 5, 1, 1>>, <<16#30, 3, 16#1f, 16#81, 1>>,
           <<16#04, 16#ff, 1>>, <<16#30, 16#80, 16#04, 16#80, 0, 0, 0, 0>>,
           <<16#30, 2, 4, 3, 1, 2, 3>>, <<1, 2, 3:4>>, [<<16#30>>, foo], atom, 42],
    lists:foreach(fun(B) -> io:format("~w~n", [dec(B)]) end, Bad),
    %% the VM's decoder stops nesting at a fixed depth
    io:format("~w~n", [[{N, status(dec(nest(N)))} || N <- [100, 583, 584, 585, 586, 700]]]),
    io:format("~w~n", [[{N, status(dec(dnest(N)))} || N <- [584, 585]]]),
    Tlvs = [{16, [{2, <<5>>}]},
            {16, []},
            {4, <<>>},
            {4, <<0:1600>>},
            {4, <<0:2048>>},
            {4, <<0:560000>>},
            {31, <<1>>},
            {127, <<2>>},
            {128, <<3>>},
            {16#3fff, <<4>>},
            {16#ffff, <<5>>},
            {16#10000 + 3, <<6>>},
            {16#20000 + 16, [{16#30000 + 200, <<7>>}, {1, <<255>>}]},
            {16#70000 + 5, <<8>>},
            {17, [{16, [{16, [{2, <<1>>}]}]}, {4, <<"x">>}], extra},
            {16, [{2, <<1>>} || _ <- lists:seq(1, 100)]}],
    lists:foreach(fun(T) ->
                          {ok, B} = enc(T),
                          io:format("~w ~w~n", [byte_size(B), binary:part(B, 0, min(8, byte_size(B)))]),
                          io:format("  ~w~n", [status(dec(B))])
                  end, Tlvs),
    %% decode then encode gives the same bytes back
    RT = [begin {ok, {T, <<>>}} = dec(B), {ok, E} = enc(T), E =:= B end
          || B <- [<<16#30, 3, 2, 1, 5>>, <<16#04, 16#82, 1, 0, 0:2048>>, <<16#5f, 16#7f, 1, 1>>]],
    io:format("~w~n", [RT]),
    %% (a tuple of fewer than two elements is left out: the VM's NIF reads past it)
    BadTlvs = [foo, {-1, <<>>}, {1 bsl 32, <<>>}, {a, <<>>}, {1, foo}, {1, <<1:3>>},
               {16, [{2, <<1>>} | foo]}, {16, [{2, <<1>>}, bar]}, {16, [{2, [{3, x}]}]}],
    lists:foreach(fun(T) -> io:format("~w~n", [enc(T)]) end, BadTlvs).
