%% Inside a character class, \1 to \7 start an octal escape of up to three digits (there
%% are no back references in a class): [\177-\237] is the range 127..159, [\39] is \3
%% and 9. luerl's string.format("%q") splits on such a class.
-module(re_class_octal_escapes).
-export([main/0]).

main() ->
    io:format("~p~n", [re:split(<<"a\"b\n9">>, "([\\0-\\39\\\n\\\"\\\\\\177-\\237])", [{return, binary}, trim])]),
    io:format("~p~n", [re:run(<<"x9">>, "[\\39]")]),
    io:format("~p~n", [re:run(<<"x", 127>>, "[\\177-\\237]")]),
    io:format("~p~n", [re:run(<<"x", 160>>, "[\\177-\\237]")]),
    io:format("~p~n", [re:run(<<2>>, "[\\0-\\3]")]),
    io:format("~p~n", [re:run(<<"A">>, "[\\101]")]),
    io:format("~p~n", [re:run(<<"8">>, "[\\8]")]).
