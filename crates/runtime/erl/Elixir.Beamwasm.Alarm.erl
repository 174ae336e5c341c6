%% Beamwasm.Alarm: timers that survive the object (docs/DURABLE_OBJECTS.md). On workerd a
%% Durable Object's alarm: the message is kept in the object's storage and sent to the
%% process registered under Name when it is due, even if the object was evicted or
%% workerd restarted meanwhile (the object starts again for it, its program boots, and the
%% message goes to the process of that name). Process.send_after and :timer keep the VM's
%% semantics while the object lives; use these where the timer must outlive it.
%%
%%     id = Beamwasm.Alarm.send_after(MyServer, :tick, 60_000)
%%     Beamwasm.Alarm.cancel(id)             # true if it was pending
%%     Beamwasm.Alarm.pending()              # [{id, due_ms_since_epoch, name}]
-module('Elixir.Beamwasm.Alarm').
-export([send_after/3, cancel/1, pending/0]).

%% Sends Message to the process registered as Name in Ms milliseconds; returns an id.
send_after(Name, Message, Ms) when is_atom(Name), is_integer(Ms), Ms >= 0 ->
    Due = erlang:system_time(millisecond) + Ms,
    beamwasm_host:call(alarm_set, {Name, term_to_binary(Message), Due}).

cancel(Id) when is_integer(Id) ->
    beamwasm_host:call(alarm_cancel, {Id}).

pending() ->
    beamwasm_host:call(alarm_list, {}).
