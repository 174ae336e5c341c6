%% Bignum factorials, powers and digit sums computed in Erlang.
-module(bignum_factorial_digits).
-export([main/0]).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

digit_sum(N) -> lists:sum([C - $0 || C <- integer_to_list(N)]).

main() ->
    io:format("~w~n", [fact(30)]),
    io:format("~w~n", [fact(100)]),
    io:format("~w~n", [digit_sum(fact(500))]),
    io:format("~w~n", [pow(3, 200) - pow(2, 300)]),
    io:format("~w~n", [pow(-7, 33)]),
    io:format("~w~n", [abs(pow(-7, 33))]),
    io:format("~w~n", [fact(40) div fact(38)]),
    io:format("~p~n", [length(integer_to_list(pow(2, 10000)))]).
