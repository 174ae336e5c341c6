%% The port BIFs for the runtime's ports, which are TCP sockets and subprocesses (net.wat):
%% each port is driven by an Erlang process (prim_inet's driver loop, beamwasm_spawn's),
%% and erlang:port_info/1,2, port_connect/2, port_close/1, port_get_data/1,
%% port_set_data/2 and erts_internal:port_command/3 ask it (the linker redirects them
%% here, link.rs REDIRECTS). Also the two entries of name resolution that
%% the VM serves from the inet_db server and the inet_gethost port program:
%% inet_db:res_option/1, tcp_module/0 and udp_module/0 give the defaults the VM has on
%% Linux without a resolver configuration, inet_gethost_native:gethostbyname/2 asks the host's
%% resolver, and inet:gethostname/0 and inet_db:gethostname/0 the host's name.
-module(beamwasm_port).
-export([port_info/1, port_info/2, port_connect/2, port_close/1, port_get_data/1,
         port_set_data/2, port_command/3, call/2, res_option/1, tcp_module/0, udp_module/0,
         gethostbyname/2, gethostname/0, db_hostname/0]).

%% A request to the port's driver: its reply, or {'$dead'} when the port is closed.
call(Port, Req) ->
    case beamwasm_rt:port_driver(Port) of
        undefined -> {'$dead'};
        Pid ->
            Ref = erlang:monitor(process, Pid),
            Pid ! {'$port_call', self(), Ref, Req},
            receive
                {Ref, Reply} -> erlang:demonitor(Ref, [flush]), Reply;
                {'DOWN', Ref, _, _, _} -> {'$dead'}
            end
    end.

bif(Port, Req, Args) when is_port(Port) ->
    case call(Port, Req) of
        {'$dead'} -> erlang:error(badarg, Args);
        Reply -> Reply
    end;
bif(_, _, Args) -> erlang:error(badarg, Args).

port_info(Port) when is_port(Port) ->
    case call(Port, info) of
        {'$dead'} -> undefined;
        Info -> Info
    end;
port_info(Port) -> erlang:error(badarg, [Port]).

port_info(Port, Item) when is_port(Port), is_atom(Item) ->
    case call(Port, info) of
        {'$dead'} -> undefined;
        Info ->
            case lists:keyfind(Item, 1, Info) of
                false -> {Item, 0};
                Pair -> Pair
            end
    end;
port_info(Port, Item) -> erlang:error(badarg, [Port, Item]).

port_connect(Port, Pid) when is_pid(Pid) -> bif(Port, {connect, Pid}, [Port, Pid]);
port_connect(Port, Pid) -> erlang:error(badarg, [Port, Pid]).

port_close(Port) -> bif(Port, port_close, [Port]).

%% erts_internal:port_command/3: true, or what erlang:port_command/2,3 raise.
port_command(Port, Data, Flags) when is_port(Port) ->
    case lists:all(fun(F) -> F =:= force orelse F =:= nosuspend end, proper(Flags)) of
        false -> badopt;
        true ->
            case call(Port, {command, Data}) of
                {'$dead'} -> badarg;
                true -> true;
                _ -> badarg
            end
    end;
port_command(_, _, _) -> badarg.

proper(L) when is_list(L) ->
    try length(L) of _ -> L catch error:_ -> [bad] end;
proper(_) -> [bad].

port_get_data(Port) -> bif(Port, get_data, [Port]).

port_set_data(Port, Data) -> bif(Port, {set_data, Data}, [Port, Data]).

%% inet_db's defaults without a configuration: IPv4 first.
tcp_module() -> inet_tcp.
udp_module() -> inet_udp.

res_option(lookup) -> [native];
res_option(inet6) -> false;
res_option(domain) -> "";
res_option(search) -> [];
res_option(_) -> undefined.

gethostbyname(Name, Type) when is_atom(Name) ->
    gethostbyname(atom_to_list(Name), Type);
gethostbyname(Name, Type) when is_list(Name), Type =:= inet; is_list(Name), Type =:= inet6 ->
    case beamwasm_rt:host_call({getaddrs, {unicode:characters_to_binary(Name), Type}}) of
        {ok, {ok, Ips}} ->
            Len = case Type of inet -> 4; inet6 -> 16 end,
            {ok, {hostent, Name, [], Type, Len, Ips}};
        {ok, {error, Reason}} -> {error, Reason};
        {error, unwired} -> erlang:error({unwired_host_effect, getaddrs});
        {error, Reason} -> {error, Reason}
    end;
gethostbyname(_, _) ->
    {error, formerr}.

%% inet:gethostname/0: the host's name up to its first dot, as the VM reads it through a UDP
%% socket; a host that has no name to give (browsers, workerd) answers as the VM does when
%% it cannot open one, "nohost.nodomain".
gethostname() ->
    case beamwasm_rt:host_call({gethostname, []}) of
        {ok, {ok, Name}} when is_binary(Name) ->
            {ok, lists:takewhile(fun(C) -> C =/= $. end, binary_to_list(Name))};
        _ -> {ok, "nohost.nodomain"}
    end.

%% inet_db:gethostname/0: the name inet_db keeps, which the VM sets at start from the same
%% answer; inet's lookups fall back to it (a name that no resolver knows is the host's own).
db_hostname() ->
    {ok, Name} = gethostname(),
    Name.
