%% known: maps of more than 32 atom keys iterate in another order than the VM's, whose internal hash of an atom depends on its index in the atom table (we hash the atom's name)
-module(map_large_atom_keys_order).
-export([main/0]).

main() ->
    M = maps:from_list([{list_to_atom("key_" ++ integer_to_list(I)), I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [maps:keys(M)]).
