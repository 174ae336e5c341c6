;; sched.wat — the scheduler, and how a process stops and resumes (docs/ABI.md §5).
;;
;; Compiled code runs one process at a time on the wasm stack. To stop, it *unwinds*:
;; the function that stops builds a $frame and calls $yield_at_entry or $suspend_frame,
;; which set $sig; every caller, seeing $sig after its call returns, adds its own frame
;; with $unwind_frame and returns too. The scheduler then puts the chain in front of the
;; process's saved frames. Resuming calls the innermost frame through $hook:resume_frame;
;; each value a frame returns is passed to the next saved frame; an exception goes to the
;; next saved frame with an active handler.

(global $CONTEXT_REDS i32 (i32.const 4000))
;; Reductions left in the current slice; compiled code decrements it at every call.
(global $reds (export "reds") (mut i32) (i32.const 4000))
;; The slice's budget while a frame is being resumed ($reds is 0 then, to force the
;; callee's slow path).
(global $saved_reds (mut i32) (i32.const 4000))
;; Non-zero while the stack is unwinding.
(global $sig (mut i32) (i32.const 0))
;; The frame being resumed, the value its call returned, and the exception it must take.
(global $resuming (mut (ref null $frame)) (ref.null none))
(global $resume_value (mut eqref) (ref.null none))
(global $resume_exn (mut (ref null $exn)) (ref.null none))
;; The frames saved by the current unwinding, innermost first.
(global $unwind_head (mut (ref null $frame)) (ref.null none))
(global $unwind_tail (mut (ref null $frame)) (ref.null none))
;; The running process, and the run queues by priority: max, high, and normal with low
;; (as the VM's: a low process there is passed over RESCHEDULE_LOW - 1 times).
(global $current (mut (ref null $proc)) (ref.null none))
(global $rq_head (mut (ref null $proc)) (ref.null none))
(global $rq_tail (mut (ref null $proc)) (ref.null none))
(global $rqh_head (mut (ref null $proc)) (ref.null none))
(global $rqh_tail (mut (ref null $proc)) (ref.null none))
(global $rqm_head (mut (ref null $proc)) (ref.null none))
(global $rqm_tail (mut (ref null $proc)) (ref.null none))
;; A process's priority lives in its flags (docs/ABI.md §5): PRIO_MASK of them, 0 normal;
;; a low one's schedule count (the VM's, 8 when queued) in bits 8-11.
(global $PRIO_MASK i32 (i32.const 0x30))
(global $PRIO_LOW i32 (i32.const 0x10))
(global $PRIO_HIGH i32 (i32.const 0x20))
(global $PRIO_MAX i32 (i32.const 0x30))
;; Set by erlang:halt/1.
(global $halted (mut i32) (i32.const 0))
(global $exit_code (mut i32) (i32.const 0))

;; Thrown by erlang:halt/1 and by a process killing itself; caught only by the scheduler.
(tag $halt)
(tag $self_exit)
;; Thrown by erlang:hibernate/3 once it has replaced the process's frames.
(tag $reschedule)

;; Process states.
(global $RUNNABLE i32 (i32.const 0))
(global $WAITING i32 (i32.const 1))
(global $EXITED i32 (i32.const 2))

;; Called by a resumed function once it has read its frame.
(func $resume_done
  (global.set $resuming (ref.null none))
  (global.set $resume_value (ref.null none))
  (global.set $resume_exn (ref.null none))
  (global.set $reds (global.get $saved_reds)))

(func $new_frame (param $fn funcref) (param $arity i32) (param $label i32) (param $handler i32)
                 (param $regs (ref null $tuple)) (result (ref $frame))
  (struct.new $frame (local.get $fn) (local.get $label) (local.get $handler) (local.get $regs)
    (ref.null none) (local.get $arity)))

;; Starts unwinding with `fr` as the innermost frame.
(func $unwind_start (param $fr (ref $frame))
  (global.set $unwind_head (local.get $fr))
  (global.set $unwind_tail (local.get $fr))
  (global.set $sig (i32.const 1)))

;; The slice is spent at the entry of `fn`: save its arguments as a label-0 frame.
(func $yield_at_entry (param $fn funcref) (param $arity i32) (param $args (ref $tuple)) (result eqref)
  (call $unwind_start (call $new_frame (local.get $fn) (local.get $arity) (i32.const 0) (i32.const 0) (local.get $args)))
  (ref.null none))

