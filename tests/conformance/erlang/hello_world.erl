%% Prints a line with io:format and returns normally.
-module(hello_world).
-export([main/0]).

main() ->
    io:format("Hello, ~s!~n", ["world"]).
