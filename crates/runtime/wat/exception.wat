;; exception.wat — raising Erlang exceptions, and the failure protocol of fallible runtime
;; functions (docs/ABI.md §3–4).

(tag $erl_exn (param (ref $exn)))

;; The one failure sentinel, and the reason of the latest failure.
(global $FAIL (ref $fail) (struct.new $fail))
(global $fail_reason (mut eqref) (ref.null none))

;; Records `reason` and returns the failure sentinel: `return (call $fail (...))`.
(func $fail (param $reason eqref) (result eqref)
  (global.set $fail_reason (local.get $reason))
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
  (call $raise (global.get $atom.error) (local.get $reason) (ref.null none)))

;; {Tag, Value} as an error: badmatch, case_clause, try_clause, badrecord, ...
(func $raise_error2 (param $tag (ref $atom)) (param $v eqref)
  (call $raise_error (call $tuple2 (local.get $tag) (local.get $v))))
