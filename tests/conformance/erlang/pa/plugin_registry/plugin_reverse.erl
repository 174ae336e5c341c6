-module(plugin_reverse).
-export([transform/1]).

transform(S) -> lists:reverse(S).
