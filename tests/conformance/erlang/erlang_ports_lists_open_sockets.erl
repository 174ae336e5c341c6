%% erlang:ports/0 lists a socket's port while it is open and not after it is closed, and
%% zlib's functions, which run without ports, leave the list as it was (zlib_SUITE's
%% otp_9981 compares the list before and after each of them).
-module(erlang_ports_lists_open_sockets).
-export([main/0]).

main() ->
    Before = lists:sort(erlang:ports()),
    io:format("all ports: ~p~n", [lists:all(fun erlang:is_port/1, Before)]),
    _ = (catch zlib:uncompress(<<"My invalid data">>)),
    _ = (catch zlib:gunzip(<<"My invalid data">>)),
    _ = (catch zlib:compress(invalid)),
    io:format("unchanged by zlib: ~p~n", [lists:sort(erlang:ports()) =:= Before]),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127, 0, 0, 1}}]),
    Open = erlang:ports(),
    io:format("listening socket listed: ~p, one more: ~p~n",
              [lists:member(L, Open), length(Open) =:= length(Before) + 1]),
    ok = gen_tcp:close(L),
    After = lists:sort(erlang:ports()),
    io:format("closed socket gone: ~p, back as before: ~p~n", [not lists:member(L, After), After =:= Before]).
