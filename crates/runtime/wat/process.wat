;; process.wat — processes: creation, the process table and registry, exit signals, links,
;; monitors, the process dictionary, and the process BIFs.
;;
;; Every process other than the running one is stopped at a known point (its frames are
;; saved), so a signal that kills it is handled at once: its stack is dropped and its
;; links and monitors are notified.
;;
;; $proc.links: a list of pids. $proc.monitors: the monitors *on* this process, a list of
;; {Ref, WatcherPid, Kind}. $proc.watching: the monitors this process holds, a list of
;; {Ref, TargetPid}. $proc.flags: 1 trap_exit, 2 timed out, 4 timer running, 8 queued.

(global $pid_counter (mut i32) (i32.const 80))
(global $ref_counter (mut i64) (i64.const 1))
;; The registry: a list of {Name, Pid}.
(global $registry (mut eqref) (ref.null none))
;; Every live process, doubly linked through $proc.live_next/live_prev, newest first.
(global $live (mut (ref null $proc)) (ref.null none))
(global $live_count (mut i32) (i32.const 0))

;; The pid of the live process numbered `n`, or null.
(func $live_pid_by_num (param $n i32) (result (ref null $pid))
  (local $p (ref null $proc))
  (local.set $p (global.get $live))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $p)))
      (then
        (if (i32.eq (struct.get $pid $num (struct.get $proc $pid (ref.as_non_null (local.get $p)))) (local.get $n))
          (then (return (struct.get $proc $pid (ref.as_non_null (local.get $p))))))
        (local.set $p (struct.get $proc $live_next (ref.as_non_null (local.get $p))))
        (br $next))))
  (ref.null none))

;; Takes an exited process off the live list.
(func $live_remove (param $p (ref $proc))
  (local $prev (ref null $proc)) (local $next (ref null $proc))
  (local.set $prev (struct.get $proc $live_prev (local.get $p)))
  (local.set $next (struct.get $proc $live_next (local.get $p)))
  (if (ref.is_null (local.get $prev))
    (then (if (ref.eq (global.get $live) (local.get $p)) (then (global.set $live (local.get $next)))))
    (else (struct.set $proc $live_next (ref.as_non_null (local.get $prev)) (local.get $next))))
  (if (i32.eqz (ref.is_null (local.get $next)))
    (then (struct.set $proc $live_prev (ref.as_non_null (local.get $next)) (local.get $prev))))
  (struct.set $proc $live_prev (local.get $p) (ref.null none))
  (struct.set $proc $live_next (local.get $p) (ref.null none))
  (global.set $live_count (i32.sub (global.get $live_count) (i32.const 1))))

;; The running process (compiled code only runs inside one).
(func $self_proc (result (ref $proc))
  (ref.as_non_null (global.get $current)))

(func $self_pid (result (ref $pid))
  (struct.get $proc $pid (call $self_proc)))

;; A new process whose first frame is `fr`; it inherits the group leader of the running
;; process, if any. It is queued to run.
(func $spawn_frame (param $fr (ref $frame)) (param $initial eqref) (result (ref $proc))
  (local $pid (ref $pid)) (local $p (ref $proc)) (local $gl eqref)
  (global.set $pid_counter (i32.add (global.get $pid_counter) (i32.const 1)))
  (local.set $pid (struct.new $pid (global.get $pid_counter) (ref.null none)))
  (if (i32.eqz (ref.is_null (global.get $current)))
    (then (local.set $gl (struct.get $proc $group_leader (call $self_proc)))))
  (local.set $p (struct.new $proc
    (local.get $pid) (global.get $RUNNABLE) (local.get $fr)
    (ref.null none) (ref.null none) (ref.null none) (i32.const 0)
    (ref.null none) (ref.null none) (ref.null none) (i32.const 0)
    (local.get $gl) (ref.null none) (ref.null none) (ref.null none) (i64.const 0)
    (local.get $initial) (ref.null none) (ref.null none) (global.get $live)
    (ref.null none) (ref.null none)))
  (struct.set $proc $flags (local.get $p) (global.get $spawn_prio))
  (struct.set $pid $proc (local.get $pid) (local.get $p))
  ;; The list of live processes, newest first (processes/0).
  (if (i32.eqz (ref.is_null (global.get $live)))
    (then (struct.set $proc $live_prev (ref.as_non_null (global.get $live)) (local.get $p))))
  (global.set $live (local.get $p))
  (global.set $live_count (i32.add (global.get $live_count) (i32.const 1)))
  (call $enqueue (local.get $p))
  (local.get $p))

;; The process behind a pid term, or null if it is not a live local process.
(func $pid_proc (param $t eqref) (result (ref null $proc))
  (if (i32.eqz (ref.test (ref $pid) (local.get $t))) (then (return (ref.null none))))
  (struct.get $pid $proc (ref.cast (ref $pid) (local.get $t))))

;; Whether `p` is null or an exited process.
(func $proc_dead (param $p (ref null $proc)) (result i32)
  (if (ref.is_null (local.get $p)) (then (return (i32.const 1))))
  (i32.eq (struct.get $proc $state (ref.as_non_null (local.get $p))) (global.get $EXITED)))

;; Starts the program: the boot process runs beamwasm_boot:start(Args), Args being the
;; command-line arguments the host wrote into the staging area as `argc` NUL-terminated
;; strings at `ptr`.
(func $start (export "bw_start") (param $ptr i32) (param $argc i32)
  (local $args eqref) (local $i i32) (local $end i32) (local $strs (ref $tuple)) (local $p i32) (local $len i32)
  (call $atoms_init)
  (call $hook:init)
  (call $atoms_materialize)
  (call $literals_init)
  (call $int_tables_init)
  (local.set $strs (array.new $tuple (ref.null none) (local.get $argc)))
  (local.set $p (local.get $ptr))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $argc)))
      (local.set $end (local.get $p))
      (block $z (loop $scan
        (br_if $z (i32.eqz (i32.load8_u (local.get $end))))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))
        (br $scan)))
      (local.set $len (i32.sub (local.get $end) (local.get $p)))
      (array.set $tuple (local.get $strs) (local.get $i) (call $bin_from_memory (local.get $p) (local.get $len)))
      (local.set $p (i32.add (local.get $end) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $args (call $tuple_to_list (local.get $strs)))
  (drop (call $spawn_frame
    (call $new_frame (ref.func $hook:boot) (i32.const 1) (i32.const 0) (i32.const 0)
      (array.new_fixed $tuple 1 (local.get $args)))
    (ref.null none))))

;; ---- spawning -----------------------------------------------------------------------

;; A frame that calls fun F with no arguments.
(func $fun_frame (param $f eqref) (result (ref $frame))
  (call $new_frame (ref.func $hook:apply_fun) (i32.const 2) (i32.const 0) (i32.const 0)
    (array.new_fixed $tuple 2 (local.get $f) (ref.null none))))

;; A frame that calls M:F(Args).
(func $mfa_frame (param $m eqref) (param $f eqref) (param $a eqref) (result (ref $frame))
  (call $new_frame (ref.func $hook:apply_mfa) (i32.const 3) (i32.const 0) (i32.const 0)
    (array.new_fixed $tuple 3 (local.get $m) (local.get $f) (local.get $a))))

(func $is_fun0 (param $f eqref) (result i32)
  (if (result i32) (ref.test (ref $fun) (local.get $f))
    (then (i32.eqz (struct.get $fun $arity (ref.cast (ref $fun) (local.get $f)))))
    (else (i32.const 0))))

(func $erlang:spawn/1 (param $f eqref) (result eqref)
  (if (i32.eqz (call $is_fun0 (local.get $f))) (then (return (call $fail_badarg))))
  (struct.get $proc $pid (call $spawn_frame (call $fun_frame (local.get $f)) (local.get $f))))

