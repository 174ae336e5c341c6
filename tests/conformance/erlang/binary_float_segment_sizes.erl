%% Float segments of every size the VM accepts: 16, 32 and 64 bits both ways, a 0-bit
%% float segment (of a run-time size) matches as 0.0, any other size is badarg (construction) or no match;
%% infinities and NaNs do not match. (The term fuzzer found the 0-bit match.)
-module(binary_float_segment_sizes).
-export([main/0]).

main() ->
    [io:format("~w ~w~n", [S, [tc(fun() -> <<V:S/float>> end), tc(fun() -> <<V:S/float-little>> end)]])
     || S <- [0, 8, 16, 32, 64, 128], V <- [1.5, -0.0, 65504.0, 1.0e10, 3]],
    io:format("~w~n", [[tc(fun() -> <<X:S/float, R/bitstring>> = B, {X, R} end)
                        || S <- [0, 8, 16, 32, 64], B <- [<<>>, <<1, 2>>, <<64, 9, 33, 251, 84, 68, 45, 24>>,
                                                          <<127, 240, 0, 0, 0, 0, 0, 0>>, <<124, 0>>, <<127, 128, 0, 0>>]]]).

tc(F) ->
    try F() catch C:R -> {C, R} end.
