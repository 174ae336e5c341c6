%% Sending on a node that is not distributed, as the VM's do_send: {Name, Node} for another
%% node is dropped (send/2 returns the message, send/3 ok, or noconnect when asked), for
%% this node and an unregistered name dropped too; send/3's options must be a proper list of
%% noconnect and nosuspend; send_nosuspend/2,3 answer true, or false with noconnect.
-module(send_remote_node_not_distributed).
-export([main/0]).
t(F) -> try F() of V -> {ok, V} catch C:R -> {C, R} end.
main() ->
  io:format("~p~n", [t(fun() -> erlang:send({name, 'nonode@nowhere'}, msg) end)]),
  io:format("~p~n", [t(fun() -> {name, 'nonode@nowhere'} ! msg end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, node()}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, 'a@b'}, msg, [noconnect]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, 'a@b'}, msg, [nosuspend]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, 'a@b'}, msg, []) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, node()}, msg, [noconnect]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send(self(), msg, [noconnect]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send(self(), msg, [bad]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send(self(), msg, bad) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, 'a@b', x}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, "a@b"}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({"name", 'a@b'}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send(nobody, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send(nobody, msg, [noconnect]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send_nosuspend({name, 'a@b'}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:send_nosuspend({name, 'a@b'}, msg, [noconnect]) end)]),
  io:format("~p~n", [t(fun() -> erlang:send({name, 'a@b'}, msg, [noconnect, nosuspend]) end)]),
  io:format("~p~n", [t(fun() -> gen_server:cast({name, 'a@b'}, msg) end)]),
  io:format("~p~n", [t(fun() -> erlang:monitor(process, {name, 'a@b'}) end)]),
  receive M -> io:format("got ~p~n", [M]) after 100 -> io:format("none~n") end,
  receive M2 -> io:format("got ~p~n", [M2]) after 100 -> io:format("none~n") end,
  ok.
