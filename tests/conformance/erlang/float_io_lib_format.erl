%% io_lib:format float directives ~f ~e ~g ~p ~w with widths and precisions.
-module(float_io_lib_format).
-export([main/0]).

main() ->
    Fs = [0.0, 1.0, -1.5, 3.141592653589793, 1.0e10, 1.0e-10, 123456.789, 0.1, 2.5e-5, 1.0e22, 6.02214076e23],
    lists:foreach(fun(F) ->
        io:format("~p | ~w | ~f | ~.2f | ~e | ~.3e | ~g | ~.3g | ~12.4f|~n", [F, F, F, F, F, F, F, F, F])
    end, Fs),
    io:format("~s~n", [io_lib:format("~-12.3f|", [2.0])]),
    io:format("~s~n", [io_lib:format("~12.3e|", [-2.0])]).
