%% Maps of more than 32 atom keys: everything that does not depend on their iteration
%% order (lookups, updates, sizes, equality, sorted contents, phash2, term order,
%% binary_to_term of them). The order itself is in map_large_atom_keys_order.erl, a known
%% gap (docs/LIMITATIONS.md).
-module(map_large_atom_keys_lookup).
-export([main/0]).

main() ->
    Keys = [list_to_atom("key_" ++ integer_to_list(I)) || I <- lists:seq(1, 60)],
    M = maps:from_list([{K, I} || {K, I} <- lists:zip(Keys, lists:seq(1, 60))]),
    io:format("~w ~w ~w~n", [map_size(M), maps:get(key_17, M), maps:find(nope, M)]),
    io:format("~w~n", [lists:sort(maps:to_list(M))]),
    M2 = maps:remove(key_3, M#{key_60 := 0, extra => x}),
    io:format("~w ~w ~w~n", [map_size(M2), maps:get(key_60, M2), maps:is_key(key_3, M2)]),
    io:format("~w~n", [lists:sort(maps:keys(maps:filter(fun(_, V) -> V rem 7 =:= 0 end, M)))]),
    io:format("~w~n", [lists:sum(maps:values(M))]),
    io:format("~w ~w~n", [erlang:phash2(M), erlang:phash2(M2)]),
    io:format("~w ~w ~w~n", [M =:= maps:from_list(lists:reverse(maps:to_list(M))), M < M2, M == M2]),
    io:format("~w~n", [binary_to_term(term_to_binary(M)) =:= M]),
    io:format("~w~n", [lists:sort(maps:to_list(maps:merge(M, #{key_1 => a, new => b})))]),
    Small = maps:from_list([{K, 0} || K <- lists:sublist(Keys, 32)]),
    io:format("~w~n", [maps:keys(Small)]).
