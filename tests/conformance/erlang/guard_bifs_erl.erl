%% Every guard BIF in guards: type tests, arithmetic, sizes, element, hd/tl, map_get, is_map_key, bit ops.
-module(guard_bifs_erl).
-export([main/0]).

g(X) when is_atom(X), X =/= nil -> atom;
g(X) when is_integer(X), abs(X) > 100 -> big_integer;
g(X) when is_integer(X), X rem 2 =:= 0, X div 2 > 3 -> even_over_6;
g(X) when is_integer(X), X band 1 =:= 1 -> odd;
g(X) when is_float(X), trunc(X) =:= 2 -> trunc_2;
g(X) when is_float(X), round(X) =:= 4 -> round_4;
g(X) when is_float(X), float(3) == X -> three_point_oh;
g(X) when is_number(X) -> other_number;
g(X) when is_binary(X), byte_size(X) > 2 -> long_binary;
g(X) when is_bitstring(X), bit_size(X) < 8 -> short_bits;
g(X) when is_tuple(X), tuple_size(X) =:= 2, element(1, X) =:= ok -> ok_tuple;
g(X) when is_tuple(X), size(X) =:= 3 -> triple;
g(X) when is_list(X), length(X) > 2, hd(X) =:= 1 -> list_from_1;
g(X) when is_list(X), X =/= [], tl(X) =:= [] -> singleton;
g(X) when is_map(X), map_size(X) =:= 0 -> empty_map;
g(X) when is_map(X), is_map_key(k, X), map_get(k, X) > 0 -> positive_k;
g(X) when is_function(X, 2) -> fun2;
g(X) when is_pid(X); is_reference(X); is_port(X) -> process_thing;
g(X) when not is_list(X) -> not_a_list;
g(_) -> fallback.

main() ->
    Ins = [a, nil, -500, 8, 7, 2.5, 3.6, 3.0, 1.25, <<"abc">>, <<1:3>>, {ok, 1}, {1, 2, 3}, [1, 2, 3], [x], #{},
           #{k => 1}, #{k => 0}, fun(A, B) -> A + B end, self(), [], {}],
    [io:format("~w~n", [g(X)]) || X <- Ins],
    io:format("~w~n", [[T || T <- [1, a, "s", <<"b">>, 2.0], is_integer(T) orelse is_binary(T)]]),
    F = fun(X) when hd(X) > 0 -> yes; (_) -> no end,
    io:format("~w~n", [{F([1]), F(not_list), F([])}]).
