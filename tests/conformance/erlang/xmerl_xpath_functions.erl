%% XPath's core functions (count, concat, contains, translate, name, position, last,
%% string-length, ...) are called by name from xmerl_xpath_pred: the function is an atom
%% chosen at run time from XPath's function table, on a known module.
-module(xmerl_xpath_functions).
-export([main/0]).
-include_lib("xmerl/include/xmerl.hrl").

main() ->
    {Doc, _} = xmerl_scan:string("<r><a n=\"1\">x</a><b><a n=\"2\">yy</a></b><a n=\"3\">zzz</a><c/></r>"),
    Q = fun(Path) -> xmerl_xpath:string(Path, Doc) end,
    Names = fun(Path) -> [element_name(E) || E <- Q(Path)] end,
    io:format("~p~n", [Q("count(//a)")]),
    io:format("~p~n", [Q("concat('a', 'b', 'c')")]),
    io:format("~p~n", [Q("contains('hello', 'ell')")]),
    io:format("~p~n", [Q("starts-with('hello', 'he')")]),
    io:format("~p~n", [Q("translate('abc', 'b', 'B')")]),
    io:format("~p~n", [Q("floor(2.7)")]),
    io:format("~p~n", [Q("not(false())")]),
    io:format("~p~n", [Q("boolean(//c)")]),
    io:format("~p~n", [Q("name(/r/*[2])")]),
    io:format("~p~n", [Q("string(//a[1])")]),
    io:format("~p~n", [Names("/r/*[position() = last()]")]),
    io:format("~p~n", [Names("//*[local-name() = 'c']")]),
    io:format("~p~n", [[text(E) || E <- Q("//a[string-length(.) = 2]")]]),
    io:format("~p~n", [[text(E) || E <- Q("//a[contains(., 'z')]")]]),
    io:format("~p~n", [[A#xmlAttribute.value || A <- Q("//a[@n > 1]/@n")]]).

element_name(#xmlElement{name = N}) -> N.

text(#xmlElement{content = [#xmlText{value = V}]}) -> V.
