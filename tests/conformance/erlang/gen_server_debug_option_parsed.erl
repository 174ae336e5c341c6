%% A gen_server whose start options are read from text at run time (erl_scan:string/1,
%% erl_parse:parse_term/1): the debug option {log_to_file, File} comes from the text, and
%% the program never names its key as an atom. The server still logs its events to the
%% file. The file's name is random so parallel runs do not meet; it is never printed, nor
%% are the pids the log holds.
-module(gen_server_debug_option_parsed).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

init(N) -> {ok, N}.
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast({add, K}, N) -> {noreply, N + K}.

main() ->
    File = filename:join("/tmp", "bw_parsed_" ++ integer_to_list(rand:uniform(1 bsl 40))),
    Text = "[{debug, [{" ++ "log" ++ "_to_" ++ "file, \"" ++ File ++ "\"}]}].",
    {ok, Tokens, _} = erl_scan:string(Text),
    {ok, Opts} = erl_parse:parse_term(Tokens),
    {ok, Pid} = gen_server:start(?MODULE, 1, Opts),
    gen_server:cast(Pid, {add, 3}),
    io:format("get: ~p~n", [gen_server:call(Pid, get)]),
    io:format("no_debug: ~p~n", [sys:no_debug(Pid)]),
    {ok, Bin} = file:read_file(File),
    Lines = binary:split(Bin, <<"\n">>, [global, trim]),
    io:format("lines: ~p~n", [length(Lines)]),
    io:format("all *DBG*: ~p~n", [lists:all(fun(L) -> binary:part(L, 0, 5) =:= <<"*DBG*">> end, Lines)]),
    io:format("delete: ~p~n", [file:delete(File)]),
    gen_server:stop(Pid).