;; A receive waits: save the frame that resumes the receive loop.
(func $suspend_frame (param $fn funcref) (param $arity i32) (param $label i32) (param $handler i32)
                     (param $regs (ref $tuple)) (result eqref)
  (call $unwind_start (call $new_frame (local.get $fn) (local.get $arity) (local.get $label) (local.get $handler) (local.get $regs)))
  (ref.null none))

;; A caller's frame, saved while unwinding: it goes after the frames already saved.
(func $unwind_frame (param $fn funcref) (param $arity i32) (param $label i32) (param $handler i32)
                    (param $regs (ref $tuple)) (result eqref)
  (local $fr (ref $frame))
  (local.set $fr (call $new_frame (local.get $fn) (local.get $arity) (local.get $label) (local.get $handler) (local.get $regs)))
  (struct.set $frame $next (ref.as_non_null (global.get $unwind_tail)) (local.get $fr))
  (global.set $unwind_tail (local.get $fr))
  (ref.null none))

;; Adds a process to the end of its priority's run queue (unless it is queued already).
(func $enqueue (param $p (ref $proc))
  (local $flags i32) (local $prio i32)
  (local.set $flags (struct.get $proc $flags (local.get $p)))
  (if (i32.and (local.get $flags) (i32.const 8)) (then (return)))
  (local.set $prio (i32.and (local.get $flags) (global.get $PRIO_MASK)))
  (struct.set $proc $next_run (local.get $p) (ref.null none))
  (if (i32.eq (local.get $prio) (global.get $PRIO_HIGH))
    (then
      (struct.set $proc $flags (local.get $p) (i32.or (local.get $flags) (i32.const 8)))
      (if (ref.is_null (global.get $rqh_tail))
        (then (global.set $rqh_head (local.get $p)))
        (else (struct.set $proc $next_run (ref.as_non_null (global.get $rqh_tail)) (local.get $p))))
      (global.set $rqh_tail (local.get $p))
      (return)))
  (if (i32.eq (local.get $prio) (global.get $PRIO_MAX))
    (then
      (struct.set $proc $flags (local.get $p) (i32.or (local.get $flags) (i32.const 8)))
      (if (ref.is_null (global.get $rqm_tail))
        (then (global.set $rqm_head (local.get $p)))
        (else (struct.set $proc $next_run (ref.as_non_null (global.get $rqm_tail)) (local.get $p))))
      (global.set $rqm_tail (local.get $p))
      (return)))
  ;; normal, or low with a schedule count of 8
  (if (i32.eq (local.get $prio) (global.get $PRIO_LOW))
    (then (local.set $flags (i32.or (i32.and (local.get $flags) (i32.const -0xf01)) (i32.const 0x800)))))
  (struct.set $proc $flags (local.get $p) (i32.or (local.get $flags) (i32.const 8)))
  (if (ref.is_null (global.get $rq_tail))
    (then (global.set $rq_head (local.get $p)))
    (else (struct.set $proc $next_run (ref.as_non_null (global.get $rq_tail)) (local.get $p))))
  (global.set $rq_tail (local.get $p)))

