%% term_to_binary bytes for many term kinds (OTP 25 defaults), and binary_to_term round trips.
-module(term_to_binary_bytes).
-export([main/0]).

main() ->
    Terms = [0, 255, 256, -1, 1 bsl 27, -(1 bsl 27) - 1, 1 bsl 31, 1 bsl 64, -(1 bsl 100), 3.5, -0.0,
             ok, '', 'Quoted Atom', 'é', true, [], "abc", [1, 300], [a | b], {}, {a, 1}, <<>>, <<"bin">>,
             <<5:3>>, #{}, #{a => 1}, #{1 => [], <<"k">> => {}}, lists:seq(1, 300)],
    lists:foreach(fun(T) ->
        B = term_to_binary(T),
        T = binary_to_term(B),
        io:format("~w~n", [binary_to_list(B)])
    end, Terms),
    io:format("~w~n", [term_to_binary(ok, [{minor_version, 2}])]),
    io:format("~w~n", [term_to_binary(1.5, [{minor_version, 0}])]),
    io:format("~w~n", [byte_size(term_to_binary(lists:duplicate(1000, 0), [compressed]))]),
    io:format("~w~n", [binary_to_term(<<131, 107, 0, 2, 1, 2>>)]),
    io:format("~w~n", [binary_to_term(term_to_binary({a, <<"b">>}), [safe])]).
