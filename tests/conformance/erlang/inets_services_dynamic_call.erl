%% inets:services/0 and services_info/0 once inets is started: the running httpc
%% profile's manager, listed by each service module inets knows.
-module(inets_services_dynamic_call).
-export([main/0]).

main() ->
    ok = inets:start(),
    io:format("services: ~p~n", [[{S, is_pid(P)} || {S, P} <- inets:services()]]),
    [{httpc, _, Info}] = inets:services_info(),
    io:format("info: ~p~n", [lists:sort([K || {K, _} <- Info])]).
