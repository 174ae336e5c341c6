%% term_to_binary/binary_to_term of this node's pids and references: sizes, round trips
%% (a decoded pid is the live process: messages sent to it arrive), a pid of no process,
%% and the errors for malformed ones.
-module(etf_pids_refs_round_trip).
-export([main/0]).

main() ->
    Self = self(),
    Child = spawn(fun() -> receive {From, X} -> From ! {echo, X} end end),
    Ref = make_ref(),
    [begin
         B = term_to_binary(T),
         io:format("~w ~w ~w ~w~n", [byte_size(B), binary_to_term(B) =:= T, binary:part(B, 0, 3),
                                     erlang:external_size(T)])
     end || T <- [Self, Child, Ref, {Self, [Ref, Child]}, #{Ref => Self}]],
    binary_to_term(term_to_binary(Child)) ! {binary_to_term(term_to_binary(Self)), hello},
    receive {echo, M} -> io:format("~w~n", [M]) after 1000 -> io:format("timeout~n") end,
    Node = <<100, 0, 13, "nonode@nohost">>,
    Dead = binary_to_term(<<131, 88, Node/binary, 0, 0, 39, 16, 0, 0, 0, 0, 0, 0, 0, 0>>),
    io:format("~w ~w ~w~n", [is_pid(Dead), is_process_alive(Dead), Dead =:= binary_to_term(term_to_binary(Dead))]),
    R2 = binary_to_term(<<131, 90, 0, 3, Node/binary, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3>>),
    io:format("~w ~w~n", [is_reference(R2), R2 =:= binary_to_term(term_to_binary(R2))]),
    io:format("~w~n", [[tc(fun() -> binary_to_term(Bad) end)
                        || Bad <- [<<131, 88, Node/binary, 0, 0, 0>>,
                                   <<131, 90, 0, 3, Node/binary, 0, 0, 0, 0, 0, 0, 0, 1>>,
                                   <<131, 90, 0, 9, Node/binary, 0, 0, 0, 0, 0:(9 * 32)>>,
                                   <<131, 88, 97, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0>>]]]).

tc(F) ->
    try F() catch C:R -> {C, R} end.
