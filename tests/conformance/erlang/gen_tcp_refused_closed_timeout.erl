%% gen_tcp's errors on loopback: a connection refused by a port just closed, a passive recv
%% that times out, a peer that closes (recv after the data is {error, closed}), shutdown of
%% the writing side, controlling_process handing a socket to another process, and an
%% accept that times out.
-module(gen_tcp_refused_closed_timeout).
-export([main/0]).

main() ->
    {ok, L0} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, Closed} = inet:port(L0),
    ok = gen_tcp:close(L0),
    io:format("refused: ~p~n", [gen_tcp:connect({127, 0, 0, 1}, Closed, [])]),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, loopback}]),
    {ok, Port} = inet:port(L),
    io:format("accept timeout: ~p~n", [gen_tcp:accept(L, 50)]),
    Self = self(),
    spawn(fun() -> peer(Self, Port) end),
    {ok, S} = gen_tcp:accept(L),
    io:format("recv timeout: ~p~n", [gen_tcp:recv(S, 0, 30)]),
    receive {peer, Peer} -> Peer ! go end,
    {ok, Msg} = gen_tcp:recv(S, 5, 5000),
    io:format("exactly 5: ~p~n", [Msg]),
    {ok, Rest} = gen_tcp:recv(S, 0, 5000),
    io:format("the rest: ~p~n", [Rest]),
    io:format("after peer shutdown: ~p~n", [gen_tcp:recv(S, 0, 5000)]),
    io:format("again: ~p~n", [gen_tcp:recv(S, 0, 5000)]),
    ok = gen_tcp:close(S),
    %% controlling_process: a new owner gets the active messages
    spawn(fun() -> peer2(Port) end),
    {ok, S2} = gen_tcp:accept(L),
    Owner = spawn(fun() -> owner(Self) end),
    ok = gen_tcp:controlling_process(S2, Owner),
    io:format("not owner: ~p~n", [gen_tcp:controlling_process(S2, self())]),
    ok = inet:setopts(S2, [{active, true}]),
    Owner ! go,
    receive {owner, Got} -> io:format("new owner got ~p~n", [Got]) end,
    ok = gen_tcp:close(L).

peer(Parent, Port) ->
    {ok, C} = gen_tcp:connect(localhost, Port, [binary, {active, false}]),
    Parent ! {peer, self()},
    receive go -> ok end,
    ok = gen_tcp:send(C, <<"hello world">>),
    ok = gen_tcp:shutdown(C, write),
    receive after 5000 -> ok end,
    gen_tcp:close(C).

peer2(Port) ->
    {ok, C} = gen_tcp:connect({127, 0, 0, 1}, Port, []),
    ok = gen_tcp:send(C, "for the owner"),
    ok = gen_tcp:close(C).

owner(Parent) ->
    receive go -> ok end,
    Parent ! {owner, collect([])}.

collect(Acc) ->
    receive
        {tcp, _, Data} -> collect([Data | Acc]);
        {tcp_closed, _} -> {lists:append(lists:reverse(Acc)), closed}
    after 5000 -> {timeout, Acc}
    end.
