%% Beamwasm.WebSocket: WebSockets in a Durable Object (workerd), with the hibernation API:
%% the object accepts the socket and keeps it across evictions; the program's process gets
%% its events as messages and sends through the host. Elsewhere the effects are unwired.
%%
%%     def call(%{path_info: ["live"]} = conn, _),
%%       do: Beamwasm.WebSocket.upgrade(conn, MyApp.Room)    # 101; events go to MyApp.Room
%%
%%     def handle_info({:websocket, id, {:text, data}}, state) ...   # also :open, {:binary, data},
%%                                                                    # {:closed, code}
%%     Beamwasm.WebSocket.send(id, {:text, "hi"})       # :ok, or {:error, :closed}
%%     Beamwasm.WebSocket.broadcast({:text, "to all"})  # the number of open sockets it went to
%%     Beamwasm.WebSocket.close(id, 1000, "bye")
%%
%% A socket's id is a binary the host gives it; it stays the same while the socket is open,
%% even when the object hibernates and its program starts again (whose processes then get
%% the socket's next events without an `open`).
-module('Elixir.Beamwasm.WebSocket').
-export([upgrade/2, send/2, broadcast/1, close/1, close/3]).

%% Answers the request with the upgrade to a WebSocket whose events go to the process
%% registered as Name. The request must ask for the upgrade (`upgrade: websocket`).
upgrade(#{state := State, adapter := {'Elixir.Beamwasm.Conn', #{from := From}}} = Conn, Name)
  when is_atom(Name), (State =:= unset orelse State =:= set) ->
    case [V || {<<"upgrade">>, V} <- maps:get(req_headers, Conn)] of
        [V | _] ->
            case string:lowercase(V) of
                <<"websocket">> ->
                    gen:reply(From, {websocket, atom_to_binary(Name, utf8)}),
                    put('$beamwasm_http_sent', true),
                    Conn#{state := sent, status := 101};
                _ -> not_upgrade()
            end;
        [] -> not_upgrade()
    end.

not_upgrade() ->
    erlang:error('Elixir.ArgumentError':exception(<<"the request does not ask for a WebSocket (no upgrade: websocket header)">>)).

send(Id, Frame) when is_binary(Id) ->
    beamwasm_host:call(websocket_send, {Id, frame(Frame)}).

broadcast(Frame) ->
    beamwasm_host:call(websocket_broadcast, {frame(Frame)}).

close(Id) -> close(Id, 1000, <<>>).
close(Id, Code, Reason) when is_binary(Id), is_integer(Code) ->
    beamwasm_host:call(websocket_close, {Id, Code, iolist_to_binary(Reason)}).

frame({text, Data}) -> {text, unicode:characters_to_binary(Data)};
frame({binary, Data}) -> {binary, iolist_to_binary(Data)};
frame(Other) -> erlang:error('Elixir.ArgumentError':exception(
                                iolist_to_binary(io_lib:format("a WebSocket frame is {:text, data} or {:binary, data}, not ~tp", [Other])))).
