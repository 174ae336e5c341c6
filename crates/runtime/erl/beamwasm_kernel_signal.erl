%% The signal server under kernel_sup, as kernel:init/1 specifies it, with kernel's own
%% handler, which kernel:start/2 installs. beamwasm_kernel starts it when the linker kept
%% this module (app_link.rs: System.trap_signal, or a program that names the server).
-module(beamwasm_kernel_signal).
-export([spec/0, install/0]).

spec() ->
    #{id => erl_signal_server, start => {gen_event, start_link, [{local, erl_signal_server}]},
      restart => permanent, shutdown => 2000, type => worker, modules => dynamic}.

install() ->
    gen_event:add_handler(erl_signal_server, erl_signal_handler, []).
