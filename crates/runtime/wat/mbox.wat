;; mbox.wat — mailboxes and receive: sending, the save pointer, waiting with and without a
;; timeout. The receive instructions act on the running process.

;; Appends `msg` to process `p`'s mailbox and wakes it if it waits.
(func $deliver (param $p (ref $proc)) (param $msg eqref)
  (local $cell (ref $msg))
  (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $EXITED)) (then (return)))
  (local.set $cell (struct.new $msg (local.get $msg) (ref.null none)))
  (if (ref.is_null (struct.get $proc $mq_last (local.get $p)))
    (then (struct.set $proc $mq_first (local.get $p) (local.get $cell)))
    (else (struct.set $msg $next (ref.as_non_null (struct.get $proc $mq_last (local.get $p))) (local.get $cell))))
  (struct.set $proc $mq_last (local.get $p) (local.get $cell))
  (struct.set $proc $mq_len (local.get $p) (i32.add (struct.get $proc $mq_len (local.get $p)) (i32.const 1)))
  (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $WAITING))
    (then
      (struct.set $proc $state (local.get $p) (global.get $RUNNABLE))
      (call $enqueue (local.get $p)))))

;; Sends `msg` as the VM's do_send does, on a node that is not distributed: 0 when it was
;; delivered or dropped (a dead pid; {Name, Node} for this node and a name nobody has),
;; 1 when it is for another node, which cannot be reached (SEND_NOCONNECT), -1 for a
;; destination that is none (badarg: an unregistered name, a malformed tuple, ...).
(func $send_to (param $to eqref) (param $msg eqref) (result i32)
  (local $target eqref) (local $p (ref null $proc)) (local $t (ref $tuple))
  (local.set $target (local.get $to))
  (if (ref.test (ref $tuple) (local.get $to))
    (then
      (local.set $t (ref.cast (ref $tuple) (local.get $to)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const -1))))
      (if (i32.eqz (i32.and (ref.test (ref $atom) (array.get $tuple (local.get $t) (i32.const 0)))
                            (ref.test (ref $atom) (array.get $tuple (local.get $t) (i32.const 1)))))
        (then (return (i32.const -1))))
      (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 1)) (global.get $atom.nonode@nohost)))
        (then (return (i32.const 1))))
      (local.set $target (call $whereis (array.get $tuple (local.get $t) (i32.const 0))))
      (if (ref.is_null (local.get $target)) (then (return (i32.const 0))))))
  (if (ref.test (ref $atom) (local.get $target))
    (then
      (local.set $target (call $whereis (local.get $target)))
      (if (ref.is_null (local.get $target)) (then (return (i32.const -1))))))
  ;; A port's driver gets the message (net.wat); a closed port drops it.
  (if (ref.test (ref $port) (local.get $target))
    (then
      (drop (call $port_signal (local.get $target)
        (call $tuple3 (global.get $atom.$port)
          (if (result eqref) (ref.is_null (global.get $current)) (then (global.get $atom.undefined)) (else (call $self_pid)))
          (local.get $msg))))
      (return (i32.const 0))))
  (if (ref.test (ref $ref) (local.get $target))
    (then (call $alias_send (local.get $target) (local.get $msg)) (return (i32.const 0))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $target))) (then (return (i32.const -1))))
  (local.set $p (call $pid_proc (local.get $target)))
  (if (i32.eqz (ref.is_null (local.get $p)))
    (then (call $deliver (ref.as_non_null (local.get $p)) (local.get $msg))))
  (i32.const 0))

;; send/2 and `!`: the message, whether it reached anyone or not.
(func $erlang:send/2 (param $to eqref) (param $msg eqref) (result eqref)
  (if (i32.lt_s (call $send_to (local.get $to) (local.get $msg)) (i32.const 0))
    (then (return (call $fail_badarg))))
  (local.get $msg))

(func $erlang:!/2 (param $to eqref) (param $msg eqref) (result eqref)
  (call $erlang:send/2 (local.get $to) (local.get $msg)))

;; send/3: ok, or noconnect for another node when the options say noconnect. The options
;; must be a proper list of noconnect and nosuspend (else badarg with cause badopt).
(func $erlang:send/3 (param $to eqref) (param $msg eqref) (param $opts eqref) (result eqref)
  (local $l eqref) (local $o eqref) (local $noconnect i32) (local $r i32)
  (local.set $l (local.get $opts))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l)))
        (then (return (call $fail_with_cause (global.get $atom.badarg) (global.get $atom.badopt)))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (ref.eq (local.get $o) (global.get $atom.noconnect))
        (then (local.set $noconnect (i32.const 1)))
        (else
          (if (i32.eqz (ref.eq (local.get $o) (global.get $atom.nosuspend)))
            (then (return (call $fail_with_cause (global.get $atom.badarg) (global.get $atom.badopt)))))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.set $r (call $send_to (local.get $to) (local.get $msg)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.and (i32.eq (local.get $r) (i32.const 1)) (local.get $noconnect))
    (then (return (global.get $atom.noconnect))))
  (global.get $atom.ok))

