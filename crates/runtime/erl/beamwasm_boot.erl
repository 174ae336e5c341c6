%% The first process of every program. It starts the system services and the I/O
%% servers, runs the program's entry function with the command-line arguments, and ends
%% the program as
%% `elixir -e 'Module.function()'` does: status 0 when the function returns; the error
%% report on standard error and status 1 when it raises, exits or throws.
-module(beamwasm_boot).
-export([start/1]).

start(Args) ->
    ok = beamwasm_services:start(Args),
    Out = beamwasm_io:start(),
    erlang:group_leader(Out, self()),
    try beamwasm_rt:entry(Args) of
        _ -> erlang:halt(0)
    catch
        Class:Reason:Stack ->
            report(Class, Reason, Stack),
            erlang:halt(1)
    end.

report(Class, Reason, Stack) ->
    Text = try 'Elixir.Exception':format(Class, Reason, Stack)
           catch _:_ -> io_lib:format("** (~p) ~p~n", [Class, Reason])
           end,
    beamwasm_rt:write(2, unicode:characters_to_binary(Text)).
