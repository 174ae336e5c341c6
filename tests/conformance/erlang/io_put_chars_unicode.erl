%% io:put_chars and io:format with unicode chardata, binaries and deep lists.
-module(io_put_chars_unicode).
-export([main/0]).

main() ->
    io:put_chars("plain ascii\n"),
    io:put_chars(<<"binary line\n">>),
    io:put_chars(["deep ", ["list ", [<<"of ">>, "chardata"]], $\n]),
    io:put_chars(unicode:characters_to_binary("unicode: héllo 日本\n")),
    io:format("~ts~n", [[104, 233, 16#65E5]]),
    io:format("~s~n", [[104, 233]]),
    io:put_chars(standard_io, "explicit device\n"),
    io:nl(),
    io:write({written, term}),
    io:nl(),
    io:fwrite("fwrite ~w~n", [1]).