(func $erlang:spawn/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (if (i32.eqz (call $mfa_ok (local.get $m) (local.get $f) (local.get $a))) (then (return (call $fail_badarg))))
  (struct.get $proc $pid (call $spawn_frame (call $mfa_frame (local.get $m) (local.get $f) (local.get $a))
    (call $tuple3 (local.get $m) (local.get $f) (call $erlang:length/1 (local.get $a))))))

(func $mfa_ok (param $m eqref) (param $f eqref) (param $a eqref) (result i32)
  (i32.and (i32.and (ref.test (ref $atom) (local.get $m)) (ref.test (ref $atom) (local.get $f)))
    (i32.ge_s (call $list_length (local.get $a)) (i32.const 0))))

(func $erlang:spawn_link/1 (param $f eqref) (result eqref)
  (local $pid eqref)
  (local.set $pid (call $erlang:spawn/1 (local.get $f)))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $link_both (call $self_proc) (ref.as_non_null (call $pid_proc (local.get $pid))))
  (local.get $pid))

(func $erlang:spawn_link/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $pid eqref)
  (local.set $pid (call $erlang:spawn/3 (local.get $m) (local.get $f) (local.get $a)))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $link_both (call $self_proc) (ref.as_non_null (call $pid_proc (local.get $pid))))
  (local.get $pid))

(func $erlang:spawn_monitor/1 (param $f eqref) (result eqref)
  (local $pid eqref)
  (local.set $pid (call $erlang:spawn/1 (local.get $f)))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $tuple2 (local.get $pid) (call $monitor_pid (local.get $pid) (global.get $atom.process))))

(func $erlang:spawn_monitor/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $pid eqref)
  (local.set $pid (call $erlang:spawn/3 (local.get $m) (local.get $f) (local.get $a)))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $tuple2 (local.get $pid) (call $monitor_pid (local.get $pid) (global.get $atom.process))))

;; spawn_opt(Fun, Opts): the options are checked as the VM's erts_parse_spawn_opts does
;; (anything else is badarg with cause badopt); `link`, `monitor` and `priority` are
;; honoured, the memory options have no effect here.
(func $erlang:spawn_opt/2 (param $f eqref) (param $opts eqref) (result eqref)
  (local $pid eqref) (local $prio i32)
  (local.set $prio (call $spawn_opts_priority (local.get $opts)))
  (if (i32.lt_s (local.get $prio) (i32.const 0))
    (then (return (call $fail_with_cause (global.get $atom.badarg) (global.get $atom.badopt)))))
  (global.set $spawn_prio (local.get $prio))
  (local.set $pid (call $erlang:spawn/1 (local.get $f)))
  (global.set $spawn_prio (i32.const 0))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $spawn_options (local.get $pid) (local.get $opts)))

(func $erlang:spawn_opt/4 (param $m eqref) (param $f eqref) (param $a eqref) (param $opts eqref) (result eqref)
  (local $pid eqref) (local $prio i32)
  (local.set $prio (call $spawn_opts_priority (local.get $opts)))
  (if (i32.lt_s (local.get $prio) (i32.const 0))
    (then (return (call $fail_with_cause (global.get $atom.badarg) (global.get $atom.badopt)))))
  (global.set $spawn_prio (local.get $prio))
  (local.set $pid (call $erlang:spawn/3 (local.get $m) (local.get $f) (local.get $a)))
  (global.set $spawn_prio (i32.const 0))
  (if (call $is_fail (local.get $pid)) (then (return (local.get $pid))))
  (call $spawn_options (local.get $pid) (local.get $opts)))

;; The priority flag bits a new process gets ($spawn_frame): spawn_opt's, else normal.
(global $spawn_prio (mut i32) (i32.const 0))

;; The priority bits of a spawn option list (0 normal), or -1 when it is not a proper list
;; of options the VM accepts: link, monitor, {monitor, Opts}, {priority, P},
;; {message_queue_data, on_heap | off_heap}, {min_heap_size | min_bin_vheap_size |
;; fullsweep_after, N >= 0}, {max_heap_size, N >= 0 | Map}, {scheduler, 0..Schedulers}.
(func $spawn_opts_priority (param $opts eqref) (result i32)
  (local $l eqref) (local $o eqref) (local $t (ref $tuple)) (local $k eqref) (local $v eqref) (local $prio i32)
  (local.set $l (local.get $opts))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (i32.const -1))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br_if $next (i32.or (ref.eq (local.get $o) (global.get $atom.link)) (ref.eq (local.get $o) (global.get $atom.monitor))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (i32.const -1))))
      (local.set $t (ref.cast (ref $tuple) (local.get $o)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const -1))))
      (local.set $k (array.get $tuple (local.get $t) (i32.const 0)))
      (local.set $v (array.get $tuple (local.get $t) (i32.const 1)))
      (if (ref.eq (local.get $k) (global.get $atom.priority))
        (then
          (local.set $prio (call $prio_bits (local.get $v)))
          (if (i32.lt_s (local.get $prio) (i32.const 0)) (then (return (i32.const -1))))
          (br $next)))
      (if (ref.eq (local.get $k) (global.get $atom.message_queue_data))
        (then
          (br_if $next (i32.or (ref.eq (local.get $v) (global.get $atom.on_heap)) (ref.eq (local.get $v) (global.get $atom.off_heap))))
          (return (i32.const -1))))
      (if (i32.or (ref.eq (local.get $k) (global.get $atom.min_heap_size))
            (i32.or (ref.eq (local.get $k) (global.get $atom.min_bin_vheap_size)) (ref.eq (local.get $k) (global.get $atom.fullsweep_after))))
        (then
          (br_if $next (i32.and (ref.test (ref i31) (local.get $v)) (i32.eqz (call $bs.is_negative (local.get $v)))))
          (return (i32.const -1))))
      (if (ref.eq (local.get $k) (global.get $atom.max_heap_size))
        (then
          (br_if $next (i32.and (call $is_integer (local.get $v)) (i32.eqz (call $bs.is_negative (local.get $v)))))
          (br_if $next (call $is_map (local.get $v)))
          (return (i32.const -1))))
      (if (ref.eq (local.get $k) (global.get $atom.scheduler))
        (then
          (br_if $next (i32.and (ref.test (ref i31) (local.get $v))
            (i32.le_u (i31.get_s (ref.cast (ref i31) (local.get $v))) (global.get $sf_schedulers_online))))
          (return (i32.const -1))))
      (if (ref.eq (local.get $k) (global.get $atom.monitor))
        (then
          (br_if $next (i32.ge_s (call $list_length (local.get $v)) (i32.const 0)))
          (return (i32.const -1))))
      (return (i32.const -1))))
  (local.get $prio))

;; The flag bits of a priority (sched.wat), or -1 for anything but low, normal, high, max.
(func $prio_bits (param $v eqref) (result i32)
  (if (ref.eq (local.get $v) (global.get $atom.normal)) (then (return (i32.const 0))))
  (if (ref.eq (local.get $v) (global.get $atom.low)) (then (return (global.get $PRIO_LOW))))
  (if (ref.eq (local.get $v) (global.get $atom.high)) (then (return (global.get $PRIO_HIGH))))
  (if (ref.eq (local.get $v) (global.get $atom.max)) (then (return (global.get $PRIO_MAX))))
  (i32.const -1))

;; The priority atom of a process's flags.
(func $prio_atom (param $flags i32) (result eqref)
  (local $b i32)
  (local.set $b (i32.and (local.get $flags) (global.get $PRIO_MASK)))
  (if (i32.eq (local.get $b) (global.get $PRIO_LOW)) (then (return (global.get $atom.low))))
  (if (i32.eq (local.get $b) (global.get $PRIO_HIGH)) (then (return (global.get $atom.high))))
  (if (i32.eq (local.get $b) (global.get $PRIO_MAX)) (then (return (global.get $atom.max))))
  (global.get $atom.normal))

