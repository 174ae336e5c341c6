;; timer.wat — time from the host, and timers: the timeouts of `receive ... after`, and the
;; timer BIFs (erlang:send_after/3,4, start_timer/3,4, cancel_timer/1,2, read_timer/1,2).
;;
;; Every running timer is a $tmr in one binary min-heap ordered by (deadline, seq), so
;; starting, cancelling and firing a timer cost O(log n) however many processes wait.
;; A process's receive timeout is its $proc.rtimer; the BIF timers are also listed in
;; $bif_timers (a list of $tmr) so cancel_timer and read_timer find them by reference.

(global $theap (mut (ref $tmrs)) (array.new_default $tmrs (i32.const 64)))
(global $theap_n (mut i32) (i32.const 0))
(global $tseq (mut i64) (i64.const 0))
(global $bif_timers (mut eqref) (ref.null none))

;; Monotonic time in nanoseconds, and in milliseconds.
(func $now_ns (result i64) (call $host.clock (i32.const 0)))
(func $now_ms (result i64)
  (i64.div_s (call $host.clock (i32.const 0)) (i64.const 1000000)))

;; The deadline `ms` milliseconds from now, rounded up to a whole millisecond so a
;; timer never fires before its time has fully passed (the VM's guarantee: a
;; `receive ... after 25` waits at least 25 ms of monotonic time).
(func $deadline_after (param $ms i64) (result i64)
  (i64.div_s (i64.add (i64.add (call $now_ns) (i64.mul (local.get $ms) (i64.const 1000000)))
                      (i64.const 999999))
             (i64.const 1000000)))

;; ---- the heap ---------------------------------------------------------------------

(func $tmr_less (param $a (ref $tmr)) (param $b (ref $tmr)) (result i32)
  (if (result i32) (i64.eq (struct.get $tmr $deadline (local.get $a)) (struct.get $tmr $deadline (local.get $b)))
    (then (i64.lt_s (struct.get $tmr $seq (local.get $a)) (struct.get $tmr $seq (local.get $b))))
    (else (i64.lt_s (struct.get $tmr $deadline (local.get $a)) (struct.get $tmr $deadline (local.get $b))))))

(func $theap_at (param $i i32) (result (ref $tmr))
  (ref.as_non_null (array.get $tmrs (global.get $theap) (local.get $i))))

(func $theap_put (param $i i32) (param $t (ref $tmr))
  (array.set $tmrs (global.get $theap) (local.get $i) (local.get $t))
  (struct.set $tmr $idx (local.get $t) (local.get $i)))

;; Moves the timer at `i` up towards the root while it is earlier than its parent.
(func $theap_up (param $i i32)
  (local $t (ref $tmr)) (local $parent i32)
  (local.set $t (call $theap_at (local.get $i)))
  (block $done
    (loop $up
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $parent (i32.shr_u (i32.sub (local.get $i) (i32.const 1)) (i32.const 1)))
      (br_if $done (i32.eqz (call $tmr_less (local.get $t) (call $theap_at (local.get $parent)))))
      (call $theap_put (local.get $i) (call $theap_at (local.get $parent)))
      (local.set $i (local.get $parent))
      (br $up)))
  (call $theap_put (local.get $i) (local.get $t)))

