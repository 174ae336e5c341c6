-module(plugin_count).
-export([transform/1]).

transform(S) -> length(S).
