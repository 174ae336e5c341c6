%% erts_debug:flat_size/1 is the VM's heap size of a term in words (copy.c's size_object
%% on a 64-bit VM): immediates, boxed integers and floats, lists, tuples, heap and
%% off-heap binaries, sub-bitstrings, flatmaps and hash tries, funs and references; and
%% erts_debug:size/1, which counts shared subterms once. (A binary built by appending is
%% off-heap until the VM's garbage collector may shrink it onto the heap: its size depends
%% on when the collector ran, so only a copy of its tail is measured.)
-module(erts_debug_flat_size).
-export([main/0, mk/2]).

mk(A, B) -> {fun() -> A end, fun() -> {A, B} end, fun(X) -> X + A end}.

main() ->
    B100 = list_to_binary(lists:duplicate(100, $a)),
    B64 = list_to_binary(lists:duplicate(64, $a)),
    B65 = list_to_binary(lists:duplicate(65, $a)),
    <<_:3/binary, Sub/binary>> = B100,
    <<_:3/binary, Sub2/binary>> = B64,
    <<_:3, SubBits/bits>> = B64,
    Appended = << <<Y>> || Y <- lists:seq(1, 10) >>,
    Appended2 = <<Appended/binary, 1>>,
    <<_:8, Tail/binary>> = Appended2,
    {F1, F2, F3} = mk(1, [a, b]),
    M = lists,
    F = map,
    Ts = [0, 1 bsl 59 - 1, 1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1, 1 bsl 64 - 1, 1 bsl 64,
          1 bsl 200, -(1 bsl 200), 1.0, atom, [], {}, {a}, {a, b, c}, [1, 2, 3], "abc",
          <<>>, <<1>>, <<1, 2, 3, 4, 5, 6, 7, 8>>, <<1, 2, 3, 4, 5, 6, 7, 8, 9>>, B64, B65, B100,
          Sub, Sub2, SubBits, <<1:3>>, <<1, 2:3>>, Tail,
          binary:part(B100, 10, 5), binary:copy(<<"abc">>, 30), iolist_to_binary([B64, B64]),
          term_to_binary(lists:seq(1, 30)),
          #{}, #{a => 1}, #{a => {b}, c => [1]},
          maps:from_list([{I, I} || I <- lists:seq(1, 33)]),
          maps:from_list([{I, {I}} || I <- lists:seq(1, 100)]),
          maps:from_list([{integer_to_binary(I), I} || I <- lists:seq(1, 300)]),
          F1, F2, F3, fun lists:map/2, fun M:F/2, fun erlang:abs/1, mk(1.0, 2),
          make_ref(), self(), {make_ref(), self(), [1.5 | 2.5]}],
    io:format("~w~n", [[erts_debug:flat_size(T) || T <- Ts]]),
    io:format("~w~n", [[erts_debug:size(T) || T <- Ts]]),
    A = lists:seq(1, 3),
    Shared = [A, A, {A, A}],
    io:format("~w ~w~n", [erts_debug:size(Shared), erts_debug:flat_size(Shared)]),
    Fl = float(length(A)),
    io:format("~w ~w~n", [erts_debug:size({Fl, Fl}), erts_debug:flat_size({Fl, Fl})]),
    io:format("~w ~w~n", [erts_debug:same(A, A), erts_debug:same(A, lists:seq(1, 3))]).
