%% A small common_test-compatible runner for OTP's own test suites (crates/difftest/src/
%% otp_suite.rs), written to run the same way on the VM and through beamwasm.
%%
%% It runs a suite as common_test does in the parts the suites use: all/0 with test cases
%% and {group, G}; groups/0 (properties ignored: everything runs in sequence);
%% init_per_suite/end_per_suite, init_per_group/end_per_group, init_per_testcase/
%% end_per_testcase when exported; {skip, R} and {fail, R} from them or a test case; a
%% Config with data_dir and priv_dir. Each test case runs in a process of its own, linked
%% to nothing, under a time trap: the suite's own (suite/0's {timetrap, T}) times
%% TIMETRAP_SCALE. The result of each is one line on standard output:
%%     @ct Case ok | @ct Case {skipped,Reason} | @ct Case {failed,Reason}
%% The module the suite is in comes from the entry module the harness generates, which
%% names it, so that the linker sees it (beamwasm_ct_entry.erl).
-module(beamwasm_ct).
-export([run/4]).

-define(TIMETRAP_SCALE, 10).

run(Suite, DataDir, PrivDir, Only) ->
    Trap = timetrap(Suite),
    Config0 = [{data_dir, DataDir}, {priv_dir, PrivDir}],
    case call_opt(Suite, init_per_suite, [Config0], Config0) of
        {skip, R} ->
            [report(TC, {skipped, R}) || TC <- cases(Suite, Suite:all())];
        {fail, R} ->
            [report(TC, {failed, {init_per_suite, R}}) || TC <- cases(Suite, Suite:all())];
        {'EXIT', R} ->
            [report(TC, {failed, {init_per_suite, R}}) || TC <- cases(Suite, Suite:all())];
        Config ->
            run_items(Suite, Suite:all(), Config, Trap, Only),
            call_opt(Suite, end_per_suite, [Config], ok)
    end,
    io:format("~n@ct done~n"),
    ok.

%% The test cases of a list of all/0 items, groups expanded.
cases(Suite, Items) ->
    lists:append([case I of
                      {group, G} -> cases(Suite, group_items(Suite, G));
                      {group, G, _} -> cases(Suite, group_items(Suite, G));
                      {group, G, _, _} -> cases(Suite, group_items(Suite, G));
                      {testcase, TC, _} -> [TC];
                      TC when is_atom(TC) -> [TC]
                  end || I <- Items]).

group_items(Suite, G) ->
    Groups = case erlang:function_exported(Suite, groups, 0) of
                 true -> Suite:groups();
                 false -> []
             end,
    case lists:keyfind(G, 1, Groups) of
        {G, _Props, Items} -> Items;
        {G, Items} -> Items;
        false -> []
    end.

run_items(Suite, Items, Config, Trap, Only) ->
    lists:foreach(
      fun(Item) ->
              case Item of
                  {group, G} -> run_group(Suite, G, Config, Trap, Only);
                  {group, G, _} -> run_group(Suite, G, Config, Trap, Only);
                  {group, G, _, _} -> run_group(Suite, G, Config, Trap, Only);
                  {testcase, TC, _} -> run_case(Suite, TC, Config, Trap, Only);
                  TC when is_atom(TC) -> run_case(Suite, TC, Config, Trap, Only)
              end
      end, Items).

run_group(Suite, G, Config, Trap, Only) ->
    Items = group_items(Suite, G),
    case call_opt(Suite, init_per_group, [G, Config], Config) of
        {skip, R} -> [report(TC, {skipped, R}) || TC <- cases(Suite, Items)];
        {fail, R} -> [report(TC, {failed, {init_per_group, R}}) || TC <- cases(Suite, Items)];
        {'EXIT', R} -> [report(TC, {failed, {init_per_group, R}}) || TC <- cases(Suite, Items)];
        C1 ->
            run_items(Suite, Items, [{tc_group_properties, []} | C1], Trap, Only),
            call_opt(Suite, end_per_group, [G, C1], ok)
    end.

run_case(Suite, TC, Config, Trap, Only) ->
    case Only =:= [] orelse lists:member(atom_to_list(TC), Only) of
        false -> ok;
        true -> report(TC, in_process(fun() -> one_case(Suite, TC, Config) end, Trap))
    end.

one_case(Suite, TC, Config) ->
    case call_opt(Suite, init_per_testcase, [TC, Config], Config) of
        {skip, R} -> {skipped, R};
        {fail, R} -> {failed, {init_per_testcase, R}};
        {'EXIT', R} -> {failed, {init_per_testcase, R}};
        C1 ->
            Result = try Suite:TC(C1) of
                         {skip, R} -> {skipped, R};
                         {fail, R} -> {failed, R};
                         _ -> ok
                     catch
                         throw:{beamwasm_ct_fail, R} -> {failed, R};
                         exit:{beamwasm_ct_skip, R} -> {skipped, R};
                         Class:Reason:Stack -> {failed, {Class, Reason, lists:sublist(Stack, 3)}}
                     end,
            call_opt(Suite, end_per_testcase, [TC, C1], ok),
            Result
    end.

%% Runs F in a fresh process under the time trap; its result, or {failed, ...} when it
%% dies or the trap fires.
in_process(F, Trap) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit({beamwasm_ct_result, F()}) end),
    receive
        {'DOWN', Ref, process, Pid, {beamwasm_ct_result, R}} -> R;
        {'DOWN', Ref, process, Pid, Reason} -> {failed, {died, Reason}}
    after Trap ->
            exit(Pid, kill),
            receive {'DOWN', Ref, process, Pid, _} -> ok end,
            {failed, timetrap_timeout}
    end.

call_opt(Suite, F, Args, Default) ->
    case erlang:function_exported(Suite, F, length(Args)) of
        true -> try apply(Suite, F, Args) catch C:R -> {'EXIT', {C, R}} end;
        false -> Default
    end.

timetrap(Suite) ->
    Props = case erlang:function_exported(Suite, suite, 0) of
                true -> Suite:suite();
                false -> []
            end,
    Ms = case lists:keyfind(timetrap, 1, Props) of
             {timetrap, T} -> ms(T);
             false -> 30 * 60 * 1000
         end,
    Ms * ?TIMETRAP_SCALE.

ms({hours, H}) -> H * 3600000;
ms({minutes, M}) -> M * 60000;
ms({seconds, S}) -> S * 1000;
ms(N) when is_integer(N) -> N;
ms(_) -> 30 * 60 * 1000.

%% One result line. A failure's reason is not compared (it may hold pids and references):
%% the harness compares the word ok/skipped/failed and prints the reason.
report(TC, Result) ->
    Line = case Result of
               ok -> "ok";
               {Tag, Reason} -> io_lib:format("~w ~0P", [Tag, Reason, 30])
           end,
    io:format("~n@ct ~w ~s~n", [TC, Line]).
