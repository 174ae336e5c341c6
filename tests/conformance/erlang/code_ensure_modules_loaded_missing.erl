%% code:ensure_modules_loaded/1 on modules the program has and on one that exists nowhere:
%% ok for the first, {error, [{M, nofile}]} for the second, as the VM answers, and its
%% argument errors. io_lib:format/2's error path takes the same call.
-module(code_ensure_modules_loaded_missing).
-export([main/0]).

main() ->
    io:format("~p~n", [code:ensure_modules_loaded([lists, io_lib])]),
    io:format("~p~n", [code:ensure_modules_loaded([lists, no_such_module_for_this_test])]),
    %% The VM looks modules up in parallel processes, so its error list comes in the order
    %% they finish (either order, run to run): compared sorted.
    io:format("~p~n", [sorted(code:ensure_modules_loaded([no_such_b_module, no_such_a_module]))]),
    io:format("~p~n", [code:ensure_modules_loaded([])]),
    io:format("~p~n", [error_of(fun() -> code:ensure_modules_loaded(not_a_list) end)]),
    io:format("~p~n", [error_of(fun() -> code:ensure_modules_loaded([1]) end)]),
    io:format("~p~n", [error_of(fun() -> io_lib:format("~q", [x]) end)]),
    io:format("~p~n", [code:is_loaded(no_such_module_for_this_test)]).

sorted({error, Errors}) -> {error, lists:sort(Errors)};
sorted(Other) -> Other.

error_of(F) ->
    try F() of
        V -> {value, V}
    catch
        C:R -> {C, R}
    end.
