%% More of inets' HTTP client on loopback: a host name (localhost) and an IPv6 literal, a
%% large body, {stream, {self, once}} with stream_next, a body streamed into a file,
%% cancel_request, a proxy, socket_opts, and cookies stored, sent and reset.
-module(httpc_more_paths).
-export([main/0]).

main() ->
    ok = inets:start(),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127, 0, 0, 1}}]),
    {ok, Port} = inet:port(L),
    spawn(fun() -> acceptor(L) end),
    P = integer_to_list(Port),
    B = "http://127.0.0.1:" ++ P,
    show("localhost", httpc:request("http://localhost:" ++ P ++ "/hello")),
    {ok, L6} = gen_tcp:listen(0, [binary, {active, false}, inet6, {ip, {0, 0, 0, 0, 0, 0, 0, 1}}]),
    {ok, Port6} = inet:port(L6),
    spawn(fun() -> acceptor(L6) end),
    ok = httpc:set_options([{ipfamily, inet6fb4}]),
    show("ipv6", httpc:request(get, {"http://[::1]:" ++ integer_to_list(Port6) ++ "/hello", []}, [], [])),
    ok = httpc:set_options([{ipfamily, inet}]),
    case httpc:request(get, {B ++ "/big", []}, [], [{body_format, binary}]) of
        {ok, {{_, 200, _}, _, Big}} -> io:format("big: ~p ~p~n", [byte_size(Big), erlang:md5(Big)]);
        Other -> io:format("big: ~p~n", [Other])
    end,
    {ok, Id} = httpc:request(get, {B ++ "/chunked", []}, [], [{sync, false}, {stream, {self, once}}]),
    io:format("once: ~p~n", [once(Id, [])]),
    File = "httpc_more_paths.out",
    {ok, saved_to_file} = httpc:request(get, {B ++ "/chunked", []}, [], [{stream, File}]),
    {ok, Saved} = file:read_file(File),
    ok = file:delete(File),
    io:format("file: ~p~n", [Saved]),
    {ok, Id3} = httpc:request(get, {B ++ "/slow", []}, [], [{sync, false}]),
    io:format("cancel: ~p~n", [httpc:cancel_request(Id3)]),
    receive {http, {Id3, _}} = M -> io:format("after cancel: ~p~n", [M]) after 300 -> io:format("after cancel: nothing~n") end,
    {ok, _} = inets:start(httpc, [{profile, proxied}]),
    ok = httpc:set_options([{proxy, {{"127.0.0.1", Port}, ["localhost"]}}], proxied),
    show("proxied", httpc:request(get, {"http://example.invalid/through-proxy", []}, [], [], proxied)),
    show("socket_opts", httpc:request(get, {B ++ "/hello", []}, [], [{socket_opts, [{nodelay, true}, {recbuf, 8192}]}])),
    ok = httpc:set_options([{cookies, verify}]),
    {ok, {{_, 200, _}, CH, _}} = httpc:request(get, {B ++ "/cookie", []}, [], []),
    io:format("store: ~p~n", [httpc:store_cookies(CH, B ++ "/cookie")]),
    io:format("cookie header: ~p~n", [httpc:cookie_header(B ++ "/cookie")]),
    ok = httpc:reset_cookies(),
    io:format("after reset: ~p~n", [httpc:cookie_header(B ++ "/cookie")]).

once(Id, Acc) ->
    receive
        {http, {Id, stream_start, _, Pid}} -> ok = httpc:stream_next(Pid), once(Id, [start | Acc]);
        {http, {Id, stream, Part}} -> once(Id, [Part | Acc]);
        {http, {Id, stream_end, _}} -> lists:reverse([stream_end | Acc])
    after 1000 -> lists:reverse([timeout | Acc])
    end.

show(Label, {ok, {{Version, Status, Reason}, Headers, Body}}) ->
    Keep = [H || {K, _} = H <- Headers, K =/= "date"],
    io:format("~s: ~s ~p ~p~n  ~p~n  ~p~n", [Label, Version, Status, Reason, lists:sort(Keep), Body]);
show(Label, Other) ->
    io:format("~s: ~p~n", [Label, Other]).

acceptor(L) ->
    {ok, S} = gen_tcp:accept(L),
    Pid = spawn(fun() -> receive go -> serve(S, <<>>) end end),
    ok = gen_tcp:controlling_process(S, Pid),
    Pid ! go,
    acceptor(L).

serve(S, Buf) ->
    case binary:split(Buf, <<"\r\n\r\n">>) of
        [Head, Rest] ->
            [RequestLine | _] = binary:split(Head, <<"\r\n">>, [global]),
            [_Method, Path, _] = binary:split(RequestLine, <<" ">>, [global]),
            case respond(Path) of
                slow -> receive after 2000 -> gen_tcp:close(S) end;
                Reply -> ok = gen_tcp:send(S, Reply), serve(S, Rest)
            end;
        [_] ->
            case gen_tcp:recv(S, 0) of
                {ok, More} -> serve(S, <<Buf/binary, More/binary>>);
                {error, _} -> gen_tcp:close(S)
            end
    end.

respond(<<"/hello">>) -> reply([], <<"hello, world">>);
respond(<<"/big">>) -> reply([], binary:copy(<<"0123456789abcdef">>, 65536));
respond(<<"/chunked">>) ->
    [<<"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n">>,
     [[integer_to_list(byte_size(C), 16), "\r\n", C, "\r\n"] || C <- [<<"alpha ">>, <<"beta ">>, <<"gamma">>]],
     <<"0\r\n\r\n">>];
respond(<<"/slow">>) -> slow;
respond(<<"/cookie">>) -> reply([{"Set-Cookie", "k=v; Path=/"}], <<"c">>);
respond(<<"http://example.invalid/through-proxy">>) -> reply([], <<"via the proxy">>);
respond(Path) -> reply([], <<"unknown ", Path/binary>>).

reply(Headers, Body) ->
    ["HTTP/1.1 200 OK\r\n", [[K, ": ", V, "\r\n"] || {K, V} <- Headers],
     "Content-Length: ", integer_to_list(byte_size(Body)), "\r\n\r\n", Body].