;; Moves the timer at `i` down while a child is earlier.
(func $theap_down (param $i i32)
  (local $t (ref $tmr)) (local $c i32) (local $n i32)
  (local.set $n (global.get $theap_n))
  (local.set $t (call $theap_at (local.get $i)))
  (block $done
    (loop $down
      (local.set $c (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
      (br_if $done (i32.ge_u (local.get $c) (local.get $n)))
      (if (i32.lt_u (i32.add (local.get $c) (i32.const 1)) (local.get $n))
        (then
          (if (call $tmr_less (call $theap_at (i32.add (local.get $c) (i32.const 1))) (call $theap_at (local.get $c)))
            (then (local.set $c (i32.add (local.get $c) (i32.const 1)))))))
      (br_if $done (i32.eqz (call $tmr_less (call $theap_at (local.get $c)) (local.get $t))))
      (call $theap_put (local.get $i) (call $theap_at (local.get $c)))
      (local.set $i (local.get $c))
      (br $down)))
  (call $theap_put (local.get $i) (local.get $t)))

(func $theap_insert (param $t (ref $tmr))
  (local $new (ref $tmrs))
  (if (i32.ge_u (global.get $theap_n) (array.len (global.get $theap)))
    (then
      (local.set $new (array.new_default $tmrs (i32.shl (array.len (global.get $theap)) (i32.const 1))))
      (array.copy $tmrs $tmrs (local.get $new) (i32.const 0) (global.get $theap) (i32.const 0) (global.get $theap_n))
      (global.set $theap (local.get $new))))
  (call $theap_put (global.get $theap_n) (local.get $t))
  (global.set $theap_n (i32.add (global.get $theap_n) (i32.const 1)))
  (call $theap_up (i32.sub (global.get $theap_n) (i32.const 1))))

;; Takes timer `t` out of the heap (nothing if it is not in it).
(func $theap_remove (param $t (ref $tmr))
  (local $i i32) (local $last (ref $tmr))
  (local.set $i (struct.get $tmr $idx (local.get $t)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return)))
  (struct.set $tmr $idx (local.get $t) (i32.const -1))
  (global.set $theap_n (i32.sub (global.get $theap_n) (i32.const 1)))
  (if (i32.eq (local.get $i) (global.get $theap_n))
    (then (array.set $tmrs (global.get $theap) (local.get $i) (ref.null none)) (return)))
  (local.set $last (call $theap_at (global.get $theap_n)))
  (array.set $tmrs (global.get $theap) (global.get $theap_n) (ref.null none))
  (call $theap_put (local.get $i) (local.get $last))
  (call $theap_up (local.get $i))
  (call $theap_down (struct.get $tmr $idx (local.get $last))))

(func $tmr_new (param $deadline i64) (param $kind i32) (param $p (ref null $proc))
               (param $dest eqref) (param $msg eqref) (param $ref eqref) (result (ref $tmr))
  (local $t (ref $tmr))
  (global.set $tseq (i64.add (global.get $tseq) (i64.const 1)))
  (local.set $t (struct.new $tmr (local.get $deadline) (global.get $tseq) (local.get $kind)
    (local.get $p) (local.get $dest) (local.get $msg) (local.get $ref) (i32.const -1)))
  (call $theap_insert (local.get $t))
  (local.get $t))

;; ---- receive timeouts ---------------------------------------------------------------

(func $timer_start (param $p (ref $proc)) (param $deadline i64)
  (struct.set $proc $flags (local.get $p) (i32.or (struct.get $proc $flags (local.get $p)) (i32.const 4)))
  (struct.set $proc $rtimer (local.get $p)
    (call $tmr_new (local.get $deadline) (i32.const 0) (local.get $p) (ref.null none) (ref.null none) (ref.null none))))

;; Stops `p`'s receive timer and forgets that it fired.
(func $timer_cancel (param $p (ref $proc))
  (local $t (ref null $tmr))
  (struct.set $proc $flags (local.get $p) (i32.and (struct.get $proc $flags (local.get $p)) (i32.const -7)))
  (local.set $t (struct.get $proc $rtimer (local.get $p)))
  (if (ref.is_null (local.get $t)) (then (return)))
  (struct.set $proc $rtimer (local.get $p) (ref.null none))
  (call $theap_remove (ref.as_non_null (local.get $t))))

;; Fires every timer whose deadline has passed, earliest first.
(func $timers_fire
  (local $now i64) (local $t (ref $tmr)) (local $p (ref null $proc)) (local $dest eqref)
  (if (i32.eqz (global.get $theap_n)) (then (return)))
  (local.set $now (call $now_ms))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (global.get $theap_n)))
      (local.set $t (call $theap_at (i32.const 0)))
      (br_if $done (i64.gt_s (struct.get $tmr $deadline (local.get $t)) (local.get $now)))
      (call $theap_remove (local.get $t))
      (if (i32.eqz (struct.get $tmr $kind (local.get $t)))
        (then
          ;; A receive timeout: flag 2 (timed out), and wake the process.
          (local.set $p (struct.get $tmr $proc (local.get $t)))
          (struct.set $proc $rtimer (ref.as_non_null (local.get $p)) (ref.null none))
          (struct.set $proc $flags (ref.as_non_null (local.get $p))
            (i32.or (i32.and (struct.get $proc $flags (ref.as_non_null (local.get $p))) (i32.const -5)) (i32.const 2)))
          (if (i32.eq (struct.get $proc $state (ref.as_non_null (local.get $p))) (global.get $WAITING))
            (then
              (struct.set $proc $state (ref.as_non_null (local.get $p)) (global.get $RUNNABLE))
              (call $enqueue (ref.as_non_null (local.get $p))))))
        (else
          (global.set $bif_timers (call $list_without (global.get $bif_timers) (local.get $t)))
          (local.set $dest (struct.get $tmr $dest (local.get $t)))
          (if (ref.test (ref $atom) (local.get $dest))
            (then (local.set $dest (call $whereis (local.get $dest)))))
          (local.set $p (call $pid_proc (local.get $dest)))
          (if (i32.eqz (ref.is_null (local.get $p)))
            (then
              (call $deliver (ref.as_non_null (local.get $p))
                (if (result eqref) (i32.eq (struct.get $tmr $kind (local.get $t)) (i32.const 1))
                  (then (struct.get $tmr $msg (local.get $t)))
                  (else (call $tuple3 (global.get $atom.timeout) (struct.get $tmr $ref (local.get $t))
                    (struct.get $tmr $msg (local.get $t))))))))))
      (br $next))))

(func $timers_pending (result i32)
  (i32.ne (global.get $theap_n) (i32.const 0)))

