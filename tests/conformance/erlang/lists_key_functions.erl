%% lists:keyfind/keymember/keyreplace/keystore/keytake/keydelete/keymap on tuple lists.
-module(lists_key_functions).
-export([main/0]).

main() ->
    L = [{apple, 3, red}, {banana, 5, yellow}, {cherry, 7, red}],
    io:format("~w~n", [lists:keyfind(banana, 1, L)]),
    io:format("~w~n", [lists:keyfind(red, 3, L)]),
    io:format("~w~n", [lists:keyfind(kiwi, 1, L)]),
    io:format("~w~n", [lists:keymember(7, 2, L)]),
    io:format("~w~n", [lists:keyreplace(apple, 1, L, {apple, 0, green})]),
    io:format("~w~n", [lists:keystore(kiwi, 1, L, {kiwi, 1, brown})]),
    io:format("~w~n", [lists:keytake(cherry, 1, L)]),
    io:format("~w~n", [lists:keydelete(red, 3, L)]),
    io:format("~w~n", [lists:keymap(fun(N) -> N * 100 end, 2, L)]),
    io:format("~w~n", [proplists:get_value(b, [{a, 1}, {b, 2}, c])]),
    io:format("~w~n", [proplists:get_bool(c, [{a, 1}, c])]),
    io:format("~w~n", [proplists:get_all_values(a, [{a, 1}, {a, 2}])]).
