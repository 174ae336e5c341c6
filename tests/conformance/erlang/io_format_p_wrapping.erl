%% ~p line breaking at 80 columns for long nested terms, records-free, and ~Np widths.
-module(io_format_p_wrapping).
-export([main/0]).

main() ->
    Long = [{item, I, lists:duplicate(I, x)} || I <- lists:seq(1, 8)],
    io:format("~p~n", [Long]),
    io:format("~40p~n", [Long]),
    io:format("~p~n", [#{alpha => lists:seq(1, 25), beta => {nested, [a, b, c], <<"binary data here">>}}]),
    io:format("~p~n", [{very_long_atom_name_number_one, very_long_atom_name_number_two, very_long_atom_name_three}]),
    io:format("~p~n", [[<<"a string binary that is long">>, "a char list that is also quite long", 'an atom']]),
    io:format("prefix text ~p~n", [lists:seq(100, 130)]).
