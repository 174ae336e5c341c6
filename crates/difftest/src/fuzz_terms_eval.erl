%% The evaluator of the term fuzzer (crates/difftest/src/fuzz_terms.rs). The generator
%% appends `cases() -> [...]` to this text and names the module; the same .beam then runs
%% on the real VM and through beamwasm, and prints one line per case:
%%     Index Result
%% where Result is {ok, Value} or {Class, Reason}, written with ~w. Every sub-result that
%% may raise is wrapped on its own (tc/1), so one failing part does not hide the others.
%% main/1 takes the index of the first case to run, so a run that stopped can be resumed
%% after the case that stopped it.

main([Start]) ->
    S = binary_to_integer(Start),
    run(lists:nthtail(S, cases()), S).

run([], _) -> ok;
run([C | Cs], I) ->
    R = tc(fun() -> eval(C) end),
    io:put_chars(unicode:characters_to_binary([integer_to_list(I), $\s, io_lib:format("~w", [R]), $\n])),
    run(Cs, I + 1).

tc(F) ->
    try {ok, F()} catch Class:Reason -> {Class, Reason} end.

%% ---- comparison and hashing --------------------------------------------------------------
eval({cmp, A, B}) ->
    {A < B, A == B, A =:= B, A > B, A =< B, A >= B, A /= B, A =/= B, max(A, B), min(A, B)};
eval({sort, L}) ->
    {lists:sort(L), lists:usort(L), lists:sort(fun(X, Y) -> X >= Y end, L)};