(func $spawn_options (param $pid eqref) (param $opts eqref) (result eqref)
  (local $mon eqref)
  (if (call $list_member (global.get $atom.link) (local.get $opts))
    (then (call $link_both (call $self_proc) (ref.as_non_null (call $pid_proc (local.get $pid))))))
  (if (call $list_member (global.get $atom.monitor) (local.get $opts))
    (then (return (call $tuple2 (local.get $pid) (call $monitor_pid (local.get $pid) (global.get $atom.process))))))
  (local.get $pid))

;; Whether `x` is an element of the proper list `l` (by identity: atoms).
(func $list_member (param $x eqref) (param $l eqref) (result i32)
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (if (ref.eq (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (local.get $x))
          (then (return (i32.const 1))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (i32.const 0))

;; ---- identity ---------------------------------------------------------------------

(func $erlang:self/0 (result eqref) (call $self_pid))

(func $erlang:make_ref/0 (result eqref)
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $ref (global.get $ref_counter)))

(func $erlang:is_process_alive/1 (param $p eqref) (result eqref)
  (local $proc (ref null $proc))
  (if (i32.eqz (ref.test (ref $pid) (local.get $p))) (then (return (call $fail_badarg))))
  (local.set $proc (call $pid_proc (local.get $p)))
  (call $bool (if (result i32) (ref.is_null (local.get $proc))
    (then (i32.const 0))
    (else (i32.ne (struct.get $proc $state (ref.as_non_null (local.get $proc))) (global.get $EXITED))))))

(func $erlang:group_leader/0 (result eqref)
  (struct.get $proc $group_leader (call $self_proc)))

(func $erlang:group_leader/2 (param $gl eqref) (param $p eqref) (result eqref)
  (local $proc (ref null $proc))
  (if (i32.eqz (ref.test (ref $pid) (local.get $gl))) (then (return (call $fail_badarg))))
  (local.set $proc (call $pid_proc (local.get $p)))
  (if (ref.is_null (local.get $proc)) (then (return (call $fail_badarg))))
  (struct.set $proc $group_leader (ref.as_non_null (local.get $proc)) (local.get $gl))
  (global.get $atom.true))

(func $erlang:processes/0 (result eqref)
  (local $acc eqref) (local $p (ref null $proc))
  (local.set $p (global.get $live))
  (loop $next
    (if (i32.eqz (ref.is_null (local.get $p)))
      (then
        (local.set $acc (struct.new $cons (struct.get $proc $pid (ref.as_non_null (local.get $p))) (local.get $acc)))
        (local.set $p (struct.get $proc $live_next (ref.as_non_null (local.get $p))))
        (br $next))))
  (local.get $acc))

;; ---- the registry -----------------------------------------------------------------

(func $whereis (param $name eqref) (result eqref)
  (local $l eqref) (local $e (ref $tuple))
  (local.set $l (global.get $registry))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $name))
          (then (return (array.get $tuple (local.get $e) (i32.const 1)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

(func $erlang:whereis/1 (param $name eqref) (result eqref)
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (local.set $p (call $whereis (local.get $name)))
  (if (result eqref) (ref.is_null (local.get $p))
    (then (global.get $atom.undefined))
    (else (local.get $p))))

(func $erlang:register/2 (param $name eqref) (param $pid eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (if (ref.eq (local.get $name) (global.get $atom.undefined)) (then (return (call $fail_badarg))))
  (if (ref.is_null (call $pid_proc (local.get $pid))) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.is_null (call $whereis (local.get $name)))) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.is_null (call $name_of (local.get $pid)))) (then (return (call $fail_badarg))))
  (global.set $registry (struct.new $cons (call $tuple2 (local.get $name) (local.get $pid)) (global.get $registry)))
  (global.get $atom.true))

;; The registered name of a pid, or null.
(func $name_of (param $pid eqref) (result eqref)
  (local $l eqref) (local $e (ref $tuple))
  (local.set $l (global.get $registry))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (ref.eq (array.get $tuple (local.get $e) (i32.const 1)) (local.get $pid))
          (then (return (array.get $tuple (local.get $e) (i32.const 0)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

;; Removes every registry entry whose element `at` is `x`; 1 if there was one.
(func $registry_remove (param $x eqref) (param $at i32) (result i32)
  (local $l eqref) (local $acc eqref) (local $e (ref $tuple)) (local $found i32)
  (local.set $l (global.get $registry))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (ref.eq (array.get $tuple (local.get $e) (local.get $at)) (local.get $x))
          (then (local.set $found (i32.const 1)))
          (else (local.set $acc (struct.new $cons (local.get $e) (local.get $acc)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (global.set $registry (local.get $acc))
  (local.get $found))

(func $erlang:unregister/1 (param $name eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (if (i32.eqz (call $registry_remove (local.get $name) (i32.const 0))) (then (return (call $fail_badarg))))
  (global.get $atom.true))

(func $erlang:registered/0 (result eqref)
  (local $l eqref) (local $acc eqref)
  (local.set $l (global.get $registry))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $acc (struct.new $cons
          (array.get $tuple (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))) (i32.const 0))
          (local.get $acc)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

;; ---- links and exit signals ---------------------------------------------------------

(func $link_both (param $a (ref $proc)) (param $b (ref $proc))
  (if (i32.eqz (call $list_member (struct.get $proc $pid (local.get $b)) (struct.get $proc $links (local.get $a))))
    (then
      (struct.set $proc $links (local.get $a) (struct.new $cons (struct.get $proc $pid (local.get $b)) (struct.get $proc $links (local.get $a))))
      (struct.set $proc $links (local.get $b) (struct.new $cons (struct.get $proc $pid (local.get $a)) (struct.get $proc $links (local.get $b)))))))

;; The list `l` without the element `x` (by identity).
(func $list_without (param $l eqref) (param $x eqref) (result eqref)
  (local $acc eqref) (local $h eqref)
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
        (if (i32.eqz (ref.eq (local.get $h) (local.get $x)))
          (then (local.set $acc (struct.new $cons (local.get $h) (local.get $acc)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

(func $erlang:link/1 (param $pid eqref) (result eqref)
  (local $p (ref null $proc))
  ;; A port's driver process keeps the port's links (net.wat).
  (if (ref.test (ref $port) (local.get $pid)) (then (return (call $port_link (local.get $pid)))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (call $proc_dead (local.get $p))
    (then
      ;; Linking to a dead process: a trapping caller gets {'EXIT', Pid, noproc}; others die.
      (call $exit_signal (call $self_proc) (local.get $pid) (global.get $atom.noproc) (i32.const 1))
      (return (global.get $atom.true))))
  (if (ref.eq (local.get $p) (global.get $current)) (then (return (global.get $atom.true))))
  (call $link_both (call $self_proc) (ref.as_non_null (local.get $p)))
  (global.get $atom.true))

(func $erlang:unlink/1 (param $pid eqref) (result eqref)
  (local $p (ref null $proc)) (local $me (ref $proc))
  (if (ref.test (ref $port) (local.get $pid)) (then (return (call $port_unlink (local.get $pid)))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $me (call $self_proc))
  (struct.set $proc $links (local.get $me) (call $list_without (struct.get $proc $links (local.get $me)) (local.get $pid)))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (i32.eqz (ref.is_null (local.get $p)))
    (then (struct.set $proc $links (ref.as_non_null (local.get $p))
      (call $list_without (struct.get $proc $links (ref.as_non_null (local.get $p))) (call $self_pid)))))
  (global.get $atom.true))

(func $erlang:process_flag/2 (param $flag eqref) (param $v eqref) (result eqref)
  (local $me (ref $proc)) (local $old i32) (local $r eqref)
  (local.set $me (call $self_proc))
  (if (ref.eq (local.get $flag) (global.get $atom.trap_exit))
    (then
      (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $fail_badarg))))
      (local.set $old (i32.and (struct.get $proc $flags (local.get $me)) (i32.const 1)))
      (struct.set $proc $flags (local.get $me)
        (i32.or (i32.and (struct.get $proc $flags (local.get $me)) (i32.const -2))
                (ref.eq (local.get $v) (global.get $atom.true))))
      (return (call $bool (local.get $old)))))
  ;; priority: low, normal, high or max; the old one. It rules the process's next turns.
  (if (ref.eq (local.get $flag) (global.get $atom.priority))
    (then
      (local.set $old (call $prio_bits (local.get $v)))
      (if (i32.lt_s (local.get $old) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $r (call $prio_atom (struct.get $proc $flags (local.get $me))))
      (struct.set $proc $flags (local.get $me)
        (i32.or (i32.and (struct.get $proc $flags (local.get $me)) (i32.xor (global.get $PRIO_MASK) (i32.const -1)))
                (local.get $old)))
      (return (local.get $r))))
  (if (ref.eq (local.get $flag) (global.get $atom.monitor_nodes))
    (then (return (call $monitor_nodes_flag (local.get $flag) (local.get $v)))))
  (if (ref.test (ref $tuple) (local.get $flag))
    (then
      (if (i32.eq (array.len (ref.cast (ref $tuple) (local.get $flag))) (i32.const 2))
        (then
          (if (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $flag)) (i32.const 0)) (global.get $atom.monitor_nodes))
            (then
              (if (i32.eqz (call $is_map (array.get $tuple (ref.cast (ref $tuple) (local.get $flag)) (i32.const 1))))
                (then (return (call $fail_badarg))))
              (return (call $monitor_nodes_flag (local.get $flag) (local.get $v)))))))))
  ;; Other flags (min_heap_size, ...) are accepted and have no effect here.
  (global.get $atom.false))

;; The node monitors processes hold (process_flag(monitor_nodes, Bool) and
;; process_flag({monitor_nodes, Options}, Bool), net_kernel:monitor_nodes/1,2): a list of
;; {Pid, Flag, Count}. There is no distribution, so no nodeup or nodedown ever comes; the
;; counts are what the flag answers (the previous count for that pid and options).
(global $node_monitors (mut eqref) (ref.null none))

(func $monitor_nodes_flag (param $flag eqref) (param $v eqref) (result eqref)
  (local $me eqref) (local $l eqref) (local $e (ref $tuple)) (local $old i32) (local $rest eqref)
  (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $fail_badarg))))
  (local.set $me (call $self_pid))
  (local.set $l (global.get $node_monitors))
  (loop $find
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (i32.and (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $me))
                     (call $eq_exact (array.get $tuple (local.get $e) (i32.const 1)) (local.get $flag)))
          (then (local.set $old (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $e) (i32.const 2))))))
          (else (local.set $rest (struct.new $cons (local.get $e) (local.get $rest)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $find))))
  (global.set $node_monitors
    (struct.new $cons
      (call $tuple3 (local.get $me) (local.get $flag)
        (ref.i31 (if (result i32) (ref.eq (local.get $v) (global.get $atom.true))
                   (then (i32.add (local.get $old) (i32.const 1)))
                   (else (select (i32.sub (local.get $old) (i32.const 1)) (i32.const 0) (local.get $old))))))
      (local.get $rest)))
  (ref.i31 (local.get $old)))

;; Delivers an exit signal with `reason` from `from` to process `p`. `linked`: it comes
;; from a link (a normal reason is then ignored unless trapped).
(func $exit_signal (param $p (ref $proc)) (param $from eqref) (param $reason eqref) (param $linked i32)
  (local $trapping i32)
  (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $EXITED)) (then (return)))
  (local.set $trapping (i32.and (struct.get $proc $flags (local.get $p)) (i32.const 1)))
  (if (ref.eq (local.get $reason) (global.get $atom.kill))
    (then
      (if (i32.eqz (local.get $linked))
        (then (call $kill (local.get $p) (global.get $atom.killed)) (return)))))
  (if (local.get $trapping)
    (then
      (call $deliver (local.get $p)
        (call $tuple3 (global.get $atom.EXIT) (local.get $from) (local.get $reason)))
      (return)))
  (if (ref.eq (local.get $reason) (global.get $atom.normal))
    (then
      ;; A normal exit signal kills only a process that sends it to itself.
      (if (i32.or (local.get $linked) (i32.eqz (ref.eq (local.get $from) (struct.get $proc $pid (local.get $p)))))
        (then (return)))))
  (call $kill (local.get $p) (local.get $reason)))

;; Ends process `p` with `reason` now. If it is the running process, unwinds it.
(func $kill (param $p (ref $proc)) (param $reason eqref)
  (if (ref.eq (local.get $p) (global.get $current))
    (then
      (struct.set $proc $exit_reason (local.get $p) (local.get $reason))
      (throw $self_exit)))
  (call $proc_exit (local.get $p) (local.get $reason)))

(func $erlang:exit/2 (param $pid eqref) (param $reason eqref) (result eqref)
  (local $p (ref null $proc))
  (if (ref.test (ref $port) (local.get $pid)) (then (return (call $port_exit (local.get $pid) (local.get $reason)))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (ref.is_null (local.get $p)) (then (return (global.get $atom.true))))
  (call $exit_signal (ref.as_non_null (local.get $p)) (call $self_pid) (local.get $reason) (i32.const 0))
  (global.get $atom.true))

;; Process `p` has ended with `reason`: drop its frames and mailbox, unregister it, and
;; notify its links and monitors.
(func $proc_exit (param $p (ref $proc)) (param $reason eqref)
  (local $l eqref) (local $other (ref null $proc)) (local $e (ref $tuple)) (local $me (ref $pid))
  (if (i32.eq (struct.get $proc $state (local.get $p)) (global.get $EXITED)) (then (return)))
  (local.set $me (struct.get $proc $pid (local.get $p)))
  (struct.set $proc $state (local.get $p) (global.get $EXITED))
  (struct.set $proc $exit_reason (local.get $p) (local.get $reason))
  (struct.set $proc $stack (local.get $p) (ref.null none))
  (struct.set $proc $mq_first (local.get $p) (ref.null none))
  (struct.set $proc $mq_last (local.get $p) (ref.null none))
  (struct.set $proc $save (local.get $p) (ref.null none))
  (struct.set $proc $mark_ref (local.get $p) (ref.null none))
  (struct.set $proc $mark_cell (local.get $p) (ref.null none))
  (call $timer_cancel (local.get $p))
  (drop (call $registry_remove (local.get $me) (i32.const 1)))
  (struct.set $pid $proc (local.get $me) (ref.null none))
  (call $live_remove (local.get $p))
  ;; Monitors: each watcher gets {'DOWN', Ref, process, Pid, Reason}.
  (local.set $l (struct.get $proc $monitors (local.get $p)))
  (loop $mon
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (local.set $other (call $pid_proc (array.get $tuple (local.get $e) (i32.const 1))))
        (if (i32.eqz (ref.is_null (local.get $other)))
          (then
            (struct.set $proc $watching (ref.as_non_null (local.get $other))
              (call $drop_monitor (struct.get $proc $watching (ref.as_non_null (local.get $other))) (array.get $tuple (local.get $e) (i32.const 0))))
            (call $alias_monitor_gone (array.get $tuple (local.get $e) (i32.const 0)))
            (call $deliver (ref.as_non_null (local.get $other))
              (array.new_fixed $tuple 5 (global.get $atom.DOWN) (array.get $tuple (local.get $e) (i32.const 0))
                (array.get $tuple (local.get $e) (i32.const 2)) (array.get $tuple (local.get $e) (i32.const 3)) (local.get $reason)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $mon))))
  (struct.set $proc $monitors (local.get $p) (ref.null none))
  ;; Monitors this process held on others go away.
  (local.set $l (struct.get $proc $watching (local.get $p)))
  (loop $held
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (local.set $other (call $pid_proc (array.get $tuple (local.get $e) (i32.const 1))))
        (if (i32.eqz (ref.is_null (local.get $other)))
          (then (struct.set $proc $monitors (ref.as_non_null (local.get $other))
            (call $drop_monitor (struct.get $proc $monitors (ref.as_non_null (local.get $other))) (array.get $tuple (local.get $e) (i32.const 0))))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $held))))
  ;; Links: each linked process gets an exit signal.
  (local.set $l (struct.get $proc $links (local.get $p)))
  (struct.set $proc $links (local.get $p) (ref.null none))
  (loop $link
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $other (call $pid_proc (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (i32.eqz (ref.is_null (local.get $other)))
          (then
            (struct.set $proc $links (ref.as_non_null (local.get $other))
              (call $list_without (struct.get $proc $links (ref.as_non_null (local.get $other))) (local.get $me)))
            (call $exit_signal (ref.as_non_null (local.get $other)) (local.get $me) (local.get $reason) (i32.const 1))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $link)))))

;; A process died of an exception nobody caught: its exit reason is what the VM gives
;; (error: {Reason, Stack}; throw: {{nocatch, V}, Stack}; exit: Reason), and errors are
;; reported on standard error.
(func $proc_die_exn (param $p (ref $proc)) (param $e (ref $exn))
  (local $class eqref) (local $reason eqref)
  (local.set $class (struct.get $exn $class (local.get $e)))
  (local.set $reason (struct.get $exn $reason (local.get $e)))
  (if (ref.eq (local.get $class) (global.get $atom.error))
    (then (local.set $reason (call $tuple2 (local.get $reason) (call $build_stacktrace (local.get $e))))))
  (if (ref.eq (local.get $class) (global.get $atom.throw))
    (then (local.set $reason (call $tuple2 (call $tuple2 (global.get $atom.nocatch) (local.get $reason))
      (call $build_stacktrace (local.get $e))))))
  (if (i32.eqz (ref.eq (local.get $class) (global.get $atom.exit)))
    (then (call $crash_report (local.get $p) (local.get $reason))))
  (call $proc_exit (local.get $p) (local.get $reason)))

;; ---- monitors ---------------------------------------------------------------------

;; The monitor list `l` without the entry for `ref`.
(func $drop_monitor (param $l eqref) (param $ref eqref) (result eqref)
  (local $acc eqref) (local $e (ref $tuple))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (i32.eqz (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $ref)))
          (then (local.set $acc (struct.new $cons (local.get $e) (local.get $acc)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

;; Monitors a pid or registered name; returns the reference.
(func $monitor_pid (param $target eqref) (param $kind eqref) (result eqref)
  (local $ref eqref) (local $p (ref null $proc)) (local $item eqref)
  (local.set $ref (call $erlang:make_ref/0))
  (local.set $item (local.get $target))
  (if (ref.test (ref $atom) (local.get $target))
    (then (local.set $target (call $whereis (local.get $target)))))
  (local.set $p (call $pid_proc (local.get $target)))
  (if (call $proc_dead (local.get $p))
    (then
      (if (ref.test (ref $atom) (local.get $item))
        (then (local.set $item (call $tuple2 (local.get $item) (global.get $atom.nonode@nohost)))))
      (call $deliver (call $self_proc)
        (array.new_fixed $tuple 5 (global.get $atom.DOWN) (local.get $ref) (local.get $kind) (local.get $item) (global.get $atom.noproc)))
      (return (local.get $ref))))
  (if (ref.test (ref $atom) (local.get $item))
    (then (local.set $item (call $tuple2 (local.get $item) (global.get $atom.nonode@nohost)))))
  (struct.set $proc $monitors (ref.as_non_null (local.get $p))
    (struct.new $cons (call $tuple4 (local.get $ref) (call $self_pid) (local.get $kind) (local.get $item))
      (struct.get $proc $monitors (ref.as_non_null (local.get $p)))))
  (struct.set $proc $watching (call $self_proc)
    (struct.new $cons (call $tuple2 (local.get $ref) (struct.get $proc $pid (ref.as_non_null (local.get $p))))
      (struct.get $proc $watching (call $self_proc))))
  (local.get $ref))

(func $erlang:monitor/2 (param $kind eqref) (param $target eqref) (result eqref)
  (if (i32.and (ref.eq (local.get $kind) (global.get $atom.port)) (ref.test (ref $port) (local.get $target)))
    (then (return (call $monitor_port (local.get $target)))))
  (if (i32.eqz (ref.eq (local.get $kind) (global.get $atom.process))) (then (return (call $fail_badarg))))
  (if (i32.eqz (i32.or (ref.test (ref $pid) (local.get $target)) (ref.test (ref $atom) (local.get $target))))
    (then (return (call $fail_badarg))))
  (call $monitor_pid (local.get $target) (local.get $kind)))

(func $erlang:monitor/3 (param $kind eqref) (param $target eqref) (param $opts eqref) (result eqref)
  (local $mode eqref) (local $o eqref) (local $t (ref $tuple)) (local $ref eqref) (local $l eqref)
  (if (i32.lt_s (call $list_length (local.get $opts)) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $l (local.get $opts))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
        (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (call $fail_badarg))))
        (local.set $t (ref.cast (ref $tuple) (local.get $o)))
        (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (call $fail_badarg))))
        (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.alias))) (then (return (call $fail_badarg))))
        (local.set $mode (array.get $tuple (local.get $t) (i32.const 1)))
        (if (i32.eqz (i32.or (ref.eq (local.get $mode) (global.get $atom.demonitor))
                     (i32.or (ref.eq (local.get $mode) (global.get $atom.reply_demonitor))
                             (ref.eq (local.get $mode) (global.get $atom.explicit_unalias)))))
          (then (return (call $fail_badarg))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.set $ref (call $erlang:monitor/2 (local.get $kind) (local.get $target)))
  (if (call $is_fail (local.get $ref)) (then (return (local.get $ref))))
  (if (i32.eqz (ref.is_null (local.get $mode)))
    (then
      ;; A monitor whose target was already gone has delivered its DOWN: the alias is
      ;; deactivated at once unless it is explicit.
      (if (i32.or (ref.eq (local.get $mode) (global.get $atom.explicit_unalias))
                  (call $holds_monitor (local.get $ref)))
        (then (call $alias_add (local.get $ref) (local.get $mode))))))
  (local.get $ref))

