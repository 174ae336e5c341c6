%% PropEr (Debian's erlang-proper): properties over generated lists, tuples, unions and
%% bound generators, checked with a fixed seed (the process's rand state, which PropEr
%% keeps when one exists), with failures shrunk to their counterexamples.
-module(lib_proper_properties).
-export([main/0]).

check(Name, Prop, N) ->
    _ = rand:seed(exsplus, {7, 11, 13}),
    R = proper:quickcheck(Prop, [{numtests, N}, quiet]),
    io:format("~s: ~p ~p~n", [Name, R, case R of true -> none; _ -> proper:counterexample() end]).

main() ->
    Int = proper_types:integer(),
    List = proper_types:list(Int),
    check("reverse twice", proper:forall(List, fun(L) -> lists:reverse(lists:reverse(L)) =:= L end), 100),
    check("sort is ordered", proper:forall(List, fun(L) -> ordered(lists:sort(L)) end), 100),
    check("short lists", proper:forall(List, fun(L) -> length(L) < 4 end), 200),
    check("small sums", proper:forall({Int, Int}, fun({A, B}) -> A + B < 40 end), 300),
    Atom = proper_types:oneof([a, b, c]),
    check("union", proper:forall(proper_types:list(Atom), fun(L) -> not lists:member(c, L) end), 100),
    Even = proper_types:bind(proper_types:non_neg_integer(), fun(X) -> 2 * X end, false),
    check("bound evens", proper:forall(Even, fun(X) -> X rem 2 =:= 0 end), 100),
    check("implies", proper:forall(Int, fun(X) -> proper:implies(X > 0, fun() -> X * X >= X end) end), 100),
    check("binary size", proper:forall(proper_types:binary(), fun(B) -> byte_size(B) < 3 end), 200),
    _ = rand:seed(exsplus, {7, 11, 13}),
    Counted = proper:quickcheck(proper:forall(List, fun(L) -> proper:collect(length(L) > 2, true) end),
                                [{numtests, 40}, {on_output, fun(F, A) -> io:format(F, A) end}]),
    io:format("collected: ~p~n", [Counted]).

ordered([A, B | T]) -> A =< B andalso ordered([B | T]);
ordered(_) -> true.
