%% known: binary_to_term(_, [safe]) accepts `fun M:F/A` only when a module of the program exports it; the VM also accepts one that loaded code merely refers to (an export stub)
%% The module refers to `fun stubmod:stubfun/1` without that module existing.
-module(etf_safe_fun_export_stub).
-export([main/0]).

main() ->
    F = fun stubmod:stubfun/1,
    B = term_to_binary(F),
    io:format("~w~n", [B]),
    io:format("~w~n", [try binary_to_term(B, [safe]) =:= F catch C:R -> {C, R} end]).
