%% luerl: Lua errors: error() with strings and tables, pcall and its results, assert,
%% runtime errors in arithmetic and calls, and syntax errors as luerl reports them.
-module(lib_luerl_errors).
-export([main/0]).

run(St, Code) ->
    case luerl:eval(Code, St) of
        {ok, R} -> io:format("ok ~p~n", [R]);
        {error, {lua_error, E, _}, _} -> io:format("lua error ~p~n", [E]);
        {error, E, _} -> io:format("error ~p~n", [E])
    end.

main() ->
    St = luerl:init(),
    run(St, <<"local ok, err = pcall(function() error('boom') end) return ok, err">>),
    run(St, <<"local ok, err = pcall(function() error({code = 42}) end) return ok, err.code">>),
    run(St, <<"local ok, err = pcall(error) return ok, err">>),
    run(St, <<"return pcall(function(a, b) return a + b end, 1, 2)">>),
    run(St, <<"local ok, err = pcall(function() assert(1 == 2, 'assertion message') end) return ok, err">>),
    run(St, <<"return nil + 1">>),
    run(St, <<"local t = nil return t.field">>),
    run(St, <<"return undefined_function()">>),
    run(St, <<"error('at top level')">>),
    run(St, <<"x = = 1">>),
    run(St, <<"return 1 +">>).
