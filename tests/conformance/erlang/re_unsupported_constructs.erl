%% PCRE constructs beamwasm's engine does not implement: recursion, conditionals, branch
%% reset, \K and \X compile to an error instead of a pattern.
%% known: recursion, conditional groups, branch reset, \K and \X are not implemented (LIMITATIONS.md, Regular expressions)
-module(re_unsupported_constructs).
-export([main/0]).

main() ->
    Cases = [{"\\((?:[^()]|(?R))*\\)", "(a(b)c)"}, {"(a)?(?(1)b|c)", "ab"},
             {"(?|(a)|(b))", "b"}, {"foo\\Kbar", "foobar"}, {"\\X", "e"}],
    [io:format("~p~n", [re:run(S, P, [{capture, all, list}])]) || {P, S} <- Cases],
    ok.
