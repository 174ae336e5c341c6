%% sys:log_to_file(Pid, File) sends a running gen_server the debug command that opens File
%% (sys:debug_cmd/2), and sys:log_to_file(Pid, false) closes it. The program calls
%% sys:log_to_file/2 but never names the command's key itself. The file's name is random
%% so parallel runs do not meet; it is never printed, nor are the pids the log holds.
-module(sys_log_to_file_from_sys).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

init(N) -> {ok, N}.
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast({add, K}, N) -> {noreply, N + K}.

main() ->
    File = filename:join("/tmp", "bw_sys_" ++ integer_to_list(rand:uniform(1 bsl 40))),
    {ok, Pid} = gen_server:start(?MODULE, 1, []),
    io:format("open: ~p~n", [sys:log_to_file(Pid, File)]),
    gen_server:cast(Pid, {add, 2}),
    io:format("get: ~p~n", [gen_server:call(Pid, get)]),
    io:format("close: ~p~n", [sys:log_to_file(Pid, false)]),
    {ok, Bin} = file:read_file(File),
    Lines = binary:split(Bin, <<"\n">>, [global, trim]),
    io:format("lines: ~p~n", [length(Lines)]),
    io:format("all *DBG*: ~p~n", [lists:all(fun(L) -> binary:part(L, 0, 5) =:= <<"*DBG*">> end, Lines)]),
    io:format("delete: ~p~n", [file:delete(File)]),
    gen_server:stop(Pid).
