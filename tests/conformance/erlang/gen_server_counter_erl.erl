%% A gen_server implemented in the same module: start_link, call, cast, info messages and stop.
-module(gen_server_counter_erl).
-behaviour(gen_server).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

init(Start) -> {ok, #{count => Start, log => []}}.

handle_call(get, _From, S = #{count := C}) -> {reply, C, S};
handle_call({add, N}, _From, S = #{count := C}) -> {reply, C + N, S#{count := C + N}};
handle_call(log, _From, S = #{log := L}) -> {reply, lists:reverse(L), S}.

handle_cast({note, X}, S = #{log := L}) -> {noreply, S#{log := [X | L]}}.

handle_info(tick, S = #{count := C}) -> {noreply, S#{count := C + 100}};
handle_info(_, S) -> {noreply, S}.

terminate(Reason, _S) -> io:format("terminate ~p~n", [Reason]).

main() ->
    {ok, Pid} = gen_server:start_link(?MODULE, 5, []),
    io:format("~p~n", [gen_server:call(Pid, get)]),
    io:format("~p~n", [gen_server:call(Pid, {add, 10})]),
    gen_server:cast(Pid, {note, first}),
    gen_server:cast(Pid, {note, second}),
    Pid ! tick,
    io:format("~p~n", [gen_server:call(Pid, get)]),
    io:format("~p~n", [gen_server:call(Pid, log)]),
    io:format("~p~n", [gen_server:stop(Pid)]).
