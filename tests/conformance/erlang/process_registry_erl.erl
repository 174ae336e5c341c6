%% register/whereis/unregister, sending by name, registered/0, and their errors.
-module(process_registry_erl).
-export([main/0]).

loop() ->
    receive
        {ping, From} -> From ! pong, loop();
        stop -> ok
    end.

main() ->
    P = spawn(fun loop/0),
    io:format("~p~n", [register(my_server, P)]),
    io:format("~p~n", [whereis(my_server) =:= P]),
    io:format("~p~n", [lists:member(my_server, registered())]),
    my_server ! {ping, self()},
    receive pong -> io:format("pong by name~n") end,
    {my_server, node()} ! {ping, self()},
    receive pong -> io:format("pong by {name, node}~n") end,
    io:format("~p~n", [err(fun() -> register(my_server, self()) end)]),
    io:format("~p~n", [err(fun() -> register(other_name, P) end)]),
    io:format("~p~n", [err(fun() -> register(undefined, self()) end)]),
    io:format("~p~n", [err(fun() -> register("str", self()) end)]),
    io:format("~p~n", [err(fun() -> nobody_here ! hello end)]),
    io:format("~p~n", [whereis(nobody_here)]),
    io:format("~p~n", [unregister(my_server)]),
    io:format("~p~n", [err(fun() -> unregister(my_server) end)]),
    io:format("~p~n", [whereis(my_server)]),
    register(my_server, P),
    P ! stop,
    timer:sleep(10),
    io:format("after exit: ~p~n", [whereis(my_server)]),
    io:format("~p~n", [erlang:send(self(), hi)]),
    receive hi -> ok end,
    io:format("~p~n", [erlang:send(self(), hi2, [noconnect])]),
    receive hi2 -> io:format("done~n") end.

err(F) -> try F() catch C:R -> {C, R} end.
