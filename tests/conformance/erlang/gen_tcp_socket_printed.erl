%% Printing a socket (a port): ~p, ~w, port_to_list/1 and erlang:display/1 give
%% "#Port<0.N>". The numbers are normalised so that only the shape is compared.
-module(gen_tcp_socket_printed).
-export([main/0]).

main() ->
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    show(io_lib:format("~p", [L])),
    show(io_lib:format("~w", [{socket, L}])),
    show(erlang:port_to_list(L)),
    io:format("~p~n", [is_list(erlang:port_to_list(L))]),
    io:format("~p~n", [reason(fun() -> erlang:port_to_list(self()) end)]),
    io:format("~p~n", [reason(fun() -> erlang:port_to_list("#Port<0.1>") end)]),
    ok = gen_tcp:close(L).

show(Text) ->
    io:format("~s~n", [re:replace(lists:flatten(Text), "[0-9]+", "N", [global, {return, list}])]).

reason(F) ->
    try F() catch error:R -> R end.
