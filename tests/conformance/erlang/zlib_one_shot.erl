%% zlib's one-shot functions (compress/uncompress, zip/unzip, gzip/gunzip) and checksums
%% (crc32, adler32, their combine forms) over empty, short, repetitive and incompressible
%% data, byte for byte as the VM's zlib gives them.
-module(zlib_one_shot).
-export([main/0]).
-compile(nowarn_deprecated_function).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Noise = rand:bytes(5000),
    Inputs = [<<>>, <<"a">>, <<"hello, hello, hello">>, binary:copy(<<"abc">>, 10000), Noise,
              ["iolist ", [<<"of">>, $ , "parts"], <<>>]],
    [begin
         Bin = iolist_to_binary(In),
         C = zlib:compress(In), Zp = zlib:zip(In), G = zlib:gzip(In),
         io:format("~b: ~w ~w ~w~n", [byte_size(Bin), {byte_size(C), erlang:crc32(C)},
                                         {byte_size(Zp), erlang:crc32(Zp)}, {byte_size(G), erlang:crc32(G)}]),
         Bin = zlib:uncompress(C), Bin = zlib:unzip(Zp), Bin = zlib:gunzip(G),
         io:format("  ~p ~p~n", [erlang:crc32(In), erlang:adler32(In)])
     end || In <- Inputs],
    io:format("short: ~p~n", [binary:part(zlib:compress(<<"short">>), 0, 13)]),
    io:format("gzip: ~p~n", [zlib:gzip(<<"gz">>)]),
    Z = zlib:open(),
    io:format("~p ~p~n", [zlib:crc32(Z, <<"abc">>), zlib:crc32(Z, 5, <<"abc">>)]),
    io:format("~p ~p~n", [zlib:adler32(Z, <<"abc">>), zlib:adler32(Z, 5, <<"abc">>)]),
    io:format("~p~n", [zlib:crc32_combine(Z, erlang:crc32(<<"ab">>), erlang:crc32(<<"cd">>), 2) =:= erlang:crc32(<<"abcd">>)]),
    io:format("~p~n", [zlib:adler32_combine(Z, erlang:adler32(<<"ab">>), erlang:adler32(<<"cd">>), 2) =:= erlang:adler32(<<"abcd">>)]),
    ok = zlib:close(Z),
    %% two gzip members in a row: gunzip resets between them
    io:format("~p~n", [zlib:gunzip([zlib:gzip(<<"one ">>), zlib:gzip(<<"two">>)])]),
    io:format("~p~n", [err(fun() -> zlib:uncompress(<<1, 2, 3>>) end)]),
    io:format("~p~n", [err(fun() -> zlib:compress(an_atom) end)]).

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
