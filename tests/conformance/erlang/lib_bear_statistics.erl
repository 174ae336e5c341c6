%% bear (Debian's erlang-bear, folsom's statistics): summary statistics, percentiles,
%% a histogram and correlations over fixed samples.
-module(lib_bear_statistics).
-export([main/0]).

main() ->
    Xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9],
    Stats = bear:get_statistics(Xs),
    lists:foreach(fun({K, V}) -> io:format("~p: ~p~n", [K, V]) end, Stats),
    Ys = [2 * X + 1 || X <- Xs],
    io:format("pearson ~p~n", [bear:get_pearson_correlation(Xs, Ys)]),
    io:format("spearman ~p~n", [bear:get_spearman_correlation(Xs, lists:reverse(Ys))]),
    io:format("kendall ~p~n", [bear:get_kendall_correlation(Xs, Ys)]),
    io:format("covariance ~p~n", [bear:get_covariance(Xs, Ys)]).
