%% atomics and counters: signed and unsigned arrays, wrap-around at 64 bits, exchange and
%% compare_exchange, info maps, and the errors of bad indexes, values and options.
-module(atomics_counters_erl).
-export([main/0]).

err(F) -> try F() catch C:R -> {C, R} end.

main() ->
    A = atomics:new(3, []),
    io:format("~p ~p~n", [is_reference(A), atomics:info(A)]),
    ok = atomics:put(A, 1, 9223372036854775807),
    io:format("wrap ~p~n", [atomics:add_get(A, 1, 1)]),
    io:format("~p ~p~n", [atomics:sub_get(A, 2, 5), atomics:get(A, 2)]),
    io:format("~p ~p ~p~n", [atomics:compare_exchange(A, 3, 0, 7), atomics:compare_exchange(A, 3, 0, 8),
                             atomics:exchange(A, 3, 9)]),
    io:format("~p~n", [[atomics:get(A, I) || I <- [1, 2, 3]]]),
    U = atomics:new(2, [{signed, false}]),
    io:format("~p~n", [atomics:info(U)]),
    ok = atomics:put(U, 1, 18446744073709551615),
    io:format("~p ~p~n", [atomics:get(U, 1), atomics:add_get(U, 1, 1)]),
    ok = atomics:add(U, 2, -1),
    io:format("~p~n", [atomics:get(U, 2)]),
    io:format("~p~n", [[err(fun() -> atomics:get(A, 4) end), err(fun() -> atomics:get(A, 0) end),
                        err(fun() -> atomics:put(U, 1, -1) end), err(fun() -> atomics:new(0, []) end),
                        err(fun() -> atomics:new(1, [bad]) end), err(fun() -> atomics:get(make_ref(), 1) end),
                        err(fun() -> atomics:put(A, 1, 1 bsl 64) end)]]),
    C = counters:new(4, [write_concurrency]),
    ok = counters:add(C, 1, 5),
    ok = counters:sub(C, 1, 2),
    ok = counters:put(C, 2, -7),
    io:format("~p ~p ~p~n", [counters:get(C, 1), counters:get(C, 2), counters:info(C)]),
    D = counters:new(2, []),
    ok = counters:add(D, 2, 10),
    io:format("~p ~p~n", [counters:get(D, 2), counters:info(D)]),
    io:format("~p~n", [[err(fun() -> counters:get(D, 3) end), err(fun() -> counters:new(1, [bad]) end)]]).
