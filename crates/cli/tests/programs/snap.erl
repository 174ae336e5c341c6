-module(snap).
-export([main/0, add/2]).

%% The function the snapshot shows: a guard, a body call and a tail call.
add(X, Y) when is_integer(X) -> double(X) + Y;
add(X, _) -> {not_an_integer, X}.

double(X) -> X * 2.

main() ->
    erlang:display(add(1, 2)),
    erlang:display(add(a, 2)),
    erlang:display(try add(1, b) catch error:R:S -> {R, S} end).