;; How long the host may sleep before the next timer: milliseconds, or -1 for none.
(func (export "bw_wait_ms") (result i64)
  (local $min i64) (local $now i64)
  (if (i32.eqz (global.get $theap_n)) (then (return (i64.const -1))))
  (local.set $min (struct.get $tmr $deadline (call $theap_at (i32.const 0))))
  (local.set $now (call $now_ms))
  (if (result i64) (i64.lt_s (local.get $min) (local.get $now))
    (then (i64.const 0))
    (else (i64.sub (local.get $min) (local.get $now)))))

;; ---- the timer BIFs ---------------------------------------------------------------

;; A timeout in milliseconds as the timer BIFs take it (a non-negative integer that fits
;; 32 bits... the VM allows up to 2^32-1 for relative timers), or -1 if it is not one.
(func $timer_ms (param $t eqref) (result i64)
  (local $v i64)
  (if (i32.eqz (call $is_integer (local.get $t))) (then (return (i64.const -1))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (i64.const -1))))
  (local.set $v (call $int_i64 (local.get $t)))
  (if (i64.lt_s (local.get $v) (i64.const 0)) (then (return (i64.const -1))))
  (local.get $v))

;; The options of the *_timer/4 BIFs: {abs, Bool}. 1 if abs is true, 0 if not, -1: badarg.
(func $timer_abs_opt (param $opts eqref) (result i32)
  (local $abs i32) (local $o eqref) (local $t (ref $tuple))
  (loop $next
    (if (ref.test (ref $cons) (local.get $opts))
      (then
        (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
        (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (i32.const -1))))
        (local.set $t (ref.cast (ref $tuple) (local.get $o)))
        (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const -1))))
        (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.abs))) (then (return (i32.const -1))))
        (if (i32.eqz (call $is_boolean (array.get $tuple (local.get $t) (i32.const 1)))) (then (return (i32.const -1))))
        (local.set $abs (ref.eq (array.get $tuple (local.get $t) (i32.const 1)) (global.get $atom.true)))
        (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
        (br $next))))
  (if (i32.eqz (ref.is_null (local.get $opts))) (then (return (i32.const -1))))
  (local.get $abs))

;; Starts a BIF timer of `kind` (1 send_after, 2 start_timer): badarg unless the
;; destination is a pid or an atom and the time is valid; returns the timer reference.
(func $bif_timer (param $kind i32) (param $time eqref) (param $dest eqref) (param $msg eqref) (param $abs i32) (result eqref)
  (local $ms i64) (local $ref eqref) (local $deadline i64) (local $t (ref $tmr))
  (if (i32.eqz (i32.or (ref.test (ref $pid) (local.get $dest)) (ref.test (ref $atom) (local.get $dest))))
    (then (return (call $fail_badarg))))
  (if (local.get $abs)
    (then
      ;; An absolute point of Erlang monotonic time, in milliseconds.
      (if (i32.eqz (call $is_integer (local.get $time))) (then (return (call $fail_badarg))))
      (if (ref.test (ref $bigint) (local.get $time)) (then (return (call $fail_badarg))))
      (local.set $deadline (i64.add (call $int_i64 (local.get $time))
        (i64.div_s (global.get $MONO_OFFSET) (i64.const 1000000)))))
    (else
      (local.set $ms (call $timer_ms (local.get $time)))
      (if (i64.lt_s (local.get $ms) (i64.const 0)) (then (return (call $fail_badarg))))
      (if (i64.gt_u (local.get $ms) (i64.const 0xffffffff)) (then (return (call $fail_badarg))))
      (local.set $deadline (call $deadline_after (local.get $ms)))))
  (local.set $ref (call $erlang:make_ref/0))
  (local.set $t (call $tmr_new (local.get $deadline) (local.get $kind) (ref.null none)
    (local.get $dest) (local.get $msg) (local.get $ref)))
  (global.set $bif_timers (struct.new $cons (local.get $t) (global.get $bif_timers)))
  (local.get $ref))


(func $erlang:send_after/3 (param $time eqref) (param $dest eqref) (param $msg eqref) (result eqref)
  (call $bif_timer (i32.const 1) (local.get $time) (local.get $dest) (local.get $msg) (i32.const 0)))

