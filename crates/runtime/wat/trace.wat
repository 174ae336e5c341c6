;; trace.wat — erlang:trace/3 for the `running` flag: a traced process's tracer gets
;; {trace, Pid, in, MFA} each time the scheduler runs it and {trace, Pid, out, MFA} each
;; time it stops (a yield, a receive that waits, hibernation), as the VM's
;; trace_schedule_in/out send them; trace_delivered/1 and trace_info/2 answer for it.
;; Other trace flags and process specifications raise {beamwasm_unsupported, {erlang,
;; trace, What}}.
;;
;; MFA: where the runtime knows where the process stopped, it says so ($trace_mfa, set by
;; a trapping BIF before it yields: re:run's continuation is {erlang, re_run_trap, 3} as
;; on the VM); otherwise it is the process's initial call, as process_info's
;; current_function is here (docs/LIMITATIONS.md). `in` carries the MFA of the `out` before
;; it.

;; The traced processes: a list of mutable tuples {Proc, Tracer pid, MFA of the last out}.
(global $tracees (mut eqref) (ref.null none))
;; Where the running process stopped, when the runtime knows it; read at the next `out`.
(global $trace_mfa (mut eqref) (ref.null none))

;; The entry of process `p`, or null.
(func $trace_entry (param $p (ref $proc)) (result (ref null $tuple))
  (local $l eqref) (local $e (ref $tuple))
  (local.set $l (global.get $tracees))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $p)) (then (return (local.get $e))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

(func $trace_initial (param $p (ref $proc)) (result eqref)
  (local $v eqref)
  (local.set $v (struct.get $proc $initial_call (local.get $p)))
  ;; A process spawned with a fun starts in erlang:apply/2, as on the VM.
  (if (i32.eqz (ref.test (ref $tuple) (local.get $v)))
    (then (local.set $v (call $tuple3 (global.get $atom.erlang) (global.get $atom.apply) (ref.i31 (i32.const 2))))))
  (local.get $v))

;; The scheduler runs (`out` 0) or stops (`out` 1) process `p`. Called only when some
;; process is traced.
(func $trace_sched (param $p (ref $proc)) (param $out i32)
  (local $e (ref null $tuple)) (local $mfa eqref) (local $tracer (ref null $proc))
  (local.set $e (call $trace_entry (local.get $p)))
  (if (ref.is_null (local.get $e)) (then (global.set $trace_mfa (ref.null none)) (return)))
  (if (local.get $out)
    (then
      (local.set $mfa (global.get $trace_mfa))
      (if (ref.is_null (local.get $mfa)) (then (local.set $mfa (call $trace_initial (local.get $p)))))
      (array.set $tuple (ref.as_non_null (local.get $e)) (i32.const 2) (local.get $mfa)))
    (else
      (local.set $mfa (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 2)))
      (if (ref.is_null (local.get $mfa)) (then (local.set $mfa (call $trace_initial (local.get $p)))))))
  (global.set $trace_mfa (ref.null none))
  (local.set $tracer (call $pid_proc (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1))))
  (if (call $proc_dead (local.get $tracer))
    (then
      ;; The tracer is gone: tracing stops, as the VM's does.
      (global.set $tracees (call $list_without (global.get $tracees) (local.get $e)))
      (return)))
  (call $deliver (ref.as_non_null (local.get $tracer))
    (call $tuple4 (global.get $atom.trace) (struct.get $proc $pid (local.get $p))
      (select (result eqref) (global.get $atom.out) (global.get $atom.in) (local.get $out)) (local.get $mfa))))

