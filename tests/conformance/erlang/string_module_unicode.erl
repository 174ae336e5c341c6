%% The string module on unicode chardata: length, uppercase, slice, pad, split, lexemes, find, trim.
-module(string_module_unicode).
-export([main/0]).

main() ->
    S = <<"héllo wörld ß"/utf8>>,
    io:format("~w ~w~n", [string:length(S), byte_size(S)]),
    io:format("~ts~n", [string:uppercase(S)]),
    io:format("~ts~n", [string:titlecase(<<"élan"/utf8>>)]),
    io:format("~ts~n", [string:casefold(<<"ẞig"/utf8>>)]),
    io:format("~ts|~n", [string:slice(S, 2, 5)]),
    io:format("~ts|~n", [string:pad(<<"日本"/utf8>>, 6, both, $*)]),
    io:format("~tp~n", [string:split(<<"a,b,,c"/utf8>>, ",", all)]),
    io:format("~tp~n", [string:lexemes("  a  b c ", " ")]),
    io:format("~tp~n", [string:find("hello world", "o w")]),
    io:format("~tp~n", [string:trim("\t  padded \n")]),
    io:format("~tp~n", [string:trim("xxhixx", both, "x")]),
    io:format("~tp~n", [string:replace("a-b-c", "-", "+", all)]),
    io:format("~tp~n", [string:reverse(<<"añb"/utf8>>)]),
    io:format("~tp~n", [string:to_graphemes(<<"e\x{301}x"/utf8>>)]),
    io:format("~tp~n", [string:equal("abc", <<"abc">>)]),
    io:format("~tp~n", [string:prefix("prefix-rest", "prefix-")]),
    io:format("~tp~n", [string:to_integer("123abc")]),
    io:format("~tp~n", [string:to_float("1.5e2x")]),
    io:format("~tp~n", [string:is_empty(<<>>)]),
    io:format("~tp~n", [string:nth_lexeme("a;b;c", 2, ";")]).
