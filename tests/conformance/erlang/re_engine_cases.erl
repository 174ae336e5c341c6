%% The re engine: patterns and subjects run with indexes and globally with binaries;
%% compile errors with their messages and positions; run options; replace/split over run;
%% named groups; unicode and ucp subjects.
-module(re_engine_cases).
-export([main/0]).

cases() ->
    [{"a+b", "xaaab"}, {"a*?b", "aab"}, {"(a|ab)(c|bcd)(d*)", "abcd"},
     {"^(\\w+)\\s+(\\w+)$", "hello world"}, {"[[:alpha:]]+", "123abc456"},
     {"[^[:digit:]]+", "12ab34"}, {"\\bfoo\\b", "a foo b"}, {"\\Bfoo", "afoo"},
     {"x{2,3}", "xxxxx"}, {"x{2,}?", "xxxxx"}, {"x{2}", "xxxxx"}, {"(?:ab){2}", "ababab"},
     {"(a)?b", "b"}, {"(a)|b", "b"}, {"(\\d+)-\\1", "12-12"}, {"(?<n>\\w)\\k<n>", "abccd"},
     {"(?=foo)fo", "xfoo"}, {"foo(?!bar)", "foobar foobaz"}, {"(?<=\\$)\\d+", "cost $42"},
     {"(?<!\\$)\\b\\d+", "$42 17"}, {"(?i)hello", "HeLLo"}, {"a(?i)b", "aB"}, {"a(?i:b)c", "aBc"},
     {"a(?i:b)c", "aBC"}, {"^abc$", "abc\n"}, {"^abc\\z", "abc\n"}, {"abc\\Z", "abc\n"},
     {"(?m)^b", "a\nb"}, {"(?s)a.b", "a\nb"}, {"a.b", "a\nb"}, {"a++b", "aaab"}, {"a++a", "aaaa"},
     {"(?>a+)a", "aaa"}, {"[a-c\\d]+", "xab1c2y"}, {"[\\w.-]+@[\\w.-]+", "mail joe.x@ex-ample.com now"},
     {"\\d{3}-\\d{4}", "call 555-1234"}, {"(a*)*b", "aaab"}, {"(a*)+b", "b"}, {"(a|)*c", "aac"},
     {"(?x) a b c # comment", "abc"}, {"\\x41\\x{42}", "AB"}, {"\\Q.*\\E+", "a.*.*"},
     {"[]a]+", "]a]"}, {"[^]a]+", "]xy"}, {"[a\\-z]+", "a-z"}, {"\\s+", "a \t\nb"},
     {"\\S+\\s*$", "foo bar "}, {"(\\w+)\\s(?:\\w+)\\s(\\w+)", "one two three"}, {"", "abc"},
     {"a|b|c", "xyzc"}, {"(a)(b)?(c)", "ac"}, {"(?P<x>a)(?P=x)", "aa"}, {"\\.", "a.b"},
     {"[.]", "a.b"}, {"^$", ""}, {"^", "abc"}, {"$", "abc"}, {"(?U)a+", "aaa"}, {"(?U)a+?", "aaa"},
     {"[[:upper:]][[:lower:]]+", "hello World"}, {"[[:^space:]]+", "  xy  "}, {"\\h+", "a \t b"},
     {"(a(b(c)))", "abc"}, {"(?:(a)|b)+", "ab"}, {"(?:a|(b))+", "ba"}, {"\\d+(?=px)", "12em 34px"},
     {"(?<=ab|c)d", "abd cd"}, {"colou?r", "color colour"}, {"[A-Z][a-z]*", "hello World Foo"},
     {"\\t\\n", "a\t\nb"}, {"a{,3}", "a{,3}"}, {"a{x", "a{x"}, {"\\w+$", "foo bar\n"}, {"\\cA", [1]},
     {"\\101", "A"}, {"(a)\\g1", "aa"}, {"(a)\\g{-1}", "aa"}, {"(?#comment)x", "x"},
     {"(\\w)(\\w)?(\\w)?(\\w)?", "ab"}, {"^(?:(\\d+)|(\\w+))$", "abc"}, {"\\R", "a\r\nb"},
     {"[\\x{41}-\\x{43}]+", "ABCD"}, {"x*", "aaa"}, {"(?i)[a-c]+", "ABCabc"}, {"(?i)stra\\x{df}e", "STRA\x{df}E"}].

