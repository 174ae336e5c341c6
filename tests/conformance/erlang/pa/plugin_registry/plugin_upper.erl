-module(plugin_upper).
-export([transform/1]).

transform(S) -> string:uppercase(S).
