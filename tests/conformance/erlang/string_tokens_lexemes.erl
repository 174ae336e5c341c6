%% Tokenizing text with string:lexemes/split, lists:join and io_lib, e.g. parsing key=value lines.
-module(string_tokens_lexemes).
-export([main/0]).

parse(Line) ->
    case string:split(Line, "=") of
        [K, V] -> {string:trim(K), string:trim(V)};
        [K] -> {string:trim(K), none}
    end.

main() ->
    Text = "name = beamwasm\nversion= 0.1\n\n flag \nlist = a, b ,c\n",
    Lines = string:lexemes(Text, "\n"),
    Pairs = [parse(L) || L <- Lines],
    io:format("~p~n", [Pairs]),
    {_, ListVal} = lists:keyfind("list", 1, Pairs),
    io:format("~p~n", [[string:trim(X) || X <- string:lexemes(ListVal, ",")]]),
    io:format("~s~n", [lists:join(" | ", ["a", "b", "c"])]),
    io:format("~p~n", [string:join(["x", "y"], "-")]),
    io:format("~p~n", [string:tokens("a  b,c", " ,")]),
    io:format("~p~n", [string:chars($*, 5)]),
    io:format("~p~n", [string:copies("ab", 3)]),
    io:format("~p~n", [string:str("hello world", "wor")]),
    io:format("~p~n", [string:substr("hello", 2, 3)]),
    io:format("~p~n", [string:to_upper("mixed Case 1")]).
