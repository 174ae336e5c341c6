%% mochiweb's mochijson2 (Debian's erlang-mochiweb): JSON decoded to mochijson2's
%% {struct, ...} terms and to proplists, and Erlang terms encoded, with unicode escapes,
%% numbers, nesting and errors on bad input.
-module(lib_mochiweb_json).
-export([main/0]).

main() ->
    Doc = <<"{\"name\":\"caf\\u00e9\",\"n\":[1,2.5,-3e2],\"ok\":true,\"none\":null,\"o\":{\"k\":\"v\"}}">>,
    D = mochijson2:decode(Doc),
    io:format("~p~n", [D]),
    io:format("~p~n", [mochijson2:decode(Doc, [{format, proplist}])]),
    io:format("~s~n", [iolist_to_binary(mochijson2:encode(D))]),
    io:format("~s~n", [iolist_to_binary(mochijson2:encode({struct, [{<<"list">>, [1, 2, 3]},
                                                                     {atom_key, <<"tab\there">>},
                                                                     {<<"nested">>, {struct, [{x, null}]}}]}))]),
    io:format("~s~n", [iolist_to_binary(mochijson2:encode([<<"é"/utf8>>, 1.5, -7, false]))]),
    {'EXIT', {Reason, _}} = (catch mochijson2:decode(<<"{\"a\":">>)),
    io:format("~p~n", [Reason]).
