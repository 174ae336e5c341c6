%% gen_server: call, cast, info, an init timeout, a call timeout, stop with a reason
%% (terminate and the linked caller see it), a reply from another process (gen_server:reply), calls to a dead
%% or unregistered server, and sys:get_state / sys:replace_state.
-module(gen_server_features_erl).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

init(Parent) -> {ok, #{parent => Parent, n => 0, log => []}, 20}.

handle_call(get, _From, S) -> {reply, maps:get(n, S), S};
handle_call({add, X}, _From, S = #{n := N}) -> {reply, N + X, S#{n := N + X}};
handle_call(slow, From, S) ->
    spawn(fun() -> timer:sleep(10), gen_server:reply(From, slow_done) end),
    {noreply, S};
handle_call(never, _From, S) -> {noreply, S};
handle_call(log, _From, S) -> {reply, lists:reverse(maps:get(log, S)), S};
handle_call({stop, Why}, _From, S) -> {stop, Why, stopping, S}.

handle_cast({push, X}, S = #{log := L}) -> {noreply, S#{log := [X | L]}}.

handle_info(timeout, S = #{log := L}) -> {noreply, S#{log := [init_timeout | L]}};
handle_info(Other, S = #{log := L}) -> {noreply, S#{log := [{info, Other} | L]}}.

terminate(Reason, #{parent := P}) -> P ! {terminated, Reason}, ok.

main() ->
    process_flag(trap_exit, true),
    {ok, Pid} = gen_server:start_link({local, gs}, ?MODULE, self(), []),
    timer:sleep(40),
    io:format("~p~n", [gen_server:call(gs, get)]),
    io:format("~p~n", [gen_server:call(Pid, {add, 5})]),
    io:format("~p~n", [gen_server:call(gs, {add, 10}, 1000)]),
    gen_server:cast(gs, {push, a}),
    gs ! hello,
    gen_server:cast(Pid, {push, b}),
    io:format("~p~n", [gen_server:call(gs, log)]),
    io:format("~p~n", [gen_server:call(gs, slow)]),
    io:format("~p~n", [catch gen_server:call(gs, never, 30)]),
    io:format("state n: ~p~n", [maps:get(n, sys:get_state(gs))]),
    sys:replace_state(gs, fun(S) -> S#{n := 100} end),
    io:format("~p~n", [gen_server:call(gs, get)]),
    io:format("~p~n", [gen_server:call(gs, {stop, {shutdown, asked}})]),
    receive {terminated, R} -> io:format("terminate: ~p~n", [R]) end,
    timer:sleep(5),
    io:format("~p~n", [catch gen_server:call(gs, get)]),
    {'EXIT', {Why, {gen_server, call, [_, get]}}} = (catch gen_server:call(Pid, get)),
    io:format("by pid: ~p~n", [Why]),
    receive {'EXIT', Pid, R1} -> io:format("exit: ~p~n", [R1]) end,
    {ok, P2} = gen_server:start_link(?MODULE, self(), []),
    ok = gen_server:stop(P2, {shutdown, custom}, 1000),
    receive {terminated, R2} -> io:format("stop/3: ~p~n", [R2]) end,
    receive {'EXIT', P2, R2b} -> io:format("exit: ~p~n", [R2b]) end,
    {ok, P4} = gen_server:start(?MODULE, self(), []),
    io:format("~p~n", [gen_server:stop(P4)]),
    receive {terminated, R4} -> io:format("stop/1: ~p~n", [R4]) end.
