%% An application on -pa (with its .app) calls plugins whose module it makes at run time
%% from a name (`list_to_atom("plugin_" ++ Name)`, `binary_to_atom`): no code names them,
%% so the linker keeps every module of an application whose code makes atoms.
%% pa: pa/plugin_registry
-module(lib_plugin_module_made_at_run_time).
-export([main/0]).

main() ->
    io:format("~p~n", [plugin_registry:run("upper", "hello")]),
    io:format("~p~n", [plugin_registry:run("reverse", "hello")]),
    io:format("~p~n", [plugin_registry:run_all([<<"count">>, <<"upper">>], "abc")]),
    io:format("~p~n", [try plugin_registry:run("missing", "x") catch error:undef:S -> {undef, hd(S)} end]).
