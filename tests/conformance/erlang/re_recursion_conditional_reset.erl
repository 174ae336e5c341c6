%% PCRE constructs beyond plain matching: recursion, conditional groups, branch reset,
%% \K and \X.
-module(re_recursion_conditional_reset).
-export([main/0]).

main() ->
    Cases = [{"\\((?:[^()]|(?R))*\\)", "(a(b)c)"}, {"(a)?(?(1)b|c)", "ab"},
             {"(?|(a)|(b))", "b"}, {"foo\\Kbar", "foobar"}, {"\\X", "e"}],
    [io:format("~p~n", [re:run(S, P, [{capture, all, list}])]) || {P, S} <- Cases],
    ok.