main() ->
    lists:foreach(
      fun({P, S}) ->
              R1 = re:run(S, P),
              R2 = re:run(S, P, [global, {capture, all, binary}]),
              io:format("~w ~w: ~w ~w~n", [P, S, R1, R2])
      end, cases()),
    Bad = ["a(b", "a)b", "[ab", "*a", "a{2,1}", "\\", "(?<n>a)(?<n>b)", "a\\k<zz>", "(?<=a+)b",
           "(?<=a|bc)d", "(?<=a(b|cd))e", "x{70000}", "[z-a]", "(?Q)", "\\2(a)", "(?<=a*)", "[[:foo:]]",
           "\\p{Foo}", "(?<1a>x)", "(?<n", "(", ")", "a|*"],
    [io:format("~p: ~p~n", [B, case re:compile(B) of {ok, {re_pattern, N, U, _, _}} -> {ok, N, U}; E -> E end]) || B <- Bad],
    io:format("~p~n", [re:run("abcabc", "b", [global, {offset, 2}])]),
    io:format("~p~n", [re:run("abc", "b", [anchored])]),
    io:format("~p~n", [re:run("abc", "a", [anchored])]),
    io:format("~p~n", [re:run("abc", "x*", [notempty])]),
    io:format("~p~n", [re:run("abc", "^", [notbol])]),
    io:format("~p~n", [re:run("abc", "$", [noteol])]),
    io:format("~p~n", [re:run("a\nb\nc", "^.", [multiline, global, {capture, all, list}])]),
    io:format("~p~n", [re:run("a\r\nb", "$", [multiline, {newline, crlf}, global])]),
    io:format("~p~n", [re:run("ab\ncd", "cd", [firstline])]),
    io:format("~p~n", [re:run("AB", "ab", [caseless, {capture, first, list}])]),
    io:format("~p~n", [re:run("a b", "a b", [extended])]),
    io:format("~p~n", [re:run("aaa", "a+", [ungreedy])]),
    io:format("~p~n", [re:run("abc\n", "c$", [dollar_endonly])]),
    io:format("~p~n", [re:run("x\ny", "x.y", [dotall])]),
    io:format("~p~n", [re:run("xyz", "(?<a>x)(?<b>q)?", [{capture, all_names, binary}])]),
    io:format("~p~n", [re:run("xyz", "(?<a>x)(?<b>q)?", [{capture, [b, "a", <<"a">>, 0], list}])]),
    io:format("~p~n", [re:run(["ab", [$c, <<"d">>]], "bc")]),
    io:format("~p~n", [re:run("ab", "(", [report_errors])]),
    io:format("~p~n", [catch_reason(fun() -> re:run("ab", "a", [bogus]) end)]),
    io:format("~p~n", [catch_reason(fun() -> re:run(<<1:3>>, "a") end)]),
    io:format("~p~n", [re:replace("hello world", "o", "0", [global, {return, list}])]),
    io:format("~p~n", [re:replace("hello world", "(l+)", "[\\1&]", [global, {return, binary}])]),
    io:format("~p~n", [re:split("a1b2c3", "\\d", [{return, list}, {parts, 2}])]),
    io:format("~p~n", [re:split("a1b2c3", "(\\d)", [{return, list}, group])]),
    io:format("~p~n", [re:split("abc", "", [{return, list}])]),
    io:format("~p~n", [re:split("  a  b ", "\\s+", [{return, binary}, trim])]),
    {ok, MP} = re:compile("(?<first>\\w+) (?<last>\\w+)"),
    io:format("~p~n", [re:inspect(MP, namelist)]),
    io:format("~p~n", [re:run("John Smith", MP, [{capture, all_names, binary}])]),
    io:format("~p~n", [element(1, MP)]),
    io:format("~w~n", [re:run("αβγ δ", "\\w+", [unicode, ucp, global, {capture, all, binary}])]),
    io:format("~w~n", [re:run(<<"naïve café"/utf8>>, "\\w+", [unicode, global, {capture, all, binary}])]),
    io:format("~w~n", [re:run(<<"naïve café"/utf8>>, ".", [unicode, global])]),
    io:format("~w~n", [re:run(<<"ÀÉÎ"/utf8>>, "(?i)àéî", [unicode, {capture, all, list}])]),
    io:format("~w~n", [re:run(<<"日本語テキスト"/utf8>>, "\\p{Han}+", [unicode, {capture, all, binary}])]),
    io:format("~w~n", [re:run(<<"abc Déf"/utf8>>, "\\p{Lu}\\p{Ll}+", [unicode, {capture, all, binary}])]),
    io:format("~w~n", [re:run(<<"x1٣"/utf8>>, "\\d+", [unicode, ucp, {capture, all, binary}])]),
    io:format("~p~n", [re:run("abc", "(?<=^|,)b")]),
    ok.

catch_reason(F) ->
    try F() catch error:R -> {error, R} end.
