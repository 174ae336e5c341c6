%% float_to_binary/float_to_list with decimals, scientific, compact and short options.
-module(float_to_binary_options).
-export([main/0]).

main() ->
    Fs = [0.0, 0.1, 1.0 / 3.0, 100.0, 1.0e-7, 12345.6789, -2.5, 1.0e21, 5.0e-324],
    lists:foreach(fun(F) ->
        io:format("~s ~s ~s ~s ~s ~s~n",
                  [float_to_list(F), float_to_list(F, [short]), float_to_binary(F, [{decimals, 4}]),
                   float_to_binary(F, [{decimals, 10}, compact]), float_to_binary(F, [{scientific, 3}]),
                   float_to_list(F, [{decimals, 0}])])
    end, Fs).
