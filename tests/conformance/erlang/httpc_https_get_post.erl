%% inets' httpc over https to a TLS server in the program (ssl:listen with the test CA the
%% harness makes, BEAMWASM_TEST_TLS): GET and POST verified against the CA, a 404, an
%% explicit verify_none and a server certificate from an unknown CA refused. (httpc's
%% default is ssl's: verify_none on OTP 25, verification against the host's store on
%% beamwasm, a deliberate divergence pinned by crates/cli/tests/tls_default_verify_cli.rs.)
-module(httpc_https_get_post).
-export([main/0]).

main() ->
    ok = logger:set_primary_config(level, error),
    Dir = os:getenv("BEAMWASM_TEST_TLS"),
    {ok, Terms} = file:consult(filename:join(Dir, "tls.config")),
    Server = proplists:get_value(server, Terms),
    CaFile = filename:join(Dir, "ca.pem"),
    OtherCa = proplists:get_value(cacerts, proplists:get_value(other_client, Terms)),
    ok = ssl:start(),
    ok = inets:start(),
    {ok, L} = ssl:listen(0, [binary, {active, false}, {reuseaddr, true}, {ip, {127, 0, 0, 1}} | Server]),
    {ok, {_, Port}} = ssl:sockname(L),
    spawn_link(fun() -> accept(L) end),
    Base = "https://localhost:" ++ integer_to_list(Port),
    Verify = [{ssl, [{verify, verify_peer}, {cacertfile, CaFile}]}],
    show("GET", httpc:request(get, {Base ++ "/hello", []}, Verify, [])),
    show("POST", httpc:request(post, {Base ++ "/echo", [], "text/plain", "posted body"}, Verify, [])),
    show("404", httpc:request(get, {Base ++ "/missing", []}, Verify, [])),
    show("verify_none", httpc:request(get, {Base ++ "/hello", []}, [{ssl, [{verify, verify_none}]}], [])),
    case httpc:request(get, {Base ++ "/hello", []},
                       [{ssl, [{verify, verify_peer}, {cacerts, OtherCa}]}], []) of
        {error, {failed_connect, [{to_address, _}, {inet, [inet], {tls_alert, {Alert, _}}}]}} ->
            io:format("unknown CA: ~p~n", [Alert]);
        Other ->
            io:format("unknown CA: unexpected ~p~n", [Other])
    end.

show(What, {ok, {{_, Code, Reason}, Headers, Body}}) ->
    io:format("~s: ~p ~s ~p ~p~n", [What, Code, Reason, proplists:get_value("content-length", Headers), Body]);
show(What, Other) ->
    io:format("~s: ~p~n", [What, Other]).

accept(L) ->
    case ssl:transport_accept(L) of
        {ok, T} ->
            Pid = spawn(fun() -> receive go -> serve(T) end end),
            ok = ssl:controlling_process(T, Pid),
            Pid ! go,
            accept(L);
        {error, _} -> ok
    end.

serve(T) ->
    case ssl:handshake(T, 5000) of
        {ok, S} -> request(S, <<>>);
        {error, _} -> ok
    end.

%% A minimal HTTP/1.1 server: reads the head, then the body by its Content-Length, and
%% answers with Connection: close.
request(S, Buf) ->
    case binary:split(Buf, <<"\r\n\r\n">>) of
        [Head, Rest] ->
            [Line | Hs] = binary:split(Head, <<"\r\n">>, [global]),
            [Method, Path, _] = binary:split(Line, <<" ">>, [global]),
            Len = lists:foldl(fun(H, Acc) ->
                                      case string:lowercase(H) of
                                          <<"content-length: ", N/binary>> -> binary_to_integer(N);
                                          _ -> Acc
                                      end
                              end, 0, Hs),
            Body = body(S, Rest, Len),
            {Status, Out} = answer(Method, Path, Body),
            ok = ssl:send(S, [<<"HTTP/1.1 ">>, Status, <<"\r\nContent-Type: text/plain\r\nContent-Length: ">>,
                              integer_to_list(byte_size(Out)), <<"\r\nConnection: close\r\n\r\n">>, Out]),
            ssl:close(S);
        [_] ->
            case ssl:recv(S, 0, 5000) of
                {ok, More} -> request(S, <<Buf/binary, More/binary>>);
                _ -> ssl:close(S)
            end
    end.

body(_, Got, Len) when byte_size(Got) >= Len -> Got;
body(S, Got, Len) ->
    {ok, More} = ssl:recv(S, 0, 5000),
    body(S, <<Got/binary, More/binary>>, Len).

answer(<<"GET">>, <<"/hello">>, _) -> {<<"200 OK">>, <<"hello over tls">>};
answer(<<"POST">>, <<"/echo">>, Body) -> {<<"200 OK">>, <<"got: ", Body/binary>>};
answer(_, _, _) -> {<<"404 Not Found">>, <<"no such page">>}.
