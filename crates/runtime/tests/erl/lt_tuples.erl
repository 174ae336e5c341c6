%% Cases for tuple.wat: element/2, setelement/3, tuple_size/1, size/1, make_tuple/2,3,
%% append_element/2, insert_element/3, delete_element/2, is_record/2,3, list_to_tuple/1,
%% tuple_to_list/1 — every position kind (0, negatives, i31 edges, the VM's 60-bit small
%% edge, bignums, floats) against every argument kind.
-module(lt_tuples).
-export([cases/0]).

ints() -> [0, 1, 2, 3, 4, -1, 1 bsl 30, (1 bsl 30) - 1, -(1 bsl 30), 1 bsl 40, 1 bsl 59, (1 bsl 59) - 1,
           1 bsl 63, 1 bsl 70, -(1 bsl 70), 1.0, a, [], "x", {1}].
tuples() -> [{}, {a}, {a, b}, {a, b, c}, {1, {2}, [3]}, a, [a], <<"ab">>, <<1:3>>, 7].

cases() ->
    [{erlang, element, [N, T]} || N <- ints(), T <- tuples()] ++
    [{erlang, setelement, [N, T, x]} || N <- ints(), T <- tuples()] ++
    [{erlang, tuple_size, [T]} || T <- tuples()] ++
    [{erlang, size, [T]} || T <- tuples() ++ [<<>>, <<1, 2, 3:4>>, <<1:7>>]] ++
    [{erlang, make_tuple, [N, z]} || N <- ints()] ++
    [{erlang, make_tuple, [N, z, L]} || N <- [0, 1, 3, -1, a, 1 bsl 70],
        L <- [[], [{1, b}], [{1, b}, {3, c}, {1, d}], [{0, b}], [{4, b}], [{1, b} | c], [{1, b, c}], [x], a,
              [{1.0, b}], [{2, b}, {3, c}]]] ++
    [{erlang, append_element, [T, x]} || T <- tuples()] ++
    [{erlang, insert_element, [N, T, x]} || N <- ints(), T <- tuples()] ++
    [{erlang, delete_element, [N, T]} || N <- ints(), T <- tuples()] ++
    [{erlang, is_record, [T, Tag]} || T <- tuples() ++ [{x, y}, {x}], Tag <- [a, x, "a", 1]] ++
    [{erlang, is_record, [T, Tag, S]} || T <- tuples() ++ [{x, y}, {x}], Tag <- [a, x, "a"],
        S <- [0, 1, 2, -1, 1 bsl 59, (1 bsl 59) - 1, -(1 bsl 59), -(1 bsl 59) - 1, 1 bsl 70, 1.0, x]] ++
    [{erlang, list_to_tuple, [L]} || L <- [[], [a], [a, b, c], [a | b], a, "abc", lists:seq(1, 1000)]] ++
    [{erlang, tuple_to_list, [T]} || T <- tuples()] ++
    [{erlang, size, [erlang:make_tuple(16#ffffff, a)]},
     {erlang, make_tuple, [16#ffffff + 1, a]},
     {erlang, make_tuple, [16#ffffff + 1, a, []]}].
