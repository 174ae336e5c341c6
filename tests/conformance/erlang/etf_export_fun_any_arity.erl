%% known: binary_to_term of `fun M:F/A` builds the fun only for an arity some dynamic call of the program uses (the compiler makes one trampoline per such arity); others are badarg
%% EXPORT_EXT decodes any arity 0..255 on the VM, whether or not M:F/A exists.
-module(etf_export_fun_any_arity).
-export([main/0]).

main() ->
    B = <<131, 113, 100, 0, 4, "maps", 100, 0, 3, "get", 97, 86>>,
    F = binary_to_term(B),
    io:format("~w ~w~n", [erlang:fun_info(F, arity), term_to_binary(F) =:= B]).
