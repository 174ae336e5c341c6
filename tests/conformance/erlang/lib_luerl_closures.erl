%% luerl: closures and upvalues, recursion, varargs, multiple returns, and Erlang
%% calling Lua functions (luerl:call_function/3) and Lua calling Erlang functions.
-module(lib_luerl_closures).
-export([main/0]).

main() ->
    St0 = luerl:init(),
    {[C], St1} = luerl:do(<<"local function counter(step) local n = 0 "
                            "return function() n = n + step return n end end "
                            "return counter(3)">>, St0),
    {_, St2} = luerl:call(C, [], St1),
    {R1, St3} = luerl:call(C, [], St2),
    io:format("counter ~p~n", [R1]),
    {_, St4} = luerl:do(<<"function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end "
                          "function stats(...) local s, n = 0, select('#', ...) "
                          "for i = 1, n do s = s + select(i, ...) end return s, n, s / n end">>, St3),
    {F, St5} = luerl:call_function([fib], [20], St4),
    io:format("fib ~p~n", [F]),
    {S, St6} = luerl:call_function([stats], [1, 2, 3, 4], St5),
    io:format("stats ~p~n", [S]),
    Double = fun(Args, St) -> {[2 * A || A <- Args], St} end,
    St7 = luerl:set_table([double], Double, St6),
    {ok, D} = luerl:eval(<<"return double(21, 4)">>, St7),
    io:format("double ~p~n", [D]),
    {ok, M} = luerl:eval(<<"local fs = {} for i = 1, 3 do fs[i] = function() return i * 10 end end "
                           "return fs[1](), fs[2](), fs[3]()">>, St7),
    io:format("loop closures ~p~n", [M]).
