%% jose (Debian's erlang-jose): JSON Web Signatures and Tokens signed and verified with
%% HMAC keys (HS256, HS512), compacted and peeked, a key thumbprint, base64url. jose
%% encodes JSON through the module its configuration names (a library on -pa here).
%% pa: pa/jose_json_adapter
-module(lib_jose_jws_hmac).
-export([main/0]).

main() ->
    {ok, _} = application:ensure_all_started(jose),
    ok = jose:json_module(jose_json_mochi),
    JWK = jose_jwk:from_oct(<<"my secret key of 32 bytes length!">>),
    Signed = jose_jws:sign(JWK, <<"{\"sub\":\"1234\"}">>, #{<<"alg">> => <<"HS256">>}),
    {_, Compact} = jose_jws:compact(Signed),
    io:format("~s~n", [Compact]),
    io:format("~p~n", [jose_jws:verify(JWK, Compact)]),
    JWT = jose_jwt:sign(JWK, #{<<"alg">> => <<"HS512">>}, #{<<"iss">> => <<"me">>, <<"n">> => 1}),
    {_, C2} = jose_jws:compact(JWT),
    io:format("~s~n", [C2]),
    io:format("~p~n", [jose_jwt:verify(JWK, C2)]),
    io:format("~p~n", [jose_jwt:peek_payload(C2)]),
    {Bad, _, _} = jose_jws:verify(jose_jwk:from_oct(<<"another key">>), Compact),
    io:format("wrong key verifies: ~p~n", [Bad]),
    io:format("~s~n", [jose_base64url:encode(<<"hello?">>)]),
    io:format("~p~n", [jose_jwk:thumbprint(JWK)]).
