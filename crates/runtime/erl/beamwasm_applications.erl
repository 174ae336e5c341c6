%% The application controller: a stand-in for OTP's application_controller, which reads
%% .app files through the code path and the boot loader and parses them at run time. A
%% program here is compiled whole: the compiler embeds the resource terms of the
%% applications it can load (beamwasm_rt:applications/0; docs/ARCHITECTURE.md,
%% *Applications*), and this server loads, starts and stops them as the VM's controller
%% does — the same #appl{} records in ac_tab, the same requests, replies and error terms,
%% OTP's own application_master for each started application with a start callback.
%% Distribution, permissions and configuration changes are not served: such a request
%% exits the caller with {beamwasm_unsupported, {application_controller, Request}}.
-module(beamwasm_applications).
-export([boot/0, start_boot/0, controller/1, init_starter/3]).

%% OTP 25's records (application_controller.erl, application_master.hrl).
-record(appl_data, {name, regs = [], phases, mod, mods = [], maxP = infinity, maxT = infinity}).
-record(appl, {name, appl_data, descr, id, vsn, restart_type, inc_apps, opt_apps, apps}).

-record(state, {starting = [], running = [], started = [], start_req = [], conf_data = []}).

%% The applications `elixir` has started before a program's first line runs, in start order.
-define(BOOT_APPS, [kernel, stdlib, compiler, elixir, logger]).

%% Creates ac_tab with the applications `elixir` starts loaded, and, when the program makes
%% requests to the controller (app_link.rs then keeps controller/1), starts the controller,
%% which owns the table. A program that only reads the table (application:get_env/2,
%% get_key/2, ...) has no controller process. Called by the boot process before the
%% program runs; start_boot/0 then starts those applications' processes (once the logger
%% is there, as kernel's start sets it up first).
boot() ->
    %% Named at run time, so that a program without requests does not link it.
    Controller = list_to_atom(lists:concat([controller])),
    case beamwasm_rt:kept(?MODULE, Controller, 1) of
        true ->
            Boot = self(),
            Pid = erlang:spawn(?MODULE, Controller, [Boot]),
            receive
                {Pid, booted} -> ok
            end;
        false ->
            _ = init_table(),
            ok
    end.

start_boot() ->
    case whereis(application_controller) of
        undefined -> ok;
        _ -> gen_server:call(application_controller, {beamwasm, start_boot}, infinity)
    end.

controller(Boot) ->
    register(application_controller, self()),
    process_flag(trap_exit, true),
    put('$ancestors', [Boot]),
    S = init_table(),
    Boot ! {self(), booted},
    loop(S).

init_table() ->
    _ = ets:new(ac_tab, [set, public, named_table, {read_concurrency, true}]),
    S = lists:foldl(fun(Name, S0) ->
                            case catch load(S0, Name) of
                                {ok, NewS} -> NewS;
                                _ -> S0
                            end
                    end, #state{}, ?BOOT_APPS),
    %% What the VM's boot adds to the kernel environment.
    ets:insert(ac_tab, [{{env, kernel, connect_all}, true},
                        {{env, kernel, logger},
                         [{handler, default, logger_std_h,
                           #{config => #{type => standard_io},
                             formatter => {logger_formatter,
                                           #{legacy_header => true,
                                             single_line => false}}}}]}]),
    S.

