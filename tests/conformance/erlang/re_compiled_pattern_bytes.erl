%% A compiled pattern is {re_pattern, Groups, Unicode, UseCRLF, Bin}, and Bin is PCRE's
%% compiled pattern as the VM (a 64-bit build) lays it out: compiled patterns round-trip
%% through term_to_binary and match anywhere.
-module(re_compiled_pattern_bytes).
-export([main/0]).

main() ->
    Pats = [{"a", []}, {"(?<n>x+)(y)?", []}, {"^\\d+$", [multiline]}, {"é", [unicode]},
            {"a|b", [{newline, crlf}]}, {"x", [{newline, anycrlf}, caseless]}, {"\\w+", [unicode, ucp]},
            {"(?|(a)|(b))c", [dupnames, extended]}, {"[[:alpha:]]{2,}", [anchored, dotall]}],
    lists:foreach(fun({P, O}) ->
                          {ok, MP} = re:compile(P, O),
                          io:format("~w~n~w~n", [MP, erlang:md5(term_to_binary(MP))])
                  end, Pats),
    {ok, MP} = re:compile("(\\w+)@(\\w+)"),
    MP2 = binary_to_term(term_to_binary(MP)),
    io:format("~p~n", [re:run("me@host", MP2, [{capture, all, list}])]),
    io:format("~p~n", [e(fun() -> re:run("x", {re_pattern, 0, 0, 0, <<"junk">>}) end)]),
    io:format("~p~n", [e(fun() -> re:run("x", {re_pattern, 0, 0, 0, <<>>}) end)]),
    io:format("~p~n", [e(fun() -> re:run("x", MP, [caseless]) end)]),
    io:format("~p~n", [e(fun() -> re:inspect(MP, other) end)]),
    io:format("~p~n", [re:version()]),
    ok.

%% The error and the failing call's own frame (the frames below it are the runner's).
e(F) ->
    try F() catch C:R:S -> {C, R, hd(S)} end.