;; The cell the save pointer is at, or null at the end of the queue.
(func $mbox_current (param $p (ref $proc)) (result (ref null $msg))
  (if (result (ref null $msg)) (ref.is_null (struct.get $proc $save (local.get $p)))
    (then (struct.get $proc $mq_first (local.get $p)))
    (else (struct.get $msg $next (ref.as_non_null (struct.get $proc $save (local.get $p)))))))

;; loop_rec: the message at the save pointer, or $FAIL when none is left.
(func $mbox_peek (result eqref)
  (local $c (ref null $msg))
  (local.set $c (call $mbox_current (call $self_proc)))
  (if (result eqref) (ref.is_null (local.get $c))
    (then (global.get $FAIL))
    (else (struct.get $msg $term (ref.as_non_null (local.get $c))))))

;; loop_rec_end: move the save pointer past the current message.
(func $mbox_next
  (local $p (ref $proc))
  (local.set $p (call $self_proc))
  (struct.set $proc $save (local.get $p) (call $mbox_current (local.get $p))))

;; Takes cell `c` (whose predecessor is `prev`, null if it is first) out of `p`'s queue,
;; and marks it taken (it points at itself).
(func $mbox_unlink (param $p (ref $proc)) (param $prev (ref null $msg)) (param $c (ref $msg))
  (if (ref.is_null (local.get $prev))
    (then (struct.set $proc $mq_first (local.get $p) (struct.get $msg $next (local.get $c))))
    (else (struct.set $msg $next (ref.as_non_null (local.get $prev)) (struct.get $msg $next (local.get $c)))))
  (if (ref.eq (struct.get $proc $mq_last (local.get $p)) (local.get $c))
    (then (struct.set $proc $mq_last (local.get $p) (local.get $prev))))
  (struct.set $proc $mq_len (local.get $p) (i32.sub (struct.get $proc $mq_len (local.get $p)) (i32.const 1)))
  (struct.set $msg $next (local.get $c) (local.get $c)))

;; remove_message: take the current message out of the queue; the next receive starts
;; from the first message again. Any receive timeout is cancelled.
(func $mbox_remove
  (local $p (ref $proc)) (local $c (ref null $msg))
  (local.set $p (call $self_proc))
  (local.set $c (call $mbox_current (local.get $p)))
  (if (ref.is_null (local.get $c)) (then (return)))
  (call $mbox_unlink (local.get $p) (struct.get $proc $save (local.get $p)) (ref.as_non_null (local.get $c)))
  (struct.set $proc $save (local.get $p) (ref.null none))
  (call $timer_cancel (local.get $p)))

;; ---- receive markers (OTP 24+) -------------------------------------------------------
;; A receive that waits for a reply carrying a fresh reference need not look at messages
;; that arrived before the reference existed. The compiler brackets the reference's
;; creation with recv_marker_reserve/bind and starts the receive with recv_marker_use, so
;; the scan starts after the last message queued at reserve time: a call made with a
;; long mailbox costs O(new messages), as on the VM. Which messages match is unchanged.

;; recv_marker_reserve: the marker is the queue's last cell now (null: empty queue).
(func $mbox_marker_reserve (result eqref)
  (struct.get $proc $mq_last (call $self_proc)))

;; recv_marker_bind Marker Ref: one marker per process is kept, the latest bound.
(func $mbox_marker_bind (param $mark eqref) (param $ref eqref)
  (local $p (ref $proc))
  (local.set $p (call $self_proc))
  (struct.set $proc $mark_ref (local.get $p) (local.get $ref))
  (struct.set $proc $mark_cell (local.get $p) (ref.cast (ref null $msg) (local.get $mark))))

;; recv_marker_clear Ref.
(func $mbox_marker_clear (param $ref eqref)
  (local $p (ref $proc))
  (local.set $p (call $self_proc))
  (if (ref.eq (struct.get $proc $mark_ref (local.get $p)) (local.get $ref))
    (then
      (struct.set $proc $mark_ref (local.get $p) (ref.null none))
      (struct.set $proc $mark_cell (local.get $p) (ref.null none)))))