;; The next process to run: the first of the highest non-empty queue. In the normal queue
;; a low process that is not the last is moved to the end until its count runs out.
(func $dequeue (result (ref null $proc))
  (local $p (ref null $proc)) (local $flags i32)
  (local.set $p (global.get $rqm_head))
  (if (i32.eqz (ref.is_null (local.get $p)))
    (then
      (global.set $rqm_head (struct.get $proc $next_run (ref.as_non_null (local.get $p))))
      (if (ref.is_null (global.get $rqm_head)) (then (global.set $rqm_tail (ref.null none))))
      (return (call $dequeued (ref.as_non_null (local.get $p))))))
  (local.set $p (global.get $rqh_head))
  (if (i32.eqz (ref.is_null (local.get $p)))
    (then
      (global.set $rqh_head (struct.get $proc $next_run (ref.as_non_null (local.get $p))))
      (if (ref.is_null (global.get $rqh_head)) (then (global.set $rqh_tail (ref.null none))))
      (return (call $dequeued (ref.as_non_null (local.get $p))))))
  (loop $next
    (local.set $p (global.get $rq_head))
    (if (ref.is_null (local.get $p)) (then (return (ref.null none))))
    (local.set $flags (struct.get $proc $flags (ref.as_non_null (local.get $p))))
    (if (i32.eq (i32.and (local.get $flags) (global.get $PRIO_MASK)) (global.get $PRIO_LOW))
      (then
        ;; check_requeue_process: --schedule_count > 0 and not the last: to the end
        (local.set $flags (i32.sub (local.get $flags) (i32.const 0x100)))
        (struct.set $proc $flags (ref.as_non_null (local.get $p)) (local.get $flags))
        (if (i32.and (i32.ne (i32.and (local.get $flags) (i32.const 0xf00)) (i32.const 0))
                     (i32.eqz (ref.eq (local.get $p) (global.get $rq_tail))))
          (then
            (global.set $rq_head (struct.get $proc $next_run (ref.as_non_null (local.get $p))))
            (struct.set $proc $next_run (ref.as_non_null (global.get $rq_tail)) (local.get $p))
            (struct.set $proc $next_run (ref.as_non_null (local.get $p)) (ref.null none))
            (global.set $rq_tail (local.get $p))
            (br $next))))))
  (global.set $rq_head (struct.get $proc $next_run (ref.as_non_null (local.get $p))))
  (if (ref.is_null (global.get $rq_head)) (then (global.set $rq_tail (ref.null none))))
  (call $dequeued (ref.as_non_null (local.get $p))))

;; A process leaves its run queue.
(func $dequeued (param $p (ref $proc)) (result (ref $proc))
  (struct.set $proc $flags (local.get $p) (i32.and (struct.get $proc $flags (local.get $p)) (i32.const -9)))
  (local.get $p))

;; Runs processes until the program halts (0), every process waits for a timer (1: the
;; host should sleep bw_wait_ms and call again), or every process waits forever (2).
(func $run (export "bw_run") (result i32)
  (local $p (ref null $proc))
  (loop $next
    (if (global.get $halted) (then (return (i32.const 0))))
    (call $timers_fire)
    (local.set $p (call $dequeue))
    (if (ref.is_null (local.get $p))
      (then
        (if (call $timers_pending) (then (return (i32.const 1))))
        (return (i32.const 2))))
    (if (i32.eq (struct.get $proc $state (ref.as_non_null (local.get $p))) (global.get $EXITED))
      (then (br $next)))
    (call $run_process (ref.as_non_null (local.get $p)))
    (br $next))
  (i32.const 0))

;; The exit code given to erlang:halt/1.
(func (export "bw_exit_code") (result i32) (global.get $exit_code))

