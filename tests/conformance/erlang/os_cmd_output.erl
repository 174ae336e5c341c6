%% os:cmd/1,2 runs the command through /bin/sh on a port ({spawn, "/bin/sh -s unix:cmd"},
%% the command written to it) and returns everything it printed: standard output and
%% standard error in the order written, several lines, output without a final newline,
%% UTF-8 as characters, max_size cutting the output, and the badarg of a bad command.
%% os:find_executable/1 searches PATH.
-module(os_cmd_output).
-export([main/0]).

main() ->
    io:format("~p~n", [os:cmd("echo hello")]),
    io:format("~p~n", [os:cmd("echo out; echo err >&2; echo out2")]),
    io:format("~p~n", [os:cmd("printf 'a\\nb'")]),
    io:format("~p~n", [os:cmd(['echo', " ", "nested", [" list"]])]),
    io:format("~p~n", [os:cmd(true)]),
    io:format("~p~n", [os:cmd("exit 3")]),
    io:format("~p~n", [os:cmd("printf '\\303\\251t\\303\\251'")]),
    io:format("~p~n", [os:cmd("printf '\\377'")]),
    io:format("~p~n", [os:cmd("echo 123456789", #{max_size => 4})]),
    io:format("~p~n", [os:cmd("cd /; pwd")]),
    io:format("~p~n", [os:cmd("echo one\necho two")]),
    io:format("~p~n", [catch os:cmd(123)]),
    io:format("~p~n", [catch os:cmd("echo x", [bad])]),
    io:format("~p~n", [is_list(os:find_executable("sh"))]),
    io:format("~p~n", [os:find_executable("no_such_program_here")]),
    io:format("~p~n", [os:find_executable("sh", "/bin")]),
    ok.