;; ---- aliases: a list of {Ref, OwnerPid, Mode} -----------------------------------------

(global $aliases (mut eqref) (ref.null none))

(func $alias_add (param $ref eqref) (param $mode eqref)
  (global.set $aliases (struct.new $cons (call $tuple3 (local.get $ref) (call $self_pid) (local.get $mode))
    (global.get $aliases))))

;; The alias entry for `ref`, or null.
(func $alias_find (param $ref eqref) (result (ref null $tuple))
  (local $l eqref) (local $e (ref $tuple))
  (local.set $l (global.get $aliases))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (call $eq_exact (array.get $tuple (local.get $e) (i32.const 0)) (local.get $ref))
          (then (return (local.get $e))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

(func $alias_drop (param $ref eqref)
  (local $e (ref null $tuple))
  (local.set $e (call $alias_find (local.get $ref)))
  (if (i32.eqz (ref.is_null (local.get $e)))
    (then (global.set $aliases (call $list_without (global.get $aliases) (local.get $e))))))

;; A monitor `ref` is gone (demonitored or triggered): an alias tied to it goes too.
(func $alias_monitor_gone (param $ref eqref)
  (local $e (ref null $tuple))
  (if (ref.is_null (global.get $aliases)) (then (return)))
  (local.set $e (call $alias_find (local.get $ref)))
  (if (ref.is_null (local.get $e)) (then (return)))
  (if (ref.eq (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 2)) (global.get $atom.explicit_unalias))
    (then (return)))
  (global.set $aliases (call $list_without (global.get $aliases) (local.get $e))))

;; Sending to a reference: delivered if it is an active alias.
(func $alias_send (param $ref eqref) (param $msg eqref)
  (local $e (ref null $tuple)) (local $p (ref null $proc))
  (if (ref.is_null (global.get $aliases)) (then (return)))
  (local.set $e (call $alias_find (local.get $ref)))
  (if (ref.is_null (local.get $e)) (then (return)))
  (local.set $p (call $pid_proc (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1))))
  (if (call $proc_dead (local.get $p)) (then (return)))
  (call $deliver (ref.as_non_null (local.get $p)) (local.get $msg)))