%% Starts one of the applications `elixir` starts. kernel's top supervisor is
%% beamwasm_kernel's, which starts the kernel services the program uses; elixir and logger
%% run their own start callbacks; each only when the program needs its processes (the
%% linker then keeps the callback: app_link.rs). One that cannot start is reported, and
%% the program runs without it.
boot_start(Name, S) ->
    case get_loaded(Name) of
        {true, #appl{appl_data = Data}} ->
            Mod = case Name of kernel -> beamwasm_kernel; _ -> element(1, mod_of(Data)) end,
            Id = case is_atom(Mod) andalso beamwasm_rt:kept(Mod, start, 2) of
                     true ->
                         case application_master:start_link(Data#appl_data{mod = {Mod, []}}, normal) of
                             {ok, Pid} ->
                                 Pid;
                             {error, Reason} ->
                                 Text = io_lib:format("beamwasm: the ~p application did not start: ~p~n", [Name, Reason]),
                                 beamwasm_rt:write(2, unicode:characters_to_binary(Text)),
                                 undefined
                         end;
                     false ->
                         undefined
                 end,
            S#state{running = [{Name, Id} | S#state.running],
                    started = [{Name, permanent} | S#state.started]};
        false ->
            S
    end.

mod_of(#appl_data{mod = {M, A}}) -> {M, A};
mod_of(_) -> {undefined, []}.

loop(S) ->
    receive
        {'$gen_call', From, Request} ->
            loop(handle_call(Request, From, S));
        {'$gen_cast', {application_started, AppName, Res}} ->
            loop(handle_application_started(AppName, Res, S));
        {'EXIT', Pid, Reason} ->
            loop(handle_exit(Pid, Reason, S));
        _ ->
            loop(S)
    end.

reply({To, _} = From, Reply) when is_pid(To) -> gen_reply(From, Reply);
reply(_, _) -> ok.

handle_call({beamwasm, start_boot}, From, S) ->
    S1 = lists:foldl(fun boot_start/2, S, ?BOOT_APPS),
    reply(From, ok),
    S1;
handle_call({load_application, Application}, From, S) ->
    case catch maybe_load_application(Application, S) of
        {ok, NewS} -> reply(From, ok), NewS;
        {error, _} = Error -> reply(From, Error), S;
        {'EXIT', R} -> reply(From, {error, R}), S
    end;
handle_call({unload_application, AppName}, From, S) ->
    case lists:keymember(AppName, 1, S#state.running) of
        true ->
            reply(From, {error, {running, AppName}}), S;
        false ->
            case get_loaded(AppName) of
                {true, _} -> NewS = unload(AppName, S), reply(From, ok), NewS;
                false -> reply(From, {error, {not_loaded, AppName}}), S
            end
    end;
handle_call({start_application, AppName, RestartType}, From, S) ->
    #state{running = Running, starting = Starting, started = Started, start_req = StartReq} = S,
    case lists:keyfind(AppName, 1, StartReq) of
        false ->
            case catch check_start_cond(AppName, RestartType, Started, Running) of
                {ok, Appl} ->
                    spawn_starter(Appl, S, normal),
                    S#state{starting = [{AppName, RestartType, normal, From} | Starting],
                            start_req = [{AppName, From} | StartReq]};
                {error, _} = Error ->
                    reply(From, Error), S
            end;
        {AppName, _} ->
            S#state{start_req = [{AppName, From} | StartReq]}
    end;
handle_call({is_running, AppName}, From, S) ->
    reply(From, lists:keymember(AppName, 1, S#state.running)), S;
handle_call({stop_application, AppName}, From, S) ->
    #state{running = Running, started = Started} = S,
    case lists:keyfind(AppName, 1, Running) of
        {_, Id} ->
            {_, Type} = lists:keyfind(AppName, 1, Started),
            stop_appl(AppName, Id, Type),
            reply(From, ok),
            S#state{running = lists:keydelete(AppName, 1, Running),
                    started = lists:keydelete(AppName, 1, Started)};
        false ->
            case lists:keymember(AppName, 1, Started) of
                true ->
                    reply(From, ok),
                    S#state{started = lists:keydelete(AppName, 1, Started)};
                false ->
                    reply(From, {error, {not_started, AppName}}), S
            end
    end;
handle_call(which_applications, From, S) ->
    reply(From, [{Name, Descr, Vsn} || {Name, _} <- S#state.running,
                                       {true, #appl{descr = Descr, vsn = Vsn}} <- [get_loaded(Name)]]),
    S;
handle_call({set_env, Config, Opts}, From, S) ->
    _ = [add_env(AppName, Env) || {AppName, Env} <- Config],
    reply(From, ok),
    case proplists:get_value(persistent, Opts, false) of
        true -> S#state{conf_data = merge_env(S#state.conf_data, Config)};
        false -> S
    end;
handle_call({set_env, AppName, Key, Val, Opts}, From, S) ->
    ets:insert(ac_tab, {{env, AppName, Key}, Val}),
    reply(From, ok),
    case proplists:get_value(persistent, Opts, false) of
        true ->
            Fun = fun(Env) -> lists:keystore(Key, 1, Env, {Key, Val}) end,
            S#state{conf_data = change_app_env(S#state.conf_data, AppName, Fun)};
        false ->
            S
    end;
handle_call({unset_env, AppName, Key, Opts}, From, S) ->
    ets:delete(ac_tab, {env, AppName, Key}),
    reply(From, ok),
    case proplists:get_value(persistent, Opts, false) of
        true ->
            Fun = fun(Env) -> lists:keydelete(Key, 1, Env) end,
            S#state{conf_data = change_app_env(S#state.conf_data, AppName, Fun)};
        false ->
            S
    end;
handle_call({start_type, AppName}, From, S) ->
    reply(From, case lists:keyfind(AppName, 1, S#state.starting) of
                    false -> local;
                    {_, _, Type, _} -> Type
                end),
    S;
handle_call(info, From, S) ->
    reply(From, [{loaded, application_controller:loaded_applications()},
                 {loading, []},
                 {started, S#state.started},
                 {start_p_false, []},
                 {running, S#state.running},
                 {starting, S#state.starting}]),
    S;
handle_call(Request, From, S) ->
    unsupported(From, Request),
    S.

unsupported({Pid, _}, Request) ->
    exit(Pid, {beamwasm_unsupported, {application_controller, Request}}).

handle_application_started(AppName, Res, S) ->
    #state{starting = Starting, running = Running, started = Started, start_req = StartReq} = S,
    StartReqN = reply_to_requester(AppName, StartReq, Res),
    {AppName, RestartType, _Type, _From} = lists:keyfind(AppName, 1, Starting),
    Rest = lists:keydelete(AppName, 1, Starting),
    case Res of
        {ok, Id} ->
            info_started(AppName, node()),
            S#state{starting = Rest,
                    running = keyreplaceadd(AppName, Running, {AppName, Id}),
                    started = keyreplaceadd(AppName, Started, {AppName, RestartType}),
                    start_req = StartReqN};
        {error, R} when RestartType =:= temporary ->
            info_exited(AppName, R, RestartType),
            S#state{starting = Rest, start_req = StartReqN};
        {info, _} when RestartType =:= temporary ->
            S#state{starting = Rest, start_req = StartReqN};
        {ErrInf, R} when RestartType =:= transient, ErrInf =:= error;
                         RestartType =:= transient, ErrInf =:= info ->
            case ErrInf of
                error -> info_exited(AppName, R, RestartType);
                info -> ok
            end,
            case R of
                {{'EXIT', normal}, _Call} -> S#state{starting = Rest, start_req = StartReqN};
                _ -> terminate({application_start_failure, AppName, R}, S)
            end;
        {error, R} ->
            info_exited(AppName, R, RestartType),
            terminate({application_start_failure, AppName, R}, S);
        {info, R} ->
            terminate({application_start_failure, AppName, R}, S)
    end.

%% An application master died: a temporary application is reported, a permanent one (or a
%% transient one that did not end normally) takes the node down, as on the VM.
handle_exit(Pid, Reason, S) ->
    ets:match_delete(ac_tab, {{application_master, '_'}, Pid}),
    NewS = S#state{running = lists:keydelete(Pid, 2, S#state.running)},
    case lists:keyfind(Pid, 2, S#state.running) of
        {AppName, _} ->
            case lists:keyfind(AppName, 1, S#state.started) of
                {_, temporary} ->
                    info_exited(AppName, Reason, temporary), NewS;
                {_, transient} when Reason =:= normal ->
                    info_exited(AppName, Reason, transient), NewS;
                {_, Type} ->
                    info_exited(AppName, Reason, Type),
                    terminate({application_terminated, AppName, Reason}, NewS)
            end;
        false ->
            NewS
    end.

%% The controller stops: every running application is shut down, and the node with it,
%% as init does when the application controller dies.
terminate(Reason, S) ->
    lists:foreach(fun({_, Id}) when is_pid(Id) ->
                          Ref = erlang:monitor(process, Id),
                          unlink(Id),
                          exit(Id, shutdown),
                          receive {'DOWN', Ref, process, Id, _} -> ok end;
                     (_) -> ok
                  end, S#state.running),
    Text = io_lib:format("Kernel pid terminated (application_controller) (~ts)~n", [to_string(Reason)]),
    beamwasm_rt:write(2, unicode:characters_to_binary(Text)),
    erlang:halt(1).

to_string(Term) ->
    case io_lib:printable_list(Term) of
        true -> Term;
        false -> lists:flatten(io_lib:format("~0p", [Term]))
    end.

reply_to_requester(AppName, StartReq, Res) ->
    R = case Res of
            {ok, _Id} -> ok;
            {info, Reason} -> {error, Reason};
            Error -> Error
        end,
    lists:foldl(fun({Name, From}, Acc) when Name =:= AppName -> reply(From, R), Acc;
                   (Other, Acc) -> [Other | Acc]
                end, [], StartReq).

keyreplaceadd(Key, List, New) ->
    case lists:keymember(Key, 1, List) of
        true -> lists:keyreplace(Key, 1, List, New);
        false -> [New | List]
    end.

check_start_cond(AppName, RestartType, Started, Running) ->
    valid_restart_type(RestartType),
    case get_loaded(AppName) of
        {true, Appl} ->
            case lists:keymember(AppName, 1, Running) of
                true ->
                    {error, {already_started, AppName}};
                false ->
                    lists:foreach(
                      fun(AppName2) ->
                              case lists:keymember(AppName2, 1, Started) orelse
                                  lists:member(AppName2, Appl#appl.opt_apps) of
                                  true -> ok;
                                  false -> throw({error, {not_started, AppName2}})
                              end
                      end, Appl#appl.apps),
                    {ok, Appl}
            end;
        false ->
            {error, {not_loaded, AppName}}
    end.

valid_restart_type(permanent) -> true;
valid_restart_type(temporary) -> true;
valid_restart_type(transient) -> true;
valid_restart_type(RestartType) -> throw({error, {invalid_restart_type, RestartType}}).

spawn_starter(Appl, S, Type) ->
    spawn_link(?MODULE, init_starter, [Appl, S#state.running, Type]).

init_starter(Appl, Running, Type) ->
    process_flag(trap_exit, true),
    gen_server:cast(application_controller,
                    {application_started, Appl#appl.name, catch start_appl(Appl, Running, Type)}).

start_appl(Appl, Running, Type) ->
    ApplData = Appl#appl.appl_data,
    case ApplData#appl_data.mod of
        [] ->
            {ok, undefined};
        _ ->
            lists:foreach(
              fun(AppName) ->
                      case lists:keymember(AppName, 1, Running) orelse
                          lists:member(AppName, Appl#appl.opt_apps) of
                          true -> ok;
                          false -> throw({info, {not_running, AppName}})
                      end
              end, Appl#appl.apps),
            case application_master:start_link(ApplData, Type) of
                {ok, _Pid} = Ok -> Ok;
                {error, _Reason} = Error -> throw(Error)
            end
    end.

stop_appl(AppName, Id, Type) when is_pid(Id) ->
    unlink(Id),
    application_master:stop(Id),
    info_exited(AppName, stopped, Type),
    ets:delete(ac_tab, {application_master, AppName});
stop_appl(AppName, undefined, Type) ->
    info_exited(AppName, stopped, Type).

get_loaded(App) ->
    case ets:lookup(ac_tab, {loaded, get_appl_name(App)}) of
        [{_Key, Appl}] -> {true, Appl};
        _ -> false
    end.

get_appl_name(Name) when is_atom(Name) -> Name;
get_appl_name({application, Name, _}) when is_atom(Name) -> Name;
get_appl_name(Appl) -> throw({error, {bad_application, Appl}}).

maybe_load_application(Application, S) ->
    case get_loaded(Application) of
        {true, _} -> throw({error, {already_loaded, Application}});
        false -> load(S, Application)
    end.

%% Loads an application and its included applications: its #appl{} under {loaded, Name}
%% and its environment, merged with what was set persistently before.
load(S, Application) ->
    {ApplData, ApplEnv, IncApps, OptApps, Descr, Id, Vsn, Apps} =
        case make_appl(Application) of
            {ok, A} -> A;
            Error -> throw(Error)
        end,
    Name = ApplData#appl_data.name,
    add_env(Name, merge_app_env(ApplEnv, get_env_i(Name, S))),
    Appl = #appl{name = Name, descr = Descr, id = Id, vsn = Vsn, apps = Apps,
                 appl_data = ApplData, inc_apps = IncApps, opt_apps = OptApps},
    ets:insert(ac_tab, {{loaded, Name}, Appl}),
    NewS = lists:foldl(fun(App, S1) ->
                               case get_loaded(App) of
                                   {true, _} -> S1;
                                   false -> {ok, S2} = load(S1, App), S2
                               end
                       end, S, IncApps),
    {ok, NewS}.

%% An application by name is one whose resource file the program embeds; there is no
%% other place to read one from.
make_appl(Name) when is_atom(Name) ->
    case lists:keyfind(Name, 2, beamwasm_rt:applications()) of
        {application, Name, _} = Application -> {ok, make_appl_i(Application)};
        false -> {error, {"no such file or directory", atom_to_list(Name) ++ ".app"}}
    end;
make_appl(Application) ->
    {ok, make_appl_i(Application)}.

make_appl_i({application, Name, Opts}) when is_atom(Name), is_list(Opts) ->
    Mod = case get_opt(mod, Opts, []) of
              {M, _A} = MA when is_atom(M) -> MA;
              [] -> [];
              Other -> throw({error, {badstartspec, Other}})
          end,
    {#appl_data{name = Name, regs = get_opt(registered, Opts, []), mod = Mod,
                phases = get_opt(start_phases, Opts, undefined),
                mods = get_opt(modules, Opts, []),
                maxP = get_opt(maxP, Opts, infinity), maxT = get_opt(maxT, Opts, infinity)},
     get_opt(env, Opts, []), get_opt(included_applications, Opts, []),
     get_opt(optional_applications, Opts, []), get_opt(description, Opts, ""),
     get_opt(id, Opts, ""), get_opt(vsn, Opts, ""), get_opt(applications, Opts, [])};
make_appl_i({application, Name, Opts}) when is_list(Opts) ->
    throw({error, {invalid_name, Name}});
make_appl_i({application, _Name, Opts}) ->
    throw({error, {invalid_options, Opts}});
make_appl_i(Appl) ->
    throw({error, {bad_application, Appl}}).

get_opt(Key, List, Default) ->
    case lists:keyfind(Key, 1, List) of
        {_Key, Val} -> Val;
        _ -> Default
    end.

unload(AppName, S) ->
    {ok, IncApps} = application_controller:get_key(AppName, included_applications),
    ets:match_delete(ac_tab, {{env, AppName, '_'}, '_'}),
    ets:delete(ac_tab, {loaded, AppName}),
    lists:foldl(fun(App, S1) ->
                        case get_loaded(App) of
                            false -> S1;
                            {true, _} -> unload(App, S1)
                        end
                end, S, IncApps).

get_env_i(Name, #state{conf_data = ConfData}) ->
    case lists:keyfind(Name, 1, ConfData) of
        {_Name, Env} -> Env;
        _ -> []
    end.

add_env(Name, Env) ->
    lists:foreach(fun({Key, Value}) -> ets:insert(ac_tab, {{env, Name, Key}, Value}) end, Env).

%% Env2 overrides Env1, keeping the order OTP's controller gives them.
merge_env(Env1, Env2) -> merge_env(Env1, Env2, []).

merge_env([{App, AppEnv1} | T], Env2, Res) ->
    case get_env_key(App, Env2) of
        {value, AppEnv2, RestEnv2} ->
            merge_env(T, RestEnv2, [{App, merge_app_env(AppEnv1, AppEnv2)} | Res]);
        _ ->
            merge_env(T, Env2, [{App, AppEnv1} | Res])
    end;
merge_env([], Env2, Res) ->
    Env2 ++ Res.

change_app_env(Env, App, Fun) ->
    case get_env_key(App, Env) of
        {value, AppEnv, RestEnv} -> [{App, Fun(AppEnv)} | RestEnv];
        _ -> [{App, Fun([])} | Env]
    end.

merge_app_env(Env1, Env2) -> merge_app_env(Env1, Env2, []).

merge_app_env([{Key, Val} | T], Env2, Res) ->
    case get_env_key(Key, Env2) of
        {value, NewVal, RestEnv} -> merge_app_env(T, RestEnv, [{Key, NewVal} | Res]);
        _ -> merge_app_env(T, Env2, [{Key, Val} | Res])
    end;
merge_app_env([], Env2, Res) ->
    Env2 ++ Res.

get_env_key(Key, Env) -> get_env_key(Env, Key, []).
get_env_key([{Key, Val} | T], Key, Res) -> {value, Val, T ++ Res};
get_env_key([H | T], Key, Res) -> get_env_key(T, Key, [H | Res]);
get_env_key([], _Key, Res) -> Res.

%% The controller's progress and exit reports, as OTP's logs them (a program whose logger
%% has no handler drops them: docs/LIMITATIONS.md).
info_started(Name, Node) ->
    log(info, #{label => {application_controller, progress},
                report => [{application, Name}, {started_at, Node}]},
        #{domain => [otp, sasl], logger_formatter => #{title => "PROGRESS REPORT"},
          error_logger => #{tag => info_report, type => progress}}).

info_exited(Name, Reason, Type) ->
    log(notice, #{label => {application_controller, exit},
                  report => [{application, Name}, {exited, Reason}, {type, Type}]},
        #{domain => [otp], error_logger => #{tag => info_report, type => std_info}}).

log(Level, Report, Meta) ->
    case logger:allow(Level, application_controller) of
        true ->
            Location = #{mfa => {application_controller, info_exited, 3},
                         line => 0, file => "application_controller.erl"},
            logger:macro_log(Location, Level, Report,
                             Meta#{report_cb => fun application_controller:format_log/2});
        false ->
            ok
    end.

%% gen:reply/2: the reply goes to the caller's alias when the tag carries one.
gen_reply({_, [alias | Alias] = Tag}, Reply) -> Alias ! {Tag, Reply}, ok;
gen_reply({_, [[alias | Alias] | _] = Tag}, Reply) -> Alias ! {Tag, Reply}, ok;
gen_reply({To, Tag}, Reply) -> To ! {Tag, Reply}, ok.
