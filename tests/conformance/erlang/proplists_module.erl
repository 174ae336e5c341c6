%% proplists: get_value with defaults, lookup, expand, compact, normalize, delete, split.
-module(proplists_module).
-export([main/0]).

main() ->
    P = [{a, 1}, b, {c, [x]}, {a, 2}, {d, false}],
    io:format("~p~n", [proplists:get_value(a, P)]),
    io:format("~p~n", [proplists:get_value(z, P, none)]),
    io:format("~p~n", [proplists:get_value(b, P)]),
    io:format("~p~n", [proplists:lookup(c, P)]),
    io:format("~p~n", [proplists:lookup_all(a, P)]),
    io:format("~p~n", [proplists:get_keys(P)]),
    io:format("~p~n", [proplists:delete(a, P)]),
    io:format("~p~n", [proplists:compact([{a, true}, {b, false}, c])]),
    io:format("~p~n", [proplists:split(P, [a, d])]),
    io:format("~p~n", [proplists:expand([{foo, [bar, baz]}], [foo, qux])]),
    io:format("~p~n", [proplists:to_map(P)]).
