%% An uncaught exit with a non-normal reason ends the program with status 1.
-module(uncaught_exit_erl).
-export([main/0]).

main() ->
    io:format("exiting abnormally~n"),
    exit(abnormal_reason).
