%% term_to_binary(T, [compressed | {compressed, N}]) byte for byte as the VM writes it,
%% at every level, for terms that compress, terms that do not (the VM then writes them
%% uncompressed) and terms just around the break-even size; and binary_to_term back,
%% with `used`.
-module(term_to_binary_compressed_levels).
-export([main/0]).
-compile(nowarn_deprecated_function).

main() ->
    rand:seed(exsss, {7, 8, 9}),
    Terms = [ok, <<>>, "abcabcabcabc", lists:seq(1, 300), {a, [1.5, <<"bin">>], #{k => v}},
             lists:duplicate(50, {record, "some text", 42}), rand:bytes(300), rand:bytes(20),
             [{I, integer_to_list(I * 7919)} || I <- lists:seq(1, 2000)],
             binary:copy(<<0>>, 100000)],
    [begin
         [begin
              B = term_to_binary(T, Opt),
              T = binary_to_term(B),
              {T, U} = binary_to_term(B, [used]),
              U = byte_size(B),
              io:format("~w ~b ~b ~b~n", [Opt, byte_size(B), erlang:crc32(B), binary:at(B, 1)])
          end || Opt <- [[], [compressed], [{compressed, 0}], [{compressed, 1}], [{compressed, 5}],
                         [{compressed, 9}], [{compressed, 3}, {minor_version, 2}]]]
     end || T <- Terms],
    io:format("~p~n", [term_to_binary({hello, "world", [1, 2, 3]}, [{compressed, 9}])]),
    Trailing = <<(term_to_binary(lists:seq(1, 100), [compressed]))/binary, "trailing">>,
    io:format("~p~n", [binary_to_term(Trailing, [used]) =:= {lists:seq(1, 100), byte_size(Trailing) - 8}]),
    io:format("~p~n", [err(fun() -> binary_to_term(<<131, 80, 0, 0, 0, 10, 120, 156, 1, 2, 3>>) end)]),
    io:format("~p~n", [err(fun() -> term_to_binary(x, [{compressed, 10}]) end)]).

err(F) ->
    try F() of V -> {ok, V} catch C:R -> {C, R} end.
