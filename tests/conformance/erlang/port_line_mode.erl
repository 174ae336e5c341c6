%% {line, L} ports deliver each line without its newline as {eol, Line}, and a line longer
%% than L in pieces {noeol, Piece} before its {eol, Rest}; as lists or, with binary, as
%% binaries. {packet, N} frames what goes to the child and what comes back.
-module(port_line_mode).
-export([main/0]).

lines(Port, Acc) ->
    receive
        {Port, {data, D}} -> lines(Port, [D | Acc]);
        {Port, {exit_status, N}} -> {lists:reverse(Acc), N}
    after 5000 -> timeout
    end.

main() ->
    P1 = open_port({spawn, "printf 'one\\ntwo\\n\\nthree is long\\n'"}, [{line, 5}, exit_status]),
    io:format("~p~n", [lines(P1, [])]),
    P2 = open_port({spawn_executable, "/usr/bin/printf"},
                   [{args, ["x\\nyy\\nzzzz\\n"]}, binary, {line, 2}, exit_status]),
    io:format("~p~n", [lines(P2, [])]),
    P3 = open_port({spawn, "cat"}, [{packet, 2}, binary]),
    port_command(P3, <<"framed">>),
    port_command(P3, [<<"in ">>, "two"]),
    io:format("~p~n", [[receive {P3, M} -> M after 5000 -> timeout end || _ <- [1, 2]]]),
    port_close(P3),
    P4 = open_port({spawn, "cat"}, [{line, 80}]),
    port_command(P4, "echoed line\nsecond\n"),
    io:format("~p~n", [[receive {P4, M} -> M after 5000 -> timeout end || _ <- [1, 2]]]),
    port_close(P4),
    ok.