(func $erlang:send_after/4 (param $time eqref) (param $dest eqref) (param $msg eqref) (param $opts eqref) (result eqref)
  (local $abs i32)
  (local.set $abs (call $timer_abs_opt (local.get $opts)))
  (if (i32.lt_s (local.get $abs) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $bif_timer (i32.const 1) (local.get $time) (local.get $dest) (local.get $msg) (local.get $abs)))

(func $erlang:start_timer/3 (param $time eqref) (param $dest eqref) (param $msg eqref) (result eqref)
  (call $bif_timer (i32.const 2) (local.get $time) (local.get $dest) (local.get $msg) (i32.const 0)))

(func $erlang:start_timer/4 (param $time eqref) (param $dest eqref) (param $msg eqref) (param $opts eqref) (result eqref)
  (local $abs i32)
  (local.set $abs (call $timer_abs_opt (local.get $opts)))
  (if (i32.lt_s (local.get $abs) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $bif_timer (i32.const 2) (local.get $time) (local.get $dest) (local.get $msg) (local.get $abs)))

;; The running BIF timer with reference `ref`, or null.
(func $bif_timer_find (param $ref eqref) (result (ref null $tmr))
  (local $l eqref) (local $t (ref $tmr))
  (local.set $l (global.get $bif_timers))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $t (ref.cast (ref $tmr) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (call $eq_exact (struct.get $tmr $ref (local.get $t)) (local.get $ref))
          (then (return (local.get $t))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

;; The time left on a timer in milliseconds (as the VM rounds it), or `false`.
(func $timer_left (param $t (ref null $tmr)) (result eqref)
  (local $left i64)
  (if (ref.is_null (local.get $t)) (then (return (global.get $atom.false))))
  ;; Whole milliseconds left, rounded down: a deadline rounded up to the millisecond
  ;; (deadline_after) still reads as at most the time the timer was started with.
  (local.set $left (i64.div_s
    (i64.sub (i64.mul (struct.get $tmr $deadline (ref.as_non_null (local.get $t))) (i64.const 1000000)) (call $now_ns))
    (i64.const 1000000)))
  (if (i64.lt_s (local.get $left) (i64.const 0)) (then (local.set $left (i64.const 0))))
  (call $mk_int (local.get $left)))

;; Options of cancel_timer/2 and read_timer/2: bit 0 async, bit 1 info (default on);
;; -1: badarg.
(func $timer_opts (param $opts eqref) (result i32)
  (local $r i32) (local $o eqref) (local $t (ref $tuple)) (local $k eqref) (local $v i32)
  (local.set $r (i32.const 2))
  (loop $next
    (if (ref.test (ref $cons) (local.get $opts))
      (then
        (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
        (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (i32.const -1))))
        (local.set $t (ref.cast (ref $tuple) (local.get $o)))
        (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const -1))))
        (if (i32.eqz (call $is_boolean (array.get $tuple (local.get $t) (i32.const 1)))) (then (return (i32.const -1))))
        (local.set $k (array.get $tuple (local.get $t) (i32.const 0)))
        (local.set $v (ref.eq (array.get $tuple (local.get $t) (i32.const 1)) (global.get $atom.true)))
        (if (ref.eq (local.get $k) (global.get $atom.async))
          (then (local.set $r (i32.or (i32.and (local.get $r) (i32.const -2)) (local.get $v))))
          (else
            (if (ref.eq (local.get $k) (global.get $atom.info))
              (then (local.set $r (i32.or (i32.and (local.get $r) (i32.const -3)) (i32.shl (local.get $v) (i32.const 1)))))
              (else (return (i32.const -1))))))
        (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
        (br $next))))
  (if (i32.eqz (ref.is_null (local.get $opts))) (then (return (i32.const -1))))
  (local.get $r))

;; cancel_timer and read_timer: `cancel` 1 to stop the timer.
(func $timer_op (param $ref eqref) (param $opts eqref) (param $cancel i32) (result eqref)
  (local $o i32) (local $t (ref null $tmr)) (local $res eqref)
  (if (i32.eqz (ref.test (ref $ref) (local.get $ref))) (then (return (call $fail_badarg))))
  (local.set $o (call $timer_opts (local.get $opts)))
  (if (i32.lt_s (local.get $o) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $t (call $bif_timer_find (local.get $ref)))
  (local.set $res (call $timer_left (local.get $t)))
  (if (i32.and (local.get $cancel) (i32.eqz (ref.is_null (local.get $t))))
    (then
      (call $theap_remove (ref.as_non_null (local.get $t)))
      (global.set $bif_timers (call $list_without (global.get $bif_timers) (local.get $t)))))
  (if (i32.eqz (i32.and (local.get $o) (i32.const 2))) (then (return (global.get $atom.ok))))
  (if (i32.and (local.get $o) (i32.const 1))
    (then
      (call $deliver (call $self_proc)
        (call $tuple3 (if (result eqref) (local.get $cancel) (then (global.get $atom.cancel_timer)) (else (global.get $atom.read_timer)))
          (local.get $ref) (local.get $res)))
      (return (global.get $atom.ok))))
  (local.get $res))

(func $erlang:cancel_timer/1 (param $ref eqref) (result eqref)
  (call $timer_op (local.get $ref) (ref.null none) (i32.const 1)))
(func $erlang:cancel_timer/2 (param $ref eqref) (param $opts eqref) (result eqref)
  (call $timer_op (local.get $ref) (local.get $opts) (i32.const 1)))
(func $erlang:read_timer/1 (param $ref eqref) (result eqref)
  (call $timer_op (local.get $ref) (ref.null none) (i32.const 0)))
(func $erlang:read_timer/2 (param $ref eqref) (param $opts eqref) (result eqref)
  (call $timer_op (local.get $ref) (local.get $opts) (i32.const 0)))

;; ---- time -------------------------------------------------------------------------
;;
;; The native time unit is the nanosecond, as on the VM under Linux. Monotonic time is
;; the host's monotonic clock; system time the host's wall clock since the Unix epoch.

;; Parts per second of a time unit, or 0 if `u` is not one.
(func $time_unit_pps (param $u eqref) (result i64)
  (local $v i64)
  (if (i32.or (ref.eq (local.get $u) (global.get $atom.native))
              (i32.or (ref.eq (local.get $u) (global.get $atom.nanosecond))
                      (i32.or (ref.eq (local.get $u) (global.get $atom.nano_seconds))
                              (ref.eq (local.get $u) (global.get $atom.perf_counter)))))
    (then (return (i64.const 1000000000))))
  (if (i32.or (ref.eq (local.get $u) (global.get $atom.microsecond)) (ref.eq (local.get $u) (global.get $atom.micro_seconds)))
    (then (return (i64.const 1000000))))
  (if (i32.or (ref.eq (local.get $u) (global.get $atom.millisecond)) (ref.eq (local.get $u) (global.get $atom.milli_seconds)))
    (then (return (i64.const 1000))))
  (if (i32.or (ref.eq (local.get $u) (global.get $atom.second)) (ref.eq (local.get $u) (global.get $atom.seconds)))
    (then (return (i64.const 1))))
  (if (ref.test (ref i31) (local.get $u))
    (then
      (local.set $v (call $int_i64 (local.get $u)))
      (if (i64.gt_s (local.get $v) (i64.const 0)) (then (return (local.get $v))))))
  (i64.const 0))

;; `ns` nanoseconds in units of `pps` parts per second, rounded down (towards minus
;; infinity, as the VM converts).
(func $ns_to_unit (param $ns i64) (param $pps i64) (result eqref)
  (local $q i64) (local $r i64)
  (if (i64.eq (local.get $pps) (i64.const 1000000000)) (then (return (call $mk_int (local.get $ns)))))
  (if (i64.le_u (local.get $pps) (i64.const 1000000000))
    (then
      (if (i64.eqz (i64.rem_u (i64.const 1000000000) (local.get $pps)))
        (then
          (local.set $q (i64.div_s (local.get $ns) (i64.div_u (i64.const 1000000000) (local.get $pps))))
          (local.set $r (i64.rem_s (local.get $ns) (i64.div_u (i64.const 1000000000) (local.get $pps))))
          (if (i64.lt_s (local.get $r) (i64.const 0)) (then (local.set $q (i64.sub (local.get $q) (i64.const 1)))))
          (return (call $mk_int (local.get $q)))))))
  ;; Other units: through floating point is not exact; use ns * pps / 1e9 in two steps.
  (local.set $q (i64.div_s (local.get $ns) (i64.const 1000000000)))
  (local.set $r (i64.rem_s (local.get $ns) (i64.const 1000000000)))
  (if (i64.lt_s (local.get $r) (i64.const 0))
    (then (local.set $q (i64.sub (local.get $q) (i64.const 1))) (local.set $r (i64.add (local.get $r) (i64.const 1000000000)))))
  (call $mk_int (i64.add (i64.mul (local.get $q) (local.get $pps))
    (i64.div_u (i64.mul (local.get $r) (local.get $pps)) (i64.const 1000000000)))))

;; The VM's monotonic clock starts at a large negative value; so does this one (the
;; host's monotonic nanoseconds minus a fixed offset), so programs that assume nothing
;; about its sign behave the same.
(global $MONO_OFFSET i64 (i64.const 576460752000000000))

(func $mono_ns (result i64) (i64.sub (call $now_ns) (global.get $MONO_OFFSET)))
(func $sys_ns (result i64) (call $host.clock (i32.const 1)))

(func $time_in (param $ns i64) (param $u eqref) (result eqref)
  (local $pps i64)
  (local.set $pps (call $time_unit_pps (local.get $u)))
  (if (i64.eqz (local.get $pps)) (then (return (call $fail_badarg))))
  (call $ns_to_unit (local.get $ns) (local.get $pps)))

(func $erlang:monotonic_time/0 (result eqref) (call $mk_int (call $mono_ns)))
(func $erlang:monotonic_time/1 (param $u eqref) (result eqref)
  (call $time_in (call $mono_ns) (local.get $u)))
(func $erlang:system_time/0 (result eqref) (call $mk_int (call $sys_ns)))
(func $erlang:system_time/1 (param $u eqref) (result eqref)
  (call $time_in (call $sys_ns) (local.get $u)))
(func $os:system_time/0 (result eqref) (call $mk_int (call $sys_ns)))
(func $os:system_time/1 (param $u eqref) (result eqref)
  (call $time_in (call $sys_ns) (local.get $u)))
(func $erlang:time_offset/0 (result eqref)
  (call $mk_int (i64.sub (call $sys_ns) (call $mono_ns))))
(func $erlang:time_offset/1 (param $u eqref) (result eqref)
  (call $time_in (i64.sub (call $sys_ns) (call $mono_ns)) (local.get $u)))
(func $erts_internal:time_unit/0 (result eqref) (call $mk_int (i64.const 1000000000)))
(func $erts_internal:perf_counter_unit/0 (result eqref) (call $mk_int (i64.const 1000000000)))
(func $os:perf_counter/0 (result eqref) (call $mk_int (call $now_ns)))

;; {MegaSecs, Secs, MicroSecs} of system time.
(func $timestamp (result eqref)
  (local $us i64)
  (local.set $us (i64.div_s (call $sys_ns) (i64.const 1000)))
  (call $tuple3
    (call $mk_int (i64.div_s (local.get $us) (i64.const 1000000000000)))
    (call $mk_int (i64.rem_s (i64.div_s (local.get $us) (i64.const 1000000)) (i64.const 1000000)))
    (call $mk_int (i64.rem_s (local.get $us) (i64.const 1000000)))))
(func $erlang:timestamp/0 (result eqref) (call $timestamp))
(func $os:timestamp/0 (result eqref) (call $timestamp))

;; erlang:now/0: like timestamp/0, but strictly increasing.
(global $last_now_us (mut i64) (i64.const 0))
(func $erlang:now/0 (result eqref)
  (local $us i64)
  (local.set $us (i64.div_s (call $sys_ns) (i64.const 1000)))
  (if (i64.le_s (local.get $us) (global.get $last_now_us))
    (then (local.set $us (i64.add (global.get $last_now_us) (i64.const 1)))))
  (global.set $last_now_us (local.get $us))
  (call $tuple3
    (call $mk_int (i64.div_s (local.get $us) (i64.const 1000000000000)))
    (call $mk_int (i64.rem_s (i64.div_s (local.get $us) (i64.const 1000000)) (i64.const 1000000)))
    (call $mk_int (i64.rem_s (local.get $us) (i64.const 1000000)))))

;; ---- calendar time: erlang:universaltime/0, localtime/0 and the conversions -------------
;; Dates are proleptic Gregorian, converted through days since 1970-01-01 (the civil
;; calendar algorithms: eras of 400 years, March-based years). Local time is universal
;; time plus the host's UTC offset now (bw.clock 2); a date in another daylight-saving
;; period than the present is converted with the present offset (docs/LIMITATIONS.md).

;; Days since 1970-01-01 of year `y`, month `m` (1..12), day `d`.
(func $days_from_civil (param $y i64) (param $m i64) (param $d i64) (result i64)
  (local $era i64) (local $yoe i64) (local $doy i64) (local $mp i64)
  (if (i64.le_s (local.get $m) (i64.const 2)) (then (local.set $y (i64.sub (local.get $y) (i64.const 1)))))
  (local.set $era (i64.div_s
    (select (local.get $y) (i64.sub (local.get $y) (i64.const 399)) (i64.ge_s (local.get $y) (i64.const 0)))
    (i64.const 400)))
  (local.set $yoe (i64.sub (local.get $y) (i64.mul (local.get $era) (i64.const 400))))
  (local.set $mp (i64.rem_s (i64.add (local.get $m) (i64.const 9)) (i64.const 12)))
  (local.set $doy (i64.add (i64.div_s (i64.add (i64.mul (i64.const 153) (local.get $mp)) (i64.const 2)) (i64.const 5))
                           (i64.sub (local.get $d) (i64.const 1))))
  (i64.sub
    (i64.add (i64.mul (local.get $era) (i64.const 146097))
      (i64.add (i64.sub (i64.add (i64.mul (local.get $yoe) (i64.const 365)) (i64.div_s (local.get $yoe) (i64.const 4)))
                        (i64.div_s (local.get $yoe) (i64.const 100)))
               (local.get $doy)))
    (i64.const 719468)))

;; The date of day `z` since 1970-01-01: year, month, day.
(func $civil_from_days (param $z i64) (result i64 i64 i64)
  (local $era i64) (local $doe i64) (local $yoe i64) (local $doy i64) (local $mp i64) (local $d i64) (local $m i64) (local $y i64)
  (local.set $z (i64.add (local.get $z) (i64.const 719468)))
  (local.set $era (i64.div_s
    (select (local.get $z) (i64.sub (local.get $z) (i64.const 146096)) (i64.ge_s (local.get $z) (i64.const 0)))
    (i64.const 146097)))
  (local.set $doe (i64.sub (local.get $z) (i64.mul (local.get $era) (i64.const 146097))))
  (local.set $yoe (i64.div_s
    (i64.sub (i64.add (i64.sub (local.get $doe) (i64.div_s (local.get $doe) (i64.const 1460)))
                      (i64.div_s (local.get $doe) (i64.const 36524)))
             (i64.div_s (local.get $doe) (i64.const 146096)))
    (i64.const 365)))
  (local.set $y (i64.add (local.get $yoe) (i64.mul (local.get $era) (i64.const 400))))
  (local.set $doy (i64.sub (local.get $doe)
    (i64.sub (i64.add (i64.mul (i64.const 365) (local.get $yoe)) (i64.div_s (local.get $yoe) (i64.const 4)))
             (i64.div_s (local.get $yoe) (i64.const 100)))))
  (local.set $mp (i64.div_s (i64.add (i64.mul (i64.const 5) (local.get $doy)) (i64.const 2)) (i64.const 153)))
  (local.set $d (i64.add (i64.sub (local.get $doy)
    (i64.div_s (i64.add (i64.mul (i64.const 153) (local.get $mp)) (i64.const 2)) (i64.const 5))) (i64.const 1)))
  (local.set $m (select (i64.add (local.get $mp) (i64.const 3)) (i64.sub (local.get $mp) (i64.const 9))
                        (i64.lt_s (local.get $mp) (i64.const 10))))
  (if (i64.le_s (local.get $m) (i64.const 2)) (then (local.set $y (i64.add (local.get $y) (i64.const 1)))))
  (local.get $y) (local.get $m) (local.get $d))

;; {{Y, M, D}, {H, Mi, S}} for `secs` seconds since the epoch.
(func $datetime_of_secs (param $secs i64) (result eqref)
  (local $days i64) (local $rem i64) (local $y i64) (local $m i64) (local $d i64)
  (local.set $days (i64.div_s (local.get $secs) (i64.const 86400)))
  (local.set $rem (i64.rem_s (local.get $secs) (i64.const 86400)))
  (if (i64.lt_s (local.get $rem) (i64.const 0))
    (then (local.set $rem (i64.add (local.get $rem) (i64.const 86400)))
          (local.set $days (i64.sub (local.get $days) (i64.const 1)))))
  (call $civil_from_days (local.get $days)) (local.set $d) (local.set $m) (local.set $y)
  (array.new_fixed $tuple 2
    (array.new_fixed $tuple 3 (call $mk_int (local.get $y)) (call $mk_int (local.get $m)) (call $mk_int (local.get $d)))
    (array.new_fixed $tuple 3
      (call $mk_int (i64.div_s (local.get $rem) (i64.const 3600)))
      (call $mk_int (i64.div_s (i64.rem_s (local.get $rem) (i64.const 3600)) (i64.const 60)))
      (call $mk_int (i64.rem_s (local.get $rem) (i64.const 60))))))

;; The element `i` of a 3-tuple `t` as a small integer in lo..hi, or -1 (all valid values
;; are non-negative).
(func $dt_field (param $t (ref $tuple)) (param $i i32) (param $lo i32) (param $hi i32) (result i64)
  (local $v eqref) (local $x i32)
  (local.set $v (array.get $tuple (local.get $t) (local.get $i)))
  (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (i64.const -1))))
  (local.set $x (i31.get_s (ref.cast (ref i31) (local.get $v))))
  (if (i32.or (i32.lt_s (local.get $x) (local.get $lo)) (i32.gt_s (local.get $x) (local.get $hi)))
    (then (return (i64.const -1))))
  (i64.extend_i32_s (local.get $x)))

;; Seconds since the epoch of a valid {{Y, M, D}, {H, Mi, S}} of year 1902 or later (the
;; VM's limit for local time), or the i64 minimum if it is not one.
(func $secs_of_datetime (param $dt eqref) (result i64)
  (call $secs_of_datetime_from (local.get $dt) (i32.const 1902)))

;; Seconds since the epoch of a valid {{Y, M, D}, {H, Mi, S}} of year `min_year` or later,
;; or the i64 minimum if it is not one (a date that does not exist, such as February 30th,
;; is not valid).
(func $secs_of_datetime_from (param $dt eqref) (param $min_year i32) (result i64)
  (local $t (ref $tuple)) (local $date (ref $tuple)) (local $time (ref $tuple))
  (local $y i64) (local $m i64) (local $d i64) (local $h i64) (local $mi i64) (local $s i64) (local $bad i64)
  (local $days i64) (local $back i64)
  (local.set $bad (i64.const 0x8000000000000000))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $dt))) (then (return (local.get $bad))))
  (local.set $t (ref.cast (ref $tuple) (local.get $dt)))
  (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (local.get $bad))))
  (if (i32.eqz (ref.test (ref $tuple) (array.get $tuple (local.get $t) (i32.const 0)))) (then (return (local.get $bad))))
  (if (i32.eqz (ref.test (ref $tuple) (array.get $tuple (local.get $t) (i32.const 1)))) (then (return (local.get $bad))))
  (local.set $date (ref.cast (ref $tuple) (array.get $tuple (local.get $t) (i32.const 0))))
  (local.set $time (ref.cast (ref $tuple) (array.get $tuple (local.get $t) (i32.const 1))))
  (if (i32.or (i32.ne (array.len (local.get $date)) (i32.const 3)) (i32.ne (array.len (local.get $time)) (i32.const 3)))
    (then (return (local.get $bad))))
  (local.set $y (call $dt_field (local.get $date) (i32.const 0) (local.get $min_year) (i32.const 0x3fffffff)))
  (local.set $m (call $dt_field (local.get $date) (i32.const 1) (i32.const 1) (i32.const 12)))
  (local.set $d (call $dt_field (local.get $date) (i32.const 2) (i32.const 1) (i32.const 31)))
  (local.set $h (call $dt_field (local.get $time) (i32.const 0) (i32.const 0) (i32.const 23)))
  (local.set $mi (call $dt_field (local.get $time) (i32.const 1) (i32.const 0) (i32.const 59)))
  (local.set $s (call $dt_field (local.get $time) (i32.const 2) (i32.const 0) (i32.const 59)))
  (if (i64.lt_s (i64.or (i64.or (i64.or (local.get $y) (local.get $m)) (i64.or (local.get $d) (local.get $h)))
                        (i64.or (local.get $mi) (local.get $s)))
                (i64.const 0))
    (then (return (local.get $bad))))
  ;; The day must exist in its month: converting back gives the same month.
  (local.set $days (call $days_from_civil (local.get $y) (local.get $m) (local.get $d)))
  (call $civil_from_days (local.get $days)) (drop) (local.set $back) (drop)
  (if (i64.ne (local.get $back) (local.get $m)) (then (return (local.get $bad))))
  (i64.add (i64.mul (local.get $days) (i64.const 86400))
    (i64.add (i64.mul (local.get $h) (i64.const 3600))
      (i64.add (i64.mul (local.get $mi) (i64.const 60)) (local.get $s)))))

