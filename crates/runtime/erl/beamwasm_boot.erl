%% The first process of every program. It starts the system services and the I/O
%% servers, runs the program's entry function with the command-line arguments, and ends
%% the program as
%% `elixir -e 'Module.function()'` does: status 0 when the function returns; the error
%% report on standard error and status 1 when it raises, exits or throws.
-module(beamwasm_boot).
-export([start/1]).

start(beamwasm_host) ->
    host_loop();
start(Args) ->
    ok = beamwasm_services:start(Args),
    init_features(),
    logger_table(),
    Out = beamwasm_io:start(),
    erlang:group_leader(Out, self()),
    try beamwasm_rt:env_init() catch error:{unwired_host_effect, _} -> ok end,
    elixir_config(Args),
    application_table(),
    try beamwasm_rt:entry(Args) of
        _ -> erlang:halt(0)
    catch
        %% As `elixir -e`: exits with these reasons are clean shutdowns, without a report.
        exit:normal -> erlang:halt(0);
        exit:shutdown -> erlang:halt(0);
        exit:{shutdown, Status} when is_integer(Status), Status >= 0 -> erlang:halt(Status);
        exit:{shutdown, _} -> erlang:halt(0);
        Class:Reason:Stack ->
            report(Class, Reason, Stack),
            erlang:halt(1)
    end.

%% The process that stands for the host in the calls it makes (bw_call, docs/ABI.md §6);
%% the runtime starts it as start(beamwasm_host) on the first call. It hands each reply,
%% or the exit of the called process, back to the host.
host_loop() ->
    receive
        {'DOWN', Ref, process, _, Reason} ->
            beamwasm_rt:host_reply(Ref, 1, Reason);
        {Ref, Reply} when is_reference(Ref) ->
            erlang:demonitor(Ref, [flush]),
            beamwasm_rt:host_reply(Ref, 0, Reply);
        _ ->
            ok
    end,
    host_loop().

%% What the `elixir` application's start puts in its configuration table, when the
%% program reaches the module that reads it (System.argv/0 and friends); `argv` holds
%% the program's arguments, as after `elixir -e Expr Args...`.
elixir_config(Args) ->
    case erlang:module_loaded(elixir_config) of
        true ->
            _ = ets:new(elixir_config, [named_table, public, {read_concurrency, true}]),
            URIs = [{{uri, <<"ftp">>}, 21}, {{uri, <<"sftp">>}, 22}, {{uri, <<"tftp">>}, 69},
                    {{uri, <<"http">>}, 80}, {{uri, <<"https">>}, 443}, {{uri, <<"ldap">>}, 389},
                    {{uri, <<"ws">>}, 80}, {{uri, <<"wss">>}, 443}],
            true = ets:insert_new(elixir_config,
                                  [{at_exit, []}, {argv, Args}, {no_halt, false}, {docs, true},
                                   {ignore_already_consolidated, false},
                                   {ignore_module_conflict, false}, {parser_options, []},
                                   {debug_info, true}, {warnings_as_errors, false},
                                   {relative_paths, true}, {no_warn_undefined, []},
                                   {tracers, []} | URIs]),
            ok;
        false ->
            ok
    end.

%% The application controller's table, which application:get_application/1 and
%% get_key/2 read. It lists no application yet (LIMITATIONS.md: a module of OTP or Elixir
%% is not known as part of its application), which is right for the program's own modules.
application_table() ->
    case erlang:module_loaded(application_controller) of
        true ->
            _ = ets:new(ac_tab, [set, public, named_table, {read_concurrency, true}]),
            ok;
        false ->
            ok
    end.

%% The logger's configuration table, with the default primary configuration and no
%% handler, when the program reaches the logger: log events (reports of OTP behaviours,
%% ...) are accepted and dropped instead of crashing the process that logs
%% (LIMITATIONS.md). This process lives as long as the program, so it owns the table.
logger_table() ->
    case erlang:module_loaded(logger_config) of
        true ->
            _ = ets:new(logger, [set, protected, named_table, {read_concurrency, true}]),
            true = ets:insert(logger, {'$primary_config$',
                                       #{level => notice, filter_default => log, filters => [],
                                         handlers => [], metadata => #{}}}),
            ok;
        false ->
            ok
    end.

%% What the VM's init does at boot through erl_features:init_features/0, without reading
%% the command line (no feature is enabled by default in OTP 25): the printer asks
%% erl_scan:reserved_word/1, which asks erl_features:keywords/0, whenever it quotes an atom.
init_features() ->
    persistent_term:put({erl_features, enabled_features}, []),
    persistent_term:put({erl_features, keywords}, []),
    persistent_term:put({erl_features, init_done}, true).

report(Class, Reason, Stack) ->
    Text = try 'Elixir.Exception':format(Class, Reason, Stack)
           catch _:_ -> io_lib:format("** (~p) ~p~n", [Class, Reason])
           end,
    beamwasm_rt:write(2, unicode:characters_to_binary(Text)).
