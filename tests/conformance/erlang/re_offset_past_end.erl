%% An offset past the end of the subject is an error PCRE reports and the VM does not
%% expect: it raises an internal error that no catch sees, and the process dies.
-module(re_offset_past_end).
-export([main/0]).

main() ->
    io:format("~p~n", [re:run("abc", "c", [{offset, 3}])]),
    io:format("~p~n", [re:run("abc", "", [{offset, 3}])]),
    io:format("~p~n", [catch re:run("abc", "a", [{offset, 4}])]),
    io:format("not reached~n").
