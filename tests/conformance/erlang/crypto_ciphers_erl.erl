%% known: crypto's ciphers and public-key operations are not in beamwasm: their NIFs raise {nif_not_loaded, module, crypto, line, L}
%% crypto's symmetric ciphers (AES in CTR and GCM mode).
-module(crypto_ciphers_erl).
-export([main/0]).

main() ->
    Key = binary:copy(<<"k">>, 16),
    IV = binary:copy(<<"i">>, 16),
    C = crypto:crypto_one_time(aes_128_ctr, Key, IV, <<"secret message">>, true),
    io:format("~s~n", [binary:encode_hex(C)]),
    io:format("~p~n", [crypto:crypto_one_time(aes_128_ctr, Key, IV, C, false)]),
    {CT, Tag} = crypto:crypto_one_time_aead(aes_128_gcm, Key, binary:part(IV, 0, 12), <<"text">>, <<"aad">>, true),
    io:format("~s ~s~n", [binary:encode_hex(CT), binary:encode_hex(Tag)]).
