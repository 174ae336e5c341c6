%% fetch_unwired.erl — Beamwasm.Fetch on a host without the `fetch` effect (the embedded
%% wasmtime host), for js/test/fetch.test.mjs: the error it raises. Small, so the command
%% line compiles it quickly.
-module(fetch_unwired).
-export([main/0]).

main() ->
    try 'Elixir.Beamwasm.Fetch':request(<<"http://127.0.0.1:9/">>) of
        R -> io:format("returned ~p~n", [R])
    catch
        Class:Reason -> io:format("~p ~p~n", [Class, Reason])
    end.
