;; exception.wat — raising Erlang exceptions, and the failure protocol of fallible runtime
;; functions (docs/ABI.md §3–4).

(tag $erl_exn (param (ref $exn)))

;; The one failure sentinel, and the reason of the latest failure. `fail_cause` is the
;; `cause` of the VM's extended error info for it (null: none), which a failing BIF's
;; frame carries as {error_info, #{cause => C, module => M}} (ets's `id`, send/3's
;; `badopt`, ...); every failure resets it, and raising a BIF's error consumes it.
(global $FAIL (ref $fail) (struct.new $fail))
(global $fail_reason (mut eqref) (ref.null none))
(global $fail_cause (mut eqref) (ref.null none))

;; Records `reason` and returns the failure sentinel: `return (call $fail (...))`.
(func $fail (param $reason eqref) (result eqref)
  (global.set $fail_reason (local.get $reason))
  (global.set $fail_cause (ref.null none))
  (global.get $FAIL))

;; A failure with `reason` and the error-info cause `cause`.
(func $fail_with_cause (param $reason eqref) (param $cause eqref) (result eqref)
  (global.set $fail_reason (local.get $reason))
  (global.set $fail_cause (local.get $cause))
  (global.get $FAIL))

(func $fail_badarg (result eqref)
  (call $fail (global.get $atom.badarg)))

(func $fail_badarith (result eqref)
  (call $fail (global.get $atom.badarith)))

(func $is_fail (param $t eqref) (result i32)
  (ref.eq (local.get $t) (global.get $FAIL)))

;; Raises an exception of `class` with `reason` and the raw stack trace `trace`.
(func $raise (param $class (ref $atom)) (param $reason eqref) (param $trace eqref)
  (throw $erl_exn (struct.new $exn (local.get $class) (local.get $reason) (local.get $trace))))

(func $raise_error (param $reason eqref)
  (call $raise (global.get $atom.error) (local.get $reason) (call $trace_here (ref.null none) (global.get $FAIL))))

;; {Tag, Value} as an error: badmatch, case_clause, try_clause, badrecord, ...
(func $raise_error2 (param $tag (ref $atom)) (param $v eqref)
  (call $raise_error (call $tuple2 (local.get $tag) (local.get $v))))

;; ---- raising the standard errors ----------------------------------------------------
;; Stack traces are built where the exception is raised (stacktrace.wat).

;; The trace of a failing BIF: its own frame {M, F, Args, ErrorInfo} from an {M, F, A}
;; tuple and the argument tuple, then the frames of the code that called it.
(func $bif_frame_trace (param $mfa eqref) (param $args (ref $tuple)) (result eqref)
  (local $t (ref $tuple))
  (local.set $t (ref.cast (ref $tuple) (local.get $mfa)))
  (call $trace_here
    (call $tuple4 (array.get $tuple (local.get $t) (i32.const 0)) (array.get $tuple (local.get $t) (i32.const 1))
      (call $tuple_to_list (local.get $args))
      (call $bif_error_info (array.get $tuple (local.get $t) (i32.const 0)) (global.get $fail_cause)))
    (global.get $FAIL)))

;; A BIF failed: raise the reason it left, with the BIF's frame on top.
(func $raise_bif_error (param $mfa eqref) (param $args (ref $tuple))
  (local $trace eqref)
  (local.set $trace (call $bif_frame_trace (local.get $mfa) (local.get $args)))
  (global.set $fail_cause (ref.null none))
  (call $raise (global.get $atom.error) (global.get $fail_reason) (local.get $trace)))

;; A runtime operation failed without a BIF frame (maps, binaries): raise its reason.
(func $raise_fail_reason
  (call $raise_error (global.get $fail_reason)))

(func $raise_badarg
  (call $raise_error (global.get $atom.badarg)))

;; A call to a function that does not exist: error:undef with the call as the top frame.
(func $raise_undef (param $m eqref) (param $f eqref) (param $args (ref $tuple))
  (call $raise (global.get $atom.error) (global.get $atom.undef)
    (call $trace_here (call $tuple4 (local.get $m) (local.get $f) (call $tuple_to_list (local.get $args)) (ref.null none))
      (global.get $FAIL))))

;; No clause of M:F/A matched the arguments: the function's own frame carries them.
(func $raise_function_clause (param $mfa eqref) (param $args (ref $tuple))
  (call $raise (global.get $atom.error) (global.get $atom.function_clause)
    (call $trace_here (ref.null none) (call $tuple_to_list (local.get $args)))))

;; A call of something that is not a fun ({badfun, F}) or a fun of another arity
;; ({badarity, {F, Args}}).
(func $raise_bad_fun_call (param $f eqref) (param $args (ref $tuple))
  (if (ref.test (ref $fun) (local.get $f))
    (then (call $raise_error2 (global.get $atom.badarity)
      (call $tuple2 (local.get $f) (call $tuple_to_list (local.get $args))))))
  (call $raise_error2 (global.get $atom.badfun) (local.get $f)))

;; erlang:apply/3 with a module or function that is no atom, or arguments that are no
;; proper list: badarg with apply's own frame, as the VM (erl_erts_errors words it).
(func $raise_apply_badarg (param $m eqref) (param $f eqref) (param $args eqref)
  (drop (call $fail_badarg))
  (call $raise_bif_error
    (call $tuple3 (global.get $atom.erlang) (global.get $atom.apply) (ref.i31 (i32.const 3)))
    (array.new_fixed $tuple 3 (local.get $m) (local.get $f) (local.get $args))))

