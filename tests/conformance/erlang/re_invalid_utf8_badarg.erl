%% In unicode mode the subject must be valid UTF-8, and an offset must not fall inside a
%% character: the VM raises badarg. A list subject that is not chardata is badarg too.
-module(re_invalid_utf8_badarg).
-export([main/0]).

main() ->
    Subjects = [<<255>>, <<"ab", 16#c3>>, <<16#ed, 16#a0, 16#80>>, <<16#f4, 16#90, 16#80, 16#80>>,
                <<16#c0, 16#80>>, <<"ok"/utf8>>, <<"é"/utf8>>],
    [io:format("~w~n", [e(fun() -> re:run(S, ".", [unicode]) end)]) || S <- Subjects],
    io:format("~w~n", [e(fun() -> re:run(<<"é"/utf8>>, ".", [unicode, {offset, 1}]) end)]),
    io:format("~w~n", [e(fun() -> re:run(<<"éa"/utf8>>, ".", [unicode, {offset, 2}]) end)]),
    io:format("~w~n", [e(fun() -> re:run([233], ".", [unicode]) end)]),
    io:format("~w~n", [e(fun() -> re:run([16#110000], ".", [unicode]) end)]),
    io:format("~w~n", [e(fun() -> re:run(<<255>>, ".") end)]),
    io:format("~w~n", [e(fun() -> re:run(<<255>>, ".", [unicode, global]) end)]),
    io:format("~w~n", [e(fun() -> re:split(<<"a", 255>>, "", [unicode]) end)]),
    ok.

%% The error and the failing call's own frame (the frames below it are the runner's).
e(F) ->
    try F() catch C:R:S -> {C, R, hd(S)} end.
