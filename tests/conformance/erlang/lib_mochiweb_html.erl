%% mochiweb's mochiweb_html (Debian's erlang-mochiweb): HTML tokenized and parsed into
%% a tree (attributes, void elements, entities, comments, unclosed tags), and a tree
%% written back to HTML, with escaping.
-module(lib_mochiweb_html).
-export([main/0]).

main() ->
    Html = <<"<html><head><title>T &amp; more</title></head>"
             "<body class=\"main\" id=x><p>One<br>two</p><!-- note --><ul><li>a<li>b</ul>"
             "<img src=\"i.png\" alt='pic'></body></html>">>,
    io:format("~p~n", [mochiweb_html:tokens(Html)]),
    Tree = mochiweb_html:parse(Html),
    io:format("~p~n", [Tree]),
    io:format("~s~n", [iolist_to_binary(mochiweb_html:to_html(Tree))]),
    io:format("~s~n", [iolist_to_binary(mochiweb_html:to_html({<<"a">>, [{<<"href">>, <<"/?x=1&y=\"2\"">>}],
                                                                [<<"<link>">>]}))]),
    io:format("~s~n", [mochiweb_html:escape(<<"<a & b>">>)]),
    io:format("~s~n", [mochiweb_html:escape_attr(<<"say \"hi\"">>)]).
