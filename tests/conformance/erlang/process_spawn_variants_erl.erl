%% spawn, spawn_link and spawn_monitor with a fun and with M/F/A; self, is_process_alive,
%% make_ref uniqueness; messages from one sender arrive in the order sent.
-module(process_spawn_variants_erl).
-export([main/0, echo/1, sum_to/2]).

echo(Parent) ->
    receive
        {msg, X} -> Parent ! {echo, self(), X}, echo(Parent);
        stop -> ok
    end.

sum_to(Parent, N) -> Parent ! {sum, lists:sum(lists:seq(1, N))}.

main() ->
    Self = self(),
    io:format("~p~n", [is_pid(Self)]),
    P1 = spawn(?MODULE, echo, [Self]),
    P1 ! {msg, one},
    receive {echo, P1, X1} -> io:format("mfa spawn: ~p~n", [X1]) end,
    P1 ! stop,
    P2 = spawn(fun() -> echo(Self) end),
    [P2 ! {msg, I} || I <- lists:seq(1, 20)],
    Order = [receive {echo, P2, I} -> I end || _ <- lists:seq(1, 20)],
    io:format("in order: ~p~n", [Order =:= lists:seq(1, 20)]),
    P2 ! stop,
    timer:sleep(5),
    io:format("alive after stop: ~p ~p~n", [is_process_alive(P2), is_process_alive(self())]),
    process_flag(trap_exit, true),
    P3 = spawn_link(?MODULE, sum_to, [Self, 100]),
    receive {sum, S} -> io:format("spawn_link mfa: ~p~n", [S]) end,
    receive {'EXIT', P3, R3} -> io:format("exit ~p~n", [R3]) end,
    P4 = spawn_link(fun() -> exit(bye) end),
    receive {'EXIT', P4, R4} -> io:format("exit ~p~n", [R4]) end,
    process_flag(trap_exit, false),
    {P5, M5} = spawn_monitor(?MODULE, sum_to, [Self, 10]),
    receive {sum, S5} -> io:format("spawn_monitor mfa: ~p~n", [S5]) end,
    receive {'DOWN', M5, process, P5, R5} -> io:format("down ~p~n", [R5]) end,
    {P6, M6} = spawn_monitor(fun() -> exit({shutdown, done}) end),
    receive {'DOWN', M6, process, P6, R6} -> io:format("down ~p~n", [R6]) end,
    Refs = [make_ref() || _ <- lists:seq(1, 1000)],
    io:format("unique refs: ~p~n", [length(lists:usort(Refs))]),
    io:format("ref eq: ~p ~p~n", [hd(Refs) =:= hd(Refs), hd(Refs) =:= lists:last(Refs)]),
    %% Two senders: each one's messages stay in order.
    Mk = fun(Tag) -> spawn(fun() -> [Self ! {Tag, I} || I <- lists:seq(1, 50)] end) end,
    Mk(a), Mk(b),
    All = [receive M -> M end || _ <- lists:seq(1, 100)],
    As = [I || {a, I} <- All], Bs = [I || {b, I} <- All],
    io:format("per-sender order: ~p ~p~n", [As =:= lists:seq(1, 50), Bs =:= lists:seq(1, 50)]),
    io:format("bad spawn: ~p~n", [err(fun() -> spawn(not_a_module_atom_list, f, not_a_list) end)]).

err(F) -> try F() catch C:R -> {C, R} end.
