%% A gen_server started with the debug option {log_to_file, File} logs its events to the
%% file (sys:debug_options/2 opens it), and sys:log_to_file(Pid, false) closes it. The
%% program names the option's key itself. The file's name is random so parallel runs do
%% not meet; it is never printed, nor are the pids the log holds.
-module(gen_server_debug_log_to_file).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

init(N) -> {ok, N}.
handle_call(get, _From, N) -> {reply, N, N};
handle_call({add, K}, _From, N) -> {reply, ok, N + K}.
handle_cast(_, N) -> {noreply, N}.

main() ->
    File = filename:join("/tmp", "bw_dbg_" ++ integer_to_list(rand:uniform(1 bsl 40))),
    {ok, Pid} = gen_server:start(?MODULE, 1, [{debug, [{log_to_file, File}]}]),
    ok = gen_server:call(Pid, {add, 41}),
    io:format("get: ~p~n", [gen_server:call(Pid, get)]),
    io:format("close: ~p~n", [sys:log_to_file(Pid, false)]),
    {ok, Bin} = file:read_file(File),
    Lines = binary:split(Bin, <<"\n">>, [global, trim]),
    io:format("lines: ~p~n", [length(Lines)]),
    io:format("all *DBG*: ~p~n", [lists:all(fun(L) -> binary:part(L, 0, 5) =:= <<"*DBG*">> end, Lines)]),
    io:format("delete: ~p~n", [file:delete(File)]),
    gen_server:stop(Pid).
