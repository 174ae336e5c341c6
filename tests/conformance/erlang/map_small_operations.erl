%% maps:put/get/update/find/is_key/remove/keys/values/merge/size on small maps; ~p prints them sorted.
-module(map_small_operations).
-export([main/0]).

main() ->
    M = #{b => 2, a => 1, "str" => s, 3 => three, {t} => tuple},
    io:format("~p~n", [M]),
    io:format("~w~n", [M]),
    io:format("~p~n", [maps:put(c, 3, M)]),
    io:format("~p ~p~n", [maps:get(a, M), maps:get(zz, M, default)]),
    io:format("~p~n", [maps:update(a, 100, M)]),
    io:format("~p ~p~n", [maps:find(b, M), maps:find(q, M)]),
    io:format("~p ~p~n", [maps:is_key(3, M), maps:is_key(3.0, M)]),
    io:format("~p~n", [maps:remove(a, M)]),
    io:format("~p~n", [maps:keys(M)]),
    io:format("~p~n", [maps:values(M)]),
    io:format("~p~n", [maps:merge(M, #{a => merged, z => new})]),
    io:format("~p ~p~n", [maps:size(M), map_size(#{})]),
    io:format("~p~n", [maps:to_list(#{z => 1, y => 2})]),
    io:format("~p~n", [#{1 => int, 1.0 => float}]).
