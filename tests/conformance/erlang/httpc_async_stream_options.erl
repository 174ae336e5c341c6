%% inets' HTTP client beyond the plain request: the headers it sends, HEAD, PUT and
%% DELETE, full_result false, autoredirect off, a 303 after a POST, asynchronous requests
%% ({sync, false}), a streamed body ({stream, self}), a request timeout, a response that
%% closes the connection, cookies, a profile of its own, and bad URLs.
-module(httpc_async_stream_options).
-export([main/0]).

main() ->
    ok = inets:start(),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127, 0, 0, 1}}]),
    {ok, Port} = inet:port(L),
    Counter = spawn(fun() -> counter(0) end),
    spawn(fun() -> acceptor(L, Port, Counter) end),
    B = "http://127.0.0.1:" ++ integer_to_list(Port),
    put(base, B),
    show("headers", httpc:request(get, {B ++ "/headers?q=1&r=two", [{"accept", "text/plain"}, {"X-Custom", "abc"}]}, [], [])),
    show("head", httpc:request(head, {B ++ "/hello", []}, [], [])),
    show("put", httpc:request(put, {B ++ "/echo", [], "application/json", "{\"a\":1}"}, [], [])),
    show("delete", httpc:request(delete, {B ++ "/echo", []}, [], [])),
    io:format("full_result false: ~p~n", [httpc:request(get, {B ++ "/hello", []}, [], [{full_result, false}])]),
    show("no autoredirect", httpc:request(get, {B ++ "/old", []}, [{autoredirect, false}], [])),
    show("303 after post", httpc:request(post, {B ++ "/see-other", [], "text/plain", "x"}, [], [])),
    {ok, Id} = httpc:request(get, {B ++ "/hello", []}, [], [{sync, false}]),
    receive
        {http, {Id, {{V, S, R}, _, Body}}} -> io:format("async: ~s ~p ~p ~p~n", [V, S, R, Body])
    after 5000 -> io:format("async: nothing~n")
    end,
    {ok, Id2} = httpc:request(get, {B ++ "/chunked", []}, [], [{sync, false}, {stream, self}]),
    io:format("stream: ~p~n", [stream(Id2, [])]),
    show("timeout", httpc:request(get, {B ++ "/slow", []}, [{timeout, 200}], [])),
    show("close", httpc:request(get, {B ++ "/close", []}, [], [])),
    show("after close", httpc:request(get, {B ++ "/hello", []}, [], [])),
    ok = httpc:set_options([{cookies, enabled}]),
    show("set cookie", httpc:request(get, {B ++ "/cookie", []}, [], [])),
    show("cookie sent", httpc:request(get, {B ++ "/headers", []}, [], [])),
    {ok, Pid} = inets:start(httpc, [{profile, other}]),
    io:format("profile: ~p ~p~n", [is_pid(Pid), httpc:get_options([max_sessions, pipeline_timeout], other)]),
    show("other profile", httpc:request(get, {B ++ "/hello", []}, [], [], other)),
    ok = inets:stop(httpc, other),
    io:format("bad scheme: ~p~n", [httpc:request("ftp://127.0.0.1/x")]),
    io:format("no host: ~p~n", [httpc:request("http:///x")]),
    io:format("bad method: ~p~n", [catch httpc:request(fetch, {B, []}, [], [])]),
    Counter ! {get, self()},
    receive {count, N} -> io:format("connections accepted: ~p~n", [N]) end.

stream(Id, Acc) ->
    receive
        {http, {Id, stream_start, Headers}} ->
            stream(Id, [{start, lists:keyfind("transfer-encoding", 1, Headers)} | Acc]);
        {http, {Id, stream, Part}} -> stream(Id, [Part | Acc]);
        {http, {Id, stream_end, _Headers}} -> lists:reverse([stream_end | Acc])
    after 5000 -> lists:reverse([timeout | Acc])
    end.

show(Label, {ok, {{Version, Status, Reason}, Headers, Body}}) ->
    Keep = [{K, lists:flatten(string:replace(V, get(base), "BASE"))} || {K, V} <- Headers, K =/= "date"],
    io:format("~s: ~s ~p ~p~n  ~p~n  ~p~n", [Label, Version, Status, Reason, lists:sort(Keep), Body]);
