%% io_lib:format returns deep chardata; io_lib:write/print; lists:flatten of the results.
-module(io_lib_format_erl).
-export([main/0]).

main() ->
    R = io_lib:format("~p|~s|~w", [[1, 2], "abc", {x}]),
    io:format("~p~n", [R]),
    io:format("~p~n", [lists:flatten(R)]),
    io:format("~p~n", [lists:flatten(io_lib:write({a, [1, "s"], <<"b">>}))]),
    io:format("~p~n", [lists:flatten(io_lib:print(#{k => v}))]),
    io:format("~p~n", [lists:flatten(io_lib:write_atom('needs quoting'))]),
    io:format("~p~n", [lists:flatten(io_lib:write_string("with \"quotes\""))]),
    io:format("~p~n", [io_lib:printable_list("hello")]),
    io:format("~p~n", [io_lib:printable_list([1, 2])]),
    io:format("~p~n", [io_lib:printable_unicode_list([16#65E5])]),
    io:format("~p~n", [lists:flatten(io_lib:format("~8.3.0f", [3.14159]))]),
    io:format("~ts~n", [io_lib:format("~ts", [<<"日本"/utf8>>])]),
    io:format("~p~n", [io_lib:fread("~d ~s", "42 word")]).
