%% crypto's digests and HMACs: every digest beamwasm's hosts provide, one-shot and
%% incremental (an old state stays usable), HMAC with short and long keys, PBKDF2,
%% hash_info, hash_equals, and the errors of bad algorithms, states and data.
-module(crypto_digests_erl).
-export([main/0]).

-define(ALGS, [sha, sha224, sha256, sha384, sha512, md5, sha3_224, sha3_256, sha3_384, sha3_512, blake2b, blake2s]).

hex(B) -> binary:encode_hex(B).

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.

main() ->
    Big = binary:copy(<<"0123456789abcdef">>, 70000),
    [io:format("~p ~s ~s ~s~n", [A, hex(crypto:hash(A, "")), hex(crypto:hash(A, ["ab", $c, <<"d">>])),
                                 hex(crypto:hash(A, Big))]) || A <- ?ALGS],
    [begin
         S0 = crypto:hash_init(A),
         S1 = crypto:hash_update(S0, "hello "),
         S2 = crypto:hash_update(S1, <<"world">>),
         S3 = crypto:hash_update(S1, "there"),
         io:format("~p ~s ~s ~s ~p~n", [A, hex(crypto:hash_final(S2)), hex(crypto:hash_final(S3)),
                                        hex(crypto:hash_final(S0)),
                                        crypto:hash_final(S2) =:= crypto:hash(A, "hello world")])
     end || A <- ?ALGS],
    LongKey = binary:copy(<<"k">>, 300),
    [io:format("hmac ~p ~s ~s~n", [A, hex(crypto:mac(hmac, A, <<"key">>, "The quick brown fox")),
                                  hex(crypto:mac(hmac, A, LongKey, [<<"da">>, "ta"]))]) || A <- ?ALGS],
    M0 = crypto:mac_init(hmac, sha256, ["k", <<"ey">>]),
    M1 = crypto:mac_update(M0, "The quick "),
    M2 = crypto:mac_update(M1, <<"brown fox">>),
    io:format("~s~n", [hex(crypto:mac_final(M2))]),
    io:format("~s~n", [hex(crypto:macN(hmac, sha512, "key", "data", 16))]),
    [io:format("~p ~p~n", [A, crypto:hash_info(A)]) || A <- ?ALGS],
    [io:format("pbkdf2 ~p ~s~n", [A, hex(crypto:pbkdf2_hmac(A, <<"pass">>, <<"salt">>, 1000, 70))])
     || A <- [sha, sha224, sha256, sha384, sha512]],
    io:format("~s~n", [hex(crypto:pbkdf2_hmac(sha256, <<>>, <<>>, 1, 1))]),
    [io:format("~p~n", [err(F)]) || F <- [fun() -> crypto:pbkdf2_hmac(foo, <<"p">>, <<"s">>, 1, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(md5, <<"p">>, <<"s">>, 1, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, "p", <<"s">>, 1, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, <<"p">>, "s", 1, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, <<"p">>, <<"s">>, a, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, <<"p">>, <<"s">>, 0, 8) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, <<"p">>, <<"s">>, 1, a) end,
                                         fun() -> crypto:pbkdf2_hmac(sha, <<"p">>, <<"s">>, 1, 0) end]],
    io:format("~p~n", [[crypto:hash_equals(<<1, 2, 3>>, <<1, 2, 3>>), crypto:hash_equals(<<1, 2, 3>>, <<1, 2, 4>>)]]),
    io:format("~p~n", [element(1, err(fun() -> crypto:hash_equals(<<1, 2>>, <<1>>) end))]),
    io:format("~p~n", [err(fun() -> crypto:hash(foo, "x") end)]),
    io:format("~p~n", [err(fun() -> crypto:hash_init(foo) end)]),
    io:format("~p~n", [err(fun() -> crypto:hash_final(make_ref()) end)]),
    io:format("~p~n", [err(fun() -> crypto:hash_update(make_ref(), "ab") end)]),
    io:format("~p~n", [err(fun() -> crypto:mac(hmac, foo, "k", "x") end)]),
    io:format("~p~n", [err(fun() -> crypto:mac(foo, sha, "k", "d") end)]),
    io:format("~p~n", [err(fun() -> crypto:mac(hmac, sha, "k", [1 | 2]) end)]),
    io:format("~p~n", [err(fun() -> crypto:mac_init(hmac, foo, "k") end)]),
    io:format("~p~n", [err(fun() -> crypto:mac_update(make_ref(), "x") end)]),
    io:format("~p~n", [err(fun() -> crypto:mac_final(make_ref()) end)]),
    io:format("~p~n", [err(fun() -> crypto:hash_info(foo) end)]),
    io:format("~p~n", [element(1, err(fun() -> crypto:hash(sha256, [1 | 2]) end))]).
