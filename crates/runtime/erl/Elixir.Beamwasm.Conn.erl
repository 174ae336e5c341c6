%% Beamwasm.Conn: the connection a handler gets and returns, shaped after Plug.Conn
%% (docs/HTTP.md): the same fields (method, host, port, scheme, request_path, path_info,
%% query_string, query_params, params, req_headers, remote_ip, assigns, private, status,
%% resp_headers, resp_body, state, halted) and the same functions under the same names
%% (send_resp/3, resp/3, put_resp_header/3, put_resp_content_type/2, get_req_header/2,
%% read_body/1, send_chunked/2, chunk/2, assign/3, halt/1, ...), so a Plug-style handler
%% reads as one. Query parameters are decoded when the conn is made; the request body is
%% read whole before the handler runs (read_body/1 returns it).
-module('Elixir.Beamwasm.Conn').
-export(['__struct__'/0, '__struct__'/1, '__from_request__'/2, '__fail__'/1, '__end_stream__'/1,
         send_resp/1, send_resp/3, resp/3, put_status/2,
         put_resp_header/3, prepend_resp_headers/2, merge_resp_headers/2, delete_resp_header/2,
         get_resp_header/2, put_resp_content_type/2, put_resp_content_type/3,
         get_req_header/2, read_body/1, read_body/2, fetch_query_params/1, fetch_query_params/2,
         assign/3, merge_assigns/2, put_private/3, halt/1, send_chunked/2, chunk/2,
         request_url/1, status_code/1]).

'__struct__'() ->
    #{'__struct__' => ?MODULE, adapter => nil, assigns => #{}, halted => false,
      host => <<"www.example.com">>, method => <<"GET">>, owner => nil, params => #{},
      path_info => [], port => 0, private => #{}, query_params => #{}, query_string => <<>>,
      remote_ip => nil, req_headers => [], request_path => <<>>, resp_body => nil,
      resp_headers => [{<<"cache-control">>, <<"max-age=0, private, must-revalidate">>}],
      scheme => http, script_name => [], state => unset, status => nil}.

'__struct__'(Fields) ->
    lists:foldl(fun({K, V}, Acc) -> maps:update(K, V, Acc) end, '__struct__'(), to_list(Fields)).

to_list(M) when is_map(M) -> maps:to_list(M);
to_list(L) when is_list(L) -> L.

%% The conn of a request from the host: Req is the map the host sent (docs/HTTP.md).
'__from_request__'(Req, From) ->
    #{method := Method, path := Path, query := Query, headers := Headers, body := Body} = Req,
    Scheme = case maps:get(scheme, Req, <<"http">>) of <<"https">> -> https; _ -> http end,
    QueryParams = 'Elixir.URI':decode_query(Query),
    Base = '__struct__'(),
    Base#{adapter := {?MODULE, #{from => From, ref => maps:get(ref, Req, nil), body => Body}},
          host := maps:get(host, Req, <<"localhost">>),
          method := Method,
          owner := self(),
          params := QueryParams,
          path_info := [Seg || Seg <- binary:split(Path, <<"/">>, [global]), Seg =/= <<>>],
          port := maps:get(port, Req, 0),
          query_params := QueryParams,
          query_string := Query,
          remote_ip := ip(maps:get(remote_ip, Req, nil)),
          req_headers := Headers,
          request_path := Path,
          scheme := Scheme}.

%% An IPv4 address as Plug has it, {A, B, C, D}; other addresses stay text.
ip(nil) -> nil;
ip(Text) ->
    try [binary_to_integer(P) || P <- binary:split(Text, <<".">>, [global])] of
        [A, B, C, D] = Parts -> case lists:all(fun(N) -> N >= 0 andalso N =< 255 end, Parts) of
                                    true -> {A, B, C, D};
                                    false -> Text
                                end;
        _ -> Text
    catch error:badarg -> Text
    end.

%% ---- responses -------------------------------------------------------------------------

send_resp(Conn, Status, Body) ->
    send_resp(resp(Conn, Status, Body)).

