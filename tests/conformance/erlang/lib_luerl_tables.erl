%% luerl (Debian's erlang-luerl, Lua 5.3 in Erlang): tables as arrays and maps, sorting,
%% concatenation, table.insert/remove, ipairs and pairs, and tables decoded to Erlang.
%% luerl:init/0 installs its standard libraries from a list of {Name, Module} pairs.
-module(lib_luerl_tables).
-export([main/0]).

run(St, Code) ->
    case luerl:eval(Code, St) of
        {ok, R} -> io:format("~p~n", [R]);
        {error, {lua_error, E, _}, _} -> io:format("lua error ~p~n", [E]);
        {error, E, _} -> io:format("error ~p~n", [element(1, E)])
    end.

main() ->
    St = luerl:init(),
    run(St, <<"local t = {5, 3, 9, 1} table.sort(t) return table.concat(t, ','), #t">>),
    run(St, <<"local t = {} for i = 1, 5 do t[#t + 1] = i * i end table.insert(t, 1, 0) "
              "local r = table.remove(t) return table.concat(t, ' '), r">>),
    run(St, <<"local t = {'a', 'b', 'c'} local s = '' for i, v in ipairs(t) do s = s .. i .. v end return s">>),
    run(St, <<"local n, sum = 0, 0 for k, v in pairs({x = 1, y = 2, z = 3}) do n = n + 1 sum = sum + v end return n, sum">>),
    run(St, <<"local t = {3, 1, 2} table.sort(t, function(a, b) return a > b end) return t[1], t[2], t[3]">>),
    run(St, <<"return table.unpack({1, 2, 3})">>),
    run(St, <<"local t = {name = 'lua', list = {1, 2}} t.list[3] = 3 return #t.list, t.name, t.missing">>),
    {[T], St1} = luerl:do(<<"return {1, 2, 3, k = 'v'}">>, St),
    io:format("~p~n", [lists:sort(luerl:decode(T, St1))]),
    {ok, [Len]} = luerl:eval(<<"return #({1, 2, 3, nil, 5})">>, St),
    io:format("length ~p~n", [Len]).
