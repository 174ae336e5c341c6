-module(env_hooks).
-export([start/1, run_all/1]).

%% Reads one callback by its key.
start(X) ->
    _ = application:load(env_hooks),
    {ok, {M, F, A}} = application:get_env(env_hooks, on_start),
    apply(M, F, [X | A]).

%% Takes the whole env and calls every callback in it, naming no key.
run_all(X) ->
    _ = application:load(env_hooks),
    lists:sort([{K, apply(M, F, [X | A])} || {K, {M, F, A}} <- application:get_all_env(env_hooks)]).
