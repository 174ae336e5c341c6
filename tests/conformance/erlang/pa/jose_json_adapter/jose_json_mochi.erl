%% A JSON module for jose over mochiweb's mochijson2: jose calls it through the module
%% named in its configuration (jose:json_module/1), which only the program names.
-module(jose_json_mochi).
-behaviour(jose_json).
-export([decode/1, encode/1]).

decode(Bin) -> from_mochi(mochijson2:decode(Bin)).

encode(Term) -> iolist_to_binary(mochijson2:encode(to_mochi(Term))).

to_mochi(M) when is_map(M) -> {struct, [{K, to_mochi(V)} || {K, V} <- lists:sort(maps:to_list(M))]};
to_mochi(L) when is_list(L) -> [to_mochi(X) || X <- L];
to_mochi(X) -> X.

from_mochi({struct, KVs}) -> maps:from_list([{K, from_mochi(V)} || {K, V} <- KVs]);
from_mochi(L) when is_list(L) -> [from_mochi(X) || X <- L];
from_mochi(X) -> X.
