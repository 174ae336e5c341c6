%% Benchmark: bbmustache (Debian's erlang-bbmustache) rendering Mustache templates: a page
%% template with sections over lists of maps, inverted sections, escaped and raw variables
%% and nested contexts, parsed once and compiled against 500 generated contexts, plus 500
%% small templates parsed and rendered each time.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(lib_bbmustache_render).
-export([main/0]).

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

page() ->
    <<"<html><head><title>{{title}}</title></head><body>\n"
      "<h1>{{title}} &amp; {{{raw_title}}}</h1>\n"
      "{{#user}}<p>Signed in as {{name}} ({{email}})</p>{{/user}}{{^user}}<p>Guest</p>{{/user}}\n"
      "<ul>{{#items}}\n  <li class=\"{{#featured}}star{{/featured}}\">{{name}}: {{price}} "
      "{{#tags}}<span>{{.}}</span>{{/tags}}{{^tags}}none{{/tags}}</li>{{/items}}\n</ul>\n"
      "{{#footer}}<footer>{{text}} {{year}}</footer>{{/footer}}\n</body></html>\n">>.

context(S0) ->
    {Items, S} = items(10, S0, []),
    User = case S rem 3 of 0 -> false; _ -> #{"name" => "user<" ++ integer_to_list(S rem 100) ++ ">", "email" => "u@example.com"} end,
    {#{"title" => "Shop #" ++ integer_to_list(S rem 1000), "raw_title" => "<em>raw</em>",
       "user" => User, "items" => Items,
       "footer" => #{"text" => "(c) \"shop\" & co", "year" => 2026}}, S}.

items(0, S, Acc) -> {Acc, S};
items(N, S0, Acc) ->
    S = lcg(S0),
    Item = #{"name" => "item " ++ integer_to_list(S rem 500), "price" => S rem 10000,
             "featured" => S rem 4 =:= 0,
             "tags" => [integer_to_list(T) || T <- lists:seq(1, S rem 4)]},
    items(N - 1, S, [Item | Acc]).

contexts(0, _S, Acc) -> Acc;
contexts(N, S0, Acc) -> {C, S} = context(S0), contexts(N - 1, S, [C | Acc]).

small(I) ->
    T = <<"{{#a}}[{{b}}|{{c}}]{{/a}}{{^d}}-{{/d}}{{e}}", (integer_to_binary(I))/binary>>,
    bbmustache:render(T, #{"a" => [#{"b" => I, "c" => "x&y"}, #{"b" => I + 1, "c" => "<z>"}], "d" => [], "e" => "end"}).

main() ->
    Contexts = contexts(500, 7, []),
    T0 = erlang:monotonic_time(microsecond),
    Template = bbmustache:parse_binary(page()),
    Pages = [bbmustache:compile(Template, C) || C <- Contexts],
    Smalls = [small(I) || I <- lists:seq(1, 500)],
    T1 = erlang:monotonic_time(microsecond),
    io:format("bytes=~p~n", [lists:sum([byte_size(P) || P <- Pages ++ Smalls])]),
    io:format("checksum=~p~n", [erlang:phash2({Pages, Smalls})]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
