;; ets_proc.wat — what ETS (ets.wat, ets_match.wat) needs from the process runtime, behind
;; names of its own: the running process's pid, fresh reference numbers, whether a pid is
;; alive, and message delivery.
;;
;; This version stands alone (main has no process runtime yet): the "running process" is
;; the pid the test harness installs ($ets_stub_self, see testing_ets.wat), references come
;; from a counter of this file, and messages are appended to the $proc behind a pid. When
;; process.wat, sched.wat and mbox.wat land, only the bodies below change (to $current,
;; $erlang:make_ref/0, $pid_proc and $deliver); no name here collides with theirs.
;;
;; Stand-in processes: code that runs outside any process (the runtime's tests) can make
;; pids without a $proc that still count as alive and receive messages: $ets_stub_procs
;; maps their numbers to a 1-tuple holding their messages, newest first.

;; The stand-in running process, for code that runs outside any process (the tests).
(global $ets_stub_self (mut (ref null $pid)) (ref.null none))
;; Reference numbers, until process.wat's counter exists.
(global $ets_ref_counter (mut i64) (i64.const 1))

;; The pid of the running process.
(func $ets_self (result (ref $pid))
  (if (ref.is_null (global.get $ets_stub_self))
    (then (global.set $ets_stub_self (struct.new $pid (i32.const 0) (ref.null none)))))
  (ref.as_non_null (global.get $ets_stub_self)))

;; A fresh reference (the VM's make_ref/0).
(func $ets_make_ref (result (ref $ref))
  (global.set $ets_ref_counter (i64.add (global.get $ets_ref_counter) (i64.const 1)))
  (struct.new $ref (global.get $ets_ref_counter)))

;; The stand-in processes: pid number -> {Messages} (newest first).
(global $ets_stub_procs (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))

;; The mailbox of stand-in process `p`, or null when `p` is not one.
(func $ets_stub_box (param $p (ref $pid)) (result (ref null $tuple))
  (local $b eqref)
  (local.set $b (call $ets_map_get (global.get $ets_stub_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p)))))
  (if (ref.test (ref $tuple) (local.get $b)) (then (return (ref.cast (ref $tuple) (local.get $b)))))
  (ref.null none))

;; Whether `p` is a live local process (its $proc exists and has not exited; state 2 is
;; process.wat's EXITED), or a live stand-in.
(func $ets_pid_alive (param $p (ref $pid)) (result i32)
  (local $proc (ref null $proc))
  (local.set $proc (struct.get $pid $proc (local.get $p)))
  (if (ref.is_null (local.get $proc)) (then (return (i32.eqz (ref.is_null (call $ets_stub_box (local.get $p)))))))
  (i32.ne (struct.get $proc $state (ref.as_non_null (local.get $proc))) (i32.const 2)))

;; Sends `msg` to `p` (nothing happens if `p` is not alive).
(func $ets_send (param $p (ref $pid)) (param $msg eqref)
  (local $proc (ref null $proc)) (local $cell (ref $msg)) (local $box (ref null $tuple))
  (if (i32.eqz (call $ets_pid_alive (local.get $p))) (then (return)))
  (local.set $proc (struct.get $pid $proc (local.get $p)))
  (if (ref.is_null (local.get $proc))
    (then
      (local.set $box (call $ets_stub_box (local.get $p)))
      (array.set $tuple (ref.as_non_null (local.get $box)) (i32.const 0)
        (struct.new $cons (local.get $msg) (array.get $tuple (ref.as_non_null (local.get $box)) (i32.const 0))))
      (return)))
  (local.set $cell (struct.new $msg (local.get $msg) (ref.null none)))
  (if (ref.is_null (struct.get $proc $mq_last (ref.as_non_null (local.get $proc))))
    (then (struct.set $proc $mq_first (ref.as_non_null (local.get $proc)) (local.get $cell)))
    (else (struct.set $msg $next (ref.as_non_null (struct.get $proc $mq_last (ref.as_non_null (local.get $proc)))) (local.get $cell))))
  (struct.set $proc $mq_last (ref.as_non_null (local.get $proc)) (local.get $cell))
  (struct.set $proc $mq_len (ref.as_non_null (local.get $proc))
    (i32.add (struct.get $proc $mq_len (ref.as_non_null (local.get $proc))) (i32.const 1))))

;; The monotonic and system clocks in nanoseconds (safe_fixtable's time stamps).
(func $ets_now (param $which i32) (result i64)
  (call $host.clock (local.get $which)))
