%% term_to_binary(T, [compressed]) and {compressed, Level} byte for byte: zlib's deflate at
%% every level (greedy for 1-3, lazy for 4-9), fixed, dynamic and stored blocks, blocks
%% split at 16383 symbols, matches reaching back across 32 KiB, and terms that compression
%% does not shrink (written uncompressed).
-module(etf_compressed_output_bytes).
-export([main/0]).

main() ->
    Rand = rand_bytes(5000, 12345),
    Terms = [lists:duplicate(1000, 0),
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             [integer_to_list(I) || I <- lists:seq(1, 300)],
             maps:from_list([{I, {item, I, <<"value">>}} || I <- lists:seq(1, 60)]),
             binary:copy(<<"abcdefgh">>, 10000),
             {lists:seq(1, 100), <<0:800>>, "hello hello hello hello"},
             Rand,
             {Rand, Rand},
             [Rand, binary:part(Rand, 100, 3000), Rand],
             [{I, I * I, integer_to_binary(I * 7919)} || I <- lists:seq(1, 3000)],
             text(20000),
             text(150000), binary:copy(rand_bytes(20000, 7), 4), [rand_bytes(40000, 3), rand_bytes(40000, 3)],
             abc, 12345, <<"short">>, <<>>,
             %% at the edge: compressed exactly as long as uncompressed is written compressed
             [{#{2.5e0 => 257}, {20513359002764244194417015525497836803472060458575892362964824328175430236597602619813002729884,
                                 -254, <<35, 32, 255, 92, 32, 1, 120, 34>>, 1.9721522630525295e-31},
               #{335708830366134008153 => 177, <<122, 122, 97, 255, 98, 1, 1>> => 579}}],
             [1.348995310342811e14, {[], [97, 97, 26085], 7.69e2, #{}}, #{-15 => 1.2411288872989159e235}, #{}]],
    lists:foreach(fun(T) ->
        B = term_to_binary(T, [compressed]),
        io:format("~w ~w ~w~n", [byte_size(term_to_binary(T)), byte_size(B), erlang:crc32(B)]),
        io:format("~w~n", [[{L, byte_size(X), erlang:crc32(X)} || L <- lists:seq(0, 9),
                                                               X <- [term_to_binary(T, [{compressed, L}])]]]),
        io:format("~w~n", [binary_to_term(B) =:= T])
    end, Terms),
    io:format("~w~n", [term_to_binary(lists:seq(1, 40), [compressed])]),
    io:format("~w~n", [term_to_binary({a, "abababababababababababab", <<"xyzxyzxyzxyz">>}, [{compressed, 9}])]).

rand_bytes(N, Seed) -> rand_bytes(N, Seed, []).
rand_bytes(0, _, Acc) -> list_to_binary(Acc);
rand_bytes(N, S, Acc) ->
    S2 = (S * 1103515245 + 12345) rem 2147483648,
    rand_bytes(N - 1, S2, [(S2 bsr 16) band 255 | Acc]).

text(N) ->
    text(N, 7, []).
text(N, _, Acc) when N =< 0 -> iolist_to_binary(lists:reverse(Acc));
text(N, S, Acc) ->
    S2 = (S * 1103515245 + 12345) rem 2147483648,
    W = lists:nth(1 + (S2 bsr 16) rem 12, words()),
    text(N - byte_size(W), S2, [W | Acc]).

words() ->
    [<<"the ">>, <<"quick ">>, <<"brown ">>, <<"fox ">>, <<"jumps ">>, <<"over ">>, <<"lazy ">>, <<"dog ">>,
     <<"and ">>, <<"runs ">>, <<"far ">>, <<"away\n">>].