;; Runs one process for one slice: resumes its saved frames one after another until it
;; unwinds again (yield or wait), finishes, or dies.
(func $run_process (param $p (ref $proc))
  (local $fr (ref null $frame)) (local $value eqref) (local $exn (ref null $exn))
  (global.set $current (local.get $p))
  (global.set $reds (global.get $CONTEXT_REDS))
  (if (i32.eqz (ref.is_null (global.get $tracees))) (then (call $trace_sched (local.get $p) (i32.const 0))))
  (loop $frames
    (local.set $fr (struct.get $proc $stack (local.get $p)))
    (if (ref.is_null (local.get $fr))
      (then
        ;; The process's first function has returned, or an exception found no handler.
        (call $slice_done (local.get $p))
        (if (ref.is_null (local.get $exn))
          (then (call $proc_exit (local.get $p) (global.get $atom.normal)))
          (else (call $proc_die_exn (local.get $p) (ref.as_non_null (local.get $exn)))))
        (global.set $current (ref.null none))
        (return)))
    (struct.set $proc $stack (local.get $p) (struct.get $frame $next (ref.as_non_null (local.get $fr))))
    (if (i32.eqz (ref.is_null (local.get $exn)))
      (then
        (if (i32.eqz (struct.get $frame $handler (ref.as_non_null (local.get $fr))))
          (then (br $frames)))
        (global.set $resume_exn (local.get $exn))
        (local.set $exn (ref.null none))))
    (global.set $sig (i32.const 0))
    (if (struct.get $frame $label (ref.as_non_null (local.get $fr)))
      (then
        (global.set $resuming (local.get $fr))
        (global.set $resume_value (local.get $value))
        (global.set $saved_reds (global.get $reds))
        (global.set $reds (i32.const 0))))
    (block $done
      (block $halting
        (block $killed
         (block $resched
          (local.set $exn
            (block $caught (result (ref $exn))
              (try_table (catch $erl_exn $caught) (catch $halt $halting) (catch $self_exit $killed)
                         (catch $reschedule $resched)
                (local.set $value (call $hook:resume_frame (ref.as_non_null (local.get $fr)))))
              (br $done)))
          (global.set $resuming (ref.null none))
          (global.set $resume_exn (ref.null none))
          (global.set $sig (i32.const 0))
          (br $frames))
         ;; hibernated: its frames are replaced already.
         (global.set $resuming (ref.null none))
         (global.set $resume_exn (ref.null none))
         (global.set $sig (i32.const 0))
         (global.set $unwind_head (ref.null none))
         (global.set $unwind_tail (ref.null none))
         (call $slice_done (local.get $p))
         (if (i32.eqz (ref.is_null (global.get $tracees))) (then (call $trace_sched (local.get $p) (i32.const 1))))
         (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $RUNNABLE))
           (then (call $enqueue (local.get $p))))
         (global.set $current (ref.null none))
         (return))
        ;; killed (exit(self(), kill) and the like): the reason is already set.
        (global.set $sig (i32.const 0))
        (call $slice_done (local.get $p))
        (call $proc_exit (local.get $p) (struct.get $proc $exit_reason (local.get $p)))
        (global.set $current (ref.null none))
        (return))
      ;; halting
      (global.set $current (ref.null none))
      (return))
    (if (global.get $sig)
      (then
        ;; Unwound: the new frames go in front of the older ones.
        (global.set $sig (i32.const 0))
        (struct.set $frame $next (ref.as_non_null (global.get $unwind_tail)) (struct.get $proc $stack (local.get $p)))
        (struct.set $proc $stack (local.get $p) (global.get $unwind_head))
        (global.set $unwind_head (ref.null none))
        (global.set $unwind_tail (ref.null none))
        (call $slice_done (local.get $p))
        (if (i32.eqz (ref.is_null (global.get $tracees))) (then (call $trace_sched (local.get $p) (i32.const 1))))
        (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $RUNNABLE))
          (then (call $enqueue (local.get $p))))
        (global.set $current (ref.null none))
        (return)))
    (br $frames)))

;; Counts the reductions of the slice that just ended.
(func $slice_done (param $p (ref $proc))
  (local $used i64)
  (local.set $used (i64.extend_i32_s (i32.sub (global.get $CONTEXT_REDS) (global.get $reds))))
  (if (i64.lt_s (local.get $used) (i64.const 0)) (then (local.set $used (i64.const 0))))
  (struct.set $proc $reductions (local.get $p) (i64.add (struct.get $proc $reductions (local.get $p)) (local.get $used)))
  (global.set $stat_reds (i64.add (global.get $stat_reds) (local.get $used))))

;; erlang:halt/0,1,2: stop the program with a status.
(func $halt_with (param $code i32)
  (global.set $exit_code (local.get $code))
  (global.set $halted (i32.const 1))
  (throw $halt))

(func $erlang:halt/0 (result eqref)
  (call $halt_with (i32.const 0))
  (unreachable))

(func $erlang:halt/1 (param $s eqref) (result eqref)
  (call $halt_status (local.get $s))
  (unreachable))

(func $erlang:halt/2 (param $s eqref) (param $opts eqref) (result eqref)
  (call $halt_status (local.get $s))
  (unreachable))

;; The status of halt/1: an integer, `abort`, or a string (printed as a crash dump slogan;
;; the VM then exits with status 1).
(func $halt_status (param $s eqref)
  (if (ref.test (ref i31) (local.get $s))
    (then (call $halt_with (i32.and (i31.get_s (ref.cast (ref i31) (local.get $s))) (i32.const 255)))))
  (if (ref.test (ref $int) (local.get $s))
    (then (call $halt_with (i32.const 255))))
  (call $halt_with (i32.const 1)))
