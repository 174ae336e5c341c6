%% The VM side of the ETS tests (crates/runtime/tests/ets_*.rs): runs scripts of ETS
%% operations exactly as testing_ets.wat's test:ets_run does and writes, per script, the
%% hex of the external format of the list of term_to_binary'd normalised results. See
%% testing_ets.wat for the script language and the normalisation.
-module(ets_driver).
-export([main/1, run_script/1]).

main([In, Out]) ->
    {ok, Data} = file:read_file(In),
    Lines = [L || L <- binary:split(Data, <<"\n">>, [global]), L =/= <<>>],
    Res = [run_script(binary_to_term(binary:decode_hex(L))) || L <- Lines],
    ok = file:write_file(Out, [[binary:encode_hex(term_to_binary(R)), $\n] || R <- Res]),
    halt().

%% Each script runs in a fresh process, so its tables die with it.
run_script(Ops) ->
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Parent ! {self(), done, script(Ops)} end),
    receive
        {Pid, done, R} ->
            receive {'DOWN', Ref, _, _, _} -> ok end,
            R;
        {'DOWN', Ref, _, _, Why} ->
            [term_to_binary({driver_crash, Why})]
    end.

-record(st, {tabs = [], tids = [], procs = [], res = []}).

script(Ops) ->
    St0 = #st{procs = [self()]},
    {Out, St} = lists:foldl(fun(Op, {Acc, S}) ->
                                     %% a full reduction budget, so that insert/2 of a list
                                     %% does not depend on what came before (see ets.wat)
                                     erlang:yield(),
                                     {Raw, Norm, S1} = op(Op, S),
                                     S2 = S1#st{res = S1#st.res ++ [Raw]},
                                     {[term_to_binary(Norm) | Acc], S2}
                             end, {[], St0}, Ops),
    [exit(P, kill) || P <- tl(St#st.procs)],
    lists:reverse(Out).

%% One operation: its raw result ('$error' on error), the normalised {ok, R} | {error, E}.
op({'$spawn'}, S) ->
    P = spawn(fun helper/0),
    S1 = S#st{procs = S#st.procs ++ [P]},
    {P, {ok, norm(P, S1)}, S1};
op({'$all'}, S) ->
    All = [X || X <- [norm_tab(T, S) || T <- ets:all()], is_tuple(X)],
    {All, {ok, lists:sort(All)}, S};
op({'$keys', T}, S) ->
    ok_or_error(fun() -> keys(subst(T, S)) end, S, none);
op({'$kill', P}, S) ->
    Pid = lists:nth(P + 1, S#st.procs),
    Ref = monitor(process, Pid),
    exit(Pid, kill),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    {true, {ok, true}, S};
op({'$flush', 0}, S) ->
    Ms = flush(),
    {Ms, {ok, norm(Ms, S)}, S};
op({'$flush', P}, S) ->
    Pid = lists:nth(P + 1, S#st.procs),
    Pid ! {flush, self()},
    Ms = receive {flushed, Pid, M} -> M end,
    {Ms, {ok, norm(Ms, S)}, S};
op({'$as', P, F, Args}, S) ->
    Pid = lists:nth(P + 1, S#st.procs),
    A = subst(Args, S),
    Pid ! {call, self(), F, A},
    R = receive {result, Pid, X} -> X end,
    result(F, A, R, S);
op({F, Args}, S) ->
    A = subst(Args, S),
    R = try {ok, apply(ets, F, A)} catch error:E -> {error, E} end,
    result(F, A, R, S).

result(F, A, {ok, V}, S) ->
    S1 = case F of
             new ->
                 Tid = case is_atom(V) of true -> ets:whereis(V); false -> V end,
                 S#st{tabs = S#st.tabs ++ [V], tids = S#st.tids ++ [Tid]};
             _ -> S
         end,
    N = norm(V, S1),
    {V, {ok, case F of info -> norm_info(A, N); _ -> N end}, S1};
result(_F, _A, {error, E}, S) ->
    {'$error', {error, norm(E, S)}, S}.

ok_or_error(Fun, S, _) ->
    try Fun() of V -> {V, {ok, norm(V, S)}, S}
    catch error:E -> {'$error', {error, norm(E, S)}, S}
    end.

norm_tab(T, S) when is_atom(T) -> index(T, S#st.tabs, '$tab', T);
norm_tab(T, S) -> norm(T, S).

keys(T) -> keys(T, ets:first(T), []).
keys(_T, '$end_of_table', Acc) -> lists:reverse(Acc);
keys(T, K, Acc) -> keys(T, ets:next(T, K), [K | Acc]).

helper() ->
    receive
        {call, From, F, A} ->
            erlang:yield(),
            R = try {ok, apply(ets, F, A)} catch error:E -> {error, E} end,
            From ! {result, self(), R},
            helper();
        {flush, From} ->
            From ! {flushed, self(), flush()},
            helper()
    end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

subst({'$tab', I}, S) when is_integer(I), I < length(S#st.tabs) -> lists:nth(I + 1, S#st.tabs);
subst({'$tid', I}, S) when is_integer(I), I < length(S#st.tids) -> lists:nth(I + 1, S#st.tids);
subst({'$pid', K}, S) when is_integer(K), K < length(S#st.procs) -> lists:nth(K + 1, S#st.procs);
subst({'$res', J}, S) when is_integer(J), J < length(S#st.res) -> lists:nth(J + 1, S#st.res);
subst({'$cont', J}, S) when is_integer(J), J < length(S#st.res) ->
    case lists:nth(J + 1, S#st.res) of
        {_, C} -> C;
        R -> R
    end;
subst({'$mkmap', Pairs}, S) -> maps:from_list(subst(Pairs, S));
subst([H | T], S) -> [subst(H, S) | subst(T, S)];
subst(T, S) when is_tuple(T) -> list_to_tuple(subst(tuple_to_list(T), S));
subst(X, _) -> X.

norm(R, S) when is_reference(R) -> index(R, S#st.tids, '$tab', '$ref');
norm(P, S) when is_pid(P) -> index(P, S#st.procs, '$pid', '$pid');
norm(M, S) when is_map(M) ->
    Pairs = lists:sort(fun({A, _}, {B, _}) -> erts_internal:cmp_term(A, B) =< 0 end, maps:to_list(M)),
    {'$map', [{norm(K, S), norm(V, S)} || {K, V} <- Pairs]};
norm(F, _) when is_function(F) -> '$fun';
norm([H | T], S) -> [norm(H, S) | norm(T, S)];
norm(T, S) when is_tuple(T) -> list_to_tuple(norm(tuple_to_list(T), S));
norm(X, _) -> X.

index(X, L, Tag, Other) -> index(X, L, Tag, Other, 0).
index(_, [], _, Other, _) -> Other;
index(X, [X | _], Tag, _, I) -> {Tag, I};
index(X, [_ | T], Tag, Other, I) -> index(X, T, Tag, Other, I + 1).

norm_info([_T, memory], V) when is_integer(V) -> '$mem';
norm_info([_T, W], {_Time, L}) when W =:= safe_fixed; W =:= safe_fixed_monotonic_time -> {'$time', L};
norm_info([_T, _], V) -> V;
norm_info([_T], L) when is_list(L) -> [case E of {memory, _} -> {memory, '$mem'}; _ -> E end || E <- L];
norm_info(_, V) -> V.
