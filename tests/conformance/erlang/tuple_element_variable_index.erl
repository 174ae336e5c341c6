%% element/2 with a position known only at run time (as OTP's `array` and keysort read
%% tuples): every valid position of a tuple, and the badarg of each bad position or
%% non-tuple, with the erlang:element/2 frame on top of the stack trace.
-module(tuple_element_variable_index).
-export([main/0]).

id(X) -> X.

sum(_T, 0, Acc) -> Acc;
sum(T, I, Acc) -> sum(T, I - 1, Acc + element(I, T)).

top(N, T) ->
    try element(id(N), id(T)) of
        V -> {ok, V}
    catch error:R:St -> {R, hd(St)}
    end.

main() ->
    T = list_to_tuple(lists:seq(10, 200, 10)),
    io:format("~w~n", [sum(T, tuple_size(T), 0)]),
    io:format("~w~n", [[element(I, id({a, b, c})) || I <- [3, 2, 1]]]),
    [io:format("~w~n", [top(N, X)])
     || {N, X} <- [{1, {x}}, {0, {x}}, {-1, {x}}, {2, {x}}, {1 bsl 40, {x}}, {1 bsl 70, {x}},
                   {1.0, {x}}, {one, {x}}, {1, [x]}, {1, <<"x">>}, {1, {}}, {3, {a, b, c}}]],
    Big = list_to_tuple(lists:seq(1, 70000)),
    io:format("~w~n", [[element(id(I), Big) || I <- [1, 65536, 70000]]]),
    io:format("~w~n", [element(1, top(70001, Big))]).
