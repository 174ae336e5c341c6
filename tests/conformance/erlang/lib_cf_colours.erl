%% cf (Debian's erlang-cf): io:format strings with colour tags (~!r, ~!g, ~!_, ~#...)
%% turned into ANSI escapes.
-module(lib_cf_colours).
-export([main/0]).

main() ->
    io:format("~p~n", [lists:flatten(cf:format("~!rred~!! ~!gGreen~!! ~!_cunderlined cyan~!! ~p", [42]))]),
    io:format("~p~n", [lists:flatten(cf:format("~!Bbold blue~!! and ~~ tilde~n", []))]).
