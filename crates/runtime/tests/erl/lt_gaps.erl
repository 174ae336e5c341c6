%% The known gaps of fun.wat and misc.wat, one function per gap; each is an ignored test in
%% lists_tuples_atoms.rs, expected to fail until the gap is closed.
-module(lt_gaps).
-export([new_uniq/0, program_modules/0, make_fun/0, environment/0]).

%% fun_info(F, new_uniq) is the module's MD5: the compiler must fill $hook:module_info.
new_uniq() ->
    [{erlang, fun_info, [fun() -> ok end, new_uniq]}].

%% function_exported/3, module_loaded/1, get_module_info/1,2 and is_builtin/3 answer from
%% compiler hooks; with the placeholders no module exists and no BIF is known.
program_modules() ->
    [{erlang, function_exported, [erlang, length, 1]}, {erlang, function_exported, [lists, map, 2]},
     {erlang, module_loaded, [lists]}, {erlang, is_builtin, [erlang, length, 1]},
     {erlang, get_module_info, [lists, module]}, {erlang, get_module_info, [lists, native]}].

%% make_fun/3 builds `fun M:F/A` through $hook:make_fun.
make_fun() ->
    [{erlang, make_fun, [lists, map, 2]}, {erlang, make_fun, [lt_nonexistent_module, f, 0]}].

%% The environment starts empty until the host passes it ($os_env_add_entry).
environment() ->
    [{os, getenv, ["HOME"]}, {os, getenv, ["PATH"]}].
