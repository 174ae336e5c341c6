%% Runs the plugin a name selects: the module is made at run time from the name, and no
%% code names it.
-module(plugin_registry).
-export([run/2, run_all/2]).

run(Name, Arg) ->
    Module = list_to_atom("plugin_" ++ Name),
    Module:transform(Arg).

run_all(Names, Arg) ->
    [{N, (binary_to_atom(<<"plugin_", N/binary>>, utf8)):transform(Arg)} || N <- Names].
