%% Seeded random cases for list.wat and tuple.wat: --/2 on both of its paths (short and
%% sorted right-hand lists) with mixed numbers, member/2, keyfind/3 family, ++/2, reverse/2,
%% element/setelement/insert/delete_element on random terms.
-module(lt_random).
-export([cases/0]).

term(0) -> leaf();
term(D) ->
    case rand:uniform(10) of
        1 -> [term(D - 1) || _ <- lists:seq(1, rand:uniform(4) - 1)];
        2 -> list_to_tuple([term(D - 1) || _ <- lists:seq(1, rand:uniform(4) - 1)]);
        _ -> leaf()
    end.

leaf() ->
    case rand:uniform(9) of
        1 -> rand:uniform(7) - 4;
        2 -> float(rand:uniform(7) - 4);
        3 -> lists:nth(rand:uniform(4), [a, b, ok, []]);
        4 -> (rand:uniform(5) - 3) * (1 bsl 62);
        5 -> lists:nth(rand:uniform(3), [0.0, -0.0, 1.0e300]);
        6 -> list_to_binary([rand:uniform(3) + 96 || _ <- lists:seq(1, rand:uniform(3) - 1)]);
        7 -> rand:uniform(3) bsl 40;
        8 -> float(rand:uniform(3) bsl 40);
        _ -> {rand:uniform(3)}
    end.

list(N) -> [term(2) || _ <- lists:seq(1, N)].

cases() ->
    rand:seed(exsss, {17, 29, 31}),
    Sizes = [0, 1, 2, 5, 15, 16, 17, 30, 100, 400],
    [{erlang, '--', [list(A), list(B)]} || A <- Sizes, B <- Sizes, _ <- [1, 2]] ++
    [{lists, member, [term(2), list(N)]} || N <- Sizes, _ <- lists:seq(1, 10)] ++
    [{lists, F, [term(1), rand:uniform(3), [list_to_tuple(list(rand:uniform(3))) || _ <- lists:seq(1, N)]]}
        || F <- [keyfind, keymember, keysearch], N <- Sizes, _ <- lists:seq(1, 5)] ++
    [{erlang, '++', [list(A), term(1)]} || A <- Sizes] ++
    [{lists, reverse, [list(A), term(1)]} || A <- Sizes] ++
    [{erlang, F, [rand:uniform(5) - 1, list_to_tuple(list(rand:uniform(4) - 1)) | Extra]}
        || {F, Extra} <- [{element, []}, {delete_element, []}, {setelement, [x]}, {insert_element, [y]}],
           _ <- lists:seq(1, 20)].
