%% prim_inet for beamwasm: the interface of the VM's preloaded prim_inet (what inet,
%% inet_tcp and gen_tcp call), with the semantics of its inet_drv port, over the host's
%% TCP effects (docs/ARCHITECTURE.md, "TCP"). A socket is a port (net.wat) driven by a
%% process running driver/1 below: it owns the host socket, receives the host's events
%% ({'$tcp', Id, Event}), frames the stream ({packet, 0 | 1 | 2 | 4 | line}), delivers
%% {tcp, S, Data} / {tcp_closed, S} / {tcp_error, S, R} / {tcp_passive, S} in active mode
%% and answers recv in passive mode, as inet_drv does. Only TCP over IPv4 and IPv6 is
%% here; UDP, SCTP and local sockets are not (docs/LIMITATIONS.md).
%%
%% TLS (the runtime's ssl, docs/ARCHITECTURE.md "TLS") is a state of the same driver:
%% tls_start/4 has the host run the handshake over the socket, after which the data is
%% plaintext and the owner's messages are ssl's ({ssl, SslSocket, Data}, ...).
-module(prim_inet).
-export([open/3, open/4, close/1, bind/3, connect/3, connect/4, listen/1, listen/2,
         accept/1, accept/2, accept/3, send/2, send/3, recv/2, recv/3, shutdown/2,
         peername/1, sockname/1, setopts/2, getopts/2, getopt/2, setopt/3,
         is_sockopt_val/2, getstat/2, getstatus/1, gettype/1, getindex/1, unrecv/2]).
-export([tls_start/4, tls_config/3, tls_peercert/1]).

-define(TCP_DEFAULTS,
        #{active => true, mode => list, packet => 0, header => 0, packet_size => 0,
          deliver => term, exit_on_close => true, nodelay => false, keepalive => false,
          reuseaddr => false, buffer => 1460, recbuf => 131072, sndbuf => 16384,
          delay_send => false, send_timeout => infinity, send_timeout_close => false,
          linger => {false, 0}, show_econnreset => false, high_watermark => 8192,
          low_watermark => 4096, high_msgq_watermark => 8192, low_msgq_watermark => 4096,
          priority => 0, tos => 0, line_delimiter => $\n, dontroute => false,
          ipv6_v6only => false, reuseport => false, reuseport_lb => false}).

%% ---- the interface --------------------------------------------------------------------

open(Protocol, Family, Type) -> open(Protocol, Family, Type, []).

open(tcp, Family, stream, _Opts) when Family =:= inet; Family =:= inet6 ->
    Owner = self(),
    Driver = spawn(fun() -> start_driver(Owner, Family, ?TCP_DEFAULTS) end),
    Port = beamwasm_rt:port_new(Driver),
    Driver ! {'$port', Port},
    {ok, Port};
open(_, _, _, _) ->
    {error, eprotonosupport}.

close(S) when is_port(S) ->
    _ = ctl(S, close),
    ok.

bind(S, Addr, Port) when is_port(S) ->
    ctl(S, {bind, Addr, Port}).

