%% A failed bs_create_bin (OTP 25) raises badarg or system_limit with the error info the VM
%% builds (cause => {Segment, Type, Info, Value}): every segment type, bad sizes, units,
%% short binaries, appends, and the order in which the VM checks segments.
-module(binary_construction_error_info).
-export([main/0]).
-export([int_sz/2, int/1, flt/1, flt_sz/2, bin/1, bin_sz/2, bin_all8/1, utf8/1, utf16/1, utf32/1,
         two/2, app/2, app_unit/2, mixed/3, bin_unit2/1, big_sz/1, str/1]).
int_sz(X, S) -> <<X:S>>.
int(X) -> <<X:8>>.
flt(X) -> <<X:64/float>>.
flt_sz(X, S) -> <<X:S/float>>.
bin(X) -> <<X/binary>>.
bin_sz(X, S) -> <<X:S/binary>>.
bin_all8(X) -> <<X/bits, 1:1>>.
bin_unit2(X) -> <<X:2/binary-unit:3>>.
utf8(X) -> <<X/utf8>>.
utf16(X) -> <<X/utf16>>.
utf32(X) -> <<X/utf32>>.
two(A, B) -> <<A/utf8, B/binary>>.
app(Acc, X) -> <<Acc/binary, X:8>>.
app_unit(Acc, X) -> <<Acc/binary-unit:8, X/bits>>.
mixed(A, B, C) -> <<A:8, B/binary, C/float>>.
big_sz(S) -> <<0:S>>.
str(X) -> <<"abc", X/binary, "de">>.

run(F, Args) ->
    try apply(?MODULE, F, Args) of
        V -> io:format("~p ok ~p~n", [F, V])
    catch error:R:St ->
        [{M, Fn, A, Loc} | _] = St,
        Info = proplists:get_value(error_info, Loc),
        io:format("~p ~p ~p ~p~n  ~p~n", [F, R, {M, Fn, A}, proplists:get_value(line, Loc), Info]),
        case Info of
            #{module := EM, function := EF} ->
                io:format("  ~p~n", [EM:EF(R, St)]);
            _ -> ok
        end
    end.

main() ->
    run(int_sz, [1, -1]), run(int_sz, [1, foo]), run(int_sz, [1, 1.0]),
    run(int_sz, [1, 1 bsl 70]), run(int_sz, [1, -(1 bsl 70)]),
    run(int, [foo]), run(int, [1.5]), run(int, [<<1>>]),
    run(flt, [foo]), run(flt, [1 bsl 1100]), run(flt, [<<>>]),
    run(flt_sz, [1.0, 8]), run(flt_sz, [foo, 8]), run(flt_sz, [1.0, -3]),
    run(flt_sz, [1 bsl 1100, 32]),
    run(bin, [123]), run(bin, [foo]), run(bin, [<<1:3>>]),
    run(bin_sz, [<<1,2>>, 3]), run(bin_sz, [foo, 1]), run(bin_sz, [<<1>>, x]),
    run(bin_all8, [foo]), run(bin_unit2, [<<1,2,3>>]), run(bin_unit2, [foo]),
    run(utf8, [-1]), run(utf8, [16#D800]), run(utf8, [16#110000]), run(utf8, [foo]), run(utf8, [1 bsl 80]),
    run(utf16, [-1]), run(utf16, [foo]), run(utf32, [16#DFFF]), run(utf32, [bar]),
    run(two, [-1, foo]), run(two, [-1, <<>>]),
    run(app, [foo, 1]), run(app, [<<1:4>>, 1]), run(app, [<<>>, foo]),
    run(app_unit, [<<1:4>>, <<>>]), run(app_unit, [<<>>, 7]),
    run(mixed, [foo, bar, baz]), run(mixed, [1, bar, baz]), run(mixed, [1, <<>>, baz]),
    run(str, [x]), run(str, [<<"z">>]), run(big_sz, [1 bsl 62]), run(big_sz, [-5]),
    ok.
