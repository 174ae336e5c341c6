-module(env_hook_start).
-export([run/1]).

run(X) -> {started, X}.
