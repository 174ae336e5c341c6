%% io:format control sequences with field width, precision, padding and modifiers.
-module(io_format_directives_erl).
-export([main/0]).

main() ->
    io:format("[~w] [~p] [~s] [~ts]~n", [{a, "b"}, {a, "b"}, "str", <<"ünï"/utf8>>]),
    io:format("[~10w] [~-10w] [~10.3s] [~.2s]~n", [abc, abc, "string", "xyz"]),
    io:format("[~8b] [~-8.2b] [~.16b] [~.16B] [~.36B]~n", [42, 5, 255, 255, 35]),
    io:format("[~x] [~.16X]~n", [31, "0x", 31, "#"]),
    io:format("[~c] [~3c] [~-4c]~n", [$a, $b, $c]),
    io:format("[~f] [~.3f] [~10.2f] [~-10.1f] [~e] [~.4e] [~g]~n", [1.5, 2.0 / 3, 3.14159, 2.5, 123.456, 0.001, 1.0e-7]),
    io:format("[~*.*f] [~*c]~n", [9, 3, 1.23456, 3, $z]),
    io:format("[~10.3.0f] [~10..xs]~n", [1.5, "ab"]),
    io:format("[~i] [~w]~n", [ignored, shown]),
    io:format("[~~] [~n]"),
    io:format("[~p]~n", [lists:seq(1, 30)]),
    io:format("[~P] [~W]~n", [lists:seq(1, 30), 6, {a, {b, {c, {d}}}}, 3]),
    io:format("[~tp] [~p]~n", [[16#65E5], [16#65E5]]),
    io:format("[~ts] [~s]~n", [[16#65E5, 16#672C], <<"latin">>]),
    io:format("[~lp]~n", [[65, 66]]),
    io:format("~s~n", [[["deep", $-], <<"io">>, "list"]]).
