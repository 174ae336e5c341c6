%% The kernel application's top supervisor, `kernel_sup`, in place of kernel:init/1 (which
%% starts the code server, the file server, the distribution and the user processes the
%% runtime stands in for). It supervises the kernel services a program uses, with
%% kernel's own child specifications: the global name server, the signal server with
%% kernel's signal handler, and `kernel_safe_sup`; the timer server joins it on demand
%% (timer:start/0 adds it, as on the VM). The linker keeps this module's callbacks when
%% the program reaches one of those services (app_link.rs); a service's start function is
%% named by an atom made at run time, so that a program keeps only the services it uses,
%% and is started when the linker kept it.
-module(beamwasm_kernel).
-behaviour(supervisor).
-export([start/2, stop/1, init/1, global_spec/0, signal_spec/0]).

start(_Type, []) ->
    case supervisor:start_link({local, kernel_sup}, ?MODULE, []) of
        {ok, Pid} ->
            ok = signal_handler(),
            {ok, Pid, []};
        Error ->
            Error
    end.

stop(_State) ->
    ok.

init([]) ->
    SupFlags = #{strategy => one_for_all, intensity => 0, period => 1},
    SafeSup = #{id => kernel_safe_sup,
                start => {supervisor, start_link, [{local, kernel_safe_sup}, ?MODULE, safe]},
                restart => permanent, shutdown => infinity, type => supervisor,
                modules => [?MODULE]},
    {ok, {SupFlags, service("global_spec") ++ service("signal_spec") ++ [SafeSup]}};
init(safe) ->
    {ok, {#{strategy => one_for_one, intensity => 4, period => 3600}, []}}.

%% A service's child specification, when the linker kept the function that gives it
%% (app_link.rs keeps it when the program uses the service). It is called by a name made
%% at run time, so that a program that does not use the service does not link it.
service(Name) ->
    F = atom(Name),
    case beamwasm_rt:kept(?MODULE, F, 0) of
        true -> [erlang:apply(?MODULE, F, [])];
        false -> []
    end.

%% The global name server, as kernel:start_distribution/0 specifies it.
global_spec() ->
    #{id => global_name_server, start => {global, start_link, []},
      restart => permanent, shutdown => 2000, type => worker, modules => [global]}.

%% The signal server, as kernel:init/1 specifies it.
signal_spec() ->
    #{id => erl_signal_server, start => {gen_event, start_link, [{local, erl_signal_server}]},
      restart => permanent, shutdown => 2000, type => worker, modules => dynamic}.

%% kernel:start/2 installs kernel's own handler on the signal server (named at run time,
%% like the service: app_link.rs keeps the handler with the server).
signal_handler() ->
    case whereis(erl_signal_server) of
        undefined -> ok;
        _ -> erlang:apply(atom("gen_event"), atom("add_handler"),
                          [erl_signal_server, atom("erl_signal_handler"), []])
    end.

%% An atom the compiler cannot see (erlc folds list_to_atom/1 of a literal).
atom(Name) ->
    list_to_atom(lists:concat([Name])).
