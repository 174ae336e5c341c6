%% ssl for beamwasm: the interface of OTP's ssl (what programs and inets' httpc call) over
%% the host's TLS (docs/ARCHITECTURE.md, "TLS"): rustls on the command line, node:tls on
%% Node. A TLS socket is a gen_tcp socket (the runtime's prim_inet) whose driver has had
%% the host run the handshake over it (prim_inet:tls_start/4); from then on the driver
%% sends the owner ssl's messages ({ssl, S, Data}, {ssl_closed, S}, {ssl_error, S, R},
%% {ssl_passive, S}) and the host encrypts and decrypts. OTP's option handling, its TLS
%% state machines and its crypto NIFs are not used. What is left out is in
%% docs/LIMITATIONS.md ("TLS").
-module(ssl).
-export([start/0, start/1, stop/0, connect/2, connect/3, connect/4, listen/2,
         transport_accept/1, transport_accept/2, handshake/1, handshake/2, handshake/3,
         send/2, recv/2, recv/3, setopts/2, getopts/2, controlling_process/2, close/1,
         close/2, shutdown/2, peername/1, sockname/1, peercert/1, format_error/1,
         clear_pem_cache/0]).

-record(sslsocket, {fd, pid}).

%% The options that are ssl's; the rest are gen_tcp's.
-define(TLS_OPTIONS,
        [verify, cacerts, cacertfile, cert, certfile, key, keyfile, password, certs_keys,
         server_name_indication, customize_hostname_check, versions, ciphers, depth,
         ssl_imp, log_level, log_alert, reuse_sessions, reuse_session, secure_renegotiate,
         alpn_advertised_protocols, alpn_preferred_protocols, verify_fun, partial_chain,
         fail_if_no_peer_cert, crl_check, crl_cache, hibernate_after, handshake,
         session_tickets, signature_algs, signature_algs_cert, eccs, supported_groups,
         honor_cipher_order, honor_ecc_order, client_renegotiation, padding_check,
         beast_mitigation, max_fragment_length, next_protocols_advertised,
         client_preferred_next_protocols, psk_identity, user_lookup_fun, dh, dhfile,
         sni_hosts, sni_fun, keep_secrets, early_data, use_srtp, protocol, cb_info,
         ocsp_stapling, ocsp_nonce, ocsp_responder_certs, receiver_spawn_opts,
         sender_spawn_opts, middlebox_comp_mode, cookie, anti_replay, stateless_tickets_seed,
         key_update_at, renegotiate_at, cert_policy_opts, max_handshake_size]).

%% ---- the application --------------------------------------------------------------------

start() -> start(temporary).

start(Type) ->
    case application:ensure_all_started(ssl, Type) of
        {ok, _} -> ok;
        Error -> Error
    end.

stop() -> application:stop(ssl).

clear_pem_cache() -> ok.

%% ---- client --------------------------------------------------------------------------

connect(Socket, Opts) when is_port(Socket) -> connect(Socket, Opts, infinity).

connect(Socket, Opts, Timeout) when is_port(Socket) ->
    {Tls, Tcp} = split(Opts),
    case client_request(undefined, Tls) of
        {ok, Req} ->
            {ok, Active} = active(Socket, Tcp),
            case prim_inet:setopts(Socket, [{active, false} | [O || O <- tcp_opts(Tcp), element(1, O) =/= active]]) of
                ok -> start_tls(Socket, Req, Active, Timeout);
                Error -> Error
            end;
        Error -> Error
    end;
connect(Host, Port, Opts) -> connect(Host, Port, Opts, infinity).

connect(Host, Port, Opts, Timeout) ->
    {Tls, Tcp} = split(Opts),
    case client_request(Host, Tls) of
        {ok, Req} ->
            Active = proplists:get_value(active, tcp_opts(Tcp), true),
            case unwired(fun() -> gen_tcp:connect(Host, Port, Tcp ++ [{active, false}], Timeout) end) of
                {ok, Socket} -> start_tls(Socket, Req, Active, Timeout);
                Error -> Error
            end;
        Error -> Error
    end.

