%% inets' HTTP client, unmodified, against a tiny gen_tcp server on loopback: a GET, a
%% POST whose body the server echoes, a 404, a 302 that httpc follows, a chunked body,
%% and a connection refused by a port just closed.
-module(httpc_get_post_loopback).
-export([main/0]).

main() ->
    ok = inets:start(),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127, 0, 0, 1}}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    spawn(fun() -> acceptor(L, Port) end),
    Base = "http://127.0.0.1:" ++ integer_to_list(Port),
    show("get", httpc:request(Base ++ "/hello")),
    show("post", httpc:request(post, {Base ++ "/echo", [], "text/plain", <<"ping=1&pong=2">>}, [], [])),
    show("404", httpc:request(get, {Base ++ "/missing", []}, [], [])),
    show("302", httpc:request(Base ++ "/old")),
    show("chunked", httpc:request(get, {Base ++ "/chunked", []}, [], [{body_format, binary}])),
    {ok, L0} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, Closed} = inet:port(L0),
    ok = gen_tcp:close(L0),
    case httpc:request("http://127.0.0.1:" ++ integer_to_list(Closed) ++ "/") of
        {error, {failed_connect, [{to_address, {"127.0.0.1", Closed}}, {inet, [inet], Why}]}} ->
            io:format("refused: ~p~n", [Why]);
        Other ->
            io:format("refused: unexpected ~p~n", [Other])
    end.

show(Label, {ok, {{Version, Status, Reason}, Headers, Body}}) ->
    Keep = [H || {K, _} = H <- Headers, lists:member(K, ["content-type", "content-length", "x-test", "transfer-encoding"])],
    io:format("~s: ~s ~p ~p~n  ~p~n  ~p~n", [Label, Version, Status, Reason, lists:sort(Keep), Body]);
show(Label, Other) ->
    io:format("~s: ~p~n", [Label, Other]).

acceptor(L, Port) ->
    {ok, S} = gen_tcp:accept(L),
    Pid = spawn(fun() -> receive go -> serve(S, Port, <<>>) end end),
    ok = gen_tcp:controlling_process(S, Pid),
    Pid ! go,
    acceptor(L, Port).

serve(S, Port, Buf) ->
    case binary:split(Buf, <<"\r\n\r\n">>) of
        [Head, Rest] ->
            [RequestLine | HeaderLines] = binary:split(Head, <<"\r\n">>, [global]),
            Length = content_length(HeaderLines),
            Body = read_body(S, Rest, Length),
            [Method, Path, _] = binary:split(RequestLine, <<" ">>, [global]),
            ok = gen_tcp:send(S, respond(Method, Path, Body, Port)),
            serve(S, Port, <<>>);
        [_] ->
            case gen_tcp:recv(S, 0, 5000) of
                {ok, More} -> serve(S, Port, <<Buf/binary, More/binary>>);
                {error, _} -> gen_tcp:close(S)
            end
    end.

content_length([]) -> 0;
content_length([Line | Lines]) ->
    case string:lowercase(Line) of
        <<"content-length: ", N/binary>> -> binary_to_integer(N);
        _ -> content_length(Lines)
    end.

read_body(_S, Got, Length) when byte_size(Got) >= Length -> Got;
read_body(S, Got, Length) ->
    {ok, More} = gen_tcp:recv(S, 0, 5000),
    read_body(S, <<Got/binary, More/binary>>, Length).

respond(<<"GET">>, <<"/hello">>, _, _) ->
    reply("200 OK", [{"Content-Type", "text/plain"}, {"X-Test", "yes"}], <<"hello, world">>);
respond(<<"POST">>, <<"/echo">>, Body, _) ->
    reply("201 Created", [{"Content-Type", "text/plain"}], <<"you sent ", Body/binary>>);
respond(<<"GET">>, <<"/old">>, _, Port) ->
    reply("302 Found", [{"Location", "http://127.0.0.1:" ++ integer_to_list(Port) ++ "/new"}], <<"moved">>);
respond(<<"GET">>, <<"/new">>, _, _) ->
    reply("200 OK", [{"Content-Type", "text/html"}], <<"<p>new place</p>">>);
respond(<<"GET">>, <<"/chunked">>, _, _) ->
    [<<"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n">>,
     [[integer_to_list(byte_size(C), 16), "\r\n", C, "\r\n"] || C <- [<<"first">>, <<", then">>, <<" the third, a longer one.">>]],
     <<"0\r\n\r\n">>];
respond(_, _, _, _) ->
    reply("404 Not Found", [{"Content-Type", "text/plain"}], <<"no such thing">>).

reply(Status, Headers, Body) ->
    ["HTTP/1.1 ", Status, "\r\n",
     [[K, ": ", V, "\r\n"] || {K, V} <- Headers],
     "Content-Length: ", integer_to_list(byte_size(Body)), "\r\n\r\n", Body].