show(Label, Other) ->
    io:format("~s: ~p~n", [Label, Other]).

counter(N) ->
    receive
        inc -> counter(N + 1);
        {get, From} -> From ! {count, N}, counter(N)
    end.

acceptor(L, Port, Counter) ->
    {ok, S} = gen_tcp:accept(L),
    Counter ! inc,
    Pid = spawn(fun() -> receive go -> serve(S, Port, <<>>) end end),
    ok = gen_tcp:controlling_process(S, Pid),
    Pid ! go,
    acceptor(L, Port, Counter).

serve(S, Port, Buf) ->
    case binary:split(Buf, <<"\r\n\r\n">>) of
        [Head, Rest] ->
            [RequestLine | HeaderLines] = binary:split(Head, <<"\r\n">>, [global]),
            Length = content_length(HeaderLines),
            {Body, Next} = read_body(S, Rest, Length),
            [Method, Path, _] = binary:split(RequestLine, <<" ">>, [global]),
            case respond(Method, Path, HeaderLines, Body, Port) of
                slow -> receive after 3000 -> gen_tcp:close(S) end;
                {close, Reply} -> ok = gen_tcp:send(S, Reply), gen_tcp:close(S);
                Reply -> ok = gen_tcp:send(S, Reply), serve(S, Port, Next)
            end;
        [_] ->
            case gen_tcp:recv(S, 0) of
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

read_body(_S, Got, Length) when byte_size(Got) >= Length ->
    <<Body:Length/binary, Next/binary>> = Got,
    {Body, Next};
read_body(S, Got, Length) ->
    {ok, More} = gen_tcp:recv(S, 0, 5000),
    read_body(S, <<Got/binary, More/binary>>, Length).

respond(_, <<"/headers", _/binary>> = Path, Headers, _, _) ->
    Seen = lists:sort([H || H <- Headers, binary:match(string:lowercase(H), <<"host:">>) =:= nomatch]),
    reply("200 OK", [{"Content-Type", "text/plain"}], iolist_to_binary([Path, "\n", lists:join("\n", Seen)]));
respond(<<"HEAD">>, <<"/hello">>, _, _, _) ->
    ["HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\n"];
respond(<<"GET">>, <<"/hello">>, _, _, _) ->
    reply("200 OK", [{"Content-Type", "text/plain"}], <<"hello, world">>);
respond(Method, <<"/echo">>, _, Body, _) when Method =:= <<"PUT">>; Method =:= <<"DELETE">> ->
    reply("200 OK", [{"Content-Type", "text/plain"}], <<Method/binary, " ", Body/binary>>);
respond(<<"GET">>, <<"/old">>, _, _, Port) ->
    reply("302 Found", [{"Location", "http://127.0.0.1:" ++ integer_to_list(Port) ++ "/hello"}], <<"moved">>);
respond(<<"POST">>, <<"/see-other">>, _, _, Port) ->
    reply("303 See Other", [{"Location", "http://127.0.0.1:" ++ integer_to_list(Port) ++ "/hello"}], <<>>);
respond(<<"GET">>, <<"/chunked">>, _, _, _) ->
    [<<"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n">>,
     [[integer_to_list(byte_size(C), 16), "\r\n", C, "\r\n"] || C <- [<<"one ">>, <<"two ">>, <<"three">>]],
     <<"0\r\n\r\n">>];
respond(<<"GET">>, <<"/slow">>, _, _, _) ->
    slow;
respond(<<"GET">>, <<"/close">>, _, _, _) ->
    {close, reply("200 OK", [{"Connection", "close"}], <<"bye">>)};
respond(<<"GET">>, <<"/cookie">>, _, _, _) ->
    reply("200 OK", [{"Set-Cookie", "session=abc123; Path=/"}], <<"have a cookie">>);
respond(_, _, _, _, _) ->
    reply("404 Not Found", [{"Content-Type", "text/plain"}], <<"no such thing">>).

reply(Status, Headers, Body) ->
    ["HTTP/1.1 ", Status, "\r\n",
     [[K, ": ", V, "\r\n"] || {K, V} <- Headers],
     "Content-Length: ", integer_to_list(byte_size(Body)), "\r\n\r\n", Body].