start_tls(Socket, Req, Active, Timeout) ->
    case unwired(fun() -> prim_inet:tls_start(Socket, Req, Active, Timeout) end) of
        {ok, S} -> {ok, S};
        Error -> _ = gen_tcp:close(Socket), Error
    end.

%% A host without sockets or without TLS (a browser, workerd): the effect the program
%% asked for is a TLS connection.
unwired(F) ->
    try F()
    catch error:{unwired_host_effect, Op} when Op =:= tcp_connect; Op =:= tls_start ->
            erlang:error({unwired_host_effect, tls_connect})
    end.

%% The host's client request: {client, Name, Verify, CaCerts | host, Certs, Key}.
%% Verification is on by default, as in OTP 26 and unlike OTP 25 (verify_none with a
%% warning): a deliberate divergence (docs/ARCHITECTURE.md, "TLS"). Without cacerts or
%% cacertfile the default verifies against the host's trust store (host); given, they
%% replace it. An explicit verify_peer without CA certificates is OTP's options error, as in
%% OTP 25 and 26. The name checked (and sent as SNI) is server_name_indication's or the
%% host's; {server_name_indication, disable} checks the chain and not the name, as OTP's.
client_request(Host, Tls) ->
    try
        Verify = proplists:get_value(verify, Tls, default),
        Ca = ca_certs(Tls),
        Trust = case {Verify, Ca} of
                    {verify_peer, none} -> throw({options, {cacertfile, []}});
                    {verify_none, _} -> [];
                    {_, none} -> host;
                    {_, Ders} -> Ders
                end,
        Name = case proplists:get_value(server_name_indication, Tls, Host) of
                   disable -> undefined;
                   SNI -> name(SNI)
               end,
        {Certs, Key} = own_cert(Tls),
        {ok, {client, Name, Verify =/= verify_none, Trust, Certs, Key}}
    catch
        throw:Reason -> {error, Reason}
    end.

name(Host) when is_list(Host) ->
    case inet:parse_address(Host) of
        {ok, IP} -> IP;
        _ -> list_to_binary(Host)
    end;
name(Host) when is_atom(Host), Host =/= undefined -> name(atom_to_list(Host));
name(Host) when is_tuple(Host) -> Host;
name(_) -> undefined.

%% ---- server --------------------------------------------------------------------------

