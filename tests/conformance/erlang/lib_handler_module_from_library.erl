%% A library on -pa calls `Handler:init(State)` on a module that only its user names
%% (`?MODULE`), through a fun that captured it: the linker follows the fun's free
%% variable to the `make_fun` and the parameter to the caller.
%% pa: pa/handler_module_from_library
-module(lib_handler_module_from_library).
-export([main/0]).

main() ->
    io:format("~p~n", [ver:check(input)]),
    io:format("~p~n", [(dec:decoder(ver, other))(again)]).
