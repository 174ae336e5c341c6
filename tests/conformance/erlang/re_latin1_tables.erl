%% Without unicode, subjects are bytes and PCRE classifies them with the VM's Latin-1
%% character tables: POSIX classes, \w, caseless matching and ranges see 0x80-0xFF as
%% ISO 8859-1 letters, digits or neither. Octal escapes work in classes.
-module(re_latin1_tables).
-export([main/0]).

main() ->
    All = list_to_binary(lists:seq(128, 255)),
    Classes = ["[[:alpha:]]", "[[:upper:]]", "[[:lower:]]", "[[:alnum:]]", "[[:punct:]]",
               "[[:space:]]", "[[:print:]]", "[[:graph:]]", "[[:cntrl:]]", "[[:xdigit:]]",
               "\\w", "\\d", "\\s", "\\W", "[^[:alpha:]]"],
    [io:format("~s ~w~n", [C, count(re:run(All, C, [global]))]) || C <- Classes],
    io:format("~w~n", [re:run(<<"Éé">>, <<"é">>, [caseless, global])]),
    io:format("~w~n", [re:run(<<"ÀÖØÞ">>, <<"[à-þ]">>, [caseless, global])]),
    io:format("~w~n", [re:run("A", "[\\101]")]),
    io:format("~w~n", [re:run("AB", "[\\101-\\102]+")]),
    io:format("~w~n", [re:run(<<"x", 255>>, "\\xff")]),
    io:format("~w~n", [re:run(<<"x", 233>>, "\\b")]),
    io:format("~w~n", [re:run(<<"caf", 233, " ok">>, "\\w+", [global])]),
    ok.

count(nomatch) -> 0;
count({match, L}) -> length(L).
