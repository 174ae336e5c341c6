%% element/setelement/tuple_size/append_element/make_tuple/erlang:delete_element/insert_element.
-module(tuple_element_setelement).
-export([main/0]).

id(X) -> X.

%% Only the reason: a caught error's stack trace would include the oracle's own launcher frames.
reason(F) ->
    try F() catch Class:R -> {Class, R} end.

main() ->
    T = {a, b, c, d},
    io:format("~w ~w ~w~n", [element(1, T), element(4, T), tuple_size(T)]),
    io:format("~w~n", [setelement(2, T, bb)]),
    io:format("~w~n", [erlang:append_element(T, e)]),
    io:format("~w~n", [erlang:make_tuple(4, z)]),
    io:format("~w~n", [erlang:make_tuple(5, 0, [{1, first}, {5, last}])]),
    io:format("~w~n", [erlang:delete_element(1, T)]),
    io:format("~w~n", [erlang:insert_element(3, T, new)]),
    io:format("~w~n", [tuple_to_list(T)]),
    io:format("~w~n", [list_to_tuple(lists:seq(1, 5))]),
    io:format("~w~n", [reason(fun() -> element(id(0), T) end)]),
    io:format("~w~n", [reason(fun() -> setelement(id(9), T, x) end)]),
    Big = list_to_tuple(lists:seq(1, 100000)),
    io:format("~w ~w~n", [tuple_size(Big), element(77777, Big)]).
