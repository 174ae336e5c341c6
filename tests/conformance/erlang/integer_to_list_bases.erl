%% integer_to_list/integer_to_binary in bases 2..36 and list_to_integer round trips.
-module(integer_to_list_bases).
-export([main/0]).

id(X) -> X.

%% Only the reason: a caught error's stack trace would include the oracle's own launcher frames.
reason(F) ->
    try F() catch Class:R -> {Class, R} end.

main() ->
    lists:foreach(fun(B) ->
        io:format("~2w ~s ~s ~s~n", [B, integer_to_list(1000000, B), integer_to_binary(-4095, B),
                                    integer_to_list(1 bsl 80, B)])
    end, lists:seq(2, 36)),
    io:format("~w~n", [list_to_integer("-zz", 36)]),
    io:format("~w~n", [binary_to_integer(<<"7fffffffffffffffffff">>, 16)]),
    io:format("~w~n", [list_to_integer("+42")]),
    io:format("~w~n", [reason(fun() -> list_to_integer(id("4 2")) end)]).
