%% The evaluator of the regex fuzzer (crates/difftest/src/fuzz_regex.rs). The generator
%% appends `cases() -> [...]` to this text and names the module; the same .beam then runs
%% on the real VM and through beamwasm, and prints one line per case:
%%     Index Result
%% where Result is {ok, Value} or {Class, Reason}, written with ~w; every part that may
%% raise is wrapped on its own (tc/1). main/1 takes the index of the first case to run.
%% compile_all/1 is the preparation step: it prints, for each {Pattern, Options} given,
%% the VM's compile result, which the generator then puts into the cases.

main([Start]) ->
    S = binary_to_integer(Start),
    run(lists:nthtail(S, cases()), S).

run([], _) -> ok;
run([C | Cs], I) ->
    %% Each case in a process of its own: an offset past the subject's end makes re:run
    %% raise an error no catch sees (the VM's internal error), which ends the process.
    {Pid, Ref} = spawn_monitor(fun() -> exit({result, tc(fun() -> eval(C) end)}) end),
    R = receive
            {'DOWN', Ref, process, Pid, {result, Res}} -> Res;
            {'DOWN', Ref, process, Pid, {Reason, _Stack}} -> {died, Reason};
            {'DOWN', Ref, process, Pid, Reason} -> {died, Reason}
        end,
    io:put_chars([integer_to_list(I), $\s, io_lib:format("~w", [R]), $\n]),
    run(Cs, I + 1).

tc(F) ->
    try {ok, F()} catch Class:Reason -> {Class, Reason} end.

%% re:run/3 on a pattern given as text.
eval({run, S, P, Opts}) ->
    re:run(S, P, Opts);
%% re:compile/2 here, and re:run/3 with the pattern the VM compiled (VM: its compile
%% result, as tc/1 wraps it): the bytes must be the VM's, and the VM's must run here.
eval({compiled, S, P, COpts, ROpts, VM}) ->
    C = tc(fun() -> re:compile(P, COpts) end),
    Same = same(C, VM),
    {Same, case Same of true -> same; false -> C end,
     tc(fun() -> case VM of {ok, {ok, MP}} -> re:run(S, MP, ROpts); _ -> none end end),
     tc(fun() -> case VM of {ok, {ok, MP}} -> re:inspect(MP, namelist); _ -> none end end)};
eval({replace, S, P, R, Opts}) ->
    re:replace(S, P, R, Opts);
eval({split, S, P, Opts}) ->
    re:split(S, P, Opts);
%% Elixir's Regex over a source and options.
eval({ex, Src, Opts, S}) ->
    case 'Elixir.Regex':compile(Src, Opts) of
        %% (the compiled bytes are compared by the `compiled` cases)
        {ok, Rx} -> {maps:remove(re_pattern, Rx), regex(Rx, S)};
        Err -> Err
    end;
%% A regex literal as the VM compiled it (from Elixir's .beam files or sources): run it
%% as it is (its bytes), and compile its source here (the same bytes).
eval({lit, Rx, S}) ->
    #{source := Src, opts := Opts, re_pattern := P} = Rx,
    {tc(fun() -> {ok, #{re_pattern := P2}} = 'Elixir.Regex':compile(Src, Opts), same({ok, {ok, P2}}, {ok, {ok, P}}) end),
     regex(Rx, S)};

%% A call of the real-pattern corpus: the library's own call, on a generated subject. A
%% compiled pattern is shown by its written bytes (see same/2) and run on the subject.
eval({erl, {compile, P, Opts, _, _}, S}) ->
    case re:compile(P, Opts) of
        {ok, {re_pattern, N, U, L, B} = MP} ->
            {ok, {re_pattern, N, U, L, written(B)},
             tc(fun() -> re:run(S, MP) end),
             tc(fun() -> re:run(S, MP, [global, {capture, all, binary}]) end),
             tc(fun() -> re:inspect(MP, namelist) end)};
        Err -> Err
    end;
eval({erl, {run, P, Opts, _, _}, S}) ->
    re:run(S, P, Opts);
eval({erl, {replace, P, Opts, R, _}, S}) ->
    re:replace(S, P, R, Opts);
eval({erl, {split, P, Opts, _, _}, S}) ->
    re:split(S, P, Opts).

%% Two compile results agree when their compiled patterns' bytes do, apart from bytes PCRE
%% leaves unwritten, which on the VM are whatever its allocator held (two runs of the VM
%% differ there; beamwasm zeroes them): the padding of the name table's entries after
%% each name's NUL, and what follows the code, whose length PCRE reserves from a first
%% pass that may overestimate it. The code ends after the top-level bracket: follow its
%% chain of alternatives (OP_BRA, OP_ALT ... OP_KET, each with a 2-byte link) to OP_KET,
%% then OP_END.
same({ok, {ok, {re_pattern, N, U, L, A}}}, {ok, {ok, {re_pattern, N, U, L, B}}}) when byte_size(A) =:= byte_size(B) ->
    written(A) =:= written(B);
same(A, B) ->
    A =:= B.

written(<<Header:34/binary, Nto:16/little, Esize:16/little, Count:16/little, _/binary>> = P)
  when Nto + Esize * Count =< byte_size(P) ->
    <<_:Nto/binary, Table:(Esize * Count)/binary, _/binary>> = P,
    Entries = [<<G:16, (hd(binary:split(Name, <<0>>)))/binary>> || <<G:16, Name:(Esize - 2)/binary>> <= Table],
    Start = Nto + Esize * Count,
    End = walk(P, Start, 0),
    {Header, binary:part(P, 34, Nto - 34), Entries, binary:part(P, Start, End - Start)};
written(P) ->
    P.

walk(P, Start, Pos) ->
    case P of
        <<_:(Start + Pos)/binary, 120, _/binary>> -> Start + Pos + 4;
        <<_:(Start + Pos)/binary, _Op, Link:16, _/binary>> when Link > 0 -> walk(P, Start, Pos + Link);
        _ -> byte_size(P)
    end.

regex(Rx, S) ->
    {tc(fun() -> 'Elixir.Regex':run(Rx, S, [{return, index}]) end),
     tc(fun() -> 'Elixir.Regex':run(Rx, S) end),
     tc(fun() -> 'Elixir.Regex':scan(Rx, S) end),
     tc(fun() -> 'Elixir.Regex':split(Rx, S, [{trim, true}]) end),
     tc(fun() -> 'Elixir.Regex':replace(Rx, S, <<"<\\0|\\1>">>) end),
     tc(fun() -> 'Elixir.Regex':named_captures(Rx, S) end),
     tc(fun() -> 'Elixir.Regex':'match?'(Rx, S) end),
     tc(fun() -> 'Elixir.Regex':names(Rx) end)}.

%% The preparation step: the VM's compile results, one line each.
compile_all(Pairs) ->
    lists:foreach(fun({I, P, O}) ->
                          io:put_chars([integer_to_list(I), $\s,
                                        io_lib:format("~w", [tc(fun() -> re:compile(P, O) end)]), $\n])
                  end, Pairs).
