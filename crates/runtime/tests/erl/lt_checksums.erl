%% Cases for the checksum BIFs in misc.wat: crc32/1,2, crc32_combine/3, adler32/1,2,
%% adler32_combine/3 (zlib's algorithms), md5/1 and the md5_init/update/final context
%% (88 bytes laid out as the VM's), over binaries, iolists, bitstrings and bad arguments;
%% plus is_builtin/3's argument checks.
-module(lt_checksums).
-export([cases/0]).

data() ->
    [<<>>, <<"abc">>, "abc", [1, <<2>> | <<3>>], [[<<"a">>, $b], "c"], <<0:8000>>,
     list_to_binary(lists:seq(0, 255)), binary:copy(<<"The quick brown fox">>, 1000),
     <<1:1>>, [<<1:1>>], a, [256], [-1], 7, [a], binary:part(<<"xxabcdefyy">>, 2, 6)].

words() -> [0, 1, 16#12345678, 16#9abcdef0, 16#ffffffff, 16#100000000, -1, 1.0, a, 1 bsl 70].

md5_ctx(Parts) -> lists:foldl(fun(P, C) -> erlang:md5_update(C, P) end, erlang:md5_init(), Parts).

cases() ->
    [{erlang, F, [D]} || F <- [crc32, adler32, md5], D <- data()] ++
    [{erlang, F, [W, D]} || F <- [crc32, adler32], W <- words(), D <- [<<"abc">>, "hello", <<>>, a]] ++
    [{erlang, F, [A, B, L]} || F <- [crc32_combine, adler32_combine], A <- [0, 1, 16#12345678, 16#ffffffff, -1],
        B <- [2, 16#9abcdef0], L <- [0, 1, 5, 7, 1000, 65521, 65522, 123456789, 1 bsl 31, 16#ffffffff, 1 bsl 32,
                                    (1 bsl 59) - 1, -1, a]] ++
    [{lt_driver, md5_init_state, []}] ++
    [{lt_driver, md5_update_final, [C, D]} || C <- [erlang:md5_init(), md5_ctx(["abc"]), md5_ctx([binary:copy(<<"z">>, 63)]),
                                           md5_ctx([binary:copy(<<"z">>, 200)]), <<1, 2>>, <<0:703>>, a],
        D <- [<<>>, "abc", binary:copy(<<"q">>, 64), binary:copy(<<"q">>, 130), <<1:1>>, a]] ++
    [{erlang, md5_final, [C]} || C <- [erlang:md5_init(), md5_ctx(["abc"]), md5_ctx(["ab", <<"c">>]),
                                       md5_ctx([binary:copy(<<"z">>, 55)]), md5_ctx([binary:copy(<<"z">>, 56)]),
                                       md5_ctx([binary:copy(<<"z">>, 64), "tail"]), <<0:704>>, <<0:703>>, <<>>, a]] ++
    [{erlang, is_builtin, [M, F, A]} || {M, F, A} <- [{lists, map, 2}, {erlang, length, a}, {erlang, length, -1},
        {erlang, length, 1 bsl 70}, {"e", length, 1}, {erlang, "l", 1}, {erlang, length, 256},
        {erlang, length, 1 bsl 40}]] ++
    [{erts_internal, get_creation, []}].
