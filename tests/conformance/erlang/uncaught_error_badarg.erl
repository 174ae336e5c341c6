%% An uncaught badarg error ends the program with status 1; output before it is kept.
-module(uncaught_error_badarg).
-export([main/0]).

id(X) -> X.

main() ->
    io:format("line one~n"),
    io:put_chars("line two\n"),
    io:format("~p~n", [list_to_atom(id(42))]).
