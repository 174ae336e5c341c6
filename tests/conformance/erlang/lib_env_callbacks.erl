%% An application on -pa (with its .app) calls modules named only in its env: one read by
%% its key (application:get_env/2), and every one when it takes the whole env
%% (application:get_all_env/1) and names no key. The linker takes an env entry in once
%% code can read it: by naming its key, or by reading the whole env on the program's side.
%% pa: pa/env_hooks
-module(lib_env_callbacks).
-export([main/0]).

main() ->
    io:format("~p~n", [env_hooks:start("abc")]),
    io:format("~p~n", [env_hooks:run_all("abcd")]).
