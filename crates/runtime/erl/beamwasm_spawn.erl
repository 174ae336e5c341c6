%% Subprocess ports: open_port({spawn, Cmd} | {spawn_executable, File}, Opts) as the VM's
%% spawn driver behaves (erts/emulator/sys/unix/sys_drivers.c), over the host's spawn_*
%% effects (docs/ABI.md §6, docs/ARCHITECTURE.md "Subprocesses"). A port is a real port term
%% (net.wat) driven by a process running driver/1 below: it owns the host's subprocess,
%% keeps the port's links and connected process, frames the child's output ({packet, N},
%% {line, L}) and sends the VM's messages: {Port, {data, D}}, {Port, {exit_status, N}},
%% {Port, eof}, {Port, closed}, {Port, connected}, and exit signals from the port to the
%% processes linked to it.
-module(beamwasm_spawn).
-export([open_port/2]).

-record(o, {packet = 0, line = 0, binary = false, eof = false, exit_status = false,
            in = false, out = false, stderr = false, args = undefined, arg0 = undefined,
            env = [], cd = undefined, stdio = true}).

%% erts_internal:open_port/2: the port, or what erlang:open_port/2 raises (badarg, badopt,
%% a POSIX error such as enoent).
open_port(Name, Settings) ->
    try
        {Kind, Cmd} = name(Name),
        O0 = opts(Settings, #o{}),
        O = case O0 of
                #o{in = false, out = false} -> O0#o{in = true, out = true};
                _ -> O0
            end,
        (Kind =:= spawn andalso (O#o.args =/= undefined orelse O#o.arg0 =/= undefined))
            andalso throw(badarg),
        O#o.stdio orelse erlang:error({beamwasm_unsupported, {erlang, open_port, nouse_stdio}}),
        start(Kind, Cmd, O)
    catch
        throw:Error -> Error
    end.

name({spawn, Cmd}) -> {spawn, chars(Cmd)};
name({spawn_executable, File}) -> {spawn_executable, filename(File)};
name({What, _} = N) when What =:= spawn_driver ->
    erlang:error({beamwasm_unsupported, {erlang, open_port, N}});
name({fd, _, _} = N) ->
    erlang:error({beamwasm_unsupported, {erlang, open_port, N}});
name(_) -> throw(badarg).

chars(B) when is_binary(B) -> chars(binary_to_list(B));
chars(S) ->
    try unicode:characters_to_list(S) of
        L when is_list(L), L =/= [] -> L;
        _ -> throw(badarg)
    catch
        error:_ -> throw(badarg)
    end.

filename(F) when is_atom(F) -> filename(atom_to_list(F));
filename(F) ->
    try unicode:characters_to_list(F) of
        L when is_list(L) -> L;
        _ -> throw(badarg)
    catch
        error:_ -> throw(badarg)
    end.

opts([], O) -> O;
opts([H | T], O) -> opts(T, opt(H, O));
opts(_, _) -> throw(badarg).

opt({packet, N}, O) when N =:= 1; N =:= 2; N =:= 4 -> O#o{packet = N};
opt({packet, _}, _) -> throw(badarg);
opt({line, N}, O) when is_integer(N), N > 0 -> O#o{line = N};
opt({line, _}, _) -> throw(badarg);
opt({env, Env}, O) when is_list(Env) -> O#o{env = [env_pair(P) || P <- Env]};
opt({env, _}, _) -> throw(badarg);
opt({args, Args}, O) when is_list(Args) -> O#o{args = [filename(A) || A <- Args]};
opt({args, _}, _) -> throw(badarg);
opt({arg0, A}, O) -> O#o{arg0 = filename(A)};
opt({cd, Dir}, O) -> O#o{cd = filename(Dir)};
opt({parallelism, B}, O) when is_boolean(B) -> O;
opt({busy_limits_port, _}, O) -> O;
opt({busy_limits_msgq, _}, O) -> O;
opt(stream, O) -> O;
opt(use_stdio, O) -> O#o{stdio = true};
opt(nouse_stdio, O) -> O#o{stdio = false};
opt(stderr_to_stdout, O) -> O#o{stderr = true};
opt(in, O) -> O#o{in = true};
opt(out, O) -> O#o{out = true};
opt(binary, O) -> O#o{binary = true};
opt(eof, O) -> O#o{eof = true};
opt(exit_status, O) -> O#o{exit_status = true};
opt(hide, O) -> O;
opt(overlapped_io, O) -> O;
opt(_, _) -> throw(badopt).

env_pair({Name, Val}) ->
    N = filename(Name),
    case Val of
        false -> {N, false};
        _ -> {N, filename(Val)}
    end;
env_pair(_) -> throw(badarg).

%% The child's environment: the program's, with the port's changes.
environment(Changes) ->
    Base = [case string:split(E, "=") of
                [K, V] -> {K, V};
                [K] -> {K, ""}
            end || E <- os:getenv()],
    Env = lists:foldl(fun({K, false}, Acc) -> lists:keydelete(K, 1, Acc);
                         ({K, V}, Acc) -> lists:keystore(K, 1, Acc, {K, V})
                      end, Base, Changes),
    [{bin(K), bin(V)} || {K, V} <- Env].

bin(S) -> unicode:characters_to_binary(S).

start(Kind, Cmd, O) ->
    {Exec, Args, Arg0} =
        case Kind of
            %% As the VM's erl_child_setup: sh -c "exec Cmd".
            spawn -> {"/bin/sh", ["-c", "exec " ++ Cmd], "sh"};
            spawn_executable ->
                {Cmd, case O#o.args of undefined -> []; A -> A end,
                 case O#o.arg0 of undefined -> Cmd; A0 -> A0 end}
        end,
    Owner = self(),
    Driver = spawn(fun() -> receive {'$start', St} -> start_driver(St) end end),
    Req = {Driver, bin(Exec), [bin(A) || A <- Args], bin(Arg0), environment(O#o.env),
           case O#o.cd of undefined -> undefined; D -> bin(D) end,
           O#o.stderr, O#o.in, O#o.out},
    case beamwasm_rt:host_call({spawn_open, Req}) of
        {ok, {ok, {Id, OsPid}}} ->
            Port = beamwasm_rt:port_new(Driver),
            Driver ! {'$start', #{port => Port, owner => Owner, links => [Owner], id => Id,
                                  os_pid => OsPid, name => Cmd, o => O, buf => <<>>,
                                  eof => false, done => false, status => undefined, input => 0,
                                  output => 0, data => undefined, mons => #{}}},
            Port;
        {ok, {error, Reason}} -> exit(Driver, kill), throw(Reason);
        {error, unwired} -> exit(Driver, kill), erlang:error({unwired_host_effect, spawn_open});
        {error, Reason} -> exit(Driver, kill), throw(Reason)
    end.

%% ---- the driver ------------------------------------------------------------------------

start_driver(St = #{links := Links}) ->
    driver(lists:foldl(fun watch/2, St, Links)).

%% A linked process is watched with a monitor: its exit closes the port as a link would.
watch(Pid, St = #{mons := Mons}) ->
    case Mons of
        #{Pid := _} -> St;
        _ -> St#{mons := Mons#{Pid => erlang:monitor(process, Pid)}}
    end.

unwatch(Pid, St = #{mons := Mons, links := Links}) ->
    case Mons of
        #{Pid := M} -> erlang:demonitor(M, [flush]);
        _ -> ok
    end,
    St#{mons := maps:remove(Pid, Mons), links := lists:delete(Pid, Links)}.

driver(St) ->
    receive
        {'$port_call', From, Ref, Req} -> driver(request(Req, From, Ref, St));
        {'$spawn', Id, Event} when Id =:= map_get(id, St) -> driver(event(Event, St));
        {'$port', _Sender, Msg} -> driver(message(Msg, St));
        {'$link', Pid} ->
            driver(watch(Pid, St#{links := [Pid | lists:delete(Pid, map_get(links, St))]}));
        {'$unlink', Pid} -> driver(unwatch(Pid, St));
        {'$exit', _From, normal} -> driver(St);
        {'$exit', _From, Reason} -> terminate(Reason, St);
        {'DOWN', _, process, Pid, Reason} -> driver(down(Pid, Reason, St));
        _ -> driver(St)
    end.

reply(From, Ref, Reply) -> From ! {Ref, Reply}.

host(Op, Args) ->
    case beamwasm_rt:host_call({Op, Args}) of
        {ok, Reply} -> Reply;
        {error, Reason} -> {error, Reason}
    end.

request(info, From, Ref, St = #{port := Port, owner := Owner, links := Links}) ->
    reply(From, Ref, [{name, map_get(name, St)}, {links, Links}, {id, port_num(Port)},
                      {connected, Owner}, {input, map_get(input, St)},
                      {output, map_get(output, St)}, {os_pid, map_get(os_pid, St)}]),
    St;
request({connect, Pid}, From, Ref, St) ->
    reply(From, Ref, true),
    watch(Pid, St#{owner := Pid, links := [Pid | lists:delete(Pid, map_get(links, St))]});
request(port_close, From, Ref, St) ->
    reply(From, Ref, true),
    terminate(normal, St);
request(get_data, From, Ref, St = #{data := D}) ->
    reply(From, Ref, D), St;
request({set_data, D}, From, Ref, St) ->
    reply(From, Ref, true), St#{data := D};
request({command, Data}, From, Ref, St) ->
    case command(Data, St) of
        {ok, St1} -> reply(From, Ref, true), St1;
        error -> reply(From, Ref, badarg), St
    end;
request(_, From, Ref, St) ->
    reply(From, Ref, badarg), St.

port_num(Port) ->
    "#Port<0." ++ Rest = erlang:port_to_list(Port),
    list_to_integer(lists:droplast(Rest)).

%% Writes iodata to the child's standard input, framed by {packet, N}.
command(Data, St = #{id := Id, o := O, output := Out}) ->
    try iolist_to_binary(Data) of
        Bin ->
            Framed = case O#o.packet of
                         0 -> Bin;
                         N -> <<(byte_size(Bin)):(N * 8), Bin/binary>>
                     end,
            case O#o.out of
                true -> _ = host(spawn_write, {Id, Framed});
                false -> ok
            end,
            {ok, St#{output := Out + byte_size(Bin)}}
    catch
        error:_ -> error
    end.

%% A message sent to the port.
message({Pid, {command, Data}}, St) when is_pid(Pid) ->
    case command(Data, St) of
        {ok, St1} -> St1;
        error -> badsig(St)
    end;
message({Pid, close}, St = #{port := Port}) when is_pid(Pid) ->
    St1 = signal_links(normal, St),
    Pid ! {Port, closed},
    terminate(normal, St1#{links := []});
message({Pid, {connect, New}}, St = #{port := Port, owner := Old}) when is_pid(Pid), is_pid(New) ->
    Old ! {Port, connected},
    watch(New, St#{owner := New, links := [New | lists:delete(New, map_get(links, St))]});
message(_, St) ->
    badsig(St).

%% A bad message: the connected process gets the exit signal badsig (not through the link).
badsig(St = #{port := Port, owner := Owner}) ->
    beamwasm_rt:port_exit_signal(Port, Owner, badsig, false),
    St.

%% A process linked to the port has exited: the connected process's exit closes the port,
%% another's does when its reason is not normal.
down(Pid, Reason, St = #{owner := Owner}) ->
    St1 = St#{links := lists:delete(Pid, map_get(links, St)), mons := maps:remove(Pid, map_get(mons, St))},
    if
        Pid =:= Owner -> terminate(if Reason =:= normal -> normal; true -> Reason end, St1);
        Reason =:= normal -> St1;
        true -> terminate(Reason, St1)
    end.

%% The port closes with `Reason`: the host's child is let go (its pipes closed), the
%% linked processes get the exit signal, and monitors the 'DOWN' (this process's exit).
terminate(Reason, St = #{id := Id, port := Port}) ->
    _ = host(spawn_close, Id),
    beamwasm_rt:port_drop(Port),
    _ = signal_links(Reason, St),
    exit(Reason).

signal_links(Reason, St = #{port := Port, links := Links}) ->
    [beamwasm_rt:port_exit_signal(Port, P, Reason, true) || P <- Links],
    St#{links := []}.

%% ---- the child's output ----------------------------------------------------------------

event({data, Bin}, St = #{o := O, input := In}) ->
    St1 = St#{input := In + byte_size(Bin)},
    case O of
        #o{line = 0, packet = 0} -> send_data(Bin, St1), St1;
        _ -> frames(St1#{buf := <<(map_get(buf, St1))/binary, Bin/binary>>})
    end;
event(eof, St) ->
    ended(St#{eof := true});
event({exit_status, N}, St) ->
    ended(St#{status := N});
event(_, St) -> St.

%% The end of the child's output, and of the child when exit_status is asked for: the
%% status comes first, then {Port, eof} (the port stays open) or the port closes.
ended(St = #{done := true}) -> St;
ended(St = #{o := O, eof := Eof, status := Status, port := Port, owner := Owner}) ->
    ReadDone = Eof orelse not O#o.in,
    StatusDone = Status =/= undefined orelse not O#o.exit_status,
    case ReadDone andalso StatusDone of
        false -> St;
        true ->
            case O#o.exit_status of
                true -> Owner ! {Port, {exit_status, Status}};
                false -> ok
            end,
            %% What is left of a line goes when the port closes, after the status, as
            %% the VM's driver delivers it.
            case O#o.line > 0 andalso map_get(buf, St) =/= <<>> of
                true -> send_data({noeol, map_get(buf, St)}, St);
                false -> ok
            end,
            case O#o.eof andalso O#o.in of
                true -> Owner ! {Port, eof}, St#{done := true, buf := <<>>};
                false -> terminate(normal, St)
            end
    end.

send_data(D, #{port := Port, owner := Owner, o := O}) ->
    Owner ! {Port, {data, as_data(D, O)}}.

as_data({Tag, Bin}, O) -> {Tag, as_data(Bin, O)};
as_data(Bin, #o{binary = true}) -> Bin;
as_data(Bin, #o{binary = false}) -> binary_to_list(Bin).

frames(St = #{o := #o{packet = N}, buf := Buf}) when N > 0 ->
    case Buf of
        <<Len:(N * 8), P:Len/binary, Rest/binary>> ->
            send_data(P, St), frames(St#{buf := Rest});
        _ -> St
    end;
frames(St = #{o := #o{line = L}, buf := Buf}) ->
    case binary:match(Buf, <<"\n">>) of
        {At, 1} when At =< L ->
            <<Line:At/binary, _, Rest/binary>> = Buf,
            send_data({eol, Line}, St), frames(St#{buf := Rest});
        _ when byte_size(Buf) >= L ->
            <<Part:L/binary, Rest/binary>> = Buf,
            send_data({noeol, Part}, St), frames(St#{buf := Rest});
        _ -> St
    end.
