%% A library that calls back a handler module its caller names: the module reaches the
%% call only as a parameter captured by a fun.
-module(dec).
-export([decoder/2]).

decoder(H, S) -> fun(X) -> {H:init(S), X} end.
