%% Atom conversions and how ~p/~w quote atoms that need it.
-module(atom_functions).
-export([main/0]).

%% Only the reason: a caught error's stack trace would include the oracle's own launcher frames.
reason(F) ->
    try F() catch error:R -> {error, R} end.

main() ->
    As = [ok, 'Hello', 'with space', 'quote\'s', '', 'é', '日本', [] =:= [], '+', 'a.b', a@b, 'A@B', '_x', 'else'],
    [io:format("~tp ~tw ~ts ~w~n", [A, A, atom_to_list(A), atom_to_binary(A, utf8)]) || A <- As],
    io:format("~p~n", [list_to_atom("new_atom")]),
    io:format("~p~n", [binary_to_atom(<<"bin_atom">>, latin1)]),
    io:format("~p~n", [list_to_existing_atom("ok")]),
    io:format("~p~n", [reason(fun() -> list_to_existing_atom("surely_no_such_atom_qqq") end)]),
    io:format("~p~n", [lists:sort([b, 'B', a, 'Z', aa])]).
