%% proc_lib: start_link with init_ack, the initial call and ancestors it records,
%% spawn_link, and a start whose process dies.
-module(proc_lib_start_erl).
-export([main/0, init/1, plain/1, dies/0]).

init(Parent) ->
    proc_lib:init_ack(Parent, {ok, self()}),
    receive
        {ask, From} -> From ! {answer, proc_lib:initial_call(self()), length(get('$ancestors'))}
    end,
    receive never -> ok end.

plain(Parent) -> Parent ! {plain, proc_lib:translate_initial_call(self())}.

dies() -> exit(start_failed).

main() ->
    {ok, P} = proc_lib:start_link(?MODULE, init, [self()]),
    P ! {ask, self()},
    receive {answer, Init, NAnc} -> io:format("~p ~p~n", [Init, NAnc]) end,
    _ = proc_lib:spawn_link(?MODULE, plain, [self()]),
    receive {plain, T} -> io:format("spawn_link: ~p~n", [T]) end,
    process_flag(trap_exit, true),
    R = proc_lib:start_link(?MODULE, dies, [], 1000),
    io:format("failed start: ~p~n", [R]),
    exit(P, kill),
    receive {'EXIT', P, Why} -> io:format("exit: ~p~n", [Why]) after 100 -> io:format("no exit~n") end.
