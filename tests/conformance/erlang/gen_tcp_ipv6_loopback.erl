%% gen_tcp over IPv6 on loopback: a listener with the inet6 option and one on an IPv6
%% address, a connect by IPv6 tuple and by {ip, ...}, addresses from sockname/peername,
%% and an echo in each direction.
-module(gen_tcp_ipv6_loopback).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, inet6, {active, false}, {ip, {0, 0, 0, 0, 0, 0, 0, 1}}]),
    {ok, {LAddr, Port}} = inet:sockname(L),
    io:format("listening on ~p, port is an integer: ~p~n", [LAddr, is_integer(Port)]),
    Self = self(),
    spawn(fun() ->
        {ok, C} = gen_tcp:connect({0, 0, 0, 0, 0, 0, 0, 1}, Port, [binary, {active, false}]),
        {ok, {PeerAddr, Port}} = inet:peername(C),
        Self ! {client, PeerAddr},
        ok = gen_tcp:send(C, <<"over six">>),
        {ok, Back} = gen_tcp:recv(C, 0, 5000),
        Self ! {client_got, Back},
        gen_tcp:close(C)
    end),
    {ok, S} = gen_tcp:accept(L, 5000),
    {ok, {Remote, _}} = inet:peername(S),
    io:format("accepted from ~p~n", [Remote]),
    receive {client, P} -> io:format("client's peer: ~p~n", [P]) end,
    {ok, Got} = gen_tcp:recv(S, 0, 5000),
    io:format("server got ~p~n", [Got]),
    ok = gen_tcp:send(S, <<"and back">>),
    receive {client_got, B} -> io:format("client got ~p~n", [B]) end,
    io:format("closed: ~p~n", [gen_tcp:recv(S, 0, 5000)]),
    {ok, L4} = gen_tcp:listen(0, [inet6, {active, false}]),
    {ok, {Any, _}} = inet:sockname(L4),
    io:format("inet6 listener without ip: ~p~n", [Any]),
    {ok, Opts} = inet:getopts(L4, [active, mode]),
    io:format("options: ~p~n", [Opts]),
    ok = gen_tcp:close(L4),
    ok = gen_tcp:close(L).
