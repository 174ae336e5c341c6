%% The binary module: split/match/matches/replace with options, part, copy, encode/decode_unsigned.
-module(binary_module_functions).
-export([main/0]).

main() ->
    B = <<"key=value; other=thing; last">>,
    io:format("~p~n", [binary:split(B, <<"; ">>, [global])]),
    io:format("~p~n", [binary:split(B, [<<"=">>, <<";">>], [global, trim_all])]),
    io:format("~p~n", [binary:match(B, <<"other">>)]),
    io:format("~p~n", [binary:matches(B, [<<"e">>, <<"th">>])]),
    io:format("~p~n", [binary:replace(B, <<"=">>, <<" => ">>, [global])]),
    io:format("~p~n", [binary:replace(<<"abcabc">>, <<"b">>, <<"[]">>, [global, {insert_replaced, 1}])]),
    io:format("~p~n", [binary:part(B, 4, 5)]),
    io:format("~p~n", [binary:copy(<<"xy">>, 4)]),
    io:format("~p~n", [binary:encode_unsigned(16#123456)]),
    io:format("~p~n", [binary:decode_unsigned(<<1, 0, 0, 0, 0, 0, 0, 0, 0>>)]),
    io:format("~p~n", [binary:bin_to_list(<<"abc">>, {1, 2})]),
    io:format("~p~n", [binary:longest_common_prefix([<<"prefix_a">>, <<"prefix_b">>])]),
    io:format("~p~n", [binary:at(<<"xyz">>, 2)]),
    io:format("~p~n", [binary:referenced_byte_size(binary:part(B, 0, 3)) >= 3]).
