%% {capture, all_names} returns the named groups in name order; with no named groups it
%% is `match`, like {capture, none}. Named captures by atom, string and binary; dupnames.
-module(re_capture_all_names).
-export([main/0]).

main() ->
    io:format("~p~n", [re:run("ab", "(a)(b)", [{capture, all_names}])]),
    io:format("~p~n", [re:run("ab", "(a)(b)", [{capture, all_names, binary}, global])]),
    io:format("~p~n", [re:run("ab", "(?<y>a)(?<x>b)", [{capture, all_names, list}])]),
    io:format("~p~n", [re:run("b", "(?<y>a)?(?<x>b)", [{capture, all_names, index}])]),
    io:format("~p~n", [re:run("2024-05-06", "(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)", [{capture, [d, "m", <<"y">>, 0, nope], list}])]),
    {ok, D} = re:compile("(?<n>a)|(?<n>b)|(?<k>c)", [dupnames]),
    io:format("~p~n", [re:inspect(D, namelist)]),
    io:format("~p~n", [[re:run(S, D, [{capture, all_names, binary}]) || S <- ["a", "b", "c"]]]),
    io:format("~p~n", [[re:run(S, D, [{capture, [n], index}]) || S <- ["a", "b", "c"]]]),
    io:format("~p~n", [e(fun() -> re:run("a", D, [{capture, [-1]}]) end)]),
    io:format("~p~n", [e(fun() -> re:run("a", D, [{capture, [[]]}]) end)]),
    io:format("~p~n", [e(fun() -> re:run("a", D, [{capture, all, atom}]) end)]),
    io:format("~p~n", [re:run("abc", "(a)(x)?(c)?", [{capture, all, index}])]),
    io:format("~p~n", [re:run("abc", "(a)(x)?", [{capture, all_but_first, binary}])]),
    io:format("~p~n", [re:run("abc", "(a)(x)?", [{capture, [2, 1, 9], binary}])]),
    io:format("~p~n", [re:run("abc", "b", [{capture, []}])]),
    io:format("~p~n", [re:inspect(element(2, re:compile("(?<zz>.)(?<aa>.)")), namelist)]),
    ok.

%% The error and the failing call's own frame (the frames below it are the runner's).
e(F) ->
    try F() catch C:R:S -> {C, R, hd(S)} end.
