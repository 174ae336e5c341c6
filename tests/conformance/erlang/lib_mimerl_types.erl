%% mimerl (Debian's erlang-mimerl): MIME types from extensions and file names, and
%% extensions from MIME types.
-module(lib_mimerl_types).
-export([main/0]).

main() ->
    io:format("~p~n", [[mimerl:extension(E) || E <- [<<"html">>, <<"json">>, <<"png">>, <<"wasm">>, <<"nope">>]]]),
    io:format("~p~n", [[mimerl:filename(F) || F <- [<<"index.HTML">>, <<"a/b/c.tar.gz">>, <<"noext">>]]]),
    io:format("~p~n", [mimerl:mime_to_exts(<<"image/jpeg">>)]),
    io:format("~p~n", [mimerl:web_extension(<<"css">>)]).
