%% The re module: run with captures and options, replace, split, compile with unicode.
-module(re_module).
-export([main/0]).

main() ->
    io:format("~p~n", [re:run("abc123def456", "[0-9]+", [global, {capture, all, list}])]),
    io:format("~p~n", [re:run("key=value", "(\\w+)=(\\w+)", [{capture, all_but_first, binary}])]),
    io:format("~p~n", [re:run("nothing", "\\d")]),
    io:format("~p~n", [re:run("hello", "l+")]),
    io:format("~p~n", [re:replace("a.b.c", "\\.", "-", [global, {return, list}])]),
    io:format("~p~n", [re:replace("2024-03-15", "(\\d+)-(\\d+)-(\\d+)", "\\3/\\2/\\1", [{return, binary}])]),
    io:format("~p~n", [re:split("a1b22c333d", "\\d+", [{return, list}])]),
    io:format("~p~n", [re:split("a,b,,c", ",", [{return, binary}, trim])]),
    {ok, MP} = re:compile("^\\p{Lu}", [unicode]),
    io:format("~p~n", [[re:run(S, MP, [{capture, none}]) || S <- [<<"Élan"/utf8>>, <<"élan"/utf8>>]]]),
    io:format("~p~n", [re:run("CaseLess", "caseless", [caseless, {capture, first, list}])]).
