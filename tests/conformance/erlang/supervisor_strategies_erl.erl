%% supervisor: one_for_one, one_for_all and rest_for_one restarts, temporary and
%% transient children, which_children/count_children, and the maximum restart intensity.
-module(supervisor_strategies_erl).
-behaviour(supervisor).
-export([main/0, init/1, start_worker/1, worker/1]).

init({Strategy, Intensity, Children}) ->
    {ok, {#{strategy => Strategy, intensity => Intensity, period => 10},
          [#{id => Id, start => {?MODULE, start_worker, [Id]}, restart => Restart}
           || {Id, Restart} <- Children]}}.

start_worker(Id) ->
    Pid = spawn_link(?MODULE, worker, [Id]),
    collector ! {started, Id},
    {ok, Pid}.

worker(Id) ->
    receive
        crash -> exit({crashed, Id});
        stop -> ok
    end.

collector(Log) ->
    receive
        {started, Id} -> collector([Id | Log]);
        {take, From} -> From ! {log, lists:reverse(Log)}, collector([])
    end.

take() ->
    timer:sleep(20),
    collector ! {take, self()},
    receive {log, L} -> L end.

child(Sup, Id) -> {Id, P, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)), P.

run(Strategy) ->
    {ok, Sup} = supervisor:start_link(?MODULE, {Strategy, 5, [{a, permanent}, {b, permanent}, {c, permanent}]}),
    io:format("~p start: ~p~n", [Strategy, take()]),
    child(Sup, b) ! crash,
    io:format("~p after b crashes: ~p~n", [Strategy, take()]),
    io:format("~p~n", [supervisor:count_children(Sup)]),
    unlink(Sup),
    exit(Sup, shutdown),
    timer:sleep(10).

main() ->
    register(collector, spawn(fun() -> collector([]) end)),
    run(one_for_one),
    run(one_for_all),
    run(rest_for_one),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, {one_for_one, 2, [{t, temporary}, {tr, transient}, {p, permanent}]}),
    io:format("kinds start: ~p~n", [take()]),
    child(Sup, t) ! crash,
    child(Sup, tr) ! stop,
    io:format("temporary and transient: ~p~n", [take()]),
    io:format("children: ~p~n", [lists:sort([Id || {Id, _, _, _} <- supervisor:which_children(Sup)])]),
    child(Sup, p) ! crash, take(),
    child(Sup, p) ! crash, take(),
    child(Sup, p) ! crash,
    receive {'EXIT', Sup, R} -> io:format("intensity exceeded: ~p~n", [R]) after 1000 -> io:format("still up~n") end,
    {ok, Sup2} = supervisor:start_link(?MODULE, {one_for_one, 5, []}),
    {ok, _} = supervisor:start_child(Sup2, #{id => dyn, start => {?MODULE, start_worker, [dyn]}}),
    io:format("dynamic: ~p~n", [take()]),
    io:format("~p~n", [supervisor:terminate_child(Sup2, dyn)]),
    io:format("~p~n", [supervisor:delete_child(Sup2, dyn)]),
    io:format("~p~n", [supervisor:which_children(Sup2)]).
