%% An https URL through inets' HTTP client: httpc hands the connection to ssl, whose
%% connect to a port that refuses gives the same failed_connect as plain http.
-module(httpc_https_refused).
-export([main/0]).

main() ->
    ok = logger:set_primary_config(level, error),
    ok = inets:start(),
    {ok, L0} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, Closed} = inet:port(L0),
    ok = gen_tcp:close(L0),
    case httpc:request("https://127.0.0.1:" ++ integer_to_list(Closed) ++ "/") of
        {error, {failed_connect, [{to_address, {"127.0.0.1", Closed}}, {Transport, Opts, Why}]}} ->
            io:format("refused: ~p ~p ~p~n", [Transport, Opts, Why]);
        Other ->
            io:format("unexpected: ~p~n", [Other])
    end.
