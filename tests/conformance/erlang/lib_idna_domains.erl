%% idna (Debian's erlang-idna): internationalized domain names to ASCII (punycode
%% A-labels) and back, with the UTS 46 mapping, and a label the rules reject.
-module(lib_idna_domains).
-export([main/0]).

main() ->
    Names = ["münchen.de", "bücher.example", "пример.рф", "例え.jp", "straße.de", "xn--mnchen-3ya.de"],
    lists:foreach(fun(N) ->
        A = idna:encode(N, [{uts46, true}]),
        io:format("~ts -> ~s -> ~ts~n", [N, A, idna:decode(A)])
    end, Names),
    io:format("~s~n", [idna:to_ascii("bücher.example")]),
    io:format("~ts~n", [idna:to_unicode("xn--bcher-kva.example")]),
    Err = fun(N) -> try idna:encode(N) of A -> {ok, A} catch C:R -> {C, R} end end,
    io:format("~p~n", [Err("Bücher.Example")]),
    io:format("~p~n", [Err("-bad-.com")]).
