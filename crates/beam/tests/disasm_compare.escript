#!/usr/bin/env escript
%% -*- erlang -*-
%%! +A0
%% Compares beamwasm's `disasm --format eterm` output with OTP's beam_disasm:file/1.
%%
%% Usage: escript disasm_compare.escript MANIFEST
%% MANIFEST has one line per module: the .beam path, a tab, and the path of our output
%% (or "-" when our reader failed on the file). Each output is read with file:consult/1
%% and compared with =:= against beam_disasm:file/1 after the normalisation documented
%% in beamwasm's term printer (pids, ports, references and local funs become tagged
%% tuples). The modules are spread over one worker per scheduler.
%%
%% Prints each mismatch with its first difference, each module beam_disasm itself
%% cannot disassemble, and finally:
%%   disasm equality: N compared, M equal, E beam_disasm errors
%%
%% Usage: escript disasm_compare.escript --terms FILE
%% FILE has one line per term: its external format in hex, a tab, and beamwasm's text
%% for it. Checks that the text reads back as the normalised term and prints
%%   terms equality: N compared, M equal
-mode(compile).

main(["--terms", File]) ->
    {ok, Bin} = file:read_file(File),
    Lines = [binary:split(L, <<"\t">>) || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>],
    Results = [check_term(Hex, Text) || [Hex, Text] <- Lines],
    lists:foreach(fun({differ, T, Text}) -> io:format("TERM MISMATCH ~P~n  ours: ~ts~n", [T, 20, Text]);
                     (_) -> ok end, Results),
    io:format("terms equality: ~b compared, ~b equal~n",
              [length(Results), length([ok || ok <- Results])]),
    halt(0);
main([Manifest]) ->
    {ok, Bin} = file:read_file(Manifest),
    Pairs = [list_to_tuple(binary:split(L, <<"\t">>))
             || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>],
    Workers = erlang:system_info(schedulers_online),
    Results = pmap(fun compare/1, Pairs, Workers),
    Equal = length([ok || {equal, _} <- Results]),
    Errors = [{P, R} || {disasm_error, P, R} <- Results],
    Mismatches = [M || M = {mismatch, _, _} <- Results],
    lists:foreach(fun({mismatch, P, Why}) -> io:format("MISMATCH ~ts~n  ~ts~n", [P, Why]) end,
                  lists:sublist(Mismatches, 25)),
    lists:foreach(fun({P, R}) -> io:format("BEAM_DISASM_ERROR ~ts: ~P~n", [P, R, 12]) end, Errors),
    io:format("disasm equality: ~b compared, ~b equal, ~b beam_disasm errors~n",
              [length(Results) - length(Errors), Equal, length(Errors)]),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: disasm_compare.escript MANIFEST~n", []),
    halt(2).

check_term(Hex, Text) ->
    T = binary_to_term(binary:decode_hex(Hex)),
    {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Text) ++ "."),
    case erl_parse:parse_term(Tokens) of
        {ok, Parsed} ->
            case Parsed =:= normalise(T) of
                true -> ok;
                false -> {differ, T, Text}
            end;
        Error ->
            {differ, T, io_lib:format("~ts (does not parse: ~p)", [Text, Error])}
    end.

pmap(F, Items, N) ->
    Parent = self(),
    Indexed = lists:zip(lists:seq(1, length(Items)), Items),
    Chunks = [[X || {I, _} = X <- Indexed, I rem N =:= K] || K <- lists:seq(0, N - 1)],
    Pids = [spawn_link(fun() -> Parent ! {self(), [{I, F(X)} || {I, X} <- Chunk]} end)
            || Chunk <- Chunks],
    All = lists:append([receive {P, R} -> R end || P <- Pids]),
    [R || {_, R} <- lists:keysort(1, All)].

compare({Beam, Ours}) ->
    BeamPath = binary_to_list(Beam),
    case beam_disasm:file(BeamPath) of
        {error, _, Reason} ->
            {disasm_error, Beam, Reason};
        Theirs0 ->
            Theirs = normalise(tuple_to_list(Theirs0)),
            case Ours of
                <<"-">> ->
                    {mismatch, Beam, "our reader failed on this file"};
                _ ->
                    case file:consult(binary_to_list(Ours)) of
                        {ok, [Term]} ->
                            Mine = tuple_to_list(Term),
                            case Mine =:= Theirs of
                                true -> {equal, Beam};
                                false -> {mismatch, Beam, first_difference(Mine, Theirs, [])}
                            end;
                        Other ->
                            {mismatch, Beam, io_lib:format("cannot consult our output: ~P", [Other, 10])}
                    end
            end
    end.

%% The normalisation of values that have no source text; beamwasm prints the same tuples.
normalise(T) when is_pid(T) ->
    <<_:8, 88, _/binary>> = B = term_to_binary(T),
    <<Id:32, Serial:32, Creation:32>> = binary:part(B, byte_size(B), -12),
    {'$pid', node(T), Id, Serial, Creation};
normalise(T) when is_port(T) ->
    case term_to_binary(T) of
        <<_:8, 120, _/binary>> = B ->
            <<Id:64, Creation:32>> = binary:part(B, byte_size(B), -12),
            {'$port', node(T), Id, Creation};
        B ->
            <<Id:32, Creation:32>> = binary:part(B, byte_size(B), -8),
            {'$port', node(T), Id, Creation}
    end;
normalise(T) when is_reference(T) ->
    <<_:8, 90, Len:16, _/binary>> = B = term_to_binary(T),
    <<Creation:32, Ids/binary>> = binary:part(B, byte_size(B), -(4 + 4 * Len)),
    {'$ref', node(T), Creation, [Id || <<Id:32>> <= Ids]};
normalise(T) when is_function(T) ->
    case erlang:fun_info(T, type) of
        {type, external} ->
            T;
        {type, local} ->
            I = fun(K) -> element(2, erlang:fun_info(T, K)) end,
            {'$fun', I(module), I(arity), I(new_uniq), I(new_index), I(index), I(uniq),
             normalise(I(env))}
    end;
normalise([H | T]) ->
    [normalise(H) | normalise(T)];
normalise(T) when is_tuple(T) ->
    list_to_tuple(normalise(tuple_to_list(T)));
normalise(T) when is_map(T) ->
    maps:from_list(normalise(maps:to_list(T)));
normalise(T) ->
    T.

first_difference(A, B, Path) when is_tuple(A), is_tuple(B), tuple_size(A) =:= tuple_size(B) ->
    first_difference(tuple_to_list(A), tuple_to_list(B), Path);
first_difference([A | As], [B | Bs], Path) ->
    case A =:= B of
        true -> first_difference(As, Bs, [next | Path]);
        false -> first_difference(A, B, [head | Path])
    end;
first_difference(A, B, Path) ->
    io_lib:format("at element path ~w (0-based, through tuples and lists):~n    ours:       ~P~n    beam_disasm: ~P",
                  [describe(lists:reverse(Path)), A, 25, B, 25]).

describe(Path) ->
    describe(Path, 0, []).
describe([next | T], N, Acc) -> describe(T, N + 1, Acc);
describe([head | T], N, Acc) -> describe(T, 0, [N | Acc]);
describe([], _, Acc) -> lists:reverse(Acc).
