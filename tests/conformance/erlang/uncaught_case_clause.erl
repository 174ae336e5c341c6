%% An uncaught case_clause error in a helper ends the program with status 1.
-module(uncaught_case_clause).
-export([main/0]).

pick(X) ->
    case X of
        a -> 1;
        b -> 2
    end.

main() ->
    io:format("~p~n", [pick(a)]),
    io:format("~p~n", [pick(b)]),
    io:format("~p~n", [pick(list_to_atom("c"))]).
