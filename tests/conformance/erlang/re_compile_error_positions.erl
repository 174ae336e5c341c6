%% Patterns PCRE refuses: re:compile/2 returns {error, {Message, Offset}}, and re:run/3
%% raises badarg, or returns {error, {compile, {Message, Offset}}} with report_errors.
-module(re_compile_error_positions).
-export([main/0]).

main() ->
    Bad = [{"{3}", []}, {"a{3}{4", []}, {"\\x{3c9}", []}, {"[\\N]", []}, {"(", []},
           {"a)", []}, {"[a", []}, {"(?<n>a)(?<n>b)", []}, {"(?<=a+)b", []}, {"a{2,1}", []},
           {"\\", []}, {"(?P<1a>x)", []}, {"[z-a]", []}, {"\\p{Foo}", [unicode]},
           {"(?<n", []}, {"x{99999}", []}, {"(*FOO)", []}, {"\\c", []}, {"[[:foo:]]", []},
           {"(?(1)a|b|c)", []}, {"\\g", []}, {"(?z)", []}, {"\\8", []}, {"\\k<x>", []},
           {<<"a", 255, "b">>, [unicode]}, {"(?(DEFINE)a|b)", []}, {"\\ddd\\", []}],
    [io:format("~w~n", [re:compile(P, O)]) || {P, O} <- Bad],
    io:format("~w~n", [e(fun() -> re:run("x", "(") end)]),
    io:format("~w~n", [re:run("x", "(", [report_errors])]),
    io:format("~w~n", [re:run("x", "a{2,1}", [report_errors, unicode])]),
    io:format("~w~n", [element(1, re:compile(lists:duplicate(798, $() ++ lists:duplicate(798, $))))]),
    io:format("~w~n", [re:compile(lists:duplicate(799, $() ++ lists:duplicate(799, $)))]),
    ok.

%% The error and the failing call's own frame (the frames below it are the runner's).
e(F) ->
    try F() catch C:R:S -> {C, R, hd(S)} end.
