%% erlang:halt(N) exits immediately with status N, after the output so far.
-module(halt_status_erl).
-export([main/0]).

main() ->
    io:format("before halt~n"),
    erlang:halt(7).
