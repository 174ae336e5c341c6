%% cowlib (Debian's erlang-cowlib, cowboy's protocol library): HTTP header values parsed
%% (accept, content type, cache control, connection, content length, dates, ranges,
%% etags), cookies parsed and built, query strings parsed, built and url-encoded.
-module(lib_cowlib_http).
-export([main/0]).

p(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main() ->
    p("accept", cow_http_hd:parse_accept(<<"text/html, application/json;q=0.9, */*;q=0.1">>)),
    p("content-type", cow_http_hd:parse_content_type(<<"text/plain; charset=UTF-8">>)),
    p("cache-control", cow_http_hd:parse_cache_control(<<"no-cache, max-age=3600, private=\"x\"">>)),
    p("connection", cow_http_hd:parse_connection(<<"keep-alive, Upgrade">>)),
    p("content-length", cow_http_hd:parse_content_length(<<"1024">>)),
    p("accept-language", cow_http_hd:parse_accept_language(<<"en-US, fr;q=0.5">>)),
    p("date", cow_http_hd:parse_date(<<"Sun, 06 Nov 1994 08:49:37 GMT">>)),
    p("range", cow_http_hd:parse_range(<<"bytes=0-499, 1000-">>)),
    p("etag", cow_http_hd:parse_etag(<<"W/\"xyzzy\"">>)),
    p("if-none-match", cow_http_hd:parse_if_none_match(<<"\"a\", W/\"b\"">>)),
    p("cookie", cow_cookie:parse_cookie(<<"session=abc123; theme=dark; empty=">>)),
    p("setcookie", iolist_to_binary(cow_cookie:setcookie(<<"id">>, <<"42">>,
        [{path, <<"/">>}, {http_only, true}, {domain, <<"example.com">>}]))),
    p("qs", cow_qs:parse_qs(<<"a=1&b=hello%20world&c&d=x+y">>)),
    p("qs build", cow_qs:qs([{<<"q">>, <<"erlang & wasm">>}, {<<"page">>, <<"2">>}, {<<"flag">>, true}])),
    p("urlencode", cow_qs:urlencode(<<"a b/c?d=é">>)),
    p("urldecode", cow_qs:urldecode(<<"a%20b%2Fc">>)).
