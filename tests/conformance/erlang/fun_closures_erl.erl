%% Funs: closures over variables, fun M:F/A, fun F/A, named funs, and funs in data structures.
-module(fun_closures_erl).
-export([main/0, triple/1]).

triple(X) -> 3 * X.
add(X, Y) -> X + Y.

make_adder(N) -> fun(X) -> X + N end.

main() ->
    Add5 = make_adder(5),
    io:format("~p~n", [Add5(10)]),
    io:format("~p~n", [lists:map(fun ?MODULE:triple/1, [1, 2, 3])]),
    io:format("~p~n", [lists:foldl(fun add/2, 0, [1, 2, 3])]),
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("~p~n", [Fact(25)]),
    Ops = #{inc => fun(X) -> X + 1 end, neg => fun(X) -> -X end},
    io:format("~p~n", [(maps:get(neg, Ops))((maps:get(inc, Ops))(41))]),
    Compose = fun(F, G) -> fun(X) -> G(F(X)) end end,
    io:format("~p~n", [(Compose(Add5, fun triple/1))(1)]),
    Fs = [fun() -> I * I end || I <- lists:seq(1, 5)],
    io:format("~p~n", [[F() || F <- Fs]]),
    io:format("~p~n", [fun lists:reverse/1]),
    io:format("~p~n", [is_function(Add5, 1)]).
