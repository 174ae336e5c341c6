;; tuple.wat — the tuple BIFs: element/2, setelement/3, tuple_size/1, size/1,
;; make_tuple/2,3, append_element/2, insert_element/3, delete_element/2, is_record/2,3.
;;
;; Conventions: every BIF takes and returns eqref and fails by returning $FAIL with the
;; reason in $fail_reason (docs/ABI.md §3). A position argument is valid only as an i31:
;; tuples hold at most 2^24-1 elements (the VM's MAX_ARITY), so any boxed integer is out
;; of range, exactly as any non-integer is. Tuples are immutable once built: every BIF
;; that "changes" one copies it.

;; The largest tuple the VM builds (make_tuple, append_element, list_to_tuple).
(global $MAX_ARITY i32 (i32.const 0xffffff))

;; The 1-based position `n` as an index 0..len-1 of a tuple of `len` elements, or -1.
(func $tuple_index (param $n eqref) (param $len i32) (result i32)
  (local $i i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (i32.const -1))))
  (local.set $i (i32.sub (i31.get_s (ref.cast (ref i31) (local.get $n))) (i32.const 1)))
  ;; unsigned compare rejects 0 and negatives (i - 1 < 0) as well as i > len
  (if (result i32) (i32.lt_u (local.get $i) (local.get $len))
    (then (local.get $i))
    (else (i32.const -1))))

;; erlang:element/2
(func $erlang:element/2 (param $n eqref) (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $i i32)
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (call $fail_badarg))))
  (local.set $i (call $tuple_index (local.get $n) (array.len (local.get $tup))))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (array.get $tuple (local.get $tup) (local.get $i)))

;; erlang:setelement/3
(func $erlang:setelement/3 (param $n eqref) (param $t eqref) (param $v eqref) (result eqref)
  (local $tup (ref $tuple)) (local $i i32) (local $len i32) (local $new (ref $tuple))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (call $fail_badarg))))
  (local.set $len (array.len (local.get $tup)))
  (local.set $i (call $tuple_index (local.get $n) (local.get $len)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $new (array.new $tuple (ref.null none) (local.get $len)))
  (array.copy $tuple $tuple (local.get $new) (i32.const 0) (local.get $tup) (i32.const 0) (local.get $len))
  (array.set $tuple (local.get $new) (local.get $i) (local.get $v))
  (local.get $new))

;; erlang:tuple_size/1
(func $erlang:tuple_size/1 (param $t eqref) (result eqref)
  (if (ref.test (ref $tuple) (local.get $t))
    (then (return (ref.i31 (array.len (ref.cast (ref $tuple) (local.get $t)))))))
  (call $fail_badarg))

;; erlang:size/1: a tuple's arity or a binary's whole bytes (extra bits ignored).
(func $erlang:size/1 (param $t eqref) (result eqref)
  (if (ref.test (ref $tuple) (local.get $t))
    (then (return (ref.i31 (array.len (ref.cast (ref $tuple) (local.get $t)))))))
  (if (ref.test (ref $bin) (local.get $t))
    (then (return (ref.i31 (struct.get $bin $size (ref.cast (ref $bin) (local.get $t)))))))
  (call $fail_badarg))

;; A tuple size argument 0..MAX_ARITY as i32, or -1.
(func $tuple_arity_arg (param $n eqref) (result i32)
  (local $v i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (i32.const -1))))
  (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $n))))
  (if (result i32) (i32.le_u (local.get $v) (global.get $MAX_ARITY))
    (then (local.get $v))
    (else (i32.const -1))))

;; erlang:make_tuple/2
(func $erlang:make_tuple/2 (param $n eqref) (param $v eqref) (result eqref)
  (local $len i32)
  (local.set $len (call $tuple_arity_arg (local.get $n)))
  (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (call $fail_badarg))))
  (array.new $tuple (local.get $v) (local.get $len)))

