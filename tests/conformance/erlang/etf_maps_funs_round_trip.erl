%% term_to_binary/binary_to_term of maps (small and large, nested, a compound value last),
%% the `deterministic` option, export funs, binary_to_term(_, [safe]) of a fun that does
%% not exist, and erlang:external_size/1,2.
-module(etf_maps_funs_round_trip).
-export([main/0]).

main() ->
    Small = #{b => 1, a => {x, <<1, 2>>}, 1.0 => [1, 2], 1 => y},
    Large = maps:from_list([{I, {I, <<I>>}} || I <- lists:seq(1, 40)]),
    Nested = #{{3, 1} => {<<160, 7>>, x}, k => #{inner => [a | b], z => #{}}},
    Terms = [#{}, Small, Large, Nested, [Small, Large], {Nested, #{50 => [1, 2, 3]}},
             maps:from_list([{<<I:16>>, I} || I <- lists:seq(1, 50)]),
             fun lists:reverse/1, fun maps:get/2, [fun erlang:abs/1 | fun a:b/0]],
    lists:foreach(fun(T) ->
        B = term_to_binary(T),
        D = binary_to_term(B),
        io:format("~w~n~w ~w ~w~n", [B, D =:= T, erlang:external_size(T), erlang:phash2(D)]),
        io:format("~w~n", [term_to_binary(T, [deterministic])]),
        io:format("~w ~w~n", [term_to_binary(T, [{minor_version, 2}]) =:= term_to_binary(T),
                               erlang:external_size(T, [{minor_version, 0}])])
    end, Terms),
    %% a fun M:F/A that does not exist decodes, but not under `safe`
    Bad = <<131, 113, 100, 0, 5, "nomod", 100, 0, 5, "nofun", 97, 3>>,
    io:format("~w~n", [erlang:fun_info(binary_to_term(Bad), arity)]),
    io:format("~w~n", [tc(fun() -> binary_to_term(Bad, [safe]) end)]),
    io:format("~w~n", [binary_to_term(term_to_binary(fun lists:map/2), [safe])]),
    %% duplicate keys in MAP_EXT are badarg
    Dup = <<131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3>>,
    io:format("~w~n", [tc(fun() -> binary_to_term(Dup) end)]),
    %% external_size takes only {minor_version, 0 | 1}
    io:format("~w~n", [[tc(fun() -> erlang:external_size(abc, O) end) || O <- [[compressed], [deterministic], [{minor_version, 2}], x]]]).

tc(F) ->
    try F() catch C:R -> {C, R} end.
