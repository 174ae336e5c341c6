%% The library's user: it hands the library its own name (?MODULE), which no other
%% code names.
-module(ver).
-export([check/1, init/1]).

check(X) -> (dec:decoder(?MODULE, cfg))(X).

init(S) -> {inited, S}.
