%% The global name server's child specification under kernel_sup, as
%% kernel:start_distribution/0 specifies it. beamwasm_kernel starts it when the linker
%% kept this module (app_link.rs: a program that names `global`).
-module(beamwasm_kernel_global).
-export([spec/0]).

spec() ->
    #{id => global_name_server, start => {global, start_link, []},
      restart => permanent, shutdown => 2000, type => worker, modules => [global]}.
