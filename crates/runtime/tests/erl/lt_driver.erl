%% The VM side of crates/runtime/tests/lists_tuples_atoms.rs: evaluates the {M, F, Args}
%% cases of a case module (its cases/0, or another function given) and writes one line per case, "M:F/Arity ArgsHex ExpectedHex",
%% the hex being the external format of the argument list (funs replaced by the stand-ins
%% testing_lists.wat understands) and of {ok, Result} | {error, Reason}.
-module(lt_driver).
-export([main/1, literals/1, display_text/1, is_function2/1, nodes2/2, md5_init_state/0, md5_update_final/2,
         max_heap_size_info/0, display_map/1]).

main([Mod, Out]) ->
    main([Mod, "cases", Out]);
main([Mod, Fun, Out]) ->
    Cases = (list_to_atom(Mod)):(list_to_atom(Fun))(),
    ok = file:write_file(Out, [line(C) || C <- Cases]),
    halt().

line({M, F, Args}) ->
    R = try {ok, apply(M, F, Args)} catch error:E -> {error, E} end,
    [atom_to_list(M), $:, atom_to_list(F), $/, integer_to_list(length(Args)), $\s,
     binary:encode_hex(term_to_binary(stand_in(Args))), $\s,
     binary:encode_hex(term_to_binary(R)), $\n].

%% For crates/runtime/tests/literal_pool.rs: each line of In is the ETF hex of a tuple of
%% literals; writes per line the ETF hex of {ok, Tuple} with maps shown as
%% {'$map', maps:to_list(M)}, as testing_lists.wat's test:literals shows them.
literals([In, Out]) ->
    {ok, D} = file:read_file(In),
    Lines = [L || L <- binary:split(D, <<"\n">>, [global]), L =/= <<>>],
    ok = file:write_file(Out, [[binary:encode_hex(term_to_binary({ok, show_maps(binary_to_term(binary:decode_hex(L)))})), $\n]
                               || L <- Lines]),
    halt().

show_maps(M) when is_map(M) -> {'$map', [{show_maps(K), show_maps(V)} || {K, V} <- maps:to_list(M)]};
show_maps([H | T]) -> [show_maps(H) | show_maps(T)];
show_maps(T) when is_tuple(T) -> list_to_tuple(show_maps(tuple_to_list(T)));
show_maps(X) -> X.

%% Funs as {'$fun', M, F, A} (external) or {'$fun', M, Name, Arity, Index, Uniq, Env}.
stand_in(F) when is_function(F) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    case erlang:fun_info(F, type) of
        {type, external} -> {'$fun', M, N, A};
        {type, local} ->
            {index, I} = erlang:fun_info(F, index),
            {uniq, U} = erlang:fun_info(F, uniq),
            {env, Env} = erlang:fun_info(F, env),
            {'$fun', M, N, A, I, U, stand_in(Env)}
    end;
stand_in([H | T]) -> [stand_in(H) | stand_in(T)];
stand_in(T) when is_tuple(T) -> list_to_tuple(stand_in(tuple_to_list(T)));
stand_in(X) -> X.

%% What erlang:display/1 prints, without the newline.
display_text(T) ->
    S = erts_debug:display(T),
    list_to_binary(lists:droplast(S)).

%% is_function(F, N) as a guard: a bad N fails the guard.
is_function2({F, N}) ->
    if is_function(F, N) -> true; true -> false end.

%% erlang:nodes/2 with the options as a list of pairs and each Info map as a sorted list.
nodes2(Arg, Opts) ->
    [{N, lists:sort(maps:to_list(I))} || {N, I} <- erlang:nodes(Arg, maps:from_list(Opts))].

%% The deterministic part of md5_init/0 (the rest of the VM's context is stray memory).
md5_init_state() ->
    binary:part(erlang:md5_init(), 0, 24).

%% md5_final(md5_update(C, D)): digests compare, contexts (with stray bytes) do not.
md5_update_final(C, D) ->
    erlang:md5_final(erlang:md5_update(C, D)).

%% system_info(max_heap_size) as a sorted list (maps cannot cross into the runtime's tests).
max_heap_size_info() ->
    lists:sort(maps:to_list(erlang:system_info(max_heap_size))).

%% What erlang:display/1 prints for maps:from_list(L): a hash-trie map shows its structure.
display_map(L) ->
    display_text(maps:from_list(L)).
