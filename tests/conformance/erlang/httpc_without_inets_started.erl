%% inets' HTTP client before and after inets is started: a request without the
%% application is an error naming the missing manager, then inets starts, reports itself
%% among the running applications, and a request to a closed port fails as a refusal.
-module(httpc_without_inets_started).
-export([main/0]).

main() ->
    case catch httpc:request("http://127.0.0.1:1/") of
        {'EXIT', {noproc, {gen_server, call, [Name, {request, _}, Timeout]}}} ->
            io:format("before: noproc ~p ~p~n", [Name, Timeout]);
        Other ->
            io:format("before: unexpected ~p~n", [Other])
    end,
    io:format("start: ~p~n", [application:ensure_all_started(inets)]),
    {inets, Desc, Vsn} = lists:keyfind(inets, 1, application:which_applications()),
    io:format("running: ~s ~s~n", [Desc, Vsn]),
    io:format("again: ~p~n", [inets:start()]),
    {ok, L0} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, Closed} = inet:port(L0),
    ok = gen_tcp:close(L0),
    {error, {failed_connect, [_, Why]}} = httpc:request("http://127.0.0.1:" ++ integer_to_list(Closed) ++ "/"),
    io:format("after: ~p~n", [Why]),
    io:format("manager alive: ~p~n", [is_pid(whereis(httpc_manager))]).
