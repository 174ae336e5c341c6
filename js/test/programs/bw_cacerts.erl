-module(bw_cacerts).
-export([main/0]).
%% public_key:cacerts_get/0 on a host: the operating system's trust store read through the
%% host's file effects (js/test/cacerts.test.mjs).
main() ->
    R = try public_key:cacerts_get() of
            L -> {ok, is_list(L), length(L) > 0}
        catch C:E -> {C, E}
        end,
    io:format("~p~n", [R]).
