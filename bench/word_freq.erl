%% Benchmark: word frequency counting with large maps over 600,000 generated words, then the
%% top words by count, a second pass of map updates, and a merge of per-chunk maps.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(word_freq).
-export([main/0]).

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

vocab() ->
    Syll = {<<"ka">>, <<"lo">>, <<"mi">>, <<"ne">>, <<"ru">>, <<"sa">>, <<"to">>, <<"vi">>, <<"ze">>, <<"qu">>},
    list_to_tuple([<<(element(A, Syll))/binary, (element(B, Syll))/binary, (element(C, Syll))/binary>>
                   || A <- lists:seq(1, 10), B <- lists:seq(1, 10), C <- lists:seq(1, 10)]).

text(0, _Seed, _V, Acc) -> Acc;
text(N, Seed, V, Acc) ->
    S = lcg(Seed),
    %% A skewed distribution: small indices are much more frequent.
    I = (S rem 1000) * (S rem 1000) div 1000 + 1,
    text(N - 1, S, V, [element(I, V) | Acc]).

count(Words) ->
    lists:foldl(fun(W, M) ->
        case M of
            #{W := C} -> M#{W := C + 1};
            _ -> M#{W => 1}
        end
    end, #{}, Words).

chunks([], _N, Acc) -> lists:reverse(Acc);
chunks(L, N, Acc) when length(L) =< N -> lists:reverse([L | Acc]);
chunks(L, N, Acc) -> {H, T} = lists:split(N, L), chunks(T, N, [H | Acc]).

run(Words) ->
    Counts = count(Words),
    Top = lists:sublist(lists:sort(fun({A, Ca}, {B, Cb}) -> {Cb, A} =< {Ca, B} end, maps:to_list(Counts)), 10),
    Merged = lists:foldl(fun(Chunk, Acc) ->
        maps:merge_with(fun(_K, A, B) -> A + B end, Acc, count(Chunk))
    end, #{}, chunks(Words, 50000, [])),
    Lengths = maps:fold(fun(K, V, Acc) -> Acc + byte_size(K) * V end, 0, Merged),
    erlang:phash2({Top, maps:size(Counts), Merged =:= Counts, Lengths}).

main() ->
    Words = text(600000, 7, vocab(), []),
    T0 = erlang:monotonic_time(microsecond),
    Sums = [run(Words) || _ <- lists:seq(1, 2)],
    T1 = erlang:monotonic_time(microsecond),
    io:format("checksum=~p~n", [Sums]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
