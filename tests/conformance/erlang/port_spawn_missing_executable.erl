%% open_port/2's errors: a missing executable is error:enoent, a file without an execute
%% bit error:eacces; a directory, or an executable file of no known format, opens a port
%% whose child exits at once with the error number (EACCES 13, ENOEXEC 8) as its status;
%% unknown options and malformed names are badarg, {args, _} only with spawn_executable.
%% erlang:open_port/2 raises them with its arguments.
-module(port_spawn_missing_executable).
-export([main/0]).

try_open(Name, Opts) ->
    try open_port(Name, Opts) of
        P when is_port(P) ->
            receive {P, {exit_status, N}} -> {opened, exit_status, N} after 5000 -> {opened, timeout} end
    catch
        Class:Reason:Stack ->
            [{erlang, open_port, Args, _} | _] = Stack,
            {Class, Reason, Args =:= [Name, Opts]}
    end.

main() ->
    Dir = filename:join("/tmp", "beamwasm_port_errors_" ++ os:getpid()),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    Plain = filename:join(Dir, "plain"),
    ok = file:write_file(Plain, <<0, 1, 2, 3>>),
    Garbage = filename:join(Dir, "garbage"),
    ok = file:write_file(Garbage, <<0, 1, 2, 3>>),
    ok = file:change_mode(Garbage, 8#755),
    io:format("~p~n", [try_open({spawn_executable, "/nonexistent/program"}, [exit_status])]),
    io:format("~p~n", [try_open({spawn_executable, Plain}, [exit_status])]),
    io:format("~p~n", [try_open({spawn_executable, Garbage}, [exit_status])]),
    io:format("~p~n", [try_open({spawn_executable, Dir}, [exit_status])]),
    io:format("~p~n", [try_open({spawn_executable, "/bin/true"}, [exit_status])]),
    io:format("~p~n", [try_open({spawn_executable, "true"}, [exit_status, {cd, "/bin"}])]),
    [ok = file:delete(F) || F <- [Plain, Garbage]],
    ok = file:del_dir(Dir),
    io:format("~p~n", [try_open({spawn, "true"}, [bogus_option])]),
    io:format("~p~n", [try_open({spawn, "true"}, [{args, ["x"]}])]),
    io:format("~p~n", [try_open({spawn, "true"}, [{packet, 3}])]),
    io:format("~p~n", [try_open({spawn, "true"}, [{line, 0}])]),
    io:format("~p~n", [try_open({unknown, "true"}, [])]),
    io:format("~p~n", [try_open({spawn, "true"}, not_a_list)]),
    ok.