connect(S, #{addr := Addr, port := Port}, Time) -> connect(S, Addr, Port, Time).

connect(S, Addr, Port, Time) when is_port(S) ->
    ctl(S, {connect, Addr, Port, Time}).

listen(S) -> listen(S, 5).

listen(S, Backlog) when is_port(S), is_integer(Backlog) ->
    ctl(S, {listen, Backlog}).

accept(L) -> accept(L, infinity, []).
accept(L, FamilyOpts) -> accept(L, infinity, FamilyOpts).
accept(L, Time, _FamilyOpts) when is_port(L) ->
    ctl(L, {accept, self(), Time}).

send(S, Data) -> send(S, Data, []).
send(S, Data, _Opts) when is_port(S) ->
    try iolist_to_binary(Data) of
        Bin -> ctl(S, {send, Bin})
    catch
        error:_ -> erlang:error(badarg, [S, Data])
    end.

recv(S, Length) -> recv(S, Length, infinity).
recv(S, Length, Time) when is_port(S), is_integer(Length), Length >= 0 ->
    ctl(S, {recv, Length, Time}).

shutdown(S, read) -> ctl(S, {shutdown, 0});
shutdown(S, write) -> ctl(S, {shutdown, 1});
shutdown(S, read_write) -> ctl(S, {shutdown, 2}).

peername(S) when is_port(S) -> ctl(S, peername).
sockname(S) when is_port(S) -> ctl(S, sockname).

setopts(S, Opts) when is_port(S) ->
    case normalize(Opts, []) of
        {ok, Norm} -> ctl(S, {setopts, Norm});
        Error -> Error
    end.

getopts(S, Opts) when is_port(S) -> ctl(S, {getopts, Opts}).

getopt(S, Opt) ->
    case getopts(S, [Opt]) of
        {ok, [{_, Value}]} -> {ok, Value};
        {ok, _} -> {error, einval};
        Error -> Error
    end.

setopt(S, Opt, Value) -> setopts(S, [{Opt, Value}]).

is_sockopt_val(Opt, Val) ->
    case normalize([{Opt, Val}], []) of
        {ok, _} -> true;
        _ -> false
    end.

getstat(S, Items) when is_port(S) ->
    case ctl(S, info) of
        {error, _} = E -> E;
        _ -> {ok, [{I, 0} || I <- Items]}
    end.

getstatus(S) -> ctl(S, status).
gettype(S) when is_port(S) -> {ok, {inet, stream}}.
getindex(S) when is_port(S) -> {ok, 0}.
unrecv(S, Data) -> ctl(S, {unrecv, iolist_to_binary(Data)}).

%% ---- TLS, for the runtime's ssl -----------------------------------------------------------

%% Runs the TLS handshake over a connected socket: Req is the host's tls_start request
%% (`{Role, Name, Verify, CaCerts, Certs, Key}`) and Active the active mode to take once
%% it is done, or both undefined for those tls_config/3 left on the listening socket it was
%% accepted from. {ok, SslSocket} or {error, Reason} (the socket is then closed).
tls_start(S, Req, Active, Time) when is_port(S) ->
    ctl(S, {tls_start, Req, Active, Time}).

%% Keeps a server's TLS request and active mode on a listening socket, for the sockets it
%% accepts (which are accepted passive).
tls_config(S, Req, Active) when is_port(S) ->
    ctl(S, {tls_config, Req, Active}).

tls_peercert(S) when is_port(S) ->
    ctl(S, tls_peercert).

%% A request to the socket's driver; a closed port answers {error, einval}, as
%% port_control on a closed port does. A host without sockets raises
%% {unwired_host_effect, Name} here, in the caller.
ctl(S, Req) ->
    case beamwasm_port:call(S, Req) of
        {'$dead'} -> {error, einval};
        {'$unwired', Name} -> erlang:error({unwired_host_effect, Name});
        Reply -> Reply
    end.

normalize([], Acc) -> {ok, lists:reverse(Acc)};
normalize([binary | T], Acc) -> normalize(T, [{mode, binary} | Acc]);
normalize([list | T], Acc) -> normalize(T, [{mode, list} | Acc]);
normalize([{packet, P} | T], Acc) ->
    case packet(P) of
        error -> {error, einval};
        V -> normalize(T, [{packet, V} | Acc])
    end;
normalize([{active, A} | T], Acc)
  when A =:= true; A =:= false; A =:= once; is_integer(A), A >= -32768, A =< 32767 ->
    normalize(T, [{active, A} | Acc]);
normalize([{mode, M} | T], Acc) when M =:= binary; M =:= list -> normalize(T, [{mode, M} | Acc]);
normalize([{Opt, V} | T], Acc) ->
    case maps:is_key(Opt, ?TCP_DEFAULTS) andalso Opt =/= active of
        true -> normalize(T, [{Opt, V} | Acc]);
        false -> {error, einval}
    end;
normalize(_, _) -> {error, einval}.

packet(P) when P =:= 0; P =:= raw -> 0;
packet(P) when P =:= 1; P =:= 2; P =:= 4; P =:= line -> P;
packet(_) -> error.

%% ---- the driver --------------------------------------------------------------------------

start_driver(Owner, Family, Opts) ->
    receive {'$port', Port} -> ok end,
    Mon = erlang:monitor(process, Owner),
    driver(#{port => Port, owner => Owner, mon => Mon, family => Family, opts => Opts,
             sock => Port, tags => {tcp, tcp_closed, tcp_error, tcp_passive},
             id => undefined, state => open, data => undefined, buf => <<>>,
             peer => open, bound => undefined, waiting => undefined, accepts => [],
             ready => []}).