;; The host's UTC offset now, in seconds.
(func $utc_offset (result i64)
  (i64.div_s (call $host.clock (i32.const 2)) (i64.const 1000000000)))

(func $erlang:universaltime/0 (result eqref)
  (call $datetime_of_secs (i64.div_s (call $sys_ns) (i64.const 1000000000))))

(func $erlang:localtime/0 (result eqref)
  (call $datetime_of_secs (i64.add (i64.div_s (call $sys_ns) (i64.const 1000000000)) (call $utc_offset))))

(func $erlang:universaltime_to_localtime/1 (param $dt eqref) (result eqref)
  (local $s i64)
  (local.set $s (call $secs_of_datetime (local.get $dt)))
  (if (i64.eq (local.get $s) (i64.const 0x8000000000000000)) (then (return (call $fail_badarg))))
  (call $datetime_of_secs (i64.add (local.get $s) (call $utc_offset))))

(func $erlang:localtime_to_universaltime/1 (param $dt eqref) (result eqref)
  (local $s i64)
  (local.set $s (call $secs_of_datetime (local.get $dt)))
  (if (i64.eq (local.get $s) (i64.const 0x8000000000000000)) (then (return (call $fail_badarg))))
  (call $datetime_of_secs (i64.sub (local.get $s) (call $utc_offset))))

