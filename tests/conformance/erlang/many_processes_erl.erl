%% 100,000 processes alive at once: each waits for a message, answers, and exits.
-module(many_processes_erl).
-export([main/0]).

main() ->
    Self = self(),
    N = 100000,
    Pids = [spawn(fun() -> receive {go, X} -> Self ! {ans, X * 2} end end) || _ <- lists:seq(1, N)],
    io:format("spawned: ~p~n", [length(Pids)]),
    io:format("alive: ~p~n", [length([P || P <- lists:sublist(Pids, 1000), is_process_alive(P)])]),
    lists:foldl(fun(P, I) -> P ! {go, I}, I + 1 end, 1, Pids),
    Sum = collect(N, 0),
    io:format("sum: ~p~n", [Sum]),
    timer:sleep(10),
    io:format("alive after: ~p~n", [length([P || P <- lists:sublist(Pids, 1000), is_process_alive(P)])]).

collect(0, Acc) -> Acc;
collect(N, Acc) -> receive {ans, X} -> collect(N - 1, Acc + X) end.
