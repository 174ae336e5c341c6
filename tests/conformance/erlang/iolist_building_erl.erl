%% Building output as iolists: nested lists of binaries and chars, iolist_size, iolist_to_binary.
-module(iolist_building_erl).
-export([main/0]).

row(Cells) -> [lists:join($,, [cell(C) || C <- Cells]), $\n].

cell(N) when is_integer(N) -> integer_to_list(N);
cell(B) when is_binary(B) -> [$", B, $"];
cell(A) when is_atom(A) -> atom_to_list(A).

main() ->
    Rows = [row([I, <<"name", (integer_to_binary(I))/binary>>, ok]) || I <- lists:seq(1, 5)],
    Doc = [<<"id,name,status\n">>, Rows],
    io:format("~p~n", [iolist_size(Doc)]),
    io:put_chars(Doc),
    Bin = iolist_to_binary(Doc),
    io:format("~p~n", [binary:matches(Bin, <<"\n">>) =/= []]),
    io:format("~p~n", [erlang:iolist_to_iovec([<<"a">>, [<<"b">>, $c]])]).
