%% Beamwasm.HTTP: HTTP requests handled by Elixir (or Erlang) code, on every host
%% (docs/HTTP.md). A handler is a module with call/2 and, optionally, init/1, as a Plug:
%%
%%     defmodule MyApp.Router do
%%       import Beamwasm.Conn
%%       def init(opts), do: opts
%%       def call(%{method: "GET", path_info: ["hello", name]} = conn, _opts),
%%         do: send_resp(conn, 200, "hello #{name}")
%%       def call(conn, _opts), do: send_resp(conn, 404, "not found")
%%     end
%%
%% and the program's entry serves it: `Beamwasm.HTTP.serve(MyApp.Router)` (never returns),
%% or `{Beamwasm.HTTP, plug: MyApp.Router}` as a child of a supervisor.
%%
%% The host calls the process registered as `beamwasm_http` with {http_request, Request}
%% (bw_call); it runs the handler in a new process per request, as Cowboy does, and the
%% answer is the call's reply: {response, Status, Headers, Body}, or, for a response sent
%% with send_chunked/2 (whose head and chunks went to the host through the host channel as
%% they were sent), `streamed` when the handler is done.
-module('Elixir.Beamwasm.HTTP').
-export([serve/1, serve/2, start_link/1, start_link/2, child_spec/1, init/3, request/4]).

-define(NAME, beamwasm_http).

%% Serves `Plug` and waits forever: the whole entry of a program that only serves.
serve(Plug) -> serve(Plug, []).
serve(Plug, Opts) ->
    {ok, _} = start_link(Plug, Opts),
    receive after infinity -> ok end.

%% As a supervisor's child: {Beamwasm.HTTP, plug: MyApp.Router, options: [...]}.
child_spec(Opts) ->
    #{id => ?MODULE, start => {?MODULE, start_link, [Opts]}, type => worker}.

start_link(Opts) when is_list(Opts) ->
    case proplists:get_value(plug, Opts) of
        undefined -> erlang:error({badarg, {missing_option, plug}});
        {Plug, PlugOpts} -> start_link(Plug, PlugOpts);
        Plug -> start_link(Plug, proplists:get_value(options, Opts, []))
    end.

%% Starts the dispatcher, registered as beamwasm_http, linked to the caller.
start_link(Plug, Opts) when is_atom(Plug) ->
    Parent = self(),
    Pid = spawn_link(?MODULE, init, [Parent, Plug, Opts]),
    receive
        {Pid, started} -> {ok, Pid};
        {Pid, {error, Reason}} -> {error, Reason}
    end.

init(Parent, Plug, Opts) ->
    case catch register(?NAME, self()) of
        true ->
            PlugOpts = case erlang:function_exported(Plug, init, 1) of
                           true -> Plug:init(Opts);
                           false -> Opts
                       end,
            Parent ! {self(), started},
            process_flag(trap_exit, true),
            loop(Plug, PlugOpts, #{});
        _ ->
            Parent ! {self(), {error, {already_started, whereis(?NAME)}}}
    end.

%% Requests: From by the monitor of the process that handles it.
loop(Plug, Opts, Requests) ->
    receive
        {'$gen_call', From, {http_request, Req}} ->
            {_, Mon} = spawn_monitor(?MODULE, request, [Plug, Opts, From, Req]),
            loop(Plug, Opts, Requests#{Mon => From});
        {'DOWN', Mon, process, _, Reason} ->
            case maps:take(Mon, Requests) of
                {From, Rest} ->
                    %% A handler killed from outside (a link) before it answered: the
                    %% host gets a 500. An answer it did send stands (the runtime answers
                    %% each call once).
                    Reason =:= normal orelse
                        gen:reply(From, {response, 500, [{<<"content-type">>, <<"text/plain">>}],
                                         <<"Internal Server Error\n">>}),
                    loop(Plug, Opts, Rest);
                error ->
                    loop(Plug, Opts, Requests)
            end;
        {'EXIT', _, Reason} when Reason =/= normal ->
            exit(Reason);
        _ ->
            loop(Plug, Opts, Requests)
    end.

%% One request, in its own process.
request(Plug, Opts, From, Req) ->
    Conn0 = 'Elixir.Beamwasm.Conn':'__from_request__'(Req, From),
    try Plug:call(Conn0, Opts) of
        #{'__struct__' := 'Elixir.Beamwasm.Conn'} = Conn ->
            finish(Conn);
        Other ->
            failed(Conn0, io_lib:format("~p.call/2 returned ~tp, not a conn~n", [Plug, Other]))
    catch
        Class:Reason:Stack ->
            Text = try 'Elixir.Exception':format(Class, Reason, Stack)
                   catch _:_ -> io_lib:format("** (~p) ~tp~n", [Class, Reason]) end,
            failed(Conn0, Text)
    end.

finish(#{state := sent}) -> ok;
finish(#{state := chunked} = Conn) -> 'Elixir.Beamwasm.Conn':'__end_stream__'(Conn);
finish(#{state := set} = Conn) -> 'Elixir.Beamwasm.Conn':send_resp(Conn);
finish(Conn) ->
    failed(Conn, <<"** (Beamwasm.Conn.NotSentError) a response was neither set nor sent from the connection\n">>).

%% What a handler that raised (or sent nothing) answers: 500, unless it had already sent
%% its response; the report goes to standard error.
failed(Conn, Text) ->
    beamwasm_rt:write(2, unicode:characters_to_binary(["beamwasm: an HTTP handler failed:\n", Text])),
    'Elixir.Beamwasm.Conn':'__fail__'(Conn).
