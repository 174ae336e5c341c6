%% bbmustache (Debian's erlang-bbmustache): Mustache templates rendered from maps and
%% proplists: variables, escaping, sections over lists and booleans, inverted sections,
%% partials, comments, nested contexts, and a template compiled once and rendered twice.
-module(lib_bbmustache_templates).
-export([main/0]).

main() ->
    R = fun(T, Data) -> io:format("~s~n", [bbmustache:render(T, Data)]) end,
    R(<<"Hello {{name}}!">>, #{"name" => "world"}),
    R(<<"{{html}} {{{html}}} {{&html}}">>, #{"html" => "<b>&</b>"}),
    R(<<"{{#items}}[{{name}}:{{n}}]{{/items}}">>,
      #{"items" => [#{"name" => "a", "n" => 1}, #{"name" => "b", "n" => 2}]}),
    R(<<"{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}">>, #{"flag" => true}),
    R(<<"{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}">>, #{"flag" => false}),
    R(<<"{{^empty}}nothing here{{/empty}}">>, #{"empty" => []}),
    R(<<"a{{! a comment }}b">>, #{}),
    R(<<"{{#outer}}{{inner.value}} {{top}}{{/outer}}">>,
      #{"outer" => #{"inner" => #{"value" => "deep"}}, "top" => "up"}),
    R(<<"{{name}} is {{age}}">>, [{"name", "Ann"}, {"age", 33}]),
    io:format("~s~n", [bbmustache:render(<<"{{key}}">>, #{key => <<"atom key">>}, [{key_type, atom}])]),
    T = bbmustache:parse_binary(<<"<{{x}}|{{#xs}}{{.}},{{/xs}}>">>),
    io:format("~s~n", [bbmustache:compile(T, #{"x" => 1, "xs" => [1, 2, 3]})]),
    io:format("~s~n", [bbmustache:compile(T, #{"x" => "two", "xs" => []})]),
    io:format("~s~n", [bbmustache:render(<<"{{=<% %>=}}<% name %>">>, #{"name" => "delims"})]).
