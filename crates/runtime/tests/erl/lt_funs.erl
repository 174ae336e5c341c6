%% Cases for fun.wat and the emulator's term printer in misc.wat: fun_info/2 (all items
%% but pid, new_uniq and refc, which depend on the process and the module's MD5),
%% fun_info_mfa/1, fun_to_list/1 (atom quoting and escapes), is_function/2 and the guard
%% helper, erlang:display/1's text, erts_internal:term_type/1.
-module(lt_funs).
-export([cases/0, mk/1]).

mk(X) -> fun(Y) -> {X, Y} end.

funs() ->
    [fun lists:map/2, fun erlang:'+'/2, fun erlang:'and'/2, fun 'Elixir.Foo':'bar baz'/1, fun a:'B'/0,
     fun a:b@c/0, fun a:'_x'/0, fun a:'aB9_'/0, fun a:'receive'/0, fun a:''/0, fun a:'\n'/0, fun a:'\001'/0,
     fun a:'\x{85}x'/0, fun a:'it\'s'/0, fun 'a b':'ß'/0, fun a:'é'/0, fun a:'ф'/0, fun a:'a\x{85}'/0,
     fun a:'\x{10000}'/0, fun a:'×'/0, fun a:'a×'/0, fun a:'÷'/0, fun a:'aÀ'/0,
     fun() -> ok end, fun(A, B) -> {A, B} end, mk(3), mk({1, [2]})].

terms() ->
    [1, -5, 1 bsl 70, -(1 bsl 70), 1.5, 0.1, -2.0e300, 1.0e-300, 0.0, -0.0, 123456789.0, foo, 'Foo', '', 'it\'s',
     'a\nb', 'é', 'ф', 'b@c', [], "abc", "a\nb\"c", [1, 2 | 3], [256], {}, {a, {b}}, <<>>, <<"abc">>, <<1, 2>>,
     <<"a\"b">>, <<1:3>>, <<1, 2:4>>, <<"a\nb">>, [a | b], "\t\x{7f}", [$a, 200], [$a, 160], [$a, 159], '\x{85}x',
     '\001', 'a b', "\r\t ", [$a, 255], [-1], [1 bsl 40], ["abc"], [{}], mk(fun() -> x end)] ++ funs().

cases() ->
    Items = [arity, env, index, name, module, new_index, type, uniq, foo, 1],
    [{erlang, fun_info, [F, I]} || F <- funs(), I <- Items] ++
    [{erlang, fun_info, [X, arity]} || X <- [1, foo, [], {}]] ++
    [{erlang, fun_info_mfa, [F]} || F <- funs() ++ [1, a]] ++
    [{erlang, make_fun, [M, F, A]} || {M, F, A} <- [{"a", b, 1}, {a, 1, 1}, {a, b, -1}, {a, b, 256}, {a, b, a},
                                                  {a, b, 1.0}, {a, b, 1 bsl 70}]] ++
    [{erlang, fun_to_list, [F]} || F <- funs() ++ [1, a]] ++
    [{erlang, is_function, [F, N]} || F <- [fun lists:map/2, mk(1), fun() -> ok end, 1, a],
        N <- [0, 1, 2, 3, -1, a, 1.0, 1 bsl 40, 1 bsl 70, -(1 bsl 70), 256]] ++
    [{lt_driver, is_function2, [{F, N}]} || F <- [fun lists:map/2, mk(1), 1],
        N <- [0, 1, 2, -1, a, 1 bsl 70]] ++
    [{lt_driver, display_text, [T]} || T <- terms()] ++
    [{lt_driver, display_map, [L]} || L <- [[], [{a, 1}], [{b, [2]}, {a, 1.5}],
                                            [{X, X} || X <- lists:seq(1, 32)], [{X, X} || X <- lists:seq(1, 33)],
                                            [{X, {X}} || X <- lists:seq(1, 40)],
                                            [{integer_to_binary(X), X} || X <- lists:seq(1, 300)],
                                            [{{X, <<"a">>}, [X]} || X <- lists:seq(1, 1000)], [{X * 1.5, X} || X <- lists:seq(1, 500)],
                                            [{X, [X + 1]} || X <- lists:seq(1, 100)], [{X, "ab"} || X <- lists:seq(1, 40)]]] ++
    [{erts_internal, term_type, [T]} || T <- [1, 1 bsl 59, 1 bsl 62, 1 bsl 70, -(1 bsl 70), 1.0, a, [], [a], {}, <<"x">>,
                                            <<1:1>>, fun lists:map/2, fun() -> ok end,
                                            list_to_binary(lists:duplicate(64, 1)),
                                            list_to_binary(lists:duplicate(65, 1))]] ++
    [{lists, member, [F, funs()]} || F <- funs()] ++
    [{lists, member, [F, [mk(4), fun lists:map/3, fun() -> ok end]]} || F <- funs()].
