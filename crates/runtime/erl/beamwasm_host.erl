%% The host channel from Erlang (docs/ABI.md §6, "The host channel"). An effect is a
%% request term {Op, Args}; the host answers it at once (call/2), or accepts it and
%% answers later with a message to the process that asked (async/2). The hosts document
%% the effects they wire; one they do not raises {unwired_host_effect, Op}.
-module(beamwasm_host).
-export([call/2, async/2, await/2]).

%% A synchronous effect: the host's answer.
call(Op, Args) ->
    case beamwasm_rt:host_call({Op, Args}) of
        {ok, Reply} -> Reply;
        {error, unwired} -> erlang:error({unwired_host_effect, Op});
        {error, badarg} -> erlang:error(badarg);
        {error, Reason} -> erlang:error({host_error, Op, Reason})
    end.

%% An asynchronous effect: the host gets {Op, {self(), Ref, Args}}, answers `ok` when it
%% has taken the request, and later sends {beamwasm_host, Ref, Result} to this process.
%% Returns Ref.
async(Op, Args) ->
    Ref = make_ref(),
    ok = call(Op, {self(), Ref, Args}),
    Ref.

%% The result of an asynchronous effect, or `timeout` after Timeout milliseconds (the
%% result may still arrive later, as a message the caller should expect to ignore).
await(Ref, Timeout) ->
    receive
        {beamwasm_host, Ref, Result} -> Result
    after Timeout ->
        timeout
    end.