;; erlang:make_tuple/3: InitList is a proper list of {Pos, Value}; later entries win.
(func $erlang:make_tuple/3 (param $n eqref) (param $v eqref) (param $init eqref) (result eqref)
  (local $len i32) (local $new (ref $tuple)) (local $l eqref) (local $c (ref $cons))
  (local $pair (ref $tuple)) (local $i i32)
  (local.set $len (call $tuple_arity_arg (local.get $n)))
  (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $new (array.new $tuple (local.get $v) (local.get $len)))
  (local.set $l (local.get $init))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (local.set $pair (block $is (result (ref $tuple))
        (br_on_cast $is eqref (ref $tuple) (struct.get $cons $hd (local.get $c)))
        (return (call $fail_badarg))))
      (if (i32.ne (array.len (local.get $pair)) (i32.const 2)) (then (return (call $fail_badarg))))
      (local.set $i (call $tuple_index (array.get $tuple (local.get $pair) (i32.const 0)) (local.get $len)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
      (array.set $tuple (local.get $new) (local.get $i) (array.get $tuple (local.get $pair) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (local.get $new))

;; erlang:append_element/2 (fails past MAX_ARITY, as the VM does).
(func $erlang:append_element/2 (param $t eqref) (param $v eqref) (result eqref)
  (local $tup (ref $tuple)) (local $len i32) (local $new (ref $tuple))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (call $fail_badarg))))
  (local.set $len (array.len (local.get $tup)))
  (if (i32.ge_u (local.get $len) (global.get $MAX_ARITY)) (then (return (call $fail_badarg))))
  (local.set $new (array.new $tuple (local.get $v) (i32.add (local.get $len) (i32.const 1))))
  (array.copy $tuple $tuple (local.get $new) (i32.const 0) (local.get $tup) (i32.const 0) (local.get $len))
  (local.get $new))

;; erlang:insert_element/3: 1 =< Index =< size+1 (the VM does not check MAX_ARITY here).
(func $erlang:insert_element/3 (param $n eqref) (param $t eqref) (param $v eqref) (result eqref)
  (local $tup (ref $tuple)) (local $len i32) (local $i i32) (local $new (ref $tuple))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (call $fail_badarg))))
  (local.set $len (array.len (local.get $tup)))
  (local.set $i (call $tuple_index (local.get $n) (i32.add (local.get $len) (i32.const 1))))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $new (array.new $tuple (local.get $v) (i32.add (local.get $len) (i32.const 1))))
  (array.copy $tuple $tuple (local.get $new) (i32.const 0) (local.get $tup) (i32.const 0) (local.get $i))
  (array.copy $tuple $tuple (local.get $new) (i32.add (local.get $i) (i32.const 1))
    (local.get $tup) (local.get $i) (i32.sub (local.get $len) (local.get $i)))
  (local.get $new))

;; erlang:delete_element/2: 1 =< Index =< size.
(func $erlang:delete_element/2 (param $n eqref) (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $len i32) (local $i i32) (local $new (ref $tuple))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (call $fail_badarg))))
  (local.set $len (array.len (local.get $tup)))
  (local.set $i (call $tuple_index (local.get $n) (local.get $len)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $len (i32.sub (local.get $len) (i32.const 1)))
  (local.set $new (array.new $tuple (ref.null none) (local.get $len)))
  (array.copy $tuple $tuple (local.get $new) (i32.const 0) (local.get $tup) (i32.const 0) (local.get $i))
  (array.copy $tuple $tuple (local.get $new) (local.get $i)
    (local.get $tup) (i32.add (local.get $i) (i32.const 1)) (i32.sub (local.get $len) (local.get $i)))
  (local.get $new))

;; erlang:is_record/2: a tuple whose first element is the atom Tag (Tag must be an atom).
(func $erlang:is_record/2 (param $t eqref) (param $tag eqref) (result eqref)
  (local $tup (ref $tuple))
  (if (i32.eqz (ref.test (ref $atom) (local.get $tag))) (then (return (call $fail_badarg))))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (global.get $atom.false))))
  (if (i32.eqz (array.len (local.get $tup))) (then (return (global.get $atom.false))))
  (call $bool (ref.eq (array.get $tuple (local.get $tup) (i32.const 0)) (local.get $tag))))

;; erlang:is_record/3: as is_record/2, and the tuple has Size elements (Size a small
;; integer; a bignum is badarg, a negative one simply never matches).
(func $erlang:is_record/3 (param $t eqref) (param $tag eqref) (param $size eqref) (result eqref)
  (local $tup (ref $tuple)) (local $n i64)
  (if (i32.eqz (ref.test (ref $atom) (local.get $tag))) (then (return (call $fail_badarg))))
  (if (ref.test (ref i31) (local.get $size))
    (then (local.set $n (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $size))))))
    (else
      (if (i32.eqz (ref.test (ref $int64) (local.get $size))) (then (return (call $fail_badarg))))
      (local.set $n (struct.get $int64 $v (ref.cast (ref $int64) (local.get $size))))
      ;; the VM's small integers are 60-bit; beyond, the size is a bignum there
      (if (i64.ne (local.get $n) (i64.shr_s (i64.shl (local.get $n) (i64.const 4)) (i64.const 4)))
        (then (return (call $fail_badarg))))))
  (local.set $tup (block $is (result (ref $tuple))
    (br_on_cast $is eqref (ref $tuple) (local.get $t))
    (return (global.get $atom.false))))
  (if (i64.ne (i64.extend_i32_u (array.len (local.get $tup))) (local.get $n))
    (then (return (global.get $atom.false))))
  (if (i32.eqz (array.len (local.get $tup))) (then (return (global.get $atom.false))))
  (call $bool (ref.eq (array.get $tuple (local.get $tup) (i32.const 0)) (local.get $tag))))
