%% Beamwasm.Fetch: outbound HTTP through the host's `fetch` (docs/ARCHITECTURE.md, "TCP",
%% *HTTP at the edge*). For hosts without raw TCP to arbitrary places (workerd, browsers),
%% and on Node; the embedded wasmtime host has no `fetch` effect (there `:httpc` runs over
%% gen_tcp), so a request there raises {unwired_host_effect, fetch}.
%%
%%     {:ok, %{status: 200, headers: headers, body: body}} =
%%       Beamwasm.Fetch.request("http://example.com/a", method: :post,
%%         headers: [{"content-type", "text/plain"}], body: "hi", timeout: 5_000)
%%
%% Options: `method` (an atom or a binary; default get), `headers` (a list of {Name, Value}
%% binaries), `body` (iodata; default none), `timeout` (milliseconds or infinity, the
%% default), `redirect` (follow, the default, or manual: a 3xx is returned as it came).
%%
%% The answer: {ok, #{status, headers, body}} with the body's exact bytes and the headers
%% as fetch gives them (names in lowercase, sorted, repeated fields joined with ", " except
%% set-cookie); or {error, Reason}: eacces (outside the embedder's allow-list), timeout,
%% {bad_url, Url}, a POSIX name (econnrefused, ...) when the host tells it, or
%% {fetch_failed, Message}. The calling process waits in a receive, as for a port's reply,
%% while the other processes run.
-module('Elixir.Beamwasm.Fetch').
-export([request/1, request/2]).

request(Url) -> request(Url, []).

request(Url, Opts) when is_list(Opts) ->
    U = text(Url, url),
    Method = method(option(method, Opts, get)),
    Headers = [{text(K, header), text(V, header)} || {K, V} <- headers(option(headers, Opts, []))],
    Body = body(option(body, Opts, nil)),
    Timeout = timeout(option(timeout, Opts, infinity)),
    Redirect = redirect(option(redirect, Opts, follow)),
    Ref = beamwasm_host:async(fetch, {Method, U, Headers, Body, Timeout, Redirect}),
    receive
        {beamwasm_host, Ref, Result} -> result(Result)
    end;
request(_, Opts) ->
    erlang:error({badarg, {options, Opts}}).

result({ok, {Status, Headers, Body}}) ->
    {ok, #{status => Status, headers => Headers, body => Body}};
result({error, _} = E) ->
    E.

option(Key, Opts, Default) ->
    case lists:keyfind(Key, 1, Opts) of
        {Key, V} -> V;
        false -> Default
    end.

text(B, _) when is_binary(B) -> B;
text(L, What) when is_list(L) ->
    try unicode:characters_to_binary(L) of
        B when is_binary(B) -> B;
        _ -> erlang:error({badarg, {What, L}})
    catch
        error:_ -> erlang:error({badarg, {What, L}})
    end;
text(A, header) when is_atom(A) -> atom_to_binary(A, utf8);
text(Other, What) -> erlang:error({badarg, {What, Other}}).

method(M) when is_atom(M) -> << <<(upper(C))>> || <<C>> <= atom_to_binary(M, utf8) >>;
method(M) when is_binary(M) -> M;
method(M) -> erlang:error({badarg, {method, M}}).

upper(C) when C >= $a, C =< $z -> C - 32;
upper(C) -> C.

headers(H) when is_list(H) ->
    [case KV of
         {_, _} -> KV;
         _ -> erlang:error({badarg, {headers, H}})
     end || KV <- H];
headers(H) when is_map(H) -> maps:to_list(H);
headers(H) -> erlang:error({badarg, {headers, H}}).

body(nil) -> nil;
body(B) when is_binary(B) -> B;
body(L) when is_list(L) ->
    try iolist_to_binary(L)
    catch error:_ -> erlang:error({badarg, {body, L}})
    end;
body(B) -> erlang:error({badarg, {body, B}}).

timeout(infinity) -> infinity;
timeout(T) when is_integer(T), T >= 0 -> T;
timeout(T) -> erlang:error({badarg, {timeout, T}}).

redirect(follow) -> follow;
redirect(manual) -> manual;
redirect(R) -> erlang:error({badarg, {redirect, R}}).
