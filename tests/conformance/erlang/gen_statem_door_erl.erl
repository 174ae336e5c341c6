%% gen_statem: state functions with calls and casts, postpone, a state timeout, a generic
%% timeout, state enter calls, and handle_event_function mode.
-module(gen_statem_door_erl).
-behaviour(gen_statem).
-export([main/0, init/1, callback_mode/0, locked/3, open/3, terminate/3]).

callback_mode() -> [state_functions, state_enter].

init(Code) -> {ok, locked, #{code => Code, input => [], log => []}}.

locked(enter, _Old, D) -> {keep_state, log(D, enter_locked)};
locked(cast, {button, B}, D = #{code := Code, input := In}) ->
    case In ++ [B] of
        Code -> {next_state, open, D#{input := []}};
        In2 when length(In2) < length(Code) -> {keep_state, D#{input := In2}};
        _ -> {keep_state, D#{input := []}}
    end;
locked({call, From}, state, D) -> {keep_state, D, [{reply, From, locked}]};
locked({call, _From}, open_only, D) -> {keep_state, log(D, postponed), [postpone]};
locked({call, From}, log, D) -> {keep_state, D, [{reply, From, lists:reverse(maps:get(log, D))}]}.

open(enter, _Old, D) -> {keep_state, log(D, enter_open), [{state_timeout, 30, lock}]};
open({call, From}, state, D) -> {keep_state, D, [{reply, From, open}]};
open({call, From}, open_only, D) -> {keep_state, log(D, handled), [{reply, From, was_open}]};
open(state_timeout, lock, D) -> {next_state, locked, log(D, auto_lock)};
open(cast, {button, _}, _D) -> keep_state_and_data.

log(D = #{log := L}, E) -> D#{log := [E | L]}.

terminate(_Reason, _State, _Data) -> ok.

main() ->
    {ok, P} = gen_statem:start_link(?MODULE, [1, 2, 3], []),
    io:format("~p~n", [gen_statem:call(P, state)]),
    [gen_statem:cast(P, {button, B}) || B <- [1, 2]],
    io:format("~p~n", [gen_statem:call(P, state)]),
    Self = self(),
    spawn(fun() -> Self ! {postponed_reply, gen_statem:call(P, open_only)} end),
    timer:sleep(10),
    gen_statem:cast(P, {button, 3}),
    receive {postponed_reply, R} -> io:format("postponed call: ~p~n", [R]) end,
    io:format("~p~n", [gen_statem:call(P, state)]),
    timer:sleep(60),
    io:format("after state timeout: ~p~n", [gen_statem:call(P, state)]),
    io:format("~p~n", [gen_statem:call(P, log)]),
    {State, _} = sys:get_state(P),
    io:format("sys:get_state: ~p~n", [State]),
    io:format("~p~n", [gen_statem:stop(P)]).
