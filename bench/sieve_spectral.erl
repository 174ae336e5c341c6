%% Benchmark: integer and float arithmetic — an incremental (map-based) sieve of Eratosthenes
%% counting primes below 1,000,000, plus the spectral norm (n = 150) in float math.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(sieve_spectral).
-export([main/0]).

%% Sieve with a map of composite -> step (incremental sieve), counting primes below N.
primes_below(N) -> sieve(2, N, #{}, 0, 0).

sieve(I, N, _Comp, Count, Sum) when I >= N -> {Count, Sum};
sieve(I, N, Comp, Count, Sum) ->
    case maps:take(I, Comp) of
        error ->
            sieve(I + 1, N, Comp#{I * I => I}, Count + 1, (Sum + I) rem 1000000007);
        {Step, Comp2} ->
            sieve(I + 1, N, mark(I + Step, Step, Comp2), Count, Sum)
    end.

mark(C, Step, Comp) ->
    case Comp of
        #{C := _} -> mark(C + Step, Step, Comp);
        _ -> Comp#{C => Step}
    end.

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) / 2 + I + 1).

mul_av(V, N) -> [lists:sum([a(I, J) * Vj || {J, Vj} <- lists:zip(lists:seq(0, N - 1), V)]) || I <- lists:seq(0, N - 1)].
mul_atv(V, N) -> [lists:sum([a(J, I) * Vj || {J, Vj} <- lists:zip(lists:seq(0, N - 1), V)]) || I <- lists:seq(0, N - 1)].
mul_atav(V, N) -> mul_atv(mul_av(V, N), N).

spectral(N) ->
    U0 = lists:duplicate(N, 1.0),
    {U, V} = lists:foldl(fun(_, {U1, _}) -> V1 = mul_atav(U1, N), {mul_atav(V1, N), V1} end, {U0, U0}, lists:seq(1, 10)),
    VBv = lists:sum([Ui * Vi || {Ui, Vi} <- lists:zip(U, V)]),
    Vv = lists:sum([Vi * Vi || Vi <- V]),
    math:sqrt(VBv / Vv).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    P = primes_below(1000000),
    S = spectral(150),
    T1 = erlang:monotonic_time(microsecond),
    io:format("primes=~p spectral=~.9f~n", [P, S]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
