-module(inet_getaddrs_host_name).
-export([main/0]).

%% Name resolution through the host's resolver, as the VM's native lookup does it: the
%% host's own name (inet:gethostname/0, up to its first dot) and its addresses, a name no
%% resolver knows (nxdomain, by way of inet's fallback to the host's own name), localhost
%% and literal addresses. The host's name and addresses are this machine's: the VM asks the
%% same resolver, so both print the same.
main() ->
    {ok, Host} = inet:gethostname(),
    io:format("gethostname ~p~n", [{ok, Host}]),
    io:format("no dot ~p~n", [not lists:member($., Host)]),
    io:format("localhost ~p~n", [net_adm:localhost() =:= Host]),
    io:format("own name ~p~n", [inet:getaddrs(Host, inet)]),
    io:format("own name, atom ~p~n", [inet:getaddrs(list_to_atom(Host), inet)]),
    io:format("unknown ~p~n", [inet:getaddrs("no-such-host.invalid", inet)]),
    io:format("unknown, getaddr ~p~n", [inet:getaddr("no-such-host.invalid", inet)]),
    io:format("unknown, gethostbyname ~p~n", [inet:gethostbyname("no-such-host.invalid")]),
    io:format("localhost ~p~n", [inet:getaddrs("localhost", inet)]),
    io:format("literal ~p~n", [inet:getaddrs("10.1.2.3", inet)]),
    io:format("bad literal ~p~n", [inet:getaddrs("300.1.2.3", inet)]),
    io:format("empty ~p~n", [inet:getaddrs("", inet)]),
    io:format("connect to unknown ~p~n", [gen_tcp:connect("no-such-host.invalid", 80, [])]).
