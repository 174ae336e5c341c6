%% Term order across types, == versus =:=, and sorting mixed integer/float values.
-module(term_order_compare).
-export([main/0]).

main() ->
    Terms = [<<"b">>, [x], #{a => 1}, {1, 2}, atom, 42, 2.5, [], {}, #{}, <<>>, -7, 1 bsl 70, "str"],
    io:format("~w~n", [lists:sort(Terms)]),
    io:format("~w~n", [{1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0}]),
    io:format("~w~n", [{0.0 == -0.0, 0.0 =:= -0.0}]),
    io:format("~w~n", [lists:sort([3, 1.0, 1, 2.0, 0.5, 2])]),
    io:format("~w~n", [{{1, 2} < {1, 2, 3}, {9} < {1, 1}, [1, 2] < [1, 2, 3], [2] > [1, 9]}]),
    io:format("~w~n", [{#{b => 1} < #{a => 1, b => 1}, #{a => 2} > #{a => 1}, #{1 => a} < #{1.0 => a}}]),
    io:format("~w~n", [{max(1, 1.0), min(1, 1.0), max(a, "a"), min({}, [])}]),
    io:format("~w~n", [lists:usort([1, 1.0, a, a, "a", <<"a">>])]).
