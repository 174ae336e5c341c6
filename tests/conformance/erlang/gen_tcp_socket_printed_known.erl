%% known: a socket port cannot be printed yet: erlang:port_to_list/1 is not implemented, so ~p of a port (and inspect) raises badarg
%% Printing a socket: the output is normalised so that only its shape is compared.
-module(gen_tcp_socket_printed_known).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    Text = lists:flatten(io_lib:format("~p", [L])),
    io:format("~s~n", [re:replace(Text, "[0-9]+", "N", [global, {return, list}])]),
    ok = gen_tcp:close(L).
