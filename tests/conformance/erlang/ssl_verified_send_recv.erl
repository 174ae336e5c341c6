%% ssl over loopback with the test CA the harness makes (BEAMWASM_TEST_TLS, see
%% tests/conformance/README.md): a server in the program, a client that verifies it, send
%% and recv in passive and active modes, the VM's messages, a peer that closes, and a
%% certificate from an unknown CA refused.
-module(ssl_verified_send_recv).
-export([main/0]).

main() ->
    ok = logger:set_primary_config(level, error),
    Dir = os:getenv("BEAMWASM_TEST_TLS"),
    {ok, Terms} = file:consult(filename:join(Dir, "tls.config")),
    Server = proplists:get_value(server, Terms),
    Ca = proplists:get_value(cacerts, proplists:get_value(client, Terms)),
    OtherCa = proplists:get_value(cacerts, proplists:get_value(other_client, Terms)),
    io:format("start: ~p~n", [ssl:start()]),
    {ok, L} = ssl:listen(0, [binary, {active, false}, {reuseaddr, true}, {ip, {127, 0, 0, 1}} | Server]),
    {ok, {Addr, Port}} = ssl:sockname(L),
    io:format("listening on ~p~n", [Addr]),
    Parent = self(),
    spawn_link(fun() -> serve(L, Parent, 3) end),
    {ok, S} = ssl:connect("localhost", Port, [binary, {active, false}, {verify, verify_peer}, {cacerts, Ca}]),
    io:format("is sslsocket: ~p~n", [element(1, S) =:= sslsocket]),
    ok = ssl:send(S, <<"hello\n">>),
    io:format("recv: ~p~n", [ssl:recv(S, 0, 5000)]),
    ok = ssl:send(S, ["list ", $d, <<"ata\n">>]),
    io:format("recv: ~p~n", [ssl:recv(S, 0, 5000)]),
    ok = ssl:setopts(S, [{active, once}, list]),
    ok = ssl:send(S, <<"active\n">>),
    receive {ssl, S, D} -> io:format("active: ~p~n", [D]) after 5000 -> io:format("no message~n") end,
    io:format("getopts: ~p~n", [ssl:getopts(S, [active, mode])]),
    {ok, {PeerAddr, PeerPort}} = ssl:peername(S),
    io:format("peer: ~p ~p~n", [PeerAddr, PeerPort =:= Port]),
    ok = ssl:setopts(S, [{active, true}]),
    ok = ssl:send(S, <<"bye\n">>),
    receive {ssl, S, D2} -> io:format("active: ~p~n", [D2]) after 5000 -> io:format("no message~n") end,
    receive {ssl_closed, S} -> io:format("closed by the server~n") after 5000 -> io:format("not closed~n") end,
    io:format("send after close: ~p~n", [ssl:send(S, <<"x">>)]),
    ok = ssl:close(S),
    %% An unknown CA: the client refuses the server's certificate.
    case ssl:connect("localhost", Port, [binary, {active, false}, {verify, verify_peer}, {cacerts, OtherCa}], 5000) of
        {error, {tls_alert, {Alert, _Text}}} -> io:format("unknown CA: ~p~n", [Alert]);
        Other -> io:format("unknown CA: unexpected ~p~n", [Other])
    end,
    %% verify_none (the default in OTP 25) accepts it.
    {ok, S3} = ssl:connect({127, 0, 0, 1}, Port, [{active, false}, {verify, verify_none}], 5000),
    ok = ssl:send(S3, "plain\n"),
    io:format("verify_none: ~p~n", [ssl:recv(S3, 0, 5000)]),
    ok = ssl:close(S3),
    receive served -> io:format("server done~n") after 5000 -> io:format("server hung~n") end,
    ok = ssl:close(L).

%% Serves N connections one after the other. The refused one's handshake fails here too
%% (or, on a host whose client checks the certificate after the handshake, its connection
%% closes at once), so what it gives is not printed.
serve(_, Parent, 0) -> Parent ! served;
serve(L, Parent, N) ->
    {ok, T} = ssl:transport_accept(L, 5000),
    case ssl:handshake(T, 5000) of
        {ok, S} -> echo(S), serve(L, Parent, N - 1);
        {error, _} -> serve(L, Parent, N - 1)
    end.

%% Upper-cases each line back; closes after "bye".
echo(S) ->
    case ssl:recv(S, 0, 5000) of
        {ok, <<"bye\n">>} -> ok = ssl:send(S, <<"BYE\n">>), ssl:close(S);
        {ok, Data} -> ok = ssl:send(S, string:uppercase(Data)), echo(S);
        {error, closed} -> ok
    end.
