%% Process priorities: spawn_opt's {priority, P}, process_flag(priority, P) (returning the
%% old one; only low, normal, high and max), process_info(P, priority), spawn options the
%% VM refuses (badarg), and the run queues: high processes run before normal ones, and a
%% low one is passed over while normal ones wait behind it.
-module(process_priority_spawn_opt).
-export([main/0]).
t(F) -> try F() of V -> {ok, V} catch C:R -> {C, R} end.
main() ->
  P = spawn_opt(fun() -> receive stop -> ok end end, [{priority, high}]),
  io:format("~p~n", [process_info(P, priority)]),
  io:format("~p~n", [process_info(self(), priority)]),
  io:format("~p~n", [t(fun() -> process_flag(priority, low) end)]),
  io:format("~p~n", [process_info(self(), priority)]),
  io:format("~p~n", [t(fun() -> process_flag(priority, max) end)]),
  io:format("~p~n", [t(fun() -> process_flag(priority, bogus) end)]),
  io:format("~p~n", [t(fun() -> process_flag(priority, normal) end)]),
  io:format("~p~n", [process_info(self(), [priority, trap_exit])]),
  Q = spawn_opt(fun() -> ok end, [{priority, max}]),
  io:format("~p~n", [is_pid(Q)]),
  io:format("~p~n", [t(fun() -> spawn_opt(fun() -> ok end, [{priority, bogus}]) end)]),
  io:format("~p~n", [t(fun() -> spawn_opt(fun() -> ok end, [bogus]) end)]),
  {R, _} = spawn_opt(fun() -> process_flag(priority, high), receive stop -> ok end end, [monitor, {priority, low}]),
  io:format("~p~n", [process_info(R, priority)]),
  timer:sleep(10),
  io:format("~p~n", [process_info(R, priority)]),
  P ! stop, R ! stop,
  %% high priority processes run before normal ones
  Me = self(),
  [spawn_opt(fun() -> Me ! {done, N} end, [{priority, Pr}]) || {N, Pr} <- [{1, low}, {2, normal}, {3, high}, {4, normal}, {5, high}]],
  io:format("~p~n", [[receive {done, N} -> N end || _ <- lists:seq(1, 5)]]),
  ok.
