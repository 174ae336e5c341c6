%% Backtracking control verbs, quantified lookarounds, \K, atomic groups, possessive
%% quantifiers, recursion and conditionals, as PCRE runs them.
-module(re_verbs_lookaround_quantified).
-export([main/0]).

main() ->
    Cases = [{"(?=x){2}x", "xx"}, {"(?!y){3}x", "x"}, {"(?<=a){2}b", "ab"},
             {"a+(*SKIP)(*FAIL)|b", "aaab"}, {"a(*COMMIT)b|ac", "ac"}, {"a+(*PRUNE)b|a", "aaa"},
             {"a(*ACCEPT)b", "ac"}, {"(*MARK:m)a|b", "b"}, {"a(*THEN)b|ac", "ac"},
             {"foo\\Kbar", "foobar"}, {"(?>a+)b", "aaab"}, {"a++b", "aaab"}, {"a*+a", "aaa"},
             {"\\((?:[^()]|(?R))*\\)", "x(a(b)c)y"}, {"(a)?(?(1)b|c)", "c"}, {"(?(?=a)ab|cd)", "cd"},
             {"(?<x>a)(?&x)", "aa"}, {"(a|b)(?1)", "ba"}, {"^(?:(\\d)(?1))$", "12"},
             {"(*UTF8)\\x{e9}", <<"é"/utf8>>}, {"(*CR)a$", "a\rb"}, {"(*ANYCRLF)^b", "a\r\nb"},
             {"(*NO_START_OPT)a", "ba"}, {"(?s).", "\n"}, {"(?x) a b # c", "ab"},
             {"(?i)ÀB", <<"àb"/utf8>>}, {"(?U)a+", "aaa"}, {"(?J)(?<n>a)|(?<n>b)", "b"}],
    [io:format("~w~n", [re:run(S, P, [{capture, all, binary}])]) || {P, S} <- Cases],
    ok.
