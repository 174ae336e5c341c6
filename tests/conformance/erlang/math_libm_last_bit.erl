%% known: math:sin/tan/sinh/tanh/asinh/atanh/erf/erfc are computed inside the module and differ from the VM's C library (glibc) in the last bit for some arguments
%% Arguments the term fuzzer found (passed through lists so that the compiler does not
%% evaluate the calls itself).
-module(math_libm_last_bit).
-export([main/0]).

main() ->
    io:format("~w~n", [[math:asinh(X) || X <- [-0.966, -0.354]]]),
    io:format("~w~n", [[math:atanh(X) || X <- [-0.439, 0.291, 0.685]]]),
    io:format("~w~n", [[math:sinh(X) || X <- [1.767]]]),
    io:format("~w~n", [[math:tanh(X) || X <- [0.435, 1.4849999999999999, 2.242]]]),
    io:format("~w~n", [[math:tan(X) || X <- [1.835, 8.643685189755551e10]]]),
    io:format("~w~n", [[math:sin(X) || X <- [0.259]]]),
    io:format("~w~n", [[math:erf(X) || X <- [1.772]]]),
    io:format("~w~n", [[math:erfc(X) || X <- [-0.587, 5.7749999999999995, 2.129, 1.712]]]).