;; Forgets the entries of exited processes.
(func $trace_prune
  (local $l eqref) (local $keep eqref) (local $e (ref $tuple))
  (local.set $l (global.get $tracees))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (i32.ne (struct.get $proc $state (ref.cast (ref $proc) (array.get $tuple (local.get $e) (i32.const 0)))) (global.get $EXITED))
          (then (local.set $keep (struct.new $cons (local.get $e) (local.get $keep)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (global.set $tracees (local.get $keep)))

;; erlang:trace(PidSpec, How, FlagList): the number of processes matched (1 for a pid).
(func $erlang:trace/3 (param $spec eqref) (param $how eqref) (param $flags eqref) (result eqref)
  (local $l eqref) (local $f eqref) (local $t (ref $tuple)) (local $tracer eqref) (local $running i32)
  (local $p (ref null $proc)) (local $e (ref null $tuple))
  (if (i32.eqz (call $is_boolean (local.get $how))) (then (return (call $fail_badarg))))
  (if (i32.lt_s (call $list_length (local.get $flags)) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $tracer (call $self_pid))
  (local.set $l (local.get $flags))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $f (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
        (block $ok
          (if (ref.eq (local.get $f) (global.get $atom.running))
            (then (local.set $running (i32.const 1)) (br $ok)))
          (if (ref.test (ref $tuple) (local.get $f))
            (then
              (local.set $t (ref.cast (ref $tuple) (local.get $f)))
              (if (i32.and (i32.eq (array.len (local.get $t)) (i32.const 2))
                           (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.tracer)))
                (then
                  (local.set $tracer (array.get $tuple (local.get $t) (i32.const 1)))
                  (if (call $proc_dead (call $pid_proc (local.get $tracer))) (then (return (call $fail_badarg))))
                  (br $ok)))))
          (if (i32.eqz (ref.test (ref $atom) (local.get $f))) (then (return (call $fail_badarg))))
          (call $raise_unsupported (call $tuple3 (global.get $atom.erlang) (global.get $atom.trace) (local.get $f))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $spec)))
    (then
      (if (ref.test (ref $atom) (local.get $spec))
        (then (call $raise_unsupported (call $tuple3 (global.get $atom.erlang) (global.get $atom.trace) (local.get $spec)))))
      (return (call $fail_badarg))))
  (local.set $p (call $pid_proc (local.get $spec)))
  (if (call $proc_dead (local.get $p)) (then (return (call $fail_badarg))))
  (call $trace_prune)
  (if (i32.eqz (local.get $running)) (then (return (ref.i31 (i32.const 1)))))
  (local.set $e (call $trace_entry (ref.as_non_null (local.get $p))))
  (if (i32.eqz (ref.is_null (local.get $e)))
    (then (global.set $tracees (call $list_without (global.get $tracees) (local.get $e)))))
  (if (ref.eq (local.get $how) (global.get $atom.true))
    (then
      (global.set $tracees (struct.new $cons
        (array.new_fixed $tuple 3 (ref.as_non_null (local.get $p)) (local.get $tracer) (ref.null none))
        (global.get $tracees)))))
  (ref.i31 (i32.const 1)))

;; erlang:trace_delivered(Tracee): trace messages are delivered when they are sent here, so
;; {trace_delivered, Tracee, Ref} comes at once.
(func $erlang:trace_delivered/1 (param $who eqref) (result eqref)
  (local $ref eqref)
  (if (i32.eqz (i32.or (ref.test (ref $pid) (local.get $who)) (ref.eq (local.get $who) (global.get $atom.all))))
    (then (return (call $fail_badarg))))
  (local.set $ref (call $erlang:make_ref/0))
  (call $deliver (call $self_proc) (call $tuple3 (global.get $atom.trace_delivered) (local.get $who) (local.get $ref)))
  (local.get $ref))

;; erlang:trace_info(Pid, flags | tracer): what trace/3 set.
(func $erlang:trace_info/2 (param $who eqref) (param $item eqref) (result eqref)
  (local $p (ref null $proc)) (local $e (ref null $tuple))
  (if (i32.eqz (ref.test (ref $pid) (local.get $who)))
    (then (call $raise_unsupported (call $tuple3 (global.get $atom.erlang) (global.get $atom.trace_info) (local.get $who)))))
  (local.set $p (call $pid_proc (local.get $who)))
  (if (call $proc_dead (local.get $p)) (then (return (global.get $atom.undefined))))
  (call $trace_prune)
  (local.set $e (call $trace_entry (ref.as_non_null (local.get $p))))
  (if (ref.eq (local.get $item) (global.get $atom.flags))
    (then
      (return (call $tuple2 (global.get $atom.flags)
        (if (result eqref) (ref.is_null (local.get $e))
          (then (ref.null none))
          (else (struct.new $cons (global.get $atom.running) (ref.null none))))))))
  (if (ref.eq (local.get $item) (global.get $atom.tracer))
    (then
      (return (call $tuple2 (global.get $atom.tracer)
        (if (result eqref) (ref.is_null (local.get $e))
          (then (ref.null none))
          (else (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1))))))))
  (call $raise_unsupported (call $tuple3 (global.get $atom.erlang) (global.get $atom.trace_info) (local.get $item)))
  (unreachable))
