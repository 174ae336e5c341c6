%% Benchmark: sort-heavy work — 60,000 generated employee records sorted by several keys with
%% lists:sort/2, lists:keysort and usort, then merged and ranked.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(sort_records).
-export([main/0]).

-record(emp, {id, dept, salary, name}).

lcg(X) -> (X * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF.

gen(0, _S, Acc) -> Acc;
gen(N, S, Acc) ->
    S1 = lcg(S),
    S2 = lcg(S1),
    E = #emp{id = N, dept = (S1 bsr 33) rem 40, salary = 30000 + (S2 bsr 35) rem 90000,
             name = integer_to_binary(S2 bsr 44, 36)},
    gen(N - 1, S2, [E | Acc]).

run(Emps) ->
    BySalary = lists:sort(fun(A, B) -> {A#emp.salary, A#emp.id} >= {B#emp.salary, B#emp.id} end, Emps),
    ByName = lists:keysort(#emp.name, Emps),
    ByDept = lists:sort([{D, -S, I} || #emp{dept = D, salary = S, id = I} <- Emps]),
    Depts = lists:usort([D || #emp{dept = D} <- Emps]),
    Tuples = lists:sort([{N, I} || #emp{name = N, id = I} <- Emps]),
    Merged = lists:merge(lists:sort([I || #emp{id = I} <- lists:sublist(BySalary, 1000)]),
                         lists:sort([I || #emp{id = I} <- lists:sublist(ByName, 1000)])),
    erlang:phash2({[E#emp.id || E <- lists:sublist(BySalary, 20)], hd(ByName), lists:sublist(ByDept, 5),
                   length(Depts), lists:last(Tuples), lists:sum(Merged)}).

main() ->
    Emps = gen(60000, 99, []),
    T0 = erlang:monotonic_time(microsecond),
    Sums = [run(Emps) || _ <- lists:seq(1, 2)],
    T1 = erlang:monotonic_time(microsecond),
    io:format("checksum=~p~n", [Sums]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
