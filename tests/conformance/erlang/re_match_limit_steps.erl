%% match_limit counts PCRE's internal match() calls; a subject that PCRE's start-up
%% optimisations reject at once (a required character is absent) never reaches the limit.
%% known: match_limit counts the engine's own steps and required-character rejection is not done (LIMITATIONS.md, Regular expressions)
-module(re_match_limit_steps).
-export([main/0]).

main() ->
    io:format("~p~n", [re:run("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "(a+)+c", [{match_limit, 1000}, report_errors])]),
    ok.
