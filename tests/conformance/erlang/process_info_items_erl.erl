%% process_info/2 for message_queue_len, messages, links, dictionary, status,
%% registered_name and trap_exit; a list of items; a dead process gives undefined.
-module(process_info_items_erl).
-export([main/0]).

main() ->
    Self = self(),
    io:format("~p~n", [process_info(Self, message_queue_len)]),
    Self ! one, Self ! {two, 2},
    io:format("~p~n", [process_info(Self, message_queue_len)]),
    io:format("~p~n", [process_info(Self, messages)]),
    io:format("~p~n", [process_info(Self, status)]),
    put(k1, v1), put(k2, [1, 2]),
    {dictionary, D} = process_info(Self, dictionary),
    io:format("~p~n", [lists:sort([E || E = {K, _} <- D, K =:= k1 orelse K =:= k2])]),
    io:format("~p~n", [process_info(Self, registered_name)]),
    register(info_test, Self),
    io:format("~p~n", [process_info(Self, registered_name)]),
    io:format("~p~n", [process_info(Self, trap_exit)]),
    process_flag(trap_exit, true),
    io:format("~p~n", [process_info(Self, trap_exit)]),
    Waiter = spawn_link(fun() -> receive stop -> ok end end),
    timer:sleep(5),
    io:format("~p~n", [process_info(Waiter, status)]),
    {links, Ls} = process_info(Self, links),
    io:format("links: ~p~n", [Ls =:= [Waiter]]),
    {links, Ls2} = process_info(Waiter, links),
    io:format("links back: ~p~n", [Ls2 =:= [Self]]),
    io:format("~p~n", [process_info(Waiter, [message_queue_len, status, trap_exit])]),
    Waiter ! a, Waiter ! b,
    io:format("~p~n", [process_info(Waiter, messages)]),
    Waiter ! stop,
    receive {'EXIT', Waiter, R} -> io:format("exit ~p~n", [R]) end,
    io:format("~p~n", [process_info(Waiter, status)]),
    io:format("~p~n", [process_info(Waiter, [status, messages])]),
    io:format("~p~n", [err(fun() -> process_info(Self, no_such_item) end)]),
    io:format("~p~n", [err(fun() -> process_info(not_a_pid, status) end)]),
    receive one -> ok end, receive {two, _} -> ok end,
    {message_queue_len, N} = process_info(Self, message_queue_len),
    io:format("~p~n", [N]),
    Info = process_info(Self),
    io:format("~p~n", [[K || {K, _} <- Info, lists:member(K, [registered_name, status, message_queue_len, links, dictionary, trap_exit])]]).

err(F) -> try F() catch C:R -> {C, R} end.
