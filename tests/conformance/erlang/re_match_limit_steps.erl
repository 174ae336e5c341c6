%% match_limit counts PCRE's internal match() calls; a subject that PCRE's start-up
%% optimisations reject at once (a required character is absent) never reaches the limit.
-module(re_match_limit_steps).
-export([main/0]).

main() ->
    io:format("~p~n", [re:run("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "(a+)+c", [{match_limit, 1000}, report_errors])]),
    ok.
