%% base64 encode/decode, erlang:md5, crc32 and adler32 checksums over fixed data.
-module(base64_md5_crc).
-export([main/0]).

main() ->
    Data = <<"The quick brown fox jumps over the lazy dog">>,
    io:format("~s~n", [base64:encode(Data)]),
    io:format("~p~n", [base64:decode(base64:encode(Data)) =:= Data]),
    io:format("~p~n", [base64:encode_to_string(<<0, 255, 254>>)]),
    io:format("~p~n", [[base64:encode(binary:part(Data, 0, N)) || N <- [0, 1, 2, 3, 4]]]),
    io:format("~p~n", [erlang:md5(Data)]),
    io:format("~s~n", [[io_lib:format("~2.16.0b", [B]) || <<B>> <= erlang:md5(<<>>)]]),
    io:format("~p ~p~n", [erlang:crc32(Data), erlang:adler32(Data)]),
    io:format("~p~n", [erlang:crc32(erlang:crc32(<<"abc">>), <<"def">>) =:= erlang:crc32(<<"abcdef">>)]).
