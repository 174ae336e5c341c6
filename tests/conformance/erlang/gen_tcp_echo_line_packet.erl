%% gen_tcp on loopback: a listener on port 0, a client process that connects to it, echo
%% with {packet, line} and {packet, 2} framing in passive and active modes, peername and
%% sockname agreeing across the two ends, getopts/setopts, and the peer closing.
-module(gen_tcp_echo_line_packet).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {packet, line}, {active, false}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    io:format("port is integer: ~p~n", [is_integer(Port) andalso Port > 0]),
    Self = self(),
    Client = spawn_link(fun() -> client(Self, Port) end),
    {ok, S} = gen_tcp:accept(L),
    io:format("accepted: ~p~n", [is_port(S)]),
    {ok, Line1} = gen_tcp:recv(S, 0),
    io:format("server got ~p~n", [Line1]),
    ok = gen_tcp:send(S, [<<"echo: ">>, Line1]),
    {ok, Line2} = gen_tcp:recv(S, 0, 5000),
    io:format("server got ~p~n", [Line2]),
    ok = gen_tcp:send(S, ["echo: ", binary_to_list(Line2)]),
    {ok, {PeerIp, PeerPort}} = inet:peername(S),
    receive {client_name, {CIp, CPort}} -> ok end,
    io:format("peername matches client sockname: ~p~n", [{PeerIp, PeerPort} =:= {CIp, CPort}]),
    %% switch to {packet, 2} and active once
    ok = inet:setopts(S, [{packet, 2}, {active, once}]),
    io:format("opts: ~p~n", [inet:getopts(S, [active, packet, mode])]),
    Client ! go,
    receive {tcp, S, P1} -> io:format("server got packet ~p~n", [P1]) end,
    io:format("after once: ~p~n", [inet:getopts(S, [active])]),
    ok = inet:setopts(S, [{active, true}]),
    receive {tcp, S, P2} -> io:format("server got packet ~p~n", [P2]) end,
    ok = gen_tcp:send(S, <<"bye">>),
    receive {tcp_closed, S} -> io:format("client closed~n") end,
    io:format("send after close: ~p~n", [gen_tcp:send(S, <<"x">>)]),
    ok = gen_tcp:close(S),
    ok = gen_tcp:close(L),
    io:format("recv on closed: ~p~n", [gen_tcp:recv(S, 0)]),
    receive {client_done, R} -> io:format("client: ~p~n", [R]) end.

client(Parent, Port) ->
    {ok, C} = gen_tcp:connect("localhost", Port, [list, {packet, line}, {active, false}]),
    Parent ! {client_name, element(2, inet:sockname(C))},
    ok = gen_tcp:send(C, "hello\n"),
    {ok, E1} = gen_tcp:recv(C, 0),
    ok = gen_tcp:send(C, <<"second ">>), ok = gen_tcp:send(C, "line\n"),
    {ok, E2} = gen_tcp:recv(C, 0),
    receive go -> ok end,
    ok = inet:setopts(C, [{packet, 2}]),
    ok = gen_tcp:send(C, <<"\npacket one">>),
    ok = gen_tcp:send(C, "packet two"),
    {ok, Bye} = gen_tcp:recv(C, 0, 5000),
    ok = gen_tcp:close(C),
    Parent ! {client_done, {E1, E2, Bye}}.
