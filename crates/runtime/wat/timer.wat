;; timer.wat — time from the host, and the timers of receive ... after. A process with a
;; running receive timeout is on the list $timers (linked through $proc.next_timer) with
;; its deadline in $proc.timer (monotonic milliseconds).

(global $timers (mut (ref null $proc)) (ref.null none))

;; Monotonic time in milliseconds.
(func $now_ms (result i64)
  (i64.div_s (call $host.clock (i32.const 0)) (i64.const 1000000)))

(func $timer_start (param $p (ref $proc)) (param $deadline i64)
  (struct.set $proc $timer (local.get $p) (local.get $deadline))
  (struct.set $proc $flags (local.get $p) (i32.or (struct.get $proc $flags (local.get $p)) (i32.const 4)))
  (struct.set $proc $next_timer (local.get $p) (global.get $timers))
  (global.set $timers (local.get $p)))

;; Stops `p`'s receive timer and forgets that it fired.
(func $timer_cancel (param $p (ref $proc))
  (local $q (ref null $proc)) (local $prev (ref null $proc))
  (struct.set $proc $flags (local.get $p) (i32.and (struct.get $proc $flags (local.get $p)) (i32.const -7)))
  (local.set $q (global.get $timers))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $q)))
      (then
        (if (ref.eq (local.get $q) (local.get $p))
          (then
            (if (ref.is_null (local.get $prev))
              (then (global.set $timers (struct.get $proc $next_timer (local.get $p))))
              (else (struct.set $proc $next_timer (ref.as_non_null (local.get $prev)) (struct.get $proc $next_timer (local.get $p)))))
            (struct.set $proc $next_timer (local.get $p) (ref.null none))
            (return)))
        (local.set $prev (local.get $q))
        (local.set $q (struct.get $proc $next_timer (ref.as_non_null (local.get $q))))
        (br $next)))))

;; Wakes every process whose timer has passed.
(func $timers_fire
  (local $q (ref null $proc)) (local $p (ref $proc)) (local $now i64)
  (if (ref.is_null (global.get $timers)) (then (return)))
  (local.set $now (call $now_ms))
  (local.set $q (global.get $timers))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $q)))
      (then
        (local.set $p (ref.as_non_null (local.get $q)))
        (local.set $q (struct.get $proc $next_timer (local.get $p)))
        (if (i64.le_s (struct.get $proc $timer (local.get $p)) (local.get $now))
          (then
            (call $timer_cancel (local.get $p))
            ;; Fired: flag 2 (timed out), and wake the process.
            (struct.set $proc $flags (local.get $p) (i32.or (struct.get $proc $flags (local.get $p)) (i32.const 2)))
            (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $WAITING))
              (then
                (struct.set $proc $state (local.get $p) (global.get $RUNNABLE))
                (call $enqueue (local.get $p))))))
        (br $next)))))

(func $timers_pending (result i32)
  (i32.eqz (ref.is_null (global.get $timers))))

;; How long the host may sleep before the next timer: milliseconds, or -1 for none.
(func (export "bw_wait_ms") (result i64)
  (local $q (ref null $proc)) (local $min i64) (local $now i64)
  (if (ref.is_null (global.get $timers)) (then (return (i64.const -1))))
  (local.set $min (i64.const 0x7fffffffffffffff))
  (local.set $q (global.get $timers))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $q)))
      (then
        (if (i64.lt_s (struct.get $proc $timer (ref.as_non_null (local.get $q))) (local.get $min))
          (then (local.set $min (struct.get $proc $timer (ref.as_non_null (local.get $q))))))
        (local.set $q (struct.get $proc $next_timer (ref.as_non_null (local.get $q))))
        (br $next))))
  (local.set $now (call $now_ms))
  (if (result i64) (i64.lt_s (local.get $min) (local.get $now))
    (then (i64.const 0))
    (else (i64.sub (local.get $min) (local.get $now)))))
