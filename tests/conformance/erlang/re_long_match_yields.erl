%% A long match yields to other processes, as the VM's erts_pcre_exec does when its loop
%% budget runs out; a process killed in the middle of one leaves the next matches working.
-module(re_long_match_yields).
-export([main/0]).

main() ->
    Subject = lists:duplicate(1000, $a),
    Parent = self(),
    spawn(fun() -> Parent ! {done, re:run(Subject, "(a|b)+c$", [{match_limit, 100000000}])} end),
    {Polls, R} = poll(0),
    io:format("~p ~p~n", [Polls > 0, R]),
    Victim = spawn(fun() -> re:run(Subject, "(a|b)+c$", [{match_limit, 100000000}]) end),
    receive after 5 -> ok end,
    exit(Victim, kill),
    io:format("~p~n", [re:run("xaay", "a+", [{capture, all, list}])]),
    Big = binary:copy(<<"ab">>, 1000),
    io:format("~p~n", [re:run(Big, "(ab)+c")]),
    io:format("~p~n", [length(element(2, re:run(binary:copy(Big, 10), "b", [global])))]),
    ok.

poll(N) ->
    receive {done, R} -> {N, R}
    after 0 -> erlang:yield(), poll(N + 1)
    end.
