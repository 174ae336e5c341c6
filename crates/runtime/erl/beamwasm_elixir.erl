%% What the `elixir` command does around a program, beyond starting its applications:
%% the System.at_exit/1 functions run when the program's code is done, as
%% Kernel.CLI.run/1 runs them. The linker keeps at_exit/1 when the program can register
%% such a function (app_link.rs); the boot calls it before halting.
-module(beamwasm_elixir).
-export([at_exit/1]).

%% Runs the registered functions with the exit status, last registered first, until none
%% is left (a function may register more); returns the status they leave.
at_exit(Status) ->
    case whereis(elixir_config) of
        undefined ->
            Status;
        _ ->
            {_, Final} = at_exit_loop({ok, Status}),
            Final
    end.

at_exit_loop(Res) ->
    Hooks = elixir_config:get_and_put(at_exit, []),
    Res1 = lists:foldl(fun exec_fun/2, Res, Hooks),
    case Hooks of
        [] -> Res1;
        _ -> at_exit_loop(Res1)
    end.

%% Kernel.CLI's exec_fun/2: the function runs in a process of its own; an exit with
%% `{shutdown, N}` sets the status to N, a clean exit to 0, an error prints its report
%% and sets it to 1.
exec_fun(Fun, Res) when is_function(Fun, 1), is_tuple(Res) ->
    Parent = self(),
    {Pid, Ref} =
        spawn_monitor(
          fun() ->
                  try Fun(element(2, Res)) of
                      _ -> Parent ! {self(), Res}
                  catch
                      exit:{shutdown, Int} when is_integer(Int) ->
                          Parent ! {self(), {shutdown, Int}},
                          exit({shutdown, Int});
                      exit:Reason when Reason =:= normal; Reason =:= shutdown;
                                       tuple_size(Reason) =:= 2, element(1, Reason) =:= shutdown ->
                          Parent ! {self(), {shutdown, 0}},
                          exit(Reason);
                      Kind:Reason:Stack ->
                          print_error(Kind, Reason, Stack),
                          Parent ! {self(), {shutdown, 1}},
                          exit(to_exit(Kind, Reason, Stack))
                  end
          end),
    receive
        {Pid, Res1} ->
            erlang:demonitor(Ref, [flush]),
            Res1;
        {'DOWN', Ref, _, _, Other} ->
            print_error({'EXIT', Pid}, Other, []),
            {shutdown, 1}
    end.

to_exit(throw, Reason, Stack) -> {{nocatch, Reason}, Stack};
to_exit(error, Reason, Stack) -> {Reason, Stack};
to_exit(exit, Reason, _Stack) -> Reason.

%% The boot's report of a failing program (Kernel.CLI.format_error/3 would also blame the
%% failing clause, which brings Elixir's formatter and compiler into every program that
%% uses System.at_exit/1: 2,987 functions against 9,085).
print_error(Kind, Reason, Stack) ->
    beamwasm_boot:report(Kind, Reason, Stack).
