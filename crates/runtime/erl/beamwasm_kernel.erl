%% The kernel application's top supervisor, `kernel_sup`, in place of kernel:init/1 (which
%% starts the code server, the file server, the distribution and the user processes the
%% runtime stands in for). It supervises the kernel services a program uses, with
%% kernel's own child specifications: the global name server, the signal server with
%% kernel's signal handler, and `kernel_safe_sup`; the timer server joins it on demand
%% (timer:start/0 adds it, as on the VM). The linker keeps this module's callbacks when
%% the program reaches one of those services (app_link.rs). Each service's child
%% specification lives in a module of its own (beamwasm_kernel_global,
%% beamwasm_kernel_signal) whose name is made at run time, so that a program keeps only
%% the services it uses: a call to a function of a known module with an unknown name
%% keeps all of that module's exports, one to an unknown module in the runtime's own code
%% keeps nothing. A service starts when the linker kept its module.
-module(beamwasm_kernel).
-behaviour(supervisor).
-export([start/2, stop/1, init/1]).

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
    {ok, {SupFlags, service("beamwasm_kernel_global") ++ service("beamwasm_kernel_signal") ++ [SafeSup]}};
init(safe) ->
    {ok, {#{strategy => one_for_one, intensity => 4, period => 3600}, []}}.

%% A service's child specification, when the linker kept the module that gives it
%% (app_link.rs keeps it when the program uses the service).
service(Name) ->
    M = atom(Name),
    case beamwasm_rt:kept(M, spec, 0) of
        true -> [M:spec()];
        false -> []
    end.

%% kernel:start/2 installs kernel's own handler on the signal server, when it runs.
signal_handler() ->
    M = atom("beamwasm_kernel_signal"),
    case whereis(erl_signal_server) =/= undefined andalso beamwasm_rt:kept(M, install, 0) of
        true -> M:install();
        false -> ok
    end.

%% An atom the compiler cannot see (erlc folds list_to_atom/1 of a literal).
atom(Name) ->
    list_to_atom(lists:concat([Name])).
