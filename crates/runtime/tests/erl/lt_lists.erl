%% Cases for list.wat: length/1, hd/1, tl/1, ++/2, append/2, --/2, subtract/2,
%% lists:reverse/2, lists:member/2 (=:=), lists:keyfind/3, keymember/3, keysearch/3 (==),
%% over proper and improper lists, mixed numbers, and long lists for --/2's sorted path.
-module(lt_lists).
-export([cases/0]).

lists() -> [[], [1], [1, 2, 3], [1 | 2], [1, 2 | 3], a, "abc", [a, 1.0, 1, {1}, [1], <<"x">>], lists:seq(1, 100)].
keys() -> [a, 1, 1.0, 1 bsl 64, 1.8446744073709552e19, {1}, [], "x", <<"x">>, -0.0, 0, 0.0, 2.0, 1 bsl 40,
           1099511627776.0].

cases() ->
    [{erlang, length, [L]} || L <- lists()] ++
    [{erlang, hd, [L]} || L <- lists()] ++
    [{erlang, tl, [L]} || L <- lists()] ++
    [{erlang, '++', [A, B]} || A <- lists(), B <- lists() ++ [foo]] ++
    [{erlang, append, [A, B]} || A <- lists(), B <- [[], [x], foo]] ++
    [{erlang, '--', [A, B]} || A <- lists(), B <- lists()] ++
    [{erlang, subtract, [A, B]} || A <- lists(), B <- [[], [1]]] ++
    [{erlang, '--', [[1, 2, 1, 1.0, 3], [1, 1.0, 4]]},
     {erlang, '--', [[1, 1.0, 1, 1.0], [1.0]]},
     {erlang, '--', [[0.0, -0.0], [-0.0]]},
     {erlang, '--', [[a, b, a, c, a], [a, a]]}] ++
    [{erlang, '--', [A, B]} || N <- [10, 16, 17, 40, 1000], M <- [5, 16, 17, 50, 2000],
        A <- [[X rem 37 || X <- lists:seq(1, N)] ++ [1.0, 2.0, {a, 1}, "s"]],
        B <- [[X rem 23 || X <- lists:seq(1, M)] ++ [2.0, 1, {a, 1}, {a, 1.0}, a]]] ++
    [{erlang, '--', [lists:seq(1, 20000), lists:seq(20000, 1, -2)]},
     {erlang, '--', [[{X rem 7, integer_to_list(X rem 11)} || X <- lists:seq(1, 5000)],
                     [{X rem 5, integer_to_list(X rem 3)} || X <- lists:seq(1, 3000)]]},
     {erlang, '--', [[float(X rem 9) || X <- lists:seq(1, 300)] ++ lists:seq(1, 300),
                     [X rem 9 || X <- lists:seq(1, 100)] ++ [0.0, -0.0, 3.0]]},
     {erlang, length, [lists:seq(1, 100000)]},
     {erlang, '++', [lists:seq(1, 100000), [x]]}] ++
    [{lists, reverse, [A, B]} || A <- lists(), B <- [[], [x], foo]] ++
    [{lists, member, [K, L]} || K <- keys() ++ [2, 3, 100, 101], L <- lists() ++ [keys()]] ++
    [{lists, F, [K, N, L]} || F <- [keyfind, keymember, keysearch], K <- keys(),
        N <- [1, 2, 0, -1, 1.0, a, 1 bsl 40, 1 bsl 59, (1 bsl 59) - 1, 1 bsl 70],
        L <- [[], [{K}], [{x, K}], [{a}, x, {b, a}], [{1}, {1.0}], [{1.0}, {1}], [{2.0}], [{1 bsl 64}],
              [{1.8446744073709552e19}], [{a} | b], [{c} | b], a, [{{1.0}}, {{1}}], [{0.0}], [{-0.0}], [{0}],
              [{<<"x">>}], [{"x"}], [{[]}], [{1 bsl 40}], [{1099511627776.0}]]].
