%% Cases for atom_bif.wat: atom_to_list/1, atom_to_binary/2, binary_to_atom/2,
%% binary_to_existing_atom/2, list_to_atom/1, list_to_existing_atom/1 (encodings, invalid
%% UTF-8, surrogates, the 255-character limit and where system_limit wins over badarg),
%% and the type tests as BIFs.
-module(lt_atoms).
-export([cases/0]).

cases() ->
    Atoms = [a, 'A b', '', 'é', 'ф', list_to_atom([16#10000]), list_to_atom(lists:duplicate(255, $a)),
             list_to_atom(lists:duplicate(255, 16#10FFFF)), list_to_atom([255, 128, 127]), "a", 1, <<"a">>],
    Bins = [<<>>, <<"lt_abc">>, <<255>>, <<195, 169>>, <<"é"/utf8>>, <<237, 160, 128>>, <<192, 128>>, <<224, 128, 128>>,
            <<240, 144, 128, 128>>, <<244, 144, 128, 128>>, <<248, 128, 128, 128, 128>>, <<"abc", 1:1>>, <<195>>,
            <<226, 130>>, <<237, 159, 191>>, <<238, 128, 128>>, <<239, 191, 191>>, <<244, 143, 191, 191>>,
            binary:copy(<<"a">>, 255), binary:copy(<<"a">>, 256), binary:copy(<<233>>, 255), binary:copy(<<233>>, 256),
            binary:copy(<<233/utf8>>, 255), binary:copy(<<233/utf8>>, 256), binary:copy(<<16#10000/utf8>>, 255),
            binary:copy(<<16#10000/utf8>>, 256), <<(binary:copy(<<"a">>, 255))/binary, 255>>,
            <<(binary:copy(<<"a">>, 254))/binary, 255>>, <<255, (binary:copy(<<"a">>, 300))/binary>>,
            <<255, (binary:copy(<<"a">>, 2000))/binary>>, <<"ok">>, <<"nonexistent_atom_lt_1">>, abc, "abc"],
    Lists = [[], "abc", [256], [255], [16#10FFFF], [16#110000], [16#D800], [16#DFFF], [16#E000], [-1], [a], [$a | b],
             ["a"], <<"a">>, a, lists:duplicate(255, $a), lists:duplicate(256, $a), lists:duplicate(255, 16#10000),
             lists:duplicate(256, 16#10000), lists:duplicate(255, $a) ++ [a], lists:duplicate(255, $a) ++ b,
             [a | lists:duplicate(300, $a)], lists:duplicate(300, $a) ++ [-1], "ok", "nonexistent_atom_lt_2",
             [1 bsl 40], [1.0]],
    Encs = [latin1, utf8, unicode, utf16, foo, "utf8"],
    [{erlang, atom_to_list, [A]} || A <- Atoms] ++
    [{erlang, atom_to_binary, [A, E]} || A <- Atoms, E <- Encs] ++
    [{erlang, binary_to_existing_atom, [B, E]} || B <- Bins, E <- Encs] ++
    [{erlang, list_to_existing_atom, [L]} || L <- Lists] ++
    [{erlang, binary_to_atom, [B, E]} || B <- Bins, E <- Encs] ++
    [{erlang, list_to_atom, [L]} || L <- Lists] ++
    [{erlang, F, [T]} || F <- [is_atom, is_integer, is_float, is_number, is_boolean, is_list, is_tuple, is_pid,
                               is_port, is_reference, is_function],
                         T <- [a, true, false, 1, -1, 1 bsl 40, 1 bsl 70, 1.0, [], [a], [a | b], {}, {a}, <<>>,
                               <<1:1>>, <<"ab">>, fun lists:map/2, fun() -> ok end]].
