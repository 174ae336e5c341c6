%% The first process of every program. It starts the system services and the I/O
%% servers, runs the program's entry function with the command-line arguments, and ends
%% the program as
%% `elixir -e 'Module.function()'` does: status 0 when the function returns; the error
%% report on standard error and status 1 when it raises, exits or throws.
-module(beamwasm_boot).
-export([start/1, report/3]).

start(beamwasm_host) ->
    host_loop();
start(Args) ->
    ok = beamwasm_services:start(Args),
    init_features(),
    Out = beamwasm_io:start(),
    erlang:group_leader(Out, self()),
    try beamwasm_rt:env_init() catch error:{unwired_host_effect, _} -> ok end,
    applications(boot),
    start_file_server(),
    start_logging(),
    applications(start_boot),
    elixir_config(Args),
    try beamwasm_rt:entry(Args) of
        _ -> stop(0)
    catch
        %% As `elixir -e`: exits with these reasons are clean shutdowns, without a report.
        exit:normal -> stop(0);
        exit:shutdown -> stop(0);
        exit:{shutdown, Status} when is_integer(Status), Status >= 0 -> stop(Status);
        exit:{shutdown, _} -> stop(0);
        Class:Reason:Stack ->
            report(Class, Reason, Stack),
            stop(1)
    end.

%% `elixir` stops its applications on the way out, and Logger's stop writes the events
%% still queued; flushing Logger does the same here.
stop(Status0) ->
    Status = at_exit(Status0),
    %% The name is made at run time: naming the module here would make the linker treat
    %% every program as one that uses Logger.
    Logger = runtime_atom("Elixir.Logger"),
    case whereis(Logger) of
        undefined -> ok;
        _ -> catch call("gen_event", "sync_notify", [Logger, flush])
    end,
    erlang:halt(Status).

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
            case ets:info(elixir_config, owner) of
                undefined ->
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
                                           {tracers, []} | URIs]);
                _ ->
                    %% The elixir application's start made the table (beamwasm_applications).
                    true = ets:insert(elixir_config, {argv, Args})
            end,
            ok;
        false ->
            ok
    end.

%% The application controller (beamwasm_applications) and the applications `elixir` has
%% started (boot: the controller and its table; start_boot: the applications' processes,
%% once the logger runs), when the program reaches it: the linker then keeps its boot function
%% (app_link.rs), called here by a name made at run time so that other programs do not
%% link it.
applications(Step) ->
    case beamwasm_rt:kept(runtime_atom("beamwasm_applications"), boot, 0) of
        true -> call("beamwasm_applications", atom_to_list(Step), []);
        false -> ok
    end.

%% What `elixir` does once the program's code has run: the functions given to
%% System.at_exit/1 run with the exit status, and may change it (beamwasm_elixir). Only a
%% program that can register one has them.
at_exit(Status) ->
    case beamwasm_rt:kept(runtime_atom("beamwasm_elixir"), at_exit, 1) of
        true -> call("beamwasm_elixir", "at_exit", [Status]);
        false -> Status
    end.

%% Logging as under `elixir`: kernel's logger server with its primary configuration from
%% the kernel environment, without the simple handler the server starts with; Elixir's
%% Logger application, started next with the others `elixir` starts (beamwasm_applications),
%% becomes its one handler, as it replaces kernel's default handler on the VM. Only a program that uses Elixir's Logger has these
%% modules: the linker adds the functions called here when it links `Elixir.Logger`
%% (CONDITIONAL_ROOTS in link.rs), and they are called by names made at run time so that
%% a program without them does not link them. A program that talks to the logger's server
%% (logger:set_primary_config/2, add_handler/3, ...) without Elixir's Logger gets the
%% server with no handler (app_link.rs keeps its start then); other programs get the
%% logger's table with no handler: OTP's own log events are dropped (docs/LIMITATIONS.md). A process of their
%% own holds the links, as the applications' masters do on the VM.
start_logging() ->
    Elixir = erlang:module_loaded(runtime_atom("Elixir.Logger.App")),
    case Elixir orelse beamwasm_rt:kept(runtime_atom("logger_server"), start_link, 0) of
        true ->
            Boot = self(),
            {Pid, Ref} = spawn_monitor(fun() -> logging(Boot) end),
            receive
                {Pid, logging_started} ->
                    erlang:demonitor(Ref, [flush]),
                    ok;
                {'DOWN', Ref, process, Pid, Reason} ->
                    %% The program still runs, without logging; say why.
                    Text = io_lib:format("beamwasm: the logger did not start: ~p~n", [Reason]),
                    beamwasm_rt:write(2, unicode:characters_to_binary(Text)),
                    logger_table()
            end;
        false ->
            logger_table()
    end.

%% The file server, when the program asks it anything (beamwasm_services).
start_file_server() ->
    case erlang:module_loaded(runtime_atom("file_server")) of
        true -> ok = call("beamwasm_services", "start_file_server", []);
        false -> ok
    end.

logging(Boot) ->
    process_flag(trap_exit, true),
    {ok, _} = call("logger_server", "start_link", []),
    ok = call("logger", "internal_init_logger", []),
    ok = call("logger", "remove_handler", [simple]),
    Boot ! {self(), logging_started},
    logging_loop().

logging_loop() ->
    receive _ -> logging_loop() end.

call(M, F, A) ->
    erlang:apply(runtime_atom(M), runtime_atom(F), A).

%% An atom the compiler cannot see: erlc folds list_to_atom/1 of a literal into the atom,
%% which the linker would then count as named.
runtime_atom(Name) ->
    list_to_atom(lists:concat([Name])).

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

%% As `elixir`'s Kernel.CLI.format_error/3: the banner, a newline, and the stack trace
%% (which formats [] as a newline of its own).
report(Class, Reason, Stack) ->
    Text = try ['Elixir.Exception':format_banner(Class, Reason, Stack), $\n,
                'Elixir.Exception':format_stacktrace(Stack)]
           catch _:_ -> io_lib:format("** (~p) ~p~n", [Class, Reason])
           end,
    beamwasm_rt:write(2, unicode:characters_to_binary(Text)).