;; IsDst `true` says the local time is daylight-saving time, one hour ahead of the zone's
;; standard time, as the C library's mktime takes it; the standard offset is taken to be
;; the present one (so this is exact where the present is standard time, as in UTC).
(func $erlang:localtime_to_universaltime/2 (param $dt eqref) (param $dst eqref) (result eqref)
  (local $s i64)
  (if (i32.eqz (i32.or (call $is_boolean (local.get $dst)) (ref.eq (local.get $dst) (global.get $atom.undefined))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $secs_of_datetime (local.get $dt)))
  (if (i64.eq (local.get $s) (i64.const 0x8000000000000000)) (then (return (call $fail_badarg))))
  (if (ref.eq (local.get $dst) (global.get $atom.true))
    (then (local.set $s (i64.sub (local.get $s) (i64.const 3600)))))
  (call $datetime_of_secs (i64.sub (local.get $s) (call $utc_offset))))

;; erlang:universaltime_to_posixtime(DateTime): seconds since the epoch, for years from
;; 1600 on (the VM's limit).
(func $erlang:universaltime_to_posixtime/1 (param $dt eqref) (result eqref)
  (local $s i64)
  (local.set $s (call $secs_of_datetime_from (local.get $dt) (i32.const 1600)))
  (if (i64.eq (local.get $s) (i64.const 0x8000000000000000)) (then (return (call $fail_badarg))))
  (call $mk_int (local.get $s)))

;; erlang:posixtime_to_universaltime(Secs): the date and time of any 64-bit second count.
(func $erlang:posixtime_to_universaltime/1 (param $secs eqref) (result eqref)
  (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $secs)) (ref.test (ref $int64) (local.get $secs))))
    (then (return (call $fail_badarg))))
  (call $datetime_of_secs (call $int_i64 (local.get $secs))))

(func $erlang:date/0 (result eqref)
  (array.get $tuple (ref.cast (ref $tuple) (call $erlang:localtime/0)) (i32.const 0)))

(func $erlang:time/0 (result eqref)
  (array.get $tuple (ref.cast (ref $tuple) (call $erlang:localtime/0)) (i32.const 1)))
