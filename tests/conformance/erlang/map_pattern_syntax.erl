%% Map patterns (K := V) in heads and case, M#{K => V} / M#{K := V}, and badkey/badmap errors.
-module(map_pattern_syntax).
-export([main/0]).

area(#{shape := circle, r := R}) -> 3 * R * R;
area(#{shape := rect, w := W, h := H}) -> W * H;
area(#{}) -> unknown.

reason(F) ->
    try F() catch Class:R -> {Class, R} end.

id(X) -> X.

main() ->
    io:format("~p~n", [[area(#{shape => circle, r => 2}), area(#{shape => rect, w => 2, h => 5, c => red}), area(#{})]]),
    K = key,
    #{K := V} = #{key => found, other => 1},
    io:format("~p~n", [V]),
    M = #{a => 1},
    io:format("~p~n", [M#{b => 2}]),
    io:format("~p~n", [M#{a := 10}]),
    io:format("~p~n", [reason(fun() -> (id(M))#{b := 2} end)]),
    io:format("~p~n", [reason(fun() -> (id(not_a_map))#{a => 1} end)]),
    io:format("~p~n", [reason(fun() -> #{z := _} = id(M) end)]),
    case #{list => [1, 2, 3]} of
        #{list := [_, Second | _]} -> io:format("~p~n", [Second])
    end,
    io:format("~p~n", [[X || #{v := X} <- [#{v => 1}, #{w => 2}, #{v => 3}]]]).
