%% Records: defaults, construction, field access, update, record_info, element positions, ~p output.
-module(records_basic).
-export([main/0]).

-record(person, {name = "anon", age = 0, email}).
-record(empty, {}).

main() ->
    P = #person{name = "ann", age = 30},
    io:format("~p~n", [P]),
    io:format("~p~n", [#person{}]),
    io:format("~p ~p~n", [P#person.name, P#person.age]),
    P2 = P#person{age = 31, email = "a@x"},
    io:format("~p~n", [P2]),
    io:format("~p~n", [record_info(fields, person)]),
    io:format("~p~n", [record_info(size, person)]),
    io:format("~p~n", [#person.age]),
    io:format("~p~n", [element(#person.name, P)]),
    io:format("~p~n", [setelement(#person.email, P, "set")]),
    io:format("~p~n", [#empty{}]),
    io:format("~p~n", [tuple_to_list(P)]),
    io:format("~p~n", [is_record(P, person)]),
    io:format("~p~n", [is_record(P, empty)]).