;; recv_marker_use Ref: start the receive after the marker bound to Ref. If Ref has no
;; marker, or the marked cell has since left the queue, the scan starts where it is.
(func $mbox_marker_use (param $ref eqref)
  (local $p (ref $proc)) (local $c (ref null $msg))
  (local.set $p (call $self_proc))
  (if (i32.eqz (ref.eq (struct.get $proc $mark_ref (local.get $p)) (local.get $ref))) (then (return)))
  (if (i32.eqz (ref.is_null (struct.get $proc $save (local.get $p)))) (then (return)))
  (local.set $c (struct.get $proc $mark_cell (local.get $p)))
  (if (ref.is_null (local.get $c)) (then (return)))
  (if (ref.eq (struct.get $msg $next (ref.as_non_null (local.get $c))) (local.get $c)) (then (return)))
  (struct.set $proc $save (local.get $p) (local.get $c)))

;; timeout: the `after` clause runs; reset the save pointer and the timeout.
(func $mbox_timeout
  (local $p (ref $proc))
  (local.set $p (call $self_proc))
  (struct.set $proc $save (local.get $p) (ref.null none))
  (call $timer_cancel (local.get $p)))

;; wait: the process sleeps until a message arrives.
(func $mbox_wait
  (struct.set $proc $state (call $self_proc) (global.get $WAITING)))

;; wait_timeout: 1 if the timeout has passed (run the `after` clause now); else the
;; process sleeps until a message arrives or the timer fires, and 0 is returned. As on the
;; VM (beam_jit_wait_timeout), the timeout is read only the first time round: once the
;; timer runs (flag 4, set without a timer for infinity) a message that matches nothing
;; sends the receive back here without reading it, so `receive after T` with T in a
;; register that the wait did not keep (Process.sleep(:infinity)) sleeps on.
(func $mbox_wait_timeout (param $t eqref) (result i32)
  (local $p (ref $proc)) (local $ms i64)
  (local.set $p (call $self_proc))
  (if (i32.and (struct.get $proc $flags (local.get $p)) (i32.const 2))
    (then (return (i32.const 1))))
  (if (i32.eqz (i32.and (struct.get $proc $flags (local.get $p)) (i32.const 4)))
    (then
      (if (ref.eq (local.get $t) (global.get $atom.infinity))
        (then
          (struct.set $proc $flags (local.get $p) (i32.or (struct.get $proc $flags (local.get $p)) (i32.const 4)))
          (call $mbox_wait)
          (return (i32.const 0))))
      ;; A timeout must be infinity or an integer in 0..2^32-1.
      (if (i32.or (i32.eqz (call $is_integer (local.get $t))) (ref.test (ref $bigint) (local.get $t)))
        (then (call $raise_error (global.get $atom.timeout_value))))
      (local.set $ms (call $int_i64 (local.get $t)))
      (if (i64.gt_u (local.get $ms) (i64.const 0xffffffff))
        (then (call $raise_error (global.get $atom.timeout_value))))
      (if (i64.eqz (local.get $ms)) (then (return (i32.const 1))))
      (call $timer_start (local.get $p) (call $deadline_after (local.get $ms)))))
  (call $mbox_wait)
  (i32.const 0))

;; After a suspended wait_timeout resumes: 1 if its timer fired.
(func $mbox_timed_out (result i32)
  (i32.ne (i32.and (struct.get $proc $flags (call $self_proc)) (i32.const 2)) (i32.const 0)))

;; Removes from the running process's mailbox every {'DOWN', Ref, ...} for `ref`.
(func $mbox_flush_down (param $ref eqref)
  (local $p (ref $proc)) (local $c (ref null $msg)) (local $prev (ref null $msg)) (local $t eqref)
  (local $next (ref null $msg))
  (local.set $p (call $self_proc))
  (local.set $c (struct.get $proc $mq_first (local.get $p)))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $c)))
      (then
        (local.set $t (struct.get $msg $term (ref.as_non_null (local.get $c))))
        (local.set $next (struct.get $msg $next (ref.as_non_null (local.get $c))))
        (if (call $is_down_for (local.get $t) (local.get $ref))
          (then
            (if (ref.eq (struct.get $proc $save (local.get $p)) (local.get $c))
              (then (struct.set $proc $save (local.get $p) (local.get $prev))))
            (call $mbox_unlink (local.get $p) (local.get $prev) (ref.as_non_null (local.get $c))))
          (else (local.set $prev (local.get $c))))
        (local.set $c (local.get $next))
        (br $next)))))

(func $is_down_for (param $t eqref) (param $ref eqref) (result i32)
  (local $tt (ref $tuple))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (i32.const 0))))
  (local.set $tt (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.ne (array.len (local.get $tt)) (i32.const 5)) (then (return (i32.const 0))))
  (i32.and (ref.eq (array.get $tuple (local.get $tt) (i32.const 0)) (global.get $atom.DOWN))
           (ref.eq (array.get $tuple (local.get $tt) (i32.const 1)) (local.get $ref))))
