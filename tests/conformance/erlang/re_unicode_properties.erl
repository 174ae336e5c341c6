%% Unicode properties and classes in unicode mode: \p{..} general categories and scripts,
%% \X extended grapheme clusters (combining marks, emoji), and \w \d \s \b with and
%% without ucp (without it, code points under 256 are classified by the Latin-1 tables).
-module(re_unicode_properties).
-export([main/0]).

main() ->
    S = <<"naïve Ωμέγα Привет 東京 e\x{0301} 👍🏽 ١٢٣ x"/utf8>>,
    Props = ["\\p{L}+", "\\p{Lu}", "\\p{Ll}+", "\\p{Greek}+", "\\p{Cyrillic}+", "\\p{Han}+",
             "\\p{N}+", "\\p{Nd}+", "\\P{L}+", "\\p{Mn}", "\\p{So}", "\\p{Xan}+", "\\p{Xwd}+",
             "\\p{Xsp}", "\\p{Arabic}+", "\\pL", "\\p{^L}+", "\\p{Sk}"],
    [io:format("~s ~w~n", [P, re:run(S, P, [unicode, global, {capture, first, index}])]) || P <- Props],
    io:format("X ~w~n", [re:run(S, "\\X", [unicode, global, {capture, first, index}])]),
    [io:format("~s ~w ~w~n", [P, re:run(S, P, [unicode, global, {capture, first, index}]),
                             re:run(S, P, [unicode, ucp, global, {capture, first, index}])])
     || P <- ["\\w+", "\\d+", "\\s", "\\b\\w", "[[:alpha:]]+", "[[:punct:]]", "\\W+"]],
    io:format("~w~n", [re:run(<<"ÉCOLE école"/utf8>>, "école", [unicode, caseless, global])]),
    io:format("~w~n", [re:run(<<"ΣΑΣ σας"/utf8>>, "σας", [unicode, caseless, global])]),
    io:format("~w~n", [re:run(<<"a\x{2028}b"/utf8>>, "a.b", [unicode])]),
    io:format("~w~n", [re:run(<<"a\x{2028}b"/utf8>>, "a\\Rb", [unicode])]),
    io:format("~w~n", [re:run(<<"a\x{2028}b"/utf8>>, "^b", [unicode, multiline, {newline, any}])]),
    io:format("~w~n", [re:compile("\\p{Klingon}", [unicode])]),
    ok.
