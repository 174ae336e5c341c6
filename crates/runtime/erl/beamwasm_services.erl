%% Stand-ins for the system processes that standard-library code talks to by name on the
%% VM: `init` (command-line arguments, status, stopping) and `code_server` (code loading);
%% the application controller's is beamwasm_applications.
%% A program is compiled whole, so every module it has is loaded and no other can be; the
%% answers follow from that. A request these servers do not know exits the caller with
%% {beamwasm_unsupported, {Server, Request}} rather than answering something wrong.
-module(beamwasm_services).
-export([start/1, code_server/1, start_file_server/0, get_modules/3, prepare_loading/2]).

%% Starts both servers; `Args` are the program's arguments (binaries).
%% The file server (file_server_2), as the kernel starts it (file_server:start_link/0
%% without a master node). The linker keeps this function, and so the server's code, only
%% when the program asks the file server anything (link.rs, SERVICE_ROOTS); the boot
%% starts it when it is there. Nothing supervises it, so it is not linked to its starter.
start_file_server() ->
    {ok, Pid} = gen_server:start_link({local, file_server_2}, file_server, [], []),
    true = unlink(Pid),
    ok.

start(Args) ->
    Boot = self(),
    register(init, spawn(fun() -> erlang:monitor(process, Boot), init_server(Args) end)),
    register(code_server, spawn(?MODULE, code_server, [[]])),
    ok.

%% init:request/1 sends {From, Request} and waits for {init, Reply}.
init_server(Args) ->
    receive
        {From, Request} when is_pid(From) ->
            case init_request(Request, Args) of
                {reply, Reply} -> From ! {init, Reply};
                unsupported -> exit(From, {beamwasm_unsupported, {init, Request}})
            end;
        {stop, How} ->
            stop(How);
        %% The boot process ends the program itself however its entry function ends, so
        %% it can only be gone if an exit signal killed it (a linked process died, say).
        %% `elixir -e` then reports the exit as coming from the process that ran the
        %% program (`** (EXIT from #PID<...>) Reason`) and stops with status 1; so does this.
        {'DOWN', _, process, Boot, Reason} ->
            beamwasm_boot:report({'EXIT', Boot}, Reason, []),
            erlang:halt(1);
        _ ->
            ok
    end,
    init_server(Args).

%% The program was started with no emulator flags, so the only flag argument is `home`,
%% which the VM's `erl` always passes (-home $HOME), from the host's environment when it
%% has HOME (System.user_home/0 reads it).
init_request(get_arguments, _) -> {reply, [{home, [H]} || H <- home()]};
init_request({get_argument, home}, _) ->
    {reply, case home() of [H] -> {ok, [[H]]}; [] -> error end};
init_request({get_argument, _}, _) -> {reply, error};
init_request(get_plain_arguments, Args) -> {reply, Args};
init_request(get_status, _) -> {reply, {started, started}};
init_request(_, _) -> unsupported.

home() ->
    case os:getenv("HOME") of
        false -> [];
        "" -> [];
        Home -> [Home]
    end.

stop(stop) -> erlang:halt(0);
stop({stop, Status}) -> erlang:halt(Status);
stop(_) -> erlang:halt(0).

%% code_server:call/1 sends {code_call, From, Request} and waits for {code_server, Reply}.
%% `Path` is the code path the program has set (code:add_patha/1, Code.prepend_path/1,
%% ...); it holds directories only: no module is ever loaded from it.
code_server(Path) ->
    receive
        {code_call, From, Request} ->
            case code_request(Request, Path) of
                {reply, Reply, NewPath} ->
                    From ! {code_server, Reply},
                    code_server(NewPath);
                {reply, Reply} ->
                    From ! {code_server, Reply},
                    code_server(Path);
                unsupported ->
                    exit(From, {beamwasm_unsupported, {code_server, Request}}),
                    code_server(Path)
            end;
        _ ->
            code_server(Path)
    end.

code_request({ensure_loaded, M}, _) -> {reply, loaded(M)};
code_request({load_file, M}, _) -> {reply, loaded(M)};
code_request({is_loaded, M}, _) ->
    {reply, case erlang:module_loaded(M) of true -> {file, preloaded}; false -> false end};
code_request({get_object_code, _}, _) -> {reply, error};
code_request(get_path, Path) -> {reply, Path};
code_request({add_path, Where, Dir}, Path) ->
    case is_dir(Dir) of
        true -> {reply, true, add_path(Where, Dir, Path)};
        false -> {reply, {error, bad_directory}}
    end;
