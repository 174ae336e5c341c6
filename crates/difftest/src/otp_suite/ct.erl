%% Stand-in for the parts of common_test's `ct` module that OTP's test suites call, for
%% the runner beamwasm_ct.erl (common_test itself is not installed, and its real module
%% would start common_test's servers).
-module(ct).
-export([fail/1, fail/2, skip/1, timetrap/1, sleep/1, comment/1, pal/1, pal/2, pal/3, pal/4,
         log/1, log/2, log/3, log/4, print/1, print/2, print/3, print/4, get_config/1,
         get_config/2, capture_start/0, capture_stop/0, capture_get/0, abort_current_testcase/1]).

fail(Reason) -> throw({beamwasm_ct_fail, Reason}).
fail(Format, Args) -> throw({beamwasm_ct_fail, lists:flatten(io_lib:format(Format, Args))}).
skip(Reason) -> exit({beamwasm_ct_skip, Reason}).
timetrap(_) -> ok.
sleep({seconds, S}) -> timer:sleep(S * 1000);
sleep({minutes, M}) -> timer:sleep(M * 60000);
sleep(Ms) -> timer:sleep(Ms).
comment(_) -> ok.
pal(_) -> ok.
pal(_, _) -> ok.
pal(_, _, _) -> ok.
pal(_, _, _, _) -> ok.
log(_) -> ok.
log(_, _) -> ok.
log(_, _, _) -> ok.
log(_, _, _, _) -> ok.
print(_) -> ok.
print(_, _) -> ok.
print(_, _, _) -> ok.
print(_, _, _, _) -> ok.
get_config(_) -> undefined.
get_config(_, Default) -> Default.
capture_start() -> ok.
capture_stop() -> ok.
capture_get() -> [].
abort_current_testcase(Reason) -> exit({beamwasm_ct_abort, Reason}).
