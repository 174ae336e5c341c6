%% Beamwasm.Object: processes in other Durable Objects (docs/DURABLE_OBJECTS.md). A
%% registered process of another object is named by the object's namespace binding, the
%% object's name and the process's registered name, as a `:via` name:
%%
%%     room = {:via, Beamwasm.Object, {"ROOMS", "lobby", Chat.Room}}
%%     GenServer.call(room, {:join, "ada"})      # Workers RPC to the object named "lobby"
%%     GenServer.cast(room, {:say, "hi"})
%%     send(Beamwasm.Object.whereis_name({"ROOMS", "lobby", Chat.Room}), :ping)
%%
%% A call goes through a local proxy process that whereis_name/1 starts: it forwards the
%% request to the other object (the host's `object_call` effect: stub.beamwasmCall), which
%% makes it as its own host makes calls (bw_call), and replies to the caller with the
%% answer. So GenServer.call's timeout and monitor work as usual: the caller exits with
%% {noproc, ...} when nothing is registered under the name there, with the process's exit
%% reason when it exits before replying, and with {{nodedown, {Binding, Name}}, ...} when
%% the object cannot be reached, as a call to {Name, Node} of a node that is down does.
%% Messages and casts are sent without waiting (`object_send`); like any message to a
%% process, one that cannot be delivered is dropped.
-module('Elixir.Beamwasm.Object').
-export([whereis_name/1, send/2, register_name/2, unregister_name/1, proxy/1, call/2, call/3]).

%% A proxy for the process: it forwards the messages it gets, answering gen calls.
whereis_name({Binding, Name, Process} = Target) when is_binary(Binding), is_binary(Name), is_atom(Process) ->
    spawn(?MODULE, proxy, [Target]);
whereis_name(Other) ->
    erlang:error({badarg, Other}).

send({Binding, Name, Process}, Message) when is_binary(Binding), is_binary(Name), is_atom(Process) ->
    ok = beamwasm_host:call(object_send, {Binding, Name, Process, term_to_binary(Message)}),
    self();
send(Other, _) ->
    erlang:error({badarg, Other}).

%% Names in another object are that object's own: a process registers there with an atom.
register_name(_, _) -> no.
unregister_name(_) -> ok.

%% GenServer.call(via, Request[, Timeout]) without the via tuple.
call(Target, Request) -> call(Target, Request, 5000).
call(Target, Request, Timeout) -> gen_server:call({via, ?MODULE, Target}, Request, Timeout).

%% The proxy: one process per whereis_name/1; it ends after it has forwarded a call, or
%% after a minute without one.
proxy({Binding, Name, Process} = Target) ->
    receive
        {'$gen_call', From, Request} ->
            Ref = beamwasm_host:async(object_call, {Binding, Name, Process, term_to_binary(Request)}),
            receive
                {beamwasm_host, Ref, {reply, Bin}} ->
                    gen:reply(From, binary_to_term(Bin));
                {beamwasm_host, Ref, {exit, Bin}} ->
                    exit(binary_to_term(Bin));
                {beamwasm_host, Ref, {unreachable, _Why}} ->
                    exit({nodedown, {Binding, Name}})
            end;
        {'$gen_cast', _} = Cast ->
            send(Target, Cast),
            proxy(Target);
        Message ->
            send(Target, Message),
            proxy(Target)
    after 60000 ->
        ok
    end.