code_request({add_paths, Where, Dirs}, Path) ->
    Ordered = case Where of first -> lists:reverse(Dirs); last -> Dirs end,
    {reply, ok, lists:foldl(fun(D, P) ->
                                    case is_dir(D) of
                                        true -> add_path(Where, D, P);
                                        false -> P
                                    end
                            end, Path, Ordered)};
code_request({del_path, Name}, Path) when is_list(Name) ->
    Dir = filename:join([Name]),
    {reply, lists:member(Dir, Path), lists:delete(Dir, Path)};
code_request({finish_loading, Prepared, _}, _) ->
    {reply, case [{M, nofile} || {M, _} <- Prepared] of [] -> ok; Errors -> {error, Errors} end};
code_request({dir, Dir}, _) -> {reply, dir(Dir)};
code_request(_, _) -> unsupported.

%% erl_prim_loader:get_modules/3, which code:ensure_modules_loaded/1, code:atomic_load/1 and
%% code:prepare_loading/1 call for the modules named that are not loaded (link.rs REDIRECTS): the VM's loader reads each
%% module from the code path and hands it to `Fun`. No module is read at run time, so each
%% one is not found, as the VM's loader answers for a module on no directory of its path;
%% `Fun` (code:prepare_loading_fun/0's, which would gunzip a compressed module) never runs.
%% code:ensure_modules_loaded([M]) then answers {error, [{M, nofile}]}, as on the VM. The
%% VM's loader gathers its failures last first.
get_modules(Modules, _Fun, _Path) ->
    {ok, {[], lists:reverse([{M, enoent} || M <- Modules])}}.

%% erlang:prepare_loading/2 (link.rs REDIRECTS): no code is loaded at run time, so it
%% fails as the erts_internal:prepare_loading/2 BIF it calls on the VM does here, with the
%% same frame, without first trying to gunzip the binary (which would bring zlib into
%% every program that can reach code:ensure_modules_loaded/1).
prepare_loading(Module, Code) ->
    try erlang:error(new_stacktrace, [Module, Code])
    catch error:new_stacktrace:Trace ->
            Stack = tl(Trace),
            erlang:raise(error, {beamwasm_unsupported, {erts_internal, prepare_loading, 2}},
                         [{erlang, prepare_loading, [Module, Code],
                           [{error_info, #{module => erl_erts_errors}}]} | Stack])
    end.

%% code_server's do_dir/3, over the directories of the installation the program was built
%% against (beamwasm_rt:lib_dirs/0): an application's directory is looked up by its name
%% (a directory's name up to a hyphen), the first on `elixir`'s code path.
dir(root_dir) -> root();
dir(lib_dir) -> filename:append(root(), "lib");
dir(compiler_dir) ->
    case lookup_name("compiler") of
        {ok, Dir} -> Dir;
        false -> ""
    end;
dir({lib_dir, Name}) ->
    case catch lookup_name(to_list(Name)) of
        {ok, Dir} -> Dir;
        _ -> {error, bad_name}
    end;
dir({lib_dir, Name, SubDir}) ->
    case catch lookup_name(to_list(Name)) of
        {ok, Dir} -> filename:join([Dir, atom_to_list(SubDir)]);
        _ -> {error, bad_name}
    end;
dir({priv_dir, Name}) -> dir({lib_dir, Name, priv});
dir(_) -> 'bad request to code'.

root() ->
    {Root, _} = beamwasm_rt:lib_dirs(),
    unicode:characters_to_list(Root).

lookup_name(Name) ->
    {_, Dirs} = beamwasm_rt:lib_dirs(),
    case lists:keyfind(unicode:characters_to_binary(Name), 1, Dirs) of
        {_, Dir} -> {ok, unicode:characters_to_list(Dir)};
        false -> false
    end.

to_list(X) when is_atom(X) -> atom_to_list(X);
to_list(X) when is_list(X) -> X.

%% code_server's add_path/4: the directory, normalised, moves to the front or the back.
add_path(Where, Dir0, Path) ->
    Dir = filename:join([Dir0]),
    Rest = lists:delete(Dir, Path),
    case Where of
        first -> [Dir | Rest];
        last -> Rest ++ [Dir]
    end.

is_dir(Dir) ->
    case file:read_file_info(Dir) of
        {ok, Info} -> element(3, Info) =:= directory;
        _ -> false
    end.

loaded(M) ->
    case erlang:module_loaded(M) of
        true -> {module, M};
        false -> {error, nofile}
    end.
