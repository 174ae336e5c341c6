%% Stand-ins for the system processes that standard-library code talks to by name on the
%% VM: `init` (command-line arguments, status, stopping), `code_server` (code loading)
%% and `application_controller` (the application environment, loading and starting).
%% A program is compiled whole, so every module it has is loaded and no other can be; the
%% answers follow from that. A request these servers do not know exits the caller with
%% {beamwasm_unsupported, {Server, Request}} rather than answering something wrong.
-module(beamwasm_services).
-export([start/1, code_server/0, application_controller/1, start_file_server/0]).

%% Starts both servers; `Args` are the program's arguments (binaries).
%% The file server (file_server_2), as the kernel starts it (file_server:start_link/0
%% without a master node). The linker keeps this function, and so the server's code, only
%% when the program asks the file server anything (link.rs, SERVICE_ROOTS); the boot
%% starts it when it is there. Nothing supervises it, so it is not linked to its starter.
start_file_server() ->
    {ok, Pid} = gen_server:start_link({local, file_server_2}, file_server, [], []),
    true = unlink(Pid),
    ok.

start(Args) ->
    Boot = self(),
    register(init, spawn(fun() -> erlang:monitor(process, Boot), init_server(Args) end)),
    register(code_server, spawn(?MODULE, code_server, [])),
    ok.

%% init:request/1 sends {From, Request} and waits for {init, Reply}.
init_server(Args) ->
    receive
        {From, Request} when is_pid(From) ->
            case init_request(Request, Args) of
                {reply, Reply} -> From ! {init, Reply};
                unsupported -> exit(From, {beamwasm_unsupported, {init, Request}})
            end;
        {stop, How} ->
            stop(How);
        %% The boot process ends the program itself however its entry function ends, so
        %% it can only be gone if an exit signal killed it (a linked process died, say).
        %% `elixir -e` then reports the exit as coming from the process that ran the
        %% program (`** (EXIT from #PID<...>) Reason`) and stops with status 1; so does this.
        {'DOWN', _, process, Boot, Reason} ->
            beamwasm_boot:report({'EXIT', Boot}, Reason, []),
            erlang:halt(1);
        _ ->
            ok
    end,
    init_server(Args).

%% The program was started with no emulator flags, so there are no flag arguments.
init_request(get_arguments, _) -> {reply, []};
init_request({get_argument, _}, _) -> {reply, error};
init_request(get_plain_arguments, Args) -> {reply, Args};
init_request(get_status, _) -> {reply, {started, started}};
init_request(_, _) -> unsupported.

stop(stop) -> erlang:halt(0);
stop({stop, Status}) -> erlang:halt(Status);
stop(_) -> erlang:halt(0).

%% code_server:call/1 sends {code_call, From, Request} and waits for {code_server, Reply}.
code_server() ->
    receive
        {code_call, From, Request} ->
            case code_request(Request) of
                {reply, Reply} -> From ! {code_server, Reply};
                unsupported -> exit(From, {beamwasm_unsupported, {code_server, Request}})
            end;
        _ ->
            ok
    end,
    code_server().

code_request({ensure_loaded, M}) -> {reply, loaded(M)};
code_request({load_file, M}) -> {reply, loaded(M)};
code_request({is_loaded, M}) ->
    {reply, case erlang:module_loaded(M) of true -> {file, preloaded}; false -> false end};
code_request({get_object_code, _}) -> {reply, error};
code_request(get_path) -> {reply, []};
code_request({finish_loading, Prepared, _}) ->
    {reply, case [{M, nofile} || {M, _} <- Prepared] of [] -> ok; Errors -> {error, Errors} end};
code_request(_) -> unsupported.

loaded(M) ->
    case erlang:module_loaded(M) of
        true -> {module, M};
        false -> {error, nofile}
    end.

%% application_controller's requests are gen_server calls: {'$gen_call', From, Request}.
%% `Started` are the applications `elixir` starts, which are all the applications there
%% are: a program is compiled whole, with no .app files to load at run time, so loading or
%% starting any other application fails as it does on the VM for a missing .app file.
%% The environment lives in ac_tab (beamwasm_boot), where application:get_env/2 reads it.
application_controller(Started) ->
    receive
        {'$gen_call', From, Request} ->
            case app_request(Request, Started) of
                {reply, Reply} -> gen_reply(From, Reply);
                unsupported ->
                    {Pid, _} = From,
                    exit(Pid, {beamwasm_unsupported, {application_controller, Request}})
            end;
        _ ->
            ok
    end,
    application_controller(Started).

app_request({set_env, App, Key, Val, _Opts}, _) ->
    ets:insert(ac_tab, {{env, App, Key}, Val}),
    {reply, ok};
app_request({set_env, Config, _Opts}, _) ->
    _ = [ets:insert(ac_tab, {{env, App, K}, V}) || {App, Env} <- Config, {K, V} <- Env],
    {reply, ok};
app_request({unset_env, App, Key, _Opts}, _) ->
    ets:delete(ac_tab, {env, App, Key}),
    {reply, ok};
app_request({is_running, App}, Started) ->
    {reply, lists:member(App, Started)};
app_request(which_applications, Started) ->
    {reply, [{Name, Descr, Vsn}
             || Name <- lists:reverse(Started),
                [{_, {appl, _, _, Descr, _, Vsn, _, _, _, _}}] <- [ets:lookup(ac_tab, {loaded, Name})]]};
app_request({load_application, App}, Started) when is_atom(App) ->
    {reply, if_started(App, Started, {error, {already_loaded, App}}, no_app_file(App))};
app_request({start_application, App, _Type}, Started) ->
    {reply, if_started(App, Started, {error, {already_started, App}}, no_app_file(App))};
app_request({stop_application, App}, Started) ->
    case lists:member(App, Started) of
        true -> unsupported;
        false -> {reply, {error, {not_started, App}}}
    end;
app_request({unload_application, App}, Started) ->
    {reply, if_started(App, Started, {error, {running, App}}, {error, {not_loaded, App}})};
app_request(_, _) ->
    unsupported.

if_started(App, Started, Yes, No) ->
    case lists:member(App, Started) of
        true -> Yes;
        false -> No
    end.

no_app_file(App) ->
    {error, {"no such file or directory", atom_to_list(App) ++ ".app"}}.

%% gen:reply/2: the reply goes to the caller's alias when the tag carries one.
gen_reply({_, [alias | Alias] = Tag}, Reply) -> Alias ! {Tag, Reply}, ok;
gen_reply({_, [[alias | Alias] | _] = Tag}, Reply) -> Alias ! {Tag, Reply}, ok;
gen_reply({To, Tag}, Reply) -> To ! {Tag, Reply}, ok.