driver(St) ->
    receive
        {'$port_call', From, Ref, Req} ->
            driver(request(Req, From, Ref, St));
        {'$tcp', Id, Event} when Id =:= map_get(id, St) ->
            driver(event(Event, St));
        {'$timeout', Ref} ->
            driver(timeout(Ref, St));
        {'$attach', Id} ->
            _ = host(tcp_attach, {Id, self()}),
            driver(St#{id := Id, state := connected});
        {'DOWN', Mon, _, _, _} when Mon =:= map_get(mon, St) ->
            host_close(St),
            beamwasm_rt:port_drop(map_get(port, St)),
            exit(normal);
        _ ->
            driver(St)
    end.

reply(From, Ref, Reply) -> From ! {Ref, Reply}.

host(Op, Args) ->
    case beamwasm_rt:host_call({Op, Args}) of
        {ok, Reply} -> Reply;
        {error, unwired} -> {'$unwired', Op};
        {error, Reason} -> {error, Reason}
    end.

host_close(#{id := undefined}) -> ok;
host_close(#{id := Id}) -> _ = host(tcp_close, Id), ok.

request(info, From, Ref, St = #{port := Port, owner := Owner}) ->
    Num = erlang:phash2(Port),
    reply(From, Ref, [{name, "tcp_inet"}, {links, [Owner]}, {id, Num}, {connected, Owner},
                      {input, 0}, {output, 0}, {os_pid, undefined}]),
    St;
request({connect, Pid}, From, Ref, St = #{mon := Mon}) ->
    erlang:demonitor(Mon, [flush]),
    reply(From, Ref, true),
    St#{owner := Pid, mon := erlang:monitor(process, Pid)};
request(port_close, From, Ref, St) ->
    host_close(St),
    beamwasm_rt:port_drop(map_get(port, St)),
    reply(From, Ref, true),
    exit(normal);
request(close, From, Ref, St) ->
    host_close(St),
    beamwasm_rt:port_drop(map_get(port, St)),
    reply(From, Ref, ok),
    exit(normal);
request(get_data, From, Ref, St = #{data := D}) ->
    reply(From, Ref, D), St;
request({set_data, D}, From, Ref, St) ->
    reply(From, Ref, true), St#{data := D};
request(status, From, Ref, St = #{state := S}) ->
    reply(From, Ref, {ok, [S]}), St;
request({bind, Addr, Port}, From, Ref, St) ->
    reply(From, Ref, {ok, Port}),
    St#{bound := {bind_addr(Addr, St), Port}};
request({connect, Addr, Port, Time}, From, Ref, St = #{state := open}) ->
    case host(tcp_connect, {self(), Addr, Port}) of
        {ok, Id} ->
            wait(From, Ref, connect, Time, St#{id := Id, state := connecting});
        Error ->
            reply(From, Ref, Error), St
    end;
request({connect, _, _, _}, From, Ref, St) ->
    reply(From, Ref, {error, einval}), St;
request({listen, _Backlog}, From, Ref, St = #{state := open}) ->
    {Addr, Port} = case St of
                       #{bound := undefined} -> {bind_addr(any, St), 0};
                       #{bound := B} -> B
                   end,
    case host(tcp_listen, {self(), Addr, Port}) of
        {ok, Id} -> wait(From, Ref, listen, infinity, St#{id := Id, state := listening});
        Error -> reply(From, Ref, Error), St
    end;
request({listen, _}, From, Ref, St) ->
    reply(From, Ref, {error, einval}), St;
request({accept, Acceptor, _Time}, From, Ref, St = #{state := listening, ready := [Id | Rest]}) ->
    reply(From, Ref, accepted(Id, Acceptor, St)),
    St#{ready := Rest};
request({accept, Acceptor, Time}, From, Ref, St = #{state := listening, id := Id}) ->
    case host(tcp_accept, Id) of
        ok -> wait(From, Ref, {accept, Acceptor}, Time, St);
        Error -> reply(From, Ref, Error), St
    end;
request({accept, _, _}, From, Ref, St) ->
    reply(From, Ref, {error, einval}), St;
request({send, Bin}, From, Ref, St = #{state := connected, id := Id, opts := Opts}) ->
    reply(From, Ref, host(tcp_send, {Id, frame(maps:get(packet, Opts), Bin)})),
    St;
request({send, _}, From, Ref, St) ->
    reply(From, Ref, {error, closed_or_enotconn(St)}), St;
request({recv, Len, Time}, From, Ref, St = #{state := connected, opts := #{active := false}, waiting := undefined}) ->
    recv(From, Ref, Len, Time, St);
request({recv, _, _}, From, Ref, St = #{state := connected, waiting := undefined}) ->
    reply(From, Ref, {error, einval}), St;
request({recv, _, _}, From, Ref, St = #{state := connected}) ->
    reply(From, Ref, {error, ealready}), St;
request({recv, _, _}, From, Ref, St) ->
    reply(From, Ref, {error, enotconn}), St;
request({unrecv, Bin}, From, Ref, St = #{buf := Buf}) ->
    reply(From, Ref, ok), St#{buf := <<Bin/binary, Buf/binary>>};
request({shutdown, How}, From, Ref, St = #{state := connected, id := Id}) ->
    reply(From, Ref, host(tcp_shutdown, {Id, How})), St;
request({shutdown, _}, From, Ref, St) ->
    reply(From, Ref, {error, enotconn}), St;
request({tls_config, Req, Active}, From, Ref, St = #{opts := Opts}) ->
    reply(From, Ref, ok), St#{opts := Opts#{'$tls' => {Req, Active}}};
request({tls_start, Req0, Active0, Time}, From, Ref,
        St = #{state := connected, id := Id, port := Port, buf := Buf, opts := Opts}) ->
    {Req, Active} = case Req0 of
                        undefined -> maps:get('$tls', Opts, {undefined, true});
                        _ -> {Req0, Active0}
                    end,
    case Req of
        undefined ->
            reply(From, Ref, {error, einval}), St;
        _ ->
            %% Bytes already read are the peer's first records (a client's hello).
            Raw = drain(Id, Buf),
            case host(tls_start, {Id, Req, Raw}) of
                ok ->
                    Sock = {sslsocket, {gen_tcp, Port, tls_connection, undefined}, [self()]},
                    wait(From, Ref, {tls, element(1, Req), Active}, Time,
                         St#{buf := <<>>, sock := Sock, tags := {ssl, ssl_closed, ssl_error, ssl_passive}});
                Error ->
                    reply(From, Ref, Error), St
            end
    end;
request({tls_start, _, _, _}, From, Ref, St) ->
    reply(From, Ref, {error, closed_or_enotconn(St)}), St;
request(tls_peercert, From, Ref, St = #{state := connected, id := Id}) ->
    reply(From, Ref, host(tls_peercert, Id)), St;
request(tls_peercert, From, Ref, St) ->
    reply(From, Ref, {error, closed_or_enotconn(St)}), St;
request(peername, From, Ref, St) ->
    reply(From, Ref, case names(St) of
                         {ok, {_, {_, _} = Peer}} -> {ok, Peer};
                         {ok, _} -> {error, enotconn};
                         Error -> Error
                     end), St;
request(sockname, From, Ref, St) ->
    reply(From, Ref, case names(St) of
                         {ok, {{_, _} = Local, _}} -> {ok, Local};
                         {ok, _} -> {error, einval};
                         Error -> Error
                     end), St;
request({setopts, New}, From, Ref, St = #{opts := Opts}) ->
    Opts1 = lists:foldl(fun({active, N}, O) when is_integer(N) ->
                                O#{active := add_active(maps:get(active, O), N)};
                           ({K, V}, O) -> O#{K => V}
                        end, Opts, New),
    reply(From, Ref, ok),
    St1 = St#{opts := Opts1},
    case maps:get(active, Opts1) of
        false when map_get(active, Opts) =/= false -> St1;
        _ -> deliver(St1)
    end;
request({getopts, Names}, From, Ref, St = #{opts := Opts}) ->
    reply(From, Ref, getopts_reply(Names, Opts, [])), St;
request(_, From, Ref, St) ->
    reply(From, Ref, {error, einval}), St.

closed_or_enotconn(#{state := closed}) -> closed;
closed_or_enotconn(_) -> enotconn.

add_active(Cur, N) when is_integer(Cur) -> active_count(Cur + N);
add_active(_, N) -> active_count(N).

active_count(N) when N =< 0 -> false;
active_count(N) -> N.

getopts_reply([], _, Acc) -> {ok, lists:reverse(Acc)};
getopts_reply([Name | T], Opts, Acc) when is_atom(Name) ->
    case Opts of
        #{Name := V} -> getopts_reply(T, Opts, [{Name, V} | Acc]);
        _ -> getopts_reply(T, Opts, Acc)
    end;
getopts_reply(_, _, _) -> {error, einval}.

bind_addr(any, #{family := inet}) -> {0, 0, 0, 0};
bind_addr(any, #{family := inet6}) -> {0, 0, 0, 0, 0, 0, 0, 0};
bind_addr(loopback, #{family := inet}) -> {127, 0, 0, 1};
bind_addr(loopback, #{family := inet6}) -> {0, 0, 0, 0, 0, 0, 0, 1};
bind_addr(Addr, _) -> Addr.

names(#{id := undefined}) -> {error, einval};
names(#{id := Id}) -> host(tcp_names, Id).

%% A blocking request: its reply comes with an event or a timeout.
wait(From, Ref, What, Time, St) ->
    Timer = case Time of
                infinity -> undefined;
                _ -> erlang:send_after(Time, self(), {'$timeout', Ref})
            end,
    St#{waiting := {What, From, Ref, Timer}}.

answer(Reply, St = #{waiting := {_, From, Ref, Timer}}) ->
    _ = Timer =/= undefined andalso erlang:cancel_timer(Timer),
    receive {'$timeout', Ref} -> ok after 0 -> ok end,
    reply(From, Ref, Reply),
    St#{waiting := undefined}.

timeout(Ref, St = #{waiting := {connect, _, Ref, _}}) ->
    host_close(St),
    answer({error, timeout}, St#{id := undefined, state := open});
timeout(Ref, St = #{waiting := {_, _, Ref, _}}) ->
    answer({error, timeout}, St);
timeout(_, St) -> St.

recv(From, Ref, Len, Time, St) ->
    case take(St, Len) of
        {ok, Data, St1} -> reply(From, Ref, {ok, Data}), St1;
        more when map_get(peer, St) =/= open -> reply(From, Ref, {error, peer_error(St)}), closed(St);
        more when Time =:= 0 -> reply(From, Ref, {error, timeout}), St;
        more -> wait(From, Ref, {recv, Len}, Time, St)
    end.

peer_error(#{peer := closed}) -> closed;
peer_error(#{peer := {error, R}}) -> R.

%% The connection has ended and the owner has been told: further use is {error, closed}.
closed(St) -> St#{state := closed}.

accepted(Id, Acceptor, #{opts := Opts, family := Family}) ->
    Driver = spawn(fun() -> start_driver(Acceptor, Family, Opts) end),
    Port = beamwasm_rt:port_new(Driver),
    Driver ! {'$port', Port},
    Driver ! {'$attach', Id},
    {ok, Port}.

event(tls_ready, St = #{waiting := {{tls, _, Active}, _, _, _}, sock := Sock, opts := Opts}) ->
    deliver(answer({ok, Sock}, St#{opts := Opts#{active := Active}}));
event({tls_error, Alert, Side}, St = #{waiting := {{tls, Role, _}, _, _, _}}) ->
    host_close(St),
    answer({error, {tls_alert, {Alert, alert_text(Role, Alert, Side)}}}, St#{id := undefined, state := closed});
event(Event, St = #{waiting := {{tls, _, _}, _, _, _}}) when Event =:= closed; element(1, Event) =:= error ->
    host_close(St),
    answer({error, closed}, St#{id := undefined, state := closed});
event({data, Raw}, St = #{tags := {ssl, _, _, _}, id := Id}) when Id =/= undefined ->
    %% Read before the TLS start, delivered after it: the peer's records.
    _ = host(tls_feed, {Id, Raw}),
    St;
event({tls_data, Bin}, St = #{buf := Buf}) ->
    progress(St#{buf := <<Buf/binary, Bin/binary>>});
event({tls_error, Alert, Side}, St = #{tags := {ssl, _, _, _}}) ->
    progress(St#{peer := {error, {tls_alert, {Alert, alert_text(client, Alert, Side)}}}});
event(listening, St = #{waiting := {listen, _, _, _}}) ->
    answer(ok, St);
event({error, Reason}, St = #{waiting := {listen, _, _, _}}) ->
    answer({error, Reason}, St#{id := undefined, state := open});
event(connected, St = #{waiting := {connect, _, _, _}}) ->
    answer(ok, St#{state := connected});
event({error, Reason}, St = #{waiting := {connect, _, _, _}}) ->
    answer({error, Reason}, St#{id := undefined, state := open});
event({accepted, NewId}, St = #{waiting := {{accept, Acceptor}, _, _, _}}) ->
    answer(accepted(NewId, Acceptor, St), St);
event({accepted, NewId}, St = #{ready := Ready}) ->
    St#{ready := Ready ++ [NewId]};
event({data, Bin}, St = #{buf := Buf}) ->
    progress(St#{buf := <<Buf/binary, Bin/binary>>});
event(closed, St) ->
    progress(St#{peer := closed});
event({error, Reason}, St) ->
    progress(St#{peer := {error, Reason}});
event(_, St) -> St.

%% New data or the end of the stream: answer a waiting recv, or deliver in active mode.
progress(St = #{waiting := {{recv, Len}, _, _, _}}) ->
    case take(St, Len) of
        {ok, Data, St1} -> answer({ok, Data}, St1);
        more when map_get(peer, St) =/= open -> closed(answer({error, peer_error(St)}, St));
        more -> St
    end;
progress(St) ->
    deliver(St).

deliver(St = #{opts := #{active := false}}) -> St;
deliver(St = #{state := connected, sock := Port, owner := Owner, opts := Opts,
               tags := {Tag, ClosedTag, ErrorTag, PassiveTag}}) ->
    case take(St, 0) of
        {ok, Data, St1} ->
            Owner ! {Tag, Port, Data},
            case maps:get(active, Opts) of
                once -> St1#{opts := Opts#{active := false}};
                N when is_integer(N), N > 1 -> deliver(St1#{opts := Opts#{active := N - 1}});
                N when is_integer(N) ->
                    Owner ! {PassiveTag, Port},
                    St1#{opts := Opts#{active := false}};
                true -> deliver(St1)
            end;
        more when map_get(peer, St) =:= closed ->
            Owner ! {ClosedTag, Port},
            closed(St);
        more when map_get(peer, St) =/= open ->
            Owner ! {ErrorTag, Port, peer_error(St)},
            Owner ! {ClosedTag, Port},
            closed(St);
        more -> St
    end;
deliver(St) -> St.

%% The next packet from the buffer, as the owner gets it, or more.
take(St = #{buf := Buf, opts := Opts}, Len) ->
    case split(maps:get(packet, Opts), Buf, Len) of
        {Packet, Rest} ->
            Data = case maps:get(mode, Opts) of
                       binary -> Packet;
                       list -> binary_to_list(Packet)
                   end,
            {ok, Data, St#{buf := Rest}};
        more -> more
    end.

split(0, <<>>, _) -> more;
split(0, Buf, 0) -> {Buf, <<>>};
split(0, Buf, Len) when byte_size(Buf) >= Len -> split_binary(Buf, Len);
split(0, _, _) -> more;
split(1, <<N:8, P:N/binary, Rest/binary>>, _) -> {P, Rest};
split(2, <<N:16, P:N/binary, Rest/binary>>, _) -> {P, Rest};
split(4, <<N:32, P:N/binary, Rest/binary>>, _) -> {P, Rest};
split(line, Buf, _) ->
    case binary:match(Buf, <<"\n">>) of
        {At, 1} -> split_binary(Buf, At + 1);
        nomatch -> more
    end;
split(_, _, _) -> more.

%% Raw bytes the host sent before a TLS start, buffered or still in the mailbox.
drain(Id, Buf) ->
    receive {'$tcp', Id, {data, B}} -> drain(Id, <<Buf/binary, B/binary>>)
    after 0 -> Buf
    end.

%% The text OTP's ssl gives with an alert (without its source location).
alert_text(Role, Alert, Side) ->
    {Me, Mine, Peer} = case Role of
                           client -> {"TLS client", "CLIENT", "SERVER"};
                           _ -> {"TLS server", "SERVER", "CLIENT"}
                       end,
    {How, Who} = case Side of
                     local -> {"generated", Mine};
                     remote -> {"received", Peer}
                 end,
    Me ++ ": In state certify " ++ How ++ " " ++ Who ++ " ALERT: Fatal - " ++ alert_description(Alert) ++ "\n".

alert_description(unknown_ca) -> "Unknown CA";
alert_description(handshake_failure) -> "Handshake Failure";
alert_description(bad_certificate) -> "Bad Certificate";
alert_description(certificate_expired) -> "Certificate Expired";
alert_description(certificate_unknown) -> "Certificate Unknown";
alert_description(protocol_version) -> "Protocol Version";
alert_description(decrypt_error) -> "Decrypt Error";
alert_description(Alert) -> atom_to_list(Alert).

frame(0, Bin) -> Bin;
frame(line, Bin) -> Bin;
frame(N, Bin) -> <<(byte_size(Bin)):(N * 8), Bin/binary>>.
