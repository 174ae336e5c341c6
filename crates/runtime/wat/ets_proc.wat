;; ets_proc.wat — what ETS (ets.wat, ets_match.wat) needs from the process runtime
;; (process.wat, sched.wat, mbox.wat), behind names of its own: the running process's pid,
;; fresh references, whether a pid is alive, and message delivery.
;;
;; Stand-in processes: code that runs outside any process (the runtime's own tests, see
;; testing_ets.wat) can make pids without a $proc that still count as alive and receive
;; messages: $ets_stub_procs maps their numbers to a 1-tuple holding their messages,
;; newest first, and $ets_stub_self is the running process when $current is null.

;; The stand-in running process, for code that runs outside any process (the tests).
(global $ets_stub_self (mut (ref null $pid)) (ref.null none))
;; The pid of the running process.
(func $ets_self (result (ref $pid))
  (if (i32.eqz (ref.is_null (global.get $current)))
    (then (return (struct.get $proc $pid (ref.as_non_null (global.get $current))))))
  (if (ref.is_null (global.get $ets_stub_self))
    (then (global.set $ets_stub_self (struct.new $pid (i32.const 0) (ref.null none)))))
  (ref.as_non_null (global.get $ets_stub_self)))

;; A table's fresh reference (make_ref/0's counter): a magic reference marked `ets`, as the
;; VM's table ids are magic references, so that an error can tell a table's reference
;; (deleted or not) from any other (the causes `id` and `type`).
(func $ets_make_ref (result (ref $ref))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter) (global.get $atom.ets)))

;; Whether `r` is a reference $ets_make_ref made.
(func $ets_is_table_ref (param $r eqref) (result i32)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (i32.const 0))))
  (ref.eq (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))) (global.get $atom.ets)))

;; The stand-in processes: pid number -> {Messages} (newest first).
(global $ets_stub_procs (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))

;; The mailbox of stand-in process `p`, or null when `p` is not one.
(func $ets_stub_box (param $p (ref $pid)) (result (ref null $tuple))
  (local $b eqref)
  (local.set $b (call $ets_map_get (global.get $ets_stub_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p)))))
  (if (ref.test (ref $tuple) (local.get $b)) (then (return (ref.cast (ref $tuple) (local.get $b)))))
  (ref.null none))

;; Whether `p` is a live local process, or a live stand-in.
(func $ets_pid_alive (param $p (ref $pid)) (result i32)
  (local $proc (ref null $proc))
  (local.set $proc (call $pid_proc (local.get $p)))
  (if (ref.is_null (local.get $proc)) (then (return (i32.eqz (ref.is_null (call $ets_stub_box (local.get $p)))))))
  (i32.ne (struct.get $proc $state (ref.as_non_null (local.get $proc))) (global.get $EXITED)))

;; Sends `msg` to `p` (nothing happens if `p` is not alive).
(func $ets_send (param $p (ref $pid)) (param $msg eqref)
  (local $proc (ref null $proc)) (local $box (ref null $tuple))
  (local.set $proc (call $pid_proc (local.get $p)))
  (if (i32.eqz (ref.is_null (local.get $proc)))
    (then (call $deliver (ref.as_non_null (local.get $proc)) (local.get $msg)) (return)))
  (local.set $box (call $ets_stub_box (local.get $p)))
  (if (ref.is_null (local.get $box)) (then (return)))
  (array.set $tuple (ref.as_non_null (local.get $box)) (i32.const 0)
    (struct.new $cons (local.get $msg) (array.get $tuple (ref.as_non_null (local.get $box)) (i32.const 0)))))

;; The monotonic and system clocks in nanoseconds (safe_fixtable's time stamps).
(func $ets_now (param $which i32) (result i64)
  (call $host.clock (local.get $which)))
