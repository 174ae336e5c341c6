%% Benchmark: mochiweb's mochijson2 (Debian's erlang-mochiweb) decoding and encoding a
%% generated JSON document of about 150 KB (objects, arrays, strings with escapes and
%% non-ASCII text, integers, floats, booleans and nulls): decode, encode, decode again.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(lib_mochiweb_json).
-export([main/0]).

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

item(I, S) ->
    {struct, [{<<"id">>, I},
              {<<"name">>, <<"item \"", (integer_to_binary(S rem 1000))/binary, "\" caf", 233/utf8, " \\ tab\t">>},
              {<<"price">>, (S rem 100000) / 100},
              {<<"active">>, S rem 2 =:= 0},
              {<<"note">>, null},
              {<<"tags">>, [<<"t", (integer_to_binary(T))/binary>> || T <- lists:seq(1, S rem 5 + 1)]},
              {<<"dims">>, {struct, [{<<"w">>, S rem 97}, {<<"h">>, S rem 89}, {<<"unit">>, <<"cm">>}]}}]}.

doc(0, _S, Acc) -> {struct, [{<<"version">>, 1}, {<<"items">>, Acc}]};
doc(N, S, Acc) -> S1 = lcg(S), doc(N - 1, S1, [item(N, S1) | Acc]).

main() ->
    Text = iolist_to_binary(mochijson2:encode(doc(1000, 42, []))),
    T0 = erlang:monotonic_time(microsecond),
    D1 = mochijson2:decode(Text),
    Out = iolist_to_binary(mochijson2:encode(D1)),
    D2 = mochijson2:decode(Out),
    T1 = erlang:monotonic_time(microsecond),
    io:format("bytes=~p same=~p~n", [byte_size(Text), D1 =:= D2]),
    io:format("checksum=~p~n", [erlang:phash2({D2, Out})]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
