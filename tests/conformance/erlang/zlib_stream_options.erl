%% zlib's streams with every option, on the zlib the VM links: deflate at each level,
%% strategy, window size and memory level; sync and full flushes; deflateParams mid-stream;
%% preset dictionaries both ways; raw, zlib and gzip framing; inflate's chunked and safe
%% forms; the compressed bytes are compared through their size and CRC.
-module(zlib_stream_options).
-export([main/0]).
-compile(nowarn_deprecated_function).

text() ->
    iolist_to_binary([io_lib:format("line ~b: the quick brown fox ~b jumps over ~p~n", [I, I * I, {I rem 7, [a, b]}])
                      || I <- lists:seq(1, 400)]).

show(Label, Bin) ->
    io:format("~s ~b ~b~n", [Label, byte_size(Bin), erlang:crc32(Bin)]).

deflate(Level, Method, Bits, Mem, Strategy, Data) ->
    Z = zlib:open(),
    ok = zlib:deflateInit(Z, Level, Method, Bits, Mem, Strategy),
    Out = zlib:deflate(Z, Data, finish),
    ok = zlib:deflateEnd(Z),
    ok = zlib:close(Z),
    iolist_to_binary(Out).

inflate(Bits, Data) ->
    Z = zlib:open(),
    ok = zlib:inflateInit(Z, Bits),
    Out = zlib:inflate(Z, Data),
    ok = zlib:inflateEnd(Z),
    ok = zlib:close(Z),
    iolist_to_binary(Out).

main() ->
    T = text(),
    show("text", T),
    [begin
         C = deflate(L, deflated, 15, 8, default, T),
         show(io_lib:format("level ~p", [L]), C),
         T = inflate(15, C)
     end || L <- [none, best_speed, default, best_compression | lists:seq(0, 9)]],
    [begin
         C = deflate(6, deflated, 15, 8, S, T),
         show(io_lib:format("strategy ~p", [S]), C),
         T = inflate(15, C)
     end || S <- [default, filtered, huffman_only, rle]],
    [begin
         C = deflate(default, deflated, B, M, default, T),
         show(io_lib:format("bits ~p mem ~p", [B, M]), C),
         T = inflate(B, C)
     end || {B, M} <- [{9, 1}, {10, 9}, {12, 4}, {15, 9}, {-9, 8}, {-15, 8}, {31, 8}, {25, 3}]],
    %% auto-detection of zlib and gzip headers
    T = inflate(47, deflate(default, deflated, 31, 8, default, T)),
    T = inflate(47, deflate(default, deflated, 15, 8, default, T)),
    %% flushes and a parameter change mid-stream
    Z = zlib:open(),
    ok = zlib:deflateInit(Z, best_speed),
    A = iolist_to_binary(zlib:deflate(Z, binary:part(T, 0, 5000), sync)),
    show("sync", A),
    B = iolist_to_binary(zlib:deflate(Z, binary:part(T, 5000, 5000), full)),
    show("full", B),
    ok = zlib:deflateParams(Z, best_compression, filtered),
    C = iolist_to_binary(zlib:deflate(Z, binary:part(T, 10000, byte_size(T) - 10000), finish)),
    show("params", C),
    ok = zlib:deflateEnd(Z),
    T = inflate(15, [A, B, C]),
    io:format("crc ~p~n", [zlib:crc32(Z, T) =:= erlang:crc32(T)]),
    ok = zlib:close(Z),
    %% dictionaries
    Dict = <<"the quick brown fox jumps over">>,
    D = zlib:open(),
    ok = zlib:deflateInit(D, default),
    Adler = zlib:deflateSetDictionary(D, Dict),
    io:format("dict adler ~p~n", [Adler]),
    DC = iolist_to_binary(zlib:deflate(D, T, finish)),
    show("dict", DC),
    ok = zlib:close(D),
    I = zlib:open(),
    ok = zlib:inflateInit(I),
    io:format("need ~p~n", [err(fun() -> zlib:inflate(I, DC) end)]),
    ok = zlib:inflateSetDictionary(I, Dict),
    Rest = iolist_to_binary(zlib:inflate(I, [])),
    io:format("after dict ~p~n", [Rest =:= T]),
    GD = zlib:inflateGetDictionary(I),
    io:format("get dict ~p~n", [{byte_size(GD), erlang:crc32(GD)}]),
    ok = zlib:close(I),
    %% safeInflate and inflateChunk
    S = zlib:open(),
    ok = zlib:inflateInit(S),
    io:format("safe ~p~n", [safe(S, zlib:safeInflate(S, deflate(9, deflated, 15, 8, default, T)), 0)]),
    ok = zlib:close(S),
    K = zlib:open(),
    ok = zlib:inflateInit(K),
    ok = zlib:setBufSize(K, 1000),
    io:format("bufsize ~p~n", [zlib:getBufSize(K)]),
    io:format("chunks ~p~n", [chunks(K, zlib:inflateChunk(K, deflate(9, deflated, 15, 8, default, T)), 0)]),
    ok = zlib:close(K),
    %% raw streams keep a CRC of the plaintext
    W = zlib:open(),
    ok = zlib:deflateInit(W, default, deflated, -15, 8, default),
    _ = zlib:deflate(W, T, finish),
    io:format("raw crc ~p~n", [zlib:crc32(W) =:= erlang:crc32(T)]),
    ok = zlib:close(W),
    %% errors
    io:format("~p~n", [err(fun() -> zlib:uncompress(<<"not a zlib stream at all">>) end)]),
    io:format("~p~n", [err(fun() -> zlib:gunzip(<<31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3>>) end)]),
    io:format("~p~n", [err(fun() -> zlib:unzip(<<255, 255, 255>>) end)]),
    E = zlib:open(),
    io:format("~p~n", [err(fun() -> zlib:deflate(E, <<"x">>) end)]),
    ok = zlib:inflateInit(E),
    io:format("~p~n", [err(fun() -> zlib:inflateInit(E) end)]),
    io:format("~p~n", [err(fun() -> zlib:inflate(E, <<120, 156, 1, 2, 3, 4, 5, 6>>) end)]),
    io:format("~p~n", [err(fun() -> zlib:inflateEnd(E) end)]),
    ok = zlib:close(E),
    io:format("~p~n", [err(fun() -> zlib:close(E) end)]),
    ok.

safe(Z, {continue, Out}, N) -> safe(Z, zlib:safeInflate(Z, []), N + iolist_size(Out));
safe(_Z, {finished, Out}, N) -> N + iolist_size(Out).

chunks(Z, {more, Out}, N) -> chunks(Z, zlib:inflateChunk(Z), N + iolist_size(Out));
chunks(_Z, Out, N) -> N + iolist_size(Out).

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
