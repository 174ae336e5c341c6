%% luerl: the string library (format, rep, sub, upper, find, match, gsub, byte,
%% char), the `s:method()` syntax through the string metatable, and tostring/tonumber.
-module(lib_luerl_strings).
-export([main/0]).

run(St, Code) ->
    {ok, R} = luerl:eval(Code, St),
    io:format("~p~n", [R]).

main() ->
    St = luerl:init(),
    run(St, <<"return string.format('%5.2f|%d|%s|%x|%q', 3.14159, 42, 'x', 255, 'a\"b')">>),
    run(St, <<"return string.rep('ab', 3, '-'), ('hello'):upper(), string.sub('abcdef', 2, 4), ('xyz'):len()">>),
    run(St, <<"return string.find('hello world', 'o w'), string.find('hello', 'l+')">>),
    run(St, <<"return string.match('key=value', '(%w+)=(%w+)')">>),
    run(St, <<"return string.gsub('hello world', 'o', '0'), string.gsub('abc', '%w', '%0%0')">>),
    run(St, <<"return string.byte('A'), string.char(72, 105), string.reverse('abc'), string.lower('MiXeD')">>),
    run(St, <<"return tostring(12), tonumber('0x10'), tonumber('3.5'), tonumber('z', 36), 10 .. ''">>),
    run(St, <<"return ('%d items'):format(3), #'length'">>).