(func $erlang:alias/0 (result eqref)
  (local $ref eqref)
  (local.set $ref (call $erlang:make_ref/0))
  (call $alias_add (local.get $ref) (global.get $atom.explicit_unalias))
  (local.get $ref))

(func $erlang:alias/1 (param $opts eqref) (result eqref)
  (if (i32.lt_s (call $list_length (local.get $opts)) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $erlang:alias/0))

(func $erlang:unalias/1 (param $ref eqref) (result eqref)
  (local $e (ref null $tuple))
  (if (i32.eqz (ref.test (ref $ref) (local.get $ref))) (then (return (call $fail_badarg))))
  (local.set $e (call $alias_find (local.get $ref)))
  (if (ref.is_null (local.get $e)) (then (return (global.get $atom.false))))
  (if (i32.eqz (ref.eq (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1)) (call $self_pid)))
    (then (return (global.get $atom.false))))
  (global.set $aliases (call $list_without (global.get $aliases) (local.get $e)))
  (global.get $atom.true))

(func $erlang:demonitor/1 (param $ref eqref) (result eqref)
  (local $l eqref) (local $e (ref $tuple)) (local $p (ref null $proc)) (local $me (ref $proc))
  (if (i32.eqz (ref.test (ref $ref) (local.get $ref))) (then (return (call $fail_badarg))))
  (local.set $me (call $self_proc))
  (local.set $l (struct.get $proc $watching (local.get $me)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $ref))
          (then
            (local.set $p (call $pid_proc (array.get $tuple (local.get $e) (i32.const 1))))
            (if (i32.eqz (ref.is_null (local.get $p)))
              (then (struct.set $proc $monitors (ref.as_non_null (local.get $p))
                (call $drop_monitor (struct.get $proc $monitors (ref.as_non_null (local.get $p))) (local.get $ref)))))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (struct.set $proc $watching (local.get $me) (call $drop_monitor (struct.get $proc $watching (local.get $me)) (local.get $ref)))
  (call $alias_monitor_gone (local.get $ref))
  (global.get $atom.true))

;; demonitor(Ref, Opts): `flush` also removes a {'DOWN', Ref, ...} already received; `info`
;; returns whether the monitor was still active.
(func $erlang:demonitor/2 (param $ref eqref) (param $opts eqref) (result eqref)
  (local $active i32) (local $r eqref)
  (if (i32.eqz (ref.test (ref $ref) (local.get $ref))) (then (return (call $fail_badarg))))
  (local.set $active (call $holds_monitor (local.get $ref)))
  (local.set $r (call $erlang:demonitor/1 (local.get $ref)))
  ;; While the monitor was active no 'DOWN' for it can be queued, so (as on the VM)
  ;; only a monitor that already fired costs a scan of the mailbox.
  (if (i32.and (i32.eqz (local.get $active)) (call $list_member (global.get $atom.flush) (local.get $opts)))
    (then (call $mbox_flush_down (local.get $ref))))
  (if (call $list_member (global.get $atom.info) (local.get $opts))
    (then (return (call $bool (local.get $active)))))
  (global.get $atom.true))

(func $holds_monitor (param $ref eqref) (result i32)
  (local $l eqref)
  (local.set $l (struct.get $proc $watching (call $self_proc)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (if (ref.eq (array.get $tuple (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))) (i32.const 0)) (local.get $ref))
          (then (return (i32.const 1))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (i32.const 0))

;; ---- the process dictionary: an association list of {Key, Value}, newest first ------

(func $pd_find (param $key eqref) (result (ref null $tuple))
  (local $l eqref) (local $e (ref $tuple))
  (local.set $l (struct.get $proc $dict (call $self_proc)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (call $eq_exact (array.get $tuple (local.get $e) (i32.const 0)) (local.get $key))
          (then (return (local.get $e))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (ref.null none))

(func $erlang:get/1 (param $key eqref) (result eqref)
  (local $e (ref null $tuple))
  (local.set $e (call $pd_find (local.get $key)))
  (if (result eqref) (ref.is_null (local.get $e))
    (then (global.get $atom.undefined))
    (else (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1)))))

(func $erlang:get/0 (result eqref)
  (struct.get $proc $dict (call $self_proc)))

(func $erlang:put/2 (param $key eqref) (param $v eqref) (result eqref)
  (local $e (ref null $tuple)) (local $old eqref) (local $me (ref $proc))
  (local.set $me (call $self_proc))
  (local.set $e (call $pd_find (local.get $key)))
  (if (ref.is_null (local.get $e))
    (then
      (struct.set $proc $dict (local.get $me)
        (struct.new $cons (call $tuple2 (local.get $key) (local.get $v)) (struct.get $proc $dict (local.get $me))))
      (return (global.get $atom.undefined))))
  (local.set $old (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1)))
  (struct.set $proc $dict (local.get $me)
    (call $pd_replace (struct.get $proc $dict (local.get $me)) (local.get $key) (local.get $v)))
  (local.get $old))

;; The dictionary `l` with `key` bound to `v` (a fresh tuple, so old get/0 results stay).
(func $pd_replace (param $l eqref) (param $key eqref) (param $v eqref) (result eqref)
  (local $acc eqref) (local $e (ref $tuple))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (call $eq_exact (array.get $tuple (local.get $e) (i32.const 0)) (local.get $key))
          (then (local.set $e (call $tuple2 (local.get $key) (local.get $v)))))
        (local.set $acc (struct.new $cons (local.get $e) (local.get $acc)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (call $list_reverse_onto (local.get $acc) (ref.null none)))

(func $list_reverse_onto (param $l eqref) (param $acc eqref) (result eqref)
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $acc (struct.new $cons (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (local.get $acc)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

(func $erlang:erase/1 (param $key eqref) (result eqref)
  (local $e (ref null $tuple)) (local $me (ref $proc))
  (local.set $me (call $self_proc))
  (local.set $e (call $pd_find (local.get $key)))
  (if (ref.is_null (local.get $e)) (then (return (global.get $atom.undefined))))
  (struct.set $proc $dict (local.get $me) (call $list_without (struct.get $proc $dict (local.get $me)) (local.get $e)))
  (array.get $tuple (ref.as_non_null (local.get $e)) (i32.const 1)))

(func $erlang:erase/0 (result eqref)
  (local $old eqref)
  (local.set $old (struct.get $proc $dict (call $self_proc)))
  (struct.set $proc $dict (call $self_proc) (ref.null none))
  (local.get $old))

(func $erlang:get_keys/0 (result eqref)
  (local $l eqref) (local $acc eqref)
  (local.set $l (struct.get $proc $dict (call $self_proc)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $acc (struct.new $cons
          (array.get $tuple (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))) (i32.const 0))
          (local.get $acc)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

(func $erlang:get_keys/1 (param $v eqref) (result eqref)
  (local $l eqref) (local $acc eqref) (local $e (ref $tuple))
  (local.set $l (struct.get $proc $dict (call $self_proc)))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (if (call $eq_exact (array.get $tuple (local.get $e) (i32.const 1)) (local.get $v))
          (then (local.set $acc (struct.new $cons (array.get $tuple (local.get $e) (i32.const 0)) (local.get $acc)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (local.get $acc))

;; A crash report on standard error for a process that died of an error. (The VM's
;; logger formats the reason; this says which process and why, in the VM's words.)
(data $crash_text1 "=ERROR REPORT====\nError in process ")
(data $crash_text2 " with exit value:\n")
(func $crash_report (param $p (ref $proc)) (param $reason eqref)
  (call $pb_reset)
  (call $pb_bytes (array.new_data $bytes $crash_text1 (i32.const 0) (i32.const 35)) (i32.const 0) (i32.const 35))
  (call $pb_term (struct.get $proc $pid (local.get $p)))
  (call $pb_bytes (array.new_data $bytes $crash_text2 (i32.const 0) (i32.const 18)) (i32.const 0) (i32.const 18))
  (call $pb_term (local.get $reason))
  (call $pb_u8 (i32.const 10))
  (call $pb_u8 (i32.const 10))
  (call $pb_flush_to (i32.const 2)))

;; ---- process_info -------------------------------------------------------------------

;; The {Item, Value} pair process_info gives for process `p`, or $FAIL (badarg) for an
;; unknown item. Memory sizes are the VM's figures for a small fresh process (in words
;; and bytes); this runtime does not measure per-process heaps.
(func $pinfo_item (param $p (ref $proc)) (param $item eqref) (result eqref)
  (local $v eqref) (local $c (ref null $msg)) (local $acc eqref) (local $l eqref) (local $e (ref $tuple))
  ;; The VM's text of a live process's stack (its code addresses) has no counterpart here.
  (if (ref.eq (local.get $item) (global.get $atom.backtrace))
    (then (call $raise_unsupported (call $tuple3 (global.get $atom.erlang) (global.get $atom.process_info) (global.get $atom.backtrace)))))
  (block $have
    (if (ref.eq (local.get $item) (global.get $atom.message_queue_len))
      (then (local.set $v (ref.i31 (struct.get $proc $mq_len (local.get $p)))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.messages))
      (then
        (local.set $c (struct.get $proc $mq_first (local.get $p)))
        (loop $next
          (if (i32.eqz (ref.is_null (local.get $c)))
            (then
              (local.set $acc (struct.new $cons (struct.get $msg $term (ref.as_non_null (local.get $c))) (local.get $acc)))
              (local.set $c (struct.get $msg $next (ref.as_non_null (local.get $c))))
              (br $next))))
        (local.set $v (call $list_reverse_onto (local.get $acc) (ref.null none)))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.links))
      (then (local.set $v (struct.get $proc $links (local.get $p))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.dictionary))
      (then (local.set $v (struct.get $proc $dict (local.get $p))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.status))
      (then
        (local.set $v
          (if (result eqref) (ref.eq (local.get $p) (global.get $current))
            (then (global.get $atom.running))
            (else (if (result eqref) (i32.eq (struct.get $proc $state (local.get $p)) (global.get $WAITING))
              (then (global.get $atom.waiting))
              (else (global.get $atom.runnable))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.registered_name))
      (then
        (local.set $v (call $name_of (struct.get $proc $pid (local.get $p))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.trap_exit))
      (then (local.set $v (call $bool (i32.and (struct.get $proc $flags (local.get $p)) (i32.const 1)))) (br $have)))
    (if (i32.or (ref.eq (local.get $item) (global.get $atom.initial_call))
                (ref.eq (local.get $item) (global.get $atom.current_function)))
      (then
        (local.set $v (struct.get $proc $initial_call (local.get $p)))
        (if (ref.is_null (local.get $v))
          (then (local.set $v (call $tuple3 (global.get $atom.erlang) (global.get $atom.apply) (ref.i31 (i32.const 2))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.group_leader))
      (then (local.set $v (struct.get $proc $group_leader (local.get $p))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.priority))
      (then (local.set $v (call $prio_atom (struct.get $proc $flags (local.get $p)))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.reductions))
      (then (local.set $v (call $mk_int (struct.get $proc $reductions (local.get $p)))) (br $have)))
    (if (i32.or (ref.eq (local.get $item) (global.get $atom.heap_size))
                (ref.eq (local.get $item) (global.get $atom.total_heap_size)))
      (then (local.set $v (ref.i31 (i32.const 233))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.stack_size))
      (then (local.set $v (ref.i31 (i32.const 1))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.memory))
      (then (local.set $v (ref.i31 (i32.const 2816))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.error_handler))
      (then (local.set $v (global.get $atom.error_handler)) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.garbage_collection))
      (then (local.set $v (ref.null none)) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.message_queue_data))
      (then (local.set $v (global.get $atom.on_heap)) (br $have)))
    (if (i32.or (ref.eq (local.get $item) (global.get $atom.current_stacktrace))
                (ref.eq (local.get $item) (global.get $atom.suspending)))
      (then (local.set $v (ref.null none)) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.monitors))
      (then
        (local.set $l (struct.get $proc $watching (local.get $p)))
        (loop $next
          (if (ref.test (ref $cons) (local.get $l))
            (then
              (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
              (local.set $acc (struct.new $cons (call $tuple2 (global.get $atom.process) (array.get $tuple (local.get $e) (i32.const 1))) (local.get $acc)))
              (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
              (br $next))))
        (local.set $v (local.get $acc))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.monitored_by))
      (then
        (local.set $l (struct.get $proc $monitors (local.get $p)))
        (loop $next
          (if (ref.test (ref $cons) (local.get $l))
            (then
              (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
              (local.set $acc (struct.new $cons (array.get $tuple (local.get $e) (i32.const 1)) (local.get $acc)))
              (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
              (br $next))))
        (local.set $v (local.get $acc))
        (br $have)))
    (return (call $fail_badarg)))
  (call $tuple2 (local.get $item) (local.get $v)))

(func $erlang:process_info/2 (param $pid eqref) (param $item eqref) (result eqref)
  (local $p (ref null $proc)) (local $r eqref) (local $acc eqref) (local $l eqref)
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (ref.test (ref $atom) (local.get $item))
    (then
      (if (call $proc_dead (local.get $p))
        (then
          (if (call $pinfo_known (local.get $item)) (then (return (global.get $atom.undefined))))
          (return (call $fail_badarg))))
      (local.set $r (call $pinfo_item (ref.as_non_null (local.get $p)) (local.get $item)))
      (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
      ;; registered_name of an unregistered process: [].
      (if (i32.and (ref.eq (local.get $item) (global.get $atom.registered_name))
                   (ref.is_null (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1))))
        (then (return (ref.null none))))
      (return (local.get $r))))
  (if (i32.lt_s (call $list_length (local.get $item)) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $l (local.get $item))
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (if (i32.eqz (call $pinfo_known (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
          (then (return (call $fail_badarg))))
        (if (i32.eqz (call $proc_dead (local.get $p)))
          (then
            (local.set $r (call $pinfo_item (ref.as_non_null (local.get $p)) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
            (if (ref.eq (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (global.get $atom.registered_name))
              (then
                (if (ref.is_null (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1)))
                  (then (local.set $r (call $tuple2 (global.get $atom.registered_name) (ref.null none)))))))
            (local.set $acc (struct.new $cons (local.get $r) (local.get $acc)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (if (call $proc_dead (local.get $p)) (then (return (global.get $atom.undefined))))
  (call $list_reverse_onto (local.get $acc) (ref.null none)))

;; Whether process_info knows the item (whatever process it is asked of).
(func $pinfo_known (param $item eqref) (result i32)
  (local $r eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $item))) (then (return (i32.const 0))))
  (if (ref.eq (local.get $item) (global.get $atom.backtrace)) (then (return (i32.const 1))))
  (if (ref.is_null (global.get $current)) (then (return (i32.const 1))))
  (local.set $r (call $pinfo_item (call $self_proc) (local.get $item)))
  (i32.eqz (call $is_fail (local.get $r))))

;; process_info/1: the VM's default items.
(func $erlang:process_info/1 (param $pid eqref) (result eqref)
  (local $p (ref null $proc)) (local $items eqref) (local $r eqref) (local $name eqref)
  (if (i32.eqz (ref.test (ref $pid) (local.get $pid))) (then (return (call $fail_badarg))))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (call $proc_dead (local.get $p)) (then (return (global.get $atom.undefined))))
  (local.set $items
    (call $tuple_to_list (array.new_fixed $tuple 15
      (global.get $atom.current_function) (global.get $atom.initial_call) (global.get $atom.status)
      (global.get $atom.message_queue_len) (global.get $atom.links) (global.get $atom.dictionary)
      (global.get $atom.trap_exit) (global.get $atom.error_handler) (global.get $atom.priority)
      (global.get $atom.group_leader) (global.get $atom.total_heap_size) (global.get $atom.heap_size)
      (global.get $atom.stack_size) (global.get $atom.reductions) (global.get $atom.garbage_collection))))
  (local.set $r (call $erlang:process_info/2 (local.get $pid) (local.get $items)))
  (local.set $name (call $name_of (local.get $pid)))
  (if (i32.eqz (ref.is_null (local.get $name)))
    (then (local.set $r (struct.new $cons (call $tuple2 (global.get $atom.registered_name) (local.get $name)) (local.get $r)))))
  (local.get $r))

;; ---- scheduling BIFs ----------------------------------------------------------------

;; erlang:yield/0: give up the rest of the slice (the next call yields).
(func $erlang:yield/0 (result eqref)
  (global.set $reds (i32.const 1))
  (global.get $atom.true))

(func $erlang:bump_reductions/1 (param $n eqref) (result eqref)
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (call $fail_badarg))))
  (if (i32.lt_s (i31.get_s (ref.cast (ref i31) (local.get $n))) (i32.const 0)) (then (return (call $fail_badarg))))
  (global.set $reds (i32.sub (global.get $reds) (i31.get_s (ref.cast (ref i31) (local.get $n)))))
  (if (i32.lt_s (global.get $reds) (i32.const 1)) (then (global.set $reds (i32.const 1))))
  (global.get $atom.true))

;; erlang:hibernate(M, F, A): drop the stack; when a message arrives, call M:F(A).
(func $erlang:hibernate/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $me (ref $proc))
  (if (i32.eqz (call $mfa_ok (local.get $m) (local.get $f) (local.get $a))) (then (return (call $fail_badarg))))
  (local.set $me (call $self_proc))
  (struct.set $proc $stack (local.get $me) (call $mfa_frame (local.get $m) (local.get $f) (local.get $a)))
  (if (ref.is_null (struct.get $proc $mq_first (local.get $me)))
    (then (struct.set $proc $state (local.get $me) (global.get $WAITING))))
  (throw $reschedule))

;; ---- pids and references as text --------------------------------------------------

;; The decimal digits of `n` (>= 0) in front of the charlist `acc`.
(func $dec_chars (param $n i64) (param $acc eqref) (result eqref)
  (loop $next
    (local.set $acc (struct.new $cons (ref.i31 (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $n) (i64.const 10))))) (local.get $acc)))
    (local.set $n (i64.div_u (local.get $n) (i64.const 10)))
    (br_if $next (i64.ne (local.get $n) (i64.const 0))))
  (local.get $acc))

(func $chr (param $c i32) (param $acc eqref) (result eqref)
  (struct.new $cons (ref.i31 (local.get $c)) (local.get $acc)))

;; "<0.N.0>"
(func $erlang:pid_to_list/1 (param $p eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $pid) (local.get $p))) (then (return (call $fail_badarg))))
  (call $chr (i32.const 60) (call $chr (i32.const 48) (call $chr (i32.const 46)
    (call $dec_chars (i64.extend_i32_u (struct.get $pid $num (ref.cast (ref $pid) (local.get $p))))
      (call $chr (i32.const 46) (call $chr (i32.const 48) (call $chr (i32.const 62) (ref.null none)))))))))

;; "#Ref<0.0.0.N>"
(func $erlang:ref_to_list/1 (param $r eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $ref) (local.get $r))) (then (return (call $fail_badarg))))
  (call $chr (i32.const 35) (call $chr (i32.const 82) (call $chr (i32.const 101) (call $chr (i32.const 102)
    (call $chr (i32.const 60) (call $chr (i32.const 48) (call $chr (i32.const 46) (call $chr (i32.const 48)
      (call $chr (i32.const 46) (call $chr (i32.const 48) (call $chr (i32.const 46)
        (call $dec_chars (struct.get $ref $n (ref.cast (ref $ref) (local.get $r)))
          (call $chr (i32.const 62) (ref.null none)))))))))))))))

;; "#Port<0.N>"
(func $erlang:port_to_list/1 (param $p eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $port) (local.get $p))) (then (return (call $fail_badarg))))
  (call $chr (i32.const 35) (call $chr (i32.const 80) (call $chr (i32.const 111) (call $chr (i32.const 114)
    (call $chr (i32.const 116) (call $chr (i32.const 60) (call $chr (i32.const 48) (call $chr (i32.const 46)
      (call $dec_chars (i64.extend_i32_u (struct.get $port $num (ref.cast (ref $port) (local.get $p))))
        (call $chr (i32.const 62) (ref.null none))))))))))))

;; ---- statistics -------------------------------------------------------------------

(global $stat_reds (mut i64) (i64.const 0))
(global $stat_reds_last (mut i64) (i64.const 0))
(global $stat_wall_start (mut i64) (i64.const -1))
(global $stat_wall_last (mut i64) (i64.const 0))
(global $stat_rt_last (mut i64) (i64.const 0))

(func $erlang:statistics/1 (param $what eqref) (result eqref)
  (local $now i64) (local $tot i64) (local $since i64)
  (if (i64.lt_s (global.get $stat_wall_start) (i64.const 0))
    (then (global.set $stat_wall_start (call $now_ms))))
  (if (ref.eq (local.get $what) (global.get $atom.reductions))
    (then
      (local.set $tot (i64.add (global.get $stat_reds)
        (i64.extend_i32_s (i32.sub (global.get $CONTEXT_REDS) (global.get $reds)))))
      (local.set $since (i64.sub (local.get $tot) (global.get $stat_reds_last)))
      (global.set $stat_reds_last (local.get $tot))
      (return (call $tuple2 (call $mk_int (local.get $tot)) (call $mk_int (local.get $since))))))
  (if (i32.or (ref.eq (local.get $what) (global.get $atom.wall_clock)) (ref.eq (local.get $what) (global.get $atom.runtime)))
    (then
      (local.set $tot (i64.sub (call $now_ms) (global.get $stat_wall_start)))
      (if (ref.eq (local.get $what) (global.get $atom.wall_clock))
        (then
          (local.set $since (i64.sub (local.get $tot) (global.get $stat_wall_last)))
          (global.set $stat_wall_last (local.get $tot)))
        (else
          (local.set $since (i64.sub (local.get $tot) (global.get $stat_rt_last)))
          (global.set $stat_rt_last (local.get $tot))))
      (return (call $tuple2 (call $mk_int (local.get $tot)) (call $mk_int (local.get $since))))))
  (if (ref.eq (local.get $what) (global.get $atom.run_queue))
    (then (return (ref.i31 (i32.const 0)))))
  (if (ref.eq (local.get $what) (global.get $atom.context_switches))
    (then (return (call $tuple2 (call $mk_int (global.get $stat_reds)) (ref.i31 (i32.const 0))))))
  (call $fail_badarg))

;; erlang:garbage_collect/0,1,2 reach this: collection is the engine's business, so there
;; is nothing to do; it succeeds as on the VM.
(func $erts_internal:garbage_collect/1 (param $mode eqref) (result eqref)
  (global.get $atom.true))