listen(Port, Opts) ->
    {Tls, Tcp} = split(Opts),
    try
        {Certs, Key} = own_cert(Tls),
        Key =:= undefined andalso throw({options, {certfile, []}}),
        Active = proplists:get_value(active, tcp_opts(Tcp), true),
        case gen_tcp:listen(Port, Tcp ++ [{active, false}]) of
            {ok, L} ->
                ok = prim_inet:tls_config(L, {server, undefined, false, [], Certs, Key}, Active),
                {ok, #sslsocket{fd = {gen_tcp, L, tls_connection, undefined}, pid = [self()]}};
            Error -> Error
        end
    catch
        throw:Reason -> {error, Reason}
    end.

transport_accept(L) -> transport_accept(L, infinity).

transport_accept(#sslsocket{fd = {gen_tcp, L, _, _}}, Timeout) ->
    case gen_tcp:accept(L, Timeout) of
        {ok, S} -> {ok, #sslsocket{fd = {gen_tcp, S, tls_connection, undefined}, pid = [self()]}};
        Error -> Error
    end.

handshake(S) -> handshake(S, infinity).

handshake(#sslsocket{fd = {gen_tcp, S, _, _}}, Timeout) when is_integer(Timeout); Timeout =:= infinity ->
    start_tls(S, undefined, undefined, Timeout);
handshake(S, Opts) -> handshake(S, Opts, infinity).

handshake(#sslsocket{} = S, [], Timeout) -> handshake(S, Timeout);
handshake(#sslsocket{}, Opts, _) -> {error, {options, Opts}}.

%% ---- connected sockets ------------------------------------------------------------------

send(S, Data) -> prim(S, fun(P) -> prim_inet:send(P, Data) end).

recv(S, Length) -> recv(S, Length, infinity).
recv(S, Length, Timeout) -> prim(S, fun(P) -> prim_inet:recv(P, Length, Timeout) end).

setopts(S, Opts) -> prim(S, fun(P) -> inet:setopts(P, Opts) end).

%% ssl answers its own (emulated) options before the socket's, in reverse.
getopts(S, Names) ->
    prim(S, fun(P) ->
                    {Emulated, Socket} = lists:partition(fun emulated/1, Names),
                    case {inet:getopts(P, Emulated), inet:getopts(P, Socket)} of
                        {{ok, E}, {ok, O}} -> {ok, lists:reverse(E) ++ O};
                        {{error, _} = Error, _} -> Error;
                        {_, Error} -> Error
                    end
            end).

emulated(O) -> lists:member(O, [mode, packet, active, header, packet_size, line_delimiter]).

controlling_process(S, Pid) -> prim(S, fun(P) -> gen_tcp:controlling_process(P, Pid) end).

close(S) -> prim(S, fun(P) -> gen_tcp:close(P) end).
close(S, _How) -> close(S).

shutdown(S, How) -> prim(S, fun(P) -> gen_tcp:shutdown(P, How) end).

peername(S) -> prim(S, fun(P) -> inet:peername(P) end).
sockname(S) -> prim(S, fun(P) -> inet:sockname(P) end).

peercert(S) -> prim(S, fun(P) -> prim_inet:tls_peercert(P) end).

prim(#sslsocket{fd = {gen_tcp, P, _, _}}, F) when is_port(P) -> F(P);
prim(S, _) -> erlang:error(function_clause, [S]).

format_error({tls_alert, {_, Text}}) -> Text;
format_error(closed) -> "TLS connection is closed";
format_error(timeout) -> "Timeout";
format_error(Reason) -> inet:format_error(Reason).

%% ---- options -----------------------------------------------------------------------

split(Opts) ->
    lists:partition(fun({K, _}) -> lists:member(K, ?TLS_OPTIONS); (_) -> false end, Opts).

tcp_opts(Tcp) ->
    [case O of binary -> {mode, binary}; list -> {mode, list}; _ -> O end || O <- Tcp].

active(Socket, Tcp) ->
    case proplists:get_value(active, tcp_opts(Tcp)) of
        undefined -> case prim_inet:getopts(Socket, [active]) of
                         {ok, [{active, A}]} -> {ok, A};
                         _ -> {ok, true}
                     end;
        A -> {ok, A}
    end.

%% CA certificates as DER: cacerts wins over cacertfile; none when neither is given.
ca_certs(Tls) ->
    case proplists:get_value(cacerts, Tls) of
        [_ | _] = Ders -> [der(D) || D <- Ders];
        _ ->
            case proplists:get_value(cacertfile, Tls) of
                undefined -> none;
                File -> [D || {'Certificate', D, _} <- pem(cacertfile, File)]
            end
    end.

der(D) when is_binary(D) -> D;
der(Combined) when is_tuple(Combined) -> element(2, Combined).

%% The program's own certificate chain and key (a server's, or a client's), as DER.
own_cert(Tls) ->
    Certs = case proplists:get_value(cert, Tls) of
                undefined ->
                    case proplists:get_value(certfile, Tls) of
                        undefined -> [];
                        File -> [D || {'Certificate', D, _} <- pem(certfile, File)]
                    end;
                C when is_binary(C) -> [C];
                Cs when is_list(Cs) -> Cs
            end,
    Key = case proplists:get_value(key, Tls) of
              {Type, Der} -> {Type, Der};
              _ ->
                  case proplists:get_value(keyfile, Tls, proplists:get_value(certfile, Tls)) of
                      undefined -> undefined;
                      File2 ->
                          case [{T, D} || {T, D, not_encrypted} <- pem(keyfile, File2),
                                          lists:member(T, ['RSAPrivateKey', 'ECPrivateKey', 'PrivateKeyInfo'])] of
                              [K | _] -> K;
                              [] -> undefined
                          end
                  end
          end,
    {Certs, Key}.

pem(Option, File) ->
    case file:read_file(File) of
        {ok, Pem} -> public_key:pem_decode(Pem);
        {error, Reason} -> throw({options, {Option, File, {error, Reason}}})
    end.
