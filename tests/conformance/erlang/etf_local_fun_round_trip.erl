%% known: term_to_binary/binary_to_term of local funs (NEW_FUN_EXT) are badarg: a fun does not record its creator pid, and decoding needs the program's fun table
-module(etf_local_fun_round_trip).
-export([main/0]).

main() ->
    N = 41,
    F = fun(X) -> X + N end,
    B = term_to_binary(F),
    G = binary_to_term(B),
    io:format("~w ~w ~w~n", [G(1), G =:= F, erlang:fun_info(G, arity)]).
