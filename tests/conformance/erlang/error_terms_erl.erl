%% The error reasons the VM raises for common mistakes, caught and printed with ~p.
-module(error_terms_erl).
-export([main/0]).

id(X) -> X.
one(1) -> one.

reason(F) ->
    try F(), no_error catch Class:R -> {Class, R} end.

main() ->
    Cases = [
        fun() -> id(1) + id(a) end,
        fun() -> id(1) div id(0) end,
        fun() -> atom_to_list(id("x")) end,
        fun() -> {a} = id({b}) end,
        fun() -> case id(2) of 1 -> ok end end,
        fun() -> one(id(2)) end,
        fun() -> (id(no_such_module)):f() end,
        fun() -> (id(lists)):no_such_function() end,
        fun() -> (id(3))() end,
        fun() -> (id(fun() -> ok end))(1) end,
        fun() -> maps:get(k, id(#{})) end,
        fun() -> (id(#{}))#{k := 1} end,
        fun() -> maps:get(k, id(not_a_map)) end,
        fun() -> B = id(false), if B -> ok end end,
        fun() -> try id(2) of 1 -> ok catch _:_ -> caught end end,
        fun() -> hd(id([])) end,
        fun() -> element(9, id({})) end,
        fun() -> list_to_integer(id("x1")) end,
        fun() -> binary_to_atom(id(<<255>>), utf8) end,
        fun() -> erlang:error(id({custom, [1, 2]})) end,
        fun() -> throw(id(t)) end,
        fun() -> exit(id(e)) end,
        fun() -> math:log(id(0)) end,
        fun() -> math:sqrt(id(-1)) end,
        fun() -> float(id(1 bsl 2000)) end,
        fun() -> id(1.0e308) * id(10.0) end
    ],
    [io:format("~p~n", [reason(C)]) || C <- Cases].
