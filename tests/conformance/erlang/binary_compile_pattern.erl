%% binary:compile_pattern/1 and the functions that take a compiled pattern: the pattern is
%% {bm, Ref} for one binary and {ac, Ref} for several (the VM's magic references; only
%% their shape is printed), and it finds what the plain pattern finds.
-module(binary_compile_pattern).
-export([main/0]).

main() ->
    Subject = <<"the cat sat on the mat with the hat">>,
    Patterns = [<<"at">>, [<<"at">>], [<<"the">>, <<"at">>], [<<"a">>, <<"at">>, <<"hat">>], <<"zz">>, [<<"t">>, <<"th">>]],
    lists:foreach(fun(P) ->
        C = binary:compile_pattern(P),
        io:format("~w ~w~n", [element(1, C), is_reference(element(2, C))]),
        io:format("~p~n~p~n", [binary:match(Subject, C), binary:matches(Subject, C)]),
        io:format("~p~n", [binary:matches(Subject, C) =:= binary:matches(Subject, P)]),
        io:format("~p~n", [binary:split(Subject, C, [global])]),
        io:format("~p~n", [binary:replace(Subject, C, <<"_">>, [global])]),
        io:format("~p~n", [binary:match(Subject, C, [{scope, {10, 15}}])]),
        io:format("~p~n", [tc(fun() -> binary:match(Subject, {element(1, C), make_ref()}) end)])
    end, Patterns),
    io:format("~p~n", [[tc(fun() -> binary:compile_pattern(B) end) || B <- [<<>>, [], [<<"a">>, <<>>], x, [<<"a">> | b], binary:compile_pattern(<<"a">>)]]]).

tc(F) ->
    try F(), ok catch C:R -> {C, R} end.
