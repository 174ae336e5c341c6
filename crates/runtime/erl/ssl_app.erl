%% ssl's application callback for beamwasm: the runtime's ssl (ssl.erl here) keeps no
%% state of its own (no session cache, PEM cache or connection supervisors: the host holds
%% each connection), so the application is one empty supervisor, registered as OTP's is.
-module(ssl_app).
-behaviour(application).
-behaviour(supervisor).
-export([start/2, stop/1, init/1]).

start(_Type, _Args) -> supervisor:start_link({local, ssl_sup}, ?MODULE, []).

stop(_State) -> ok.

init([]) -> {ok, {#{strategy => one_for_one, intensity => 10, period => 3600}, []}}.
