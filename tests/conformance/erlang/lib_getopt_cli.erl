%% getopt (Debian's erlang-getopt): command lines parsed against an option spec (short
%% and long options, typed arguments, defaults, flags, positional arguments), errors
%% formatted, and the usage text.
-module(lib_getopt_cli).
-export([main/0]).

spec() ->
    [{host, $h, "host", {string, "localhost"}, "Database server host"},
     {port, $p, "port", {integer, 5432}, "Database server port"},
     {verbose, $v, "verbose", {boolean, false}, "Be verbose"},
     {ratio, $r, "ratio", float, "A ratio"},
     {level, undefined, "level", {atom, info}, "Log level"},
     {file, undefined, undefined, string, "Input file"}].

main() ->
    P = fun(Args) -> io:format("~p~n", [getopt:parse(spec(), Args)]) end,
    P(["-h", "db.example", "--port=6543", "-v", "input.txt", "extra"]),
    P(["--ratio", "0.75", "--level", "debug", "in.csv"]),
    P("-p 1 -v --host=other rest"),
    P(["--port", "notanumber"]),
    P(["--unknown"]),
    io:format("~p~n", [getopt:parse_and_check(spec(), ["-v"])]),
    io:format("~s~n", [getopt:format_error(spec(), {error, {invalid_option_arg, {port, "x"}}})]),
    io:format("~p~n", [getopt:tokenize("a \"b c\" 'd e' f\\ g")]),
    io:put_chars(getopt:usage_cmd_line("prog", spec())),
    io:nl(),
    io:put_chars(getopt:usage_options(spec())).
