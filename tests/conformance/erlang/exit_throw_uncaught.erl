%% After printing, an uncaught throw from main ends the program with status 1.
-module(exit_throw_uncaught).
-export([main/0]).

main() ->
    io:format("about to throw~n"),
    throw({unhandled, [1, 2, 3]}).
