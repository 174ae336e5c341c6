%% base64url (Debian's erlang-base64url): URL-safe base64 without padding, both ways,
%% and the MIME variant.
-module(lib_base64url_codec).
-export([main/0]).

main() ->
    lists:foreach(fun(B) ->
        E = base64url:encode(B),
        io:format("~p -> ~p -> ~p~n", [B, E, base64url:decode(E)])
    end, [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<255, 254, 253, 62, 63>>, <<"hello world?">>]),
    io:format("~p~n", [base64url:encode_mime(<<255, 255, 190>>)]),
    io:format("~p~n", [base64url:encode("a list")]).