eval({phash2, T}) -> erlang:phash2(T);
eval({phash2, T, N}) -> erlang:phash2(T, N);
eval({phash, T, N}) -> erlang:phash(T, N);
eval({eqkey, A, B}) ->
    %% Map keys use exact equality; a map with both shows how the VM merges them.
    M = maps:from_list([{A, 1}, {B, 2}]),
    {map_size(M), maps:to_list(M), tc(fun() -> maps:get(B, #{A => x}) end)};

%% ---- external term format ----------------------------------------------------------------
eval({t2b, T, Opts}) ->
    B = term_to_binary(T, Opts),
    {B, tc(fun() -> binary_to_term(B) =:= T end), tc(fun() -> erlang:external_size(T, Opts) end)};
eval({b2t_mut, T, Pos, X}) ->
    B = term_to_binary(T),
    P = Pos rem byte_size(B),
    <<H:P/binary, Y, R/binary>> = B,
    M = <<H/binary, (Y bxor X), R/binary>>,
    case Y bxor X of
        %% the VM's internal atom-index tags, whose meaning depends on its atom table
        Tag when Tag =:= $I; Tag =:= $K -> skipped;
        _ ->
            {tc(fun() -> binary_to_term(M) end), tc(fun() -> binary_to_term(M, [safe]) end),
             tc(fun() -> binary_to_term(M, [used]) end)}
    end;
eval({b2t_trunc, T, Len}) ->
    B = term_to_binary(T),
    binary_to_term(binary:part(B, 0, Len rem byte_size(B)));
eval({b2t, Bin}) ->
    {tc(fun() -> binary_to_term(Bin) end), tc(fun() -> binary_to_term(Bin, [safe, used]) end)};

%% ---- arithmetic --------------------------------------------------------------------------
eval({arith, Op, A, B}) -> arith(Op, A, B);
eval({arith1, Op, A}) -> arith1(Op, A);
eval({int2str, I, Base}) ->
    {tc(fun() -> integer_to_binary(I, Base) end), tc(fun() -> integer_to_list(I, Base) end),
     tc(fun() -> integer_to_binary(I) end), tc(fun() -> 'Elixir.Integer':digits(I, Base) end)};
eval({str2int, S, Base}) ->
    {tc(fun() -> binary_to_integer(S, Base) end), tc(fun() -> list_to_integer(binary_to_list(S), Base) end),
     tc(fun() -> binary_to_integer(S) end), tc(fun() -> 'Elixir.Integer':parse(S, Base) end),
     tc(fun() -> string:to_integer(S) end)};
eval({pow, A, B}) -> 'Elixir.Integer':pow(A, B);

%% ---- floats ------------------------------------------------------------------------------
eval({f2b, F, Opts}) ->
    {tc(fun() -> float_to_binary(F, Opts) end), tc(fun() -> float_to_list(F, Opts) end)};
eval({fshow, F}) ->
    {float_to_list(F), float_to_binary(F, [short]), 'Elixir.Float':to_string(F),
     'Elixir.Kernel':inspect(F), io_lib:format("~w ~p", [F, F]), tc(fun() -> io_lib:format("~f ~e ~g", [F, F, F]) end)};
eval({fround, F, P}) ->
    {tc(fun() -> 'Elixir.Float':round(F, P) end), tc(fun() -> 'Elixir.Float':ceil(F, P) end),
     tc(fun() -> 'Elixir.Float':floor(F, P) end), tc(fun() -> round(F) end), tc(fun() -> trunc(F) end),
     tc(fun() -> ceil(F) end), tc(fun() -> floor(F) end)};
eval({str2f, S}) ->
    {tc(fun() -> binary_to_float(S) end), tc(fun() -> list_to_float(binary_to_list(S)) end),
     tc(fun() -> 'Elixir.Float':parse(S) end), tc(fun() -> string:to_float(S) end)};
eval({fbin, F, Size, End}) ->
    B = case End of big -> <<F:Size/float>>; little -> <<F:Size/float-little>> end,
    {B, tc(fun() -> case End of big -> <<G:Size/float>> = B, G; little -> <<G:Size/float-little>> = B, G end end)};

%% ---- printing ----------------------------------------------------------------------------
eval({fmt, Fmt, Args}) -> unicode:characters_to_binary(io_lib:format(Fmt, Args));
eval({inspect, T, Opts}) -> 'Elixir.Kernel':inspect(T, Opts);

%% ---- maps --------------------------------------------------------------------------------
eval({mapb, Pairs}) ->
    M = maps:from_list(Pairs),
    {maps:to_list(M), map_size(M), maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], M),
     erlang:phash2(M), M};
eval({mapops, Pairs, Ops}) ->
    maps:to_list(lists:foldl(fun mapop/2, maps:from_list(Pairs), Ops));

%% ---- binaries and text -------------------------------------------------------------------
eval({iolist, L}) ->
    {tc(fun() -> iolist_to_binary(L) end), tc(fun() -> iolist_size(L) end),
     tc(fun() -> list_to_binary(L) end), tc(fun() -> erlang:iolist_to_iovec(L) end)};
eval({uni, Data, In, Out}) ->
    {tc(fun() -> unicode:characters_to_binary(Data, In, Out) end),
     tc(fun() -> unicode:characters_to_list(Data, In) end)};
eval({binmod, Op, Args}) -> binmod(Op, Args);

%% ---- bit syntax and math -----------------------------------------------------------------
eval({bits, V, S}) ->
    B1 = tc(fun() -> <<V:S>> end),
    {B1, tc(fun() -> <<V:S/little-signed>> end), tc(fun() -> <<V:S/float>> end),
     case B1 of
         {ok, B} -> {tc(fun() -> <<X:S/signed>> = B, X end), tc(fun() -> <<X:S/little>> = B, X end),
                     tc(fun() -> <<X:S/float>> = B, X end)};
         _ -> none
     end};
eval({bitsub, B, N, M}) ->
    {tc(fun() -> <<_:N, X:M/bitstring, _/bitstring>> = B, X end),
     tc(fun() -> <<_:N, X:M/integer-signed, _/bitstring>> = B, X end),
     tc(fun() -> <<X:N/binary-unit:1, _/bitstring>> = B, X end)};
eval({utf, C}) ->
    {tc(fun() -> <<C/utf8>> end), tc(fun() -> <<C/utf16>> end), tc(fun() -> <<C/utf16-little>> end),
     tc(fun() -> <<C/utf32>> end), tc(fun() -> <<C/utf32-little>> end)};
eval({utfm, B}) ->
    {m8(B), m16(B), m16l(B), m32(B), m32l(B)};
eval({math, F, X}) -> mathf(F, X).

m8(<<C/utf8, R/binary>>) -> {C, R}; m8(_) -> nomatch.
m16(<<C/utf16, R/binary>>) -> {C, R}; m16(_) -> nomatch.
m16l(<<C/utf16-little, R/binary>>) -> {C, R}; m16l(_) -> nomatch.
m32(<<C/utf32, R/binary>>) -> {C, R}; m32(_) -> nomatch.
m32l(<<C/utf32-little, R/binary>>) -> {C, R}; m32l(_) -> nomatch.

mathf(sin, X) -> math:sin(X);
mathf(cos, X) -> math:cos(X);
mathf(tan, X) -> math:tan(X);
mathf(asin, X) -> math:asin(X);
mathf(acos, X) -> math:acos(X);
mathf(atan, X) -> math:atan(X);
mathf(sinh, X) -> math:sinh(X);
mathf(cosh, X) -> math:cosh(X);
mathf(tanh, X) -> math:tanh(X);
mathf(asinh, X) -> math:asinh(X);
mathf(acosh, X) -> math:acosh(X);
mathf(atanh, X) -> math:atanh(X);
mathf(exp, X) -> math:exp(X);
mathf(log, X) -> math:log(X);
mathf(log2, X) -> math:log2(X);
mathf(log10, X) -> math:log10(X);
mathf(sqrt, X) -> math:sqrt(X);
mathf(erf, X) -> math:erf(X);
mathf(erfc, X) -> math:erfc(X);
mathf(ceil, X) -> math:ceil(X);
mathf(floor, X) -> math:floor(X);
mathf({pow, Y}, X) -> math:pow(X, Y);
mathf({atan2, Y}, X) -> math:atan2(X, Y);
mathf({fmod, Y}, X) -> math:fmod(X, Y).

mapop({put, K, V}, M) -> maps:put(K, V, M);
mapop({remove, K}, M) -> maps:remove(K, M);
mapop({merge, Pairs}, M) -> maps:merge(M, maps:from_list(Pairs));
mapop({update, K, V}, M) -> try maps:update(K, V, M) catch error:_ -> M end;
mapop({take, K}, M) -> case maps:take(K, M) of {_, M2} -> M2; error -> M end.

binmod(split, [B, P, O]) -> binary:split(B, P, O);
binmod(matches, [B, P]) -> {binary:match(B, P), binary:matches(B, P)};
binmod(replace, [B, P, R, O]) -> binary:replace(B, P, R, O);
binmod(part, [B, S, L]) -> binary:part(B, S, L);
binmod(unsigned, [I]) -> E = binary:encode_unsigned(I), {E, binary:decode_unsigned(E), binary:encode_unsigned(I, little)};
binmod(first_last, [B]) -> {binary:first(B), binary:last(B), binary:at(B, 0)};
binmod(bin_to_list, [B, S, L]) -> binary:bin_to_list(B, S, L);
binmod(longest, [L]) -> {binary:longest_common_prefix(L), binary:longest_common_suffix(L)};
binmod(copy, [B, N]) -> binary:copy(B, N).

arith('+', A, B) -> A + B;
arith('-', A, B) -> A - B;
arith('*', A, B) -> A * B;
arith('/', A, B) -> A / B;
arith('div', A, B) -> A div B;
arith('rem', A, B) -> A rem B;
arith('band', A, B) -> A band B;
arith('bor', A, B) -> A bor B;
arith('bxor', A, B) -> A bxor B;
arith('bsl', A, B) -> A bsl B;
arith('bsr', A, B) -> A bsr B;
arith(divrem, A, B) -> {'Elixir.Integer':floor_div(A, B), 'Elixir.Integer':mod(A, B)}.

arith1('-', A) -> -A;
arith1('bnot', A) -> bnot A;
arith1(abs, A) -> abs(A);
arith1(float, A) -> float(A);
arith1(round, A) -> round(A);
arith1(trunc, A) -> trunc(A);
arith1(sqrt, A) -> math:sqrt(A);
arith1(list, A) -> integer_to_list(A);
arith1(gcd, A) -> 'Elixir.Integer':gcd(A, 1000000007 * 6).
