%% Selective receive: the save pointer, skipped messages kept in order, after with a
%% literal, a variable, 0 and infinity, nested receives, and the reference-tagged
%% request/reply pattern (receive markers).
-module(receive_selective_erl).
-export([main/0]).

drain(Acc) -> receive M -> drain([M | Acc]) after 0 -> lists:reverse(Acc) end.

wait_for(Tag, T) -> receive {Tag, V} -> V after T -> timeout end.

main() ->
    Self = self(),
    [Self ! M || M <- [{a, 1}, {b, 2}, {c, 3}, {b, 4}, {a, 5}]],
    io:format("~p~n", [wait_for(b, 0)]),
    io:format("~p~n", [wait_for(c, 0)]),
    io:format("~p~n", [wait_for(d, 0)]),
    io:format("~p~n", [drain([])]),
    T = 15,
    io:format("~p~n", [wait_for(x, T)]),
    Inf = infinity,
    Self ! {y, ok},
    io:format("~p~n", [wait_for(y, Inf)]),
    Self ! {z, 1},
    io:format("~p~n", [receive {z, V} -> V after infinity -> never end]),
    %% A message arriving while we wait is examined once it arrives.
    spawn(fun() -> timer:sleep(10), Self ! {skip, 1}, timer:sleep(5), Self ! {want, 2} end),
    io:format("~p~n", [wait_for(want, 2000)]),
    io:format("~p~n", [drain([])]),
    %% Nested receive: the inner one runs on the whole mailbox again.
    [Self ! M || M <- [first, second, third]],
    R = receive
            second ->
                receive X -> {nested, X} end
        end,
    io:format("~p~n", [R]),
    io:format("~p~n", [drain([])]),
    %% Request/reply with a fresh reference, behind other messages.
    [Self ! {noise, I} || I <- lists:seq(1, 100)],
    Server = spawn(fun() -> receive {req, From, Ref, N} -> From ! {Ref, N * 2} end end),
    Ref = make_ref(),
    Server ! {req, Self, Ref, 21},
    io:format("~p~n", [receive {Ref, Ans} -> Ans end]),
    io:format("~p~n", [length(drain([]))]),
    %% Bad timeouts.
    Bad = fun(TO) -> try receive never -> ok after TO -> ok end catch error:E -> E end end,
    io:format("~p~n", [Bad(-1)]),
    io:format("~p~n", [Bad(foo)]),
    io:format("~p~n", [Bad(1.5)]),
    %% A large timeout does not block a message that arrives.
    Self ! late,
    io:format("~p~n", [receive late -> got_late after 100000 -> timeout end]).
