;; hostcall.wat — the host channel: effects that are terms rather than bytes (docs/ABI.md
;; §6, "The host channel"). A request is a term `{Op, Args}` in the external term format;
;; the host answers with a term the same way (bw.host_call), or later, for an effect that
;; completes asynchronously, by delivering a message to a process (bw_deliver). The Erlang
;; side is erl/beamwasm_host.erl; the effects themselves (HTTP responses, SQL, calls to
;; other objects, alarms) are documented where they are used.

;; beamwasm_rt:host_call(Request) -> {ok, Reply} | {error, Atom}: Request is encoded and
;; handed to the host; its answer decoded. `{error, unwired}` means this host has no such
;; effect; a host without the channel at all raises {unwired_host_effect, host_call} from
;; its stub. A term term_to_binary cannot encode is badarg.
(func $beamwasm_rt:host_call/1 (param $req eqref) (result eqref)
  (local $bin eqref) (local $r i32) (local $reply eqref)
  (local.set $bin (call $erlang:term_to_binary/1 (local.get $req)))
  (if (call $is_fail (local.get $bin)) (then (return (call $fail_badarg))))
  (local.set $r (call $host.host_call (i32.const 0)
    (call $stage_bytes (ref.cast (ref $bin) (local.get $bin)) (i32.const 0))))
  (if (i32.lt_s (local.get $r) (i32.const 0))
    (then (return (call $error_result (local.get $r)))))
  (local.set $reply (call $erlang:binary_to_term/1 (call $bin_from_memory (i32.const 0) (local.get $r))))
  (if (call $is_fail (local.get $reply))
    (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.badarg)))))
  (call $tuple2 (global.get $atom.ok) (local.get $reply)))

;; bw_deliver(Msg): Msg is `{Pid, Message}` in the external term format; Message is sent to
;; Pid, a process of this program. 0, or noproc (the process has exited) / badarg by the
;; result convention. Runs nothing: the host then drives bw_run.
(func $bw_deliver (export "bw_deliver") (param $ptr i32) (param $len i32) (result i32)
  (local $t eqref) (local $tup (ref null $tuple)) (local $p (ref null $proc))
  (local.set $t (call $erlang:binary_to_term/1 (call $bin_from_memory (local.get $ptr) (local.get $len))))
  (if (call $is_fail (local.get $t)) (then (return (call $stage_error (global.get $atom.badarg)))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (call $stage_error (global.get $atom.badarg)))))
  (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.ne (array.len (ref.as_non_null (local.get $tup))) (i32.const 2))
    (then (return (call $stage_error (global.get $atom.badarg)))))
  (if (i32.eqz (ref.test (ref $pid) (array.get $tuple (ref.as_non_null (local.get $tup)) (i32.const 0))))
    (then (return (call $stage_error (global.get $atom.badarg)))))
  (local.set $p (call $pid_proc (array.get $tuple (ref.as_non_null (local.get $tup)) (i32.const 0))))
  (if (call $proc_dead (local.get $p)) (then (return (call $stage_error (global.get $atom.noproc)))))
  (call $deliver (ref.as_non_null (local.get $p)) (array.get $tuple (ref.as_non_null (local.get $tup)) (i32.const 1)))
  (i32.const 0))