%% Sends the response set with resp/3.
send_resp(#{state := set, adapter := {?MODULE, #{from := From}}} = Conn) ->
    #{status := Status, resp_headers := Headers, resp_body := Body} = Conn,
    gen:reply(From, {response, Status, Headers, iolist_to_binary(Body)}),
    put('$beamwasm_http_sent', true),
    Conn#{state := sent, resp_body := nil};
send_resp(#{state := unset}) ->
    erlang:error('Elixir.ArgumentError':exception(<<"cannot send a response that was not set">>));
send_resp(_) ->
    already_sent().

resp(#{state := State} = Conn, Status, Body) when State =:= unset; State =:= set ->
    Conn#{status := status_code(Status), resp_body := Body, state := set};
resp(_, _, _) ->
    already_sent().

put_status(#{state := State} = Conn, Status) when State =:= unset; State =:= set ->
    Conn#{status := status_code(Status)};
put_status(_, _) ->
    already_sent().

already_sent() ->
    erlang:error('Elixir.RuntimeError':exception(<<"the response was already sent">>)).

%% A status code, given as an integer or as the atoms Plug names them by.
status_code(N) when is_integer(N), N >= 100, N =< 999 -> N;
status_code(Atom) when is_atom(Atom) ->
    case lists:keyfind(Atom, 1, statuses()) of
        {_, N} -> N;
        false -> erlang:error('Elixir.ArgumentError':exception(
                                iolist_to_binary(io_lib:format("unknown status code ~p", [Atom]))))
    end.

statuses() ->
    [{continue, 100}, {switching_protocols, 101}, {ok, 200}, {created, 201}, {accepted, 202},
     {non_authoritative_information, 203}, {no_content, 204}, {reset_content, 205},
     {partial_content, 206}, {multiple_choices, 300}, {moved_permanently, 301}, {found, 302},
     {see_other, 303}, {not_modified, 304}, {temporary_redirect, 307}, {permanent_redirect, 308},
     {bad_request, 400}, {unauthorized, 401}, {payment_required, 402}, {forbidden, 403},
     {not_found, 404}, {method_not_allowed, 405}, {not_acceptable, 406}, {request_timeout, 408},
     {conflict, 409}, {gone, 410}, {length_required, 411}, {precondition_failed, 412},
     {request_entity_too_large, 413}, {unsupported_media_type, 415}, {unprocessable_entity, 422},
     {too_many_requests, 429}, {internal_server_error, 500}, {not_implemented, 501},
     {bad_gateway, 502}, {service_unavailable, 503}, {gateway_timeout, 504}].

put_resp_header(#{resp_headers := Headers} = Conn, Key, Value) when is_binary(Key), is_binary(Value) ->
    Conn#{resp_headers := lists:keystore(Key, 1, Headers, {Key, Value})}.

prepend_resp_headers(#{resp_headers := Headers} = Conn, New) ->
    Conn#{resp_headers := New ++ Headers}.

merge_resp_headers(Conn, New) ->
    lists:foldl(fun({K, V}, C) -> put_resp_header(C, K, V) end, Conn, to_list(New)).

delete_resp_header(#{resp_headers := Headers} = Conn, Key) ->
    Conn#{resp_headers := lists:keydelete(Key, 1, Headers)}.

get_resp_header(#{resp_headers := Headers}, Key) ->
    [V || {K, V} <- Headers, K =:= Key].

put_resp_content_type(Conn, Type) ->
    put_resp_content_type(Conn, Type, <<"utf-8">>).

put_resp_content_type(Conn, Type, nil) ->
    put_resp_header(Conn, <<"content-type">>, Type);
put_resp_content_type(Conn, Type, Charset) ->
    put_resp_header(Conn, <<"content-type">>, <<Type/binary, "; charset=", Charset/binary>>).

%% ---- the request -----------------------------------------------------------------------

get_req_header(#{req_headers := Headers}, Key) ->
    [V || {K, V} <- Headers, K =:= Key].

%% The whole request body, once: {ok, Body, Conn}; later reads give <<>>.
read_body(Conn) -> read_body(Conn, []).
read_body(#{adapter := {?MODULE, #{body := Body} = A}} = Conn, _Opts) ->
    {ok, Body, Conn#{adapter := {?MODULE, A#{body := <<>>}}}}.

%% Query parameters are decoded when the conn is made; for Plug-style code.
fetch_query_params(Conn) -> Conn.
fetch_query_params(Conn, _Opts) -> Conn.

request_url(#{scheme := Scheme, host := Host, port := Port, request_path := Path, query_string := Q}) ->
    Default = (Scheme =:= http andalso Port =:= 80) orelse (Scheme =:= https andalso Port =:= 443),
    iolist_to_binary([atom_to_binary(Scheme), "://", Host,
                      case Default orelse Port =:= 0 of true -> ""; false -> [":", integer_to_binary(Port)] end,
                      Path, case Q of <<>> -> ""; _ -> ["?", Q] end]).

%% ---- assigns, private, halt ------------------------------------------------------------

assign(#{assigns := A} = Conn, Key, Value) -> Conn#{assigns := A#{Key => Value}}.
merge_assigns(#{assigns := A} = Conn, KV) -> Conn#{assigns := maps:merge(A, maps:from_list(to_list(KV)))}.
put_private(#{private := P} = Conn, Key, Value) -> Conn#{private := P#{Key => Value}}.
halt(Conn) -> Conn#{halted := true}.

%% ---- streaming -------------------------------------------------------------------------

%% Starts a response whose body is sent in chunks (chunk/2): the host sends the head now.
send_chunked(#{state := State, adapter := {?MODULE, #{ref := Ref}}} = Conn, Status)
  when State =:= unset; State =:= set ->
    Code = status_code(Status),
    #{resp_headers := Headers} = Conn,
    ok = beamwasm_host:call(http_start, {Ref, Code, Headers}),
    put('$beamwasm_http_sent', true),
    Conn#{status := Code, state := chunked, resp_body := nil};
send_chunked(_, _) ->
    already_sent().

%% Sends one chunk: {ok, Conn}, or {error, closed} when the client has gone.
chunk(#{state := chunked, adapter := {?MODULE, #{ref := Ref}}} = Conn, Data) ->
    case iolist_to_binary(Data) of
        <<>> -> {ok, Conn};
        Bin ->
            case beamwasm_host:call(http_chunk, {Ref, Bin}) of
                ok -> {ok, Conn};
                closed -> {error, closed}
            end
    end;
chunk(_, _) ->
    erlang:error('Elixir.ArgumentError':exception(<<"chunk/2 expects a chunked response; use send_chunked/2 first">>)).

%% The end of a chunked response: the request's call is answered.
'__end_stream__'(#{adapter := {?MODULE, #{from := From}}}) ->
    gen:reply(From, streamed).

%% A failed request: 500 when nothing was sent yet; a stream already started is cut off.
'__fail__'(#{adapter := {?MODULE, #{from := From}}}) ->
    case get('$beamwasm_http_sent') of
        true -> gen:reply(From, stream_failed);
        _ -> gen:reply(From, {response, 500, [{<<"content-type">>, <<"text/plain">>}], <<"Internal Server Error\n">>})
    end.
