%% open_port({spawn_executable, File}, [{args, _}, exit_status, ...]) runs the file with
%% those arguments, no shell between: {Port, {data, D}} with its output, then
%% {Port, {exit_status, N}}, then the port closes ({'EXIT', Port, normal} to a trapping
%% owner). Also {arg0, _}, {env, _}, {cd, _}, binary mode, {spawn, Cmd} (sh -c "exec Cmd":
%% a missing command is status 127), writing to the child with port_command/2 and
%% Port ! {self(), {command, D}}, and port_info/2's name and os_pid.
-module(port_spawn_executable_args_exit_status).
-export([main/0]).

collect(Port, Acc) ->
    receive
        {Port, {data, D}} -> collect(Port, [Acc, D]);
        {Port, {exit_status, N}} ->
            receive {'EXIT', Port, R} -> {iolist_to_binary(Acc), N, R} after 5000 -> timeout end
    after 5000 -> timeout
    end.

run(Name, Opts) ->
    Port = open_port(Name, [exit_status | Opts]),
    collect(Port, []).

main() ->
    process_flag(trap_exit, true),
    io:format("~p~n", [run({spawn_executable, "/bin/echo"}, [{args, ["a", "b c", ""]}])]),
    io:format("~p~n", [run({spawn_executable, "/bin/sh"},
                           [{args, ["-c", "echo $0 $1 $2; exit 3", "zero", "one", "two"]}, binary])]),
    io:format("~p~n", [run({spawn_executable, "/bin/sh"},
                           [{args, ["-c", "echo $0"]}, {arg0, "custom-name"}])]),
    io:format("~p~n", [run({spawn, "echo $BEAMWASM_PORT_TEST $HOME_IS_SET"},
                           [{env, [{"BEAMWASM_PORT_TEST", "set"}, {"HOME_IS_SET", false}]}])]),
    io:format("~p~n", [run({spawn, "pwd"}, [{cd, "/"}])]),
    io:format("~p~n", [run({spawn, "no_such_command_beamwasm"}, [stderr_to_stdout])]),
    io:format("~p~n", [run({spawn, "kill -9 $$"}, [])]),
    Cat = open_port({spawn_executable, "/bin/cat"}, [binary, exit_status]),
    true = port_command(Cat, "to cat "),
    Cat ! {self(), {command, [<<"via">>, $\s, "message"]}},
    {name, Name} = erlang:port_info(Cat, name),
    {os_pid, OsPid} = erlang:port_info(Cat, os_pid),
    io:format("name ~p, os_pid is an integer: ~p~n", [Name, is_integer(OsPid)]),
    io:format("~p~n", [receive_bytes(Cat, 18, <<>>)]),
    true = port_close(Cat),
    ok.

receive_bytes(_, 0, Acc) -> Acc;
receive_bytes(Port, N, Acc) ->
    receive {Port, {data, D}} -> receive_bytes(Port, N - byte_size(D), <<Acc/binary, D/binary>>)
    after 5000 -> {timeout, Acc}
    end.
