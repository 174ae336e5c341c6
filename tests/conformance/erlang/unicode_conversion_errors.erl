%% unicode:characters_to_binary/list results, including error and incomplete tuples.
-module(unicode_conversion_errors).
-export([main/0]).

main() ->
    io:format("~w~n", [unicode:characters_to_binary([104, 233, 16#65E5])]),
    io:format("~w~n", [unicode:characters_to_list(<<"h", 195, 169>>)]),
    io:format("~w~n", [unicode:characters_to_binary(<<"ok", 255, "rest">>)]),
    io:format("~w~n", [unicode:characters_to_binary(<<"ok", 230, 151>>)]),
    io:format("~w~n", [unicode:characters_to_list([<<"a">>, 16#110000])]),
    io:format("~w~n", [unicode:characters_to_binary([97, <<98>>, [99]], unicode, utf16)]),
    io:format("~w~n", [unicode:characters_to_binary(<<0, 97, 216, 61>>, {utf16, big}, utf8)]),
    io:format("~w~n", [unicode:characters_to_binary(<<"abc">>, latin1, utf8)]),
    io:format("~w~n", [unicode:characters_to_binary([233, 300], unicode, latin1)]),
    io:format("~w~n", [unicode:bom_to_encoding(<<16#FE, 16#FF, 0>>)]),
    io:format("~w~n", [unicode:characters_to_nfd_binary(<<"é"/utf8>>)]),
    io:format("~w~n", [unicode:characters_to_nfc_list([$e, 16#301])]),
    io:format("~w~n", [unicode:characters_to_nfkc_binary(<<"ﬁ"/utf8>>)]).
