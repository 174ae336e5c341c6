%% binary_to_term on malformed, truncated and unsafe input gives badarg; valid input decodes.
-module(binary_to_term_errors).
-export([main/0]).

reason(F) ->
    try F() catch Class:R -> {Class, R} end.

main() ->
    io:format("~p~n", [binary_to_term(<<131, 104, 2, 97, 1, 97, 2>>)]),
    io:format("~p~n", [reason(fun() -> binary_to_term(<<131, 104, 2, 97, 1>>) end)]),
    io:format("~p~n", [reason(fun() -> binary_to_term(<<1, 2, 3>>) end)]),
    io:format("~p~n", [reason(fun() -> binary_to_term(<<>>) end)]),
    io:format("~p~n", [reason(fun() -> binary_to_term(<<131, 119, 3, 120, 121, 122>>, [safe]) end)]),
    io:format("~p~n", [binary_to_term(<<131, 119, 2, 111, 107>>, [safe])]),
    {T, Used} = binary_to_term(<<131, 97, 7, 0, 0>>, [used]),
    io:format("~p ~p~n", [T, Used]),
    io:format("~p~n", [binary_to_term(term_to_binary(#{nested => [{1, 2.0, <<"three">>}]}))]).
