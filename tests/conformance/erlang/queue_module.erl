%% The queue module: in/out from both ends, len, to_list, reverse, filter, join, split.
-module(queue_module).
-export([main/0]).

main() ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, [1, 2, 3, 4]),
    Q2 = queue:in_r(0, Q1),
    io:format("~p ~p~n", [queue:to_list(Q2), queue:len(Q2)]),
    {{value, H}, Q3} = queue:out(Q2),
    {{value, T}, Q4} = queue:out_r(Q3),
    io:format("~p ~p ~p~n", [H, T, queue:to_list(Q4)]),
    io:format("~p~n", [queue:out(queue:new())]),
    io:format("~p~n", [queue:to_list(queue:reverse(Q4))]),
    io:format("~p~n", [queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 1 end, Q1))]),
    io:format("~p~n", [queue:to_list(queue:join(Q1, queue:from_list([a, b])))]),
    {A, B} = queue:split(2, Q1),
    io:format("~p ~p~n", [queue:to_list(A), queue:to_list(B)]),
    io:format("~p ~p~n", [queue:peek(Q1), queue:member(3, Q1)]).
