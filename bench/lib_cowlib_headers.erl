%% Benchmark: cowlib (Debian's erlang-cowlib, cowboy's protocol library) parsing HTTP header
%% values over 800 generated requests: accept, content type, cache control, accept
%% language, connection, content length, ranges, etags, dates (RFC 1123, RFC 850, asctime),
%% cookies and query strings, and set-cookie lines and dates built back.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(lib_cowlib_headers).
-export([main/0]).

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

i(N) -> integer_to_binary(N).

request(S) ->
    Q = i(S rem 10),
    #{accept => <<"text/html, application/xhtml+xml, application/xml;q=0.", Q/binary, ", image/webp, */*;q=0.8">>,
      content_type => <<"multipart/form-data; boundary=----b", (i(S))/binary, "; charset=UTF-8">>,
      cache_control => <<"no-cache, max-age=", (i(S rem 3600))/binary, ", private=\"set-cookie\", must-revalidate">>,
      accept_language => <<"en-US, en;q=0.9, fr-CH;q=0.", Q/binary, ", de">>,
      connection => <<"keep-alive, Upgrade">>,
      content_length => i(S rem 100000),
      range => <<"bytes=", (i(S rem 500))/binary, "-", (i(S rem 500 + 499))/binary, ", 1000-, -", Q/binary>>,
      if_none_match => <<"\"", (i(S))/binary, "\", W/\"weak", Q/binary, "\"">>,
      dates => [<<"Sun, 06 Nov 1994 08:49:", (pad(S rem 60))/binary, " GMT">>,
                <<"Sunday, 06-Nov-94 08:", (pad(S rem 60))/binary, ":37 GMT">>,
                <<"Sun Nov  6 08:49:", (pad(S rem 60))/binary, " 1994">>],
      cookie => <<"session=", (i(S))/binary, "; theme=dark; lang=en-US; cart=", (i(S rem 77))/binary, "; empty=">>,
      qs => <<"q=erlang+wasm&page=", Q/binary, "&sort=price%20asc&flag&filter%5Bcolor%5D=red&id=", (i(S))/binary>>}.

pad(N) when N < 10 -> <<"0", (i(N))/binary>>;
pad(N) -> i(N).

parse(#{accept := A, content_type := CT, cache_control := CC, accept_language := AL, connection := C,
        content_length := CL, range := R, if_none_match := INM, dates := Ds, cookie := Ck, qs := Qs}) ->
    Cookies = cow_cookie:parse_cookie(Ck),
    Dates = [cow_date:parse_date(D) || D <- Ds],
    SetCookie = iolist_to_binary(cow_cookie:setcookie(<<"session">>, element(2, hd(Cookies)),
        [{path, <<"/">>}, {http_only, true}, {domain, <<"example.com">>}])),
    {cow_http_hd:parse_accept(A), cow_http_hd:parse_content_type(CT), cow_http_hd:parse_cache_control(CC),
     cow_http_hd:parse_accept_language(AL), cow_http_hd:parse_connection(C), cow_http_hd:parse_content_length(CL),
     cow_http_hd:parse_range(R), cow_http_hd:parse_if_none_match(INM), Dates, Cookies, cow_qs:parse_qs(Qs),
     SetCookie, cow_date:rfc2109(hd(Dates))}.

requests(0, _S, Acc) -> Acc;
requests(N, S0, Acc) -> S = lcg(S0), requests(N - 1, S, [request(S) | Acc]).

main() ->
    Reqs = requests(800, 11, []),
    %% One request first, outside the timing: the BEAM loads cowlib's modules on first use.
    _ = parse(hd(Reqs)),
    T0 = erlang:monotonic_time(microsecond),
    Parsed = [parse(R) || R <- Reqs],
    T1 = erlang:monotonic_time(microsecond),
    io:format("checksum=~p~n", [erlang:phash2(Parsed)]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
