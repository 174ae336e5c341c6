%% ETS: set and ordered_set tables, insert/lookup/delete, update_counter, match, and tab2list.
-module(ets_table_basics).
-export([main/0]).

main() ->
    T = ets:new(t, [set]),
    true = ets:insert(T, [{a, 1}, {b, 2}, {c, 3}]),
    io:format("~p~n", [ets:lookup(T, b)]),
    io:format("~p~n", [ets:lookup(T, zz)]),
    io:format("~p~n", [ets:update_counter(T, a, 10)]),
    ets:delete(T, c),
    io:format("~p~n", [lists:sort(ets:tab2list(T))]),
    io:format("~p~n", [ets:info(T, size)]),
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{I rem 7, I} || I <- lists:seq(1, 20)]),
    io:format("~p~n", [ets:tab2list(O)]),
    io:format("~p~n", [ets:first(O)]),
    io:format("~p~n", [ets:next(O, 3)]),
    io:format("~p~n", [ets:match(O, {'$1', '$2'}) -- [[0, 14]]]),
    io:format("~p~n", [ets:select(O, [{{'$1', '$2'}, [{'>', '$1', 4}], ['$2']}])]),
    B = ets:new(b, [bag]),
    ets:insert(B, [{k, 1}, {k, 2}, {k, 1}]),
    io:format("~p~n", [ets:lookup(B, k)]),
    io:format("~p~n", [ets:member(B, k)]),
    ets:delete(T),
    io:format("done~n").