;; erlang:apply/2 with a bad fun or argument list.
(func $raise_apply_fun (param $f eqref) (param $args eqref)
  (if (i32.lt_s (call $list_length (local.get $args)) (i32.const 0))
    (then
      (drop (call $fail_badarg))
      (call $raise_bif_error
        (call $tuple3 (global.get $atom.erlang) (global.get $atom.apply) (ref.i31 (i32.const 2)))
        (array.new_fixed $tuple 2 (local.get $f) (local.get $args)))))
  (if (ref.test (ref $fun) (local.get $f))
    (then (call $raise_error2 (global.get $atom.badarity) (call $tuple2 (local.get $f) (local.get $args)))))
  (call $raise_error2 (global.get $atom.badfun) (local.get $f)))

;; Code beamwasm cannot run yet was reached.
(func $raise_unsupported (param $mfa eqref)
  (call $raise_error2 (global.get $atom.beamwasm_unsupported) (local.get $mfa)))

(func $raise_unsupported_instruction (param $name eqref)
  (call $raise_error2 (global.get $atom.beamwasm_unsupported_instruction) (local.get $name)))

;; ---- catching -----------------------------------------------------------------------

;; The stack trace of a caught exception as the program sees it (build_stacktrace).
(func $build_stacktrace (param $raw eqref) (result eqref)
  (if (ref.test (ref $exn) (local.get $raw))
    (then (return (struct.get $exn $trace (ref.cast (ref $exn) (local.get $raw))))))
  (local.get $raw))

;; The value of `catch Expr` for an exception: the thrown term, {'EXIT', {Reason, Stack}}
;; for an error, {'EXIT', Reason} for an exit.
(func $catch_value (param $class eqref) (param $reason eqref) (param $raw eqref) (result eqref)
  (if (ref.eq (local.get $class) (global.get $atom.throw)) (then (return (local.get $reason))))
  (if (ref.eq (local.get $class) (global.get $atom.error))
    (then (return (call $tuple2 (global.get $atom.EXIT)
      (call $tuple2 (local.get $reason) (call $build_stacktrace (local.get $raw)))))))
  (call $tuple2 (global.get $atom.EXIT) (local.get $reason)))

;; `raise Stacktrace, Value`: re-raise a caught exception's class and trace with a value.
(func $raise_raw (param $raw eqref) (param $value eqref)
  (local $e (ref $exn))
  (if (ref.test (ref $exn) (local.get $raw))
    (then
      (local.set $e (ref.cast (ref $exn) (local.get $raw)))
      (call $raise (struct.get $exn $class (local.get $e)) (local.get $value) (struct.get $exn $trace (local.get $e)))))
  (call $raise_error (local.get $value)))

(func $is_class (param $c eqref) (result i32)
  (i32.or (ref.eq (local.get $c) (global.get $atom.error))
    (i32.or (ref.eq (local.get $c) (global.get $atom.exit)) (ref.eq (local.get $c) (global.get $atom.throw)))))

;; raw_raise: raise class x0, reason x1, raw trace x2; a bad class yields badarg instead.
(func $raw_raise (param $class eqref) (param $reason eqref) (param $raw eqref) (result eqref)
  (if (i32.eqz (call $is_class (local.get $class))) (then (return (global.get $atom.badarg))))
  (call $raise (ref.cast (ref $atom) (local.get $class)) (local.get $reason) (call $build_stacktrace (local.get $raw)))
  (unreachable))

;; ---- the raising BIFs ---------------------------------------------------------------

(func $erlang:error/1 (param $r eqref) (result eqref)
  (call $raise_error (local.get $r))
  (unreachable))

;; error(Reason, Args): the caller's frame shows Args instead of its arity; Args `none`
;; keeps the arity (how Elixir's `raise` calls error/3).
(func $erlang:error/2 (param $r eqref) (param $args eqref) (result eqref)
  (call $raise (global.get $atom.error) (local.get $r) (call $trace_here (ref.null none) (call $error_args (local.get $args))))
  (unreachable))

(func $erlang:error/3 (param $r eqref) (param $args eqref) (param $opts eqref) (result eqref)
  (call $raise (global.get $atom.error) (local.get $r)
    (call $trace_with_error_info (call $trace_here (ref.null none) (call $error_args (local.get $args))) (local.get $opts)))
  (unreachable))

(func $error_args (param $args eqref) (result eqref)
  (select (result eqref) (global.get $FAIL) (local.get $args) (ref.eq (local.get $args) (global.get $atom.none))))

(func $erlang:exit/1 (param $r eqref) (result eqref)
  (call $raise (global.get $atom.exit) (local.get $r) (call $trace_here (ref.null none) (global.get $FAIL)))
  (unreachable))

(func $erlang:throw/1 (param $r eqref) (result eqref)
  (call $raise (global.get $atom.throw) (local.get $r) (call $trace_here (ref.null none) (global.get $FAIL)))
  (unreachable))

;; erlang:raise(Class, Reason, Stacktrace). As on the VM, a bad class or stack trace (not a
;; proper list of {M, F, A, Loc} or {Fun, Args, Loc} tuples) makes it *return* the atom
;; badarg rather than raise.
(func $erlang:raise/3 (param $class eqref) (param $r eqref) (param $st eqref) (result eqref)
  (local $l eqref) (local $e eqref) (local $n i32)
  (if (i32.eqz (call $is_class (local.get $class))) (then (return (global.get $atom.badarg))))
  (local.set $l (local.get $st))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (global.get $atom.badarg))))
      (local.set $e (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $e))) (then (return (global.get $atom.badarg))))
      (local.set $n (array.len (ref.cast (ref $tuple) (local.get $e))))
      (if (i32.and (i32.ne (local.get $n) (i32.const 3)) (i32.ne (local.get $n) (i32.const 4)))
        (then (return (global.get $atom.badarg))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (call $raise (ref.cast (ref $atom) (local.get $class)) (local.get $r) (local.get $st))
  (unreachable))
