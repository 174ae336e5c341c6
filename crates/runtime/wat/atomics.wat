;; atomics.wat — the `atomics` and `counters` modules' BIFs: arrays of 64-bit integers
;; behind a magic reference ($mref whose payload is an $atomics).
;;
;; One scheduler runs at a time, so every operation is atomic as it stands; a counters
;; array with write_concurrency is the same array (the VM spreads it over one cache line
;; per scheduler, which only shows in its reported memory). Additions wrap around at 64
;; bits, as the VM's do. Indexes start at 1.

(type $i64s (array (mut i64)))
(type $atomics (struct (field $cells (ref $i64s)) (field $signed i32) (field $memory i32)))

;; The atomics array behind `r`, or null if `r` is not one.
(func $atomics_of (param $r eqref) (result (ref null $atomics))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))))
  (if (result (ref null $atomics)) (ref.test (ref $atomics) (local.get $p))
    (then (ref.cast (ref $atomics) (local.get $p)))
    (else (ref.null none))))

;; A size argument: a positive small integer; -1 (badarg) for anything else but a larger
;; positive integer, which is -2 (system_limit: the VM's term_to_UWord fails so on
;; integers of more than 64 bits, and no larger array can be allocated here).
(func $atomics_size (param $n eqref) (result i32)
  (local $v i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $n)))
    (then
      (if (i32.and (call $is_integer (local.get $n)) (i32.eqz (call $bs.is_negative (local.get $n))))
        (then (return (i32.const -2))))
      (return (i32.const -1))))
  (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $n))))
  (if (result i32) (i32.le_s (local.get $v) (i32.const 0)) (then (i32.const -1)) (else (local.get $v))))

(func $atomics_make (param $n i32) (param $signed i32) (param $memory i32) (result eqref)
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter)
    (struct.new $atomics (array.new_default $i64s (local.get $n)) (local.get $signed) (local.get $memory))))

;; erts_internal:atomics_new(Arity, EncodedOpts): bit 0 of the options is `signed`.
(func $erts_internal:atomics_new/2 (param $n eqref) (param $opts eqref) (result eqref)
  (local $size i32)
  (local.set $size (call $atomics_size (local.get $n)))
  (if (i32.eq (local.get $size) (i32.const -2)) (then (return (call $fail (global.get $atom.system_limit)))))
  (if (i32.lt_s (local.get $size) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref i31) (local.get $opts))) (then (return (call $fail_badarg))))
  (call $atomics_make (local.get $size)
    (i32.and (i31.get_s (ref.cast (ref i31) (local.get $opts))) (i32.const 1))
    (i32.add (i32.const 40) (i32.shl (local.get $size) (i32.const 3)))))

;; erts_internal:counters_new(Size): signed; the memory is the VM's, one cache line per
;; scheduler plus one for every eight counters.
(func $erts_internal:counters_new/1 (param $n eqref) (result eqref)
  (local $size i32)
  (local.set $size (call $atomics_size (local.get $n)))
  (if (i32.eq (local.get $size) (i32.const -2)) (then (return (call $fail (global.get $atom.system_limit)))))
  (if (i32.lt_s (local.get $size) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_make (local.get $size) (i32.const 1)
    (i32.add (i32.const 32)
      (i32.mul (i32.mul (i32.add (global.get $sf_schedulers_online) (i32.const 1))
                        (i32.shr_u (i32.add (local.get $size) (i32.const 7)) (i32.const 3)))
               (i32.const 64)))))

;; The 0-based cell of index term `ix` in `a`, or -1.
(func $atomics_index (param $a (ref $atomics)) (param $ix eqref) (result i32)
  (local $v i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $ix))) (then (return (i32.const -1))))
  (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $ix))))
  (if (i32.or (i32.lt_s (local.get $v) (i32.const 1))
              (i32.gt_s (local.get $v) (array.len (struct.get $atomics $cells (local.get $a)))))
    (then (return (i32.const -1))))
  (i32.sub (local.get $v) (i32.const 1)))

;; A value for `a`'s cells as 64 bits, and whether it is in range (for a signed array a
;; signed 64-bit integer; for an unsigned one 0..2^64-1). `wide` also admits negative
;; signed values for unsigned arrays (an increment).
(func $atomics_value (param $a (ref $atomics)) (param $v eqref) (param $wide i32) (result i64 i32)
  (local $b (ref $bigint)) (local $mag (ref $limbs)) (local $x i64)
  (if (i32.or (ref.test (ref i31) (local.get $v)) (ref.test (ref $int64) (local.get $v)))
    (then
      (local.set $x (call $int_i64 (local.get $v)))
      (return (local.get $x)
        (i32.or (i32.or (struct.get $atomics $signed (local.get $a)) (local.get $wide))
                (i64.ge_s (local.get $x) (i64.const 0))))))
  (if (i32.eqz (ref.test (ref $bigint) (local.get $v))) (then (return (i64.const 0) (i32.const 0))))
  ;; A bigint is outside the signed range; an unsigned array takes 2^63..2^64-1.
  (local.set $b (ref.cast (ref $bigint) (local.get $v)))
  (local.set $mag (struct.get $bigint $mag (local.get $b)))
  (if (i32.or (struct.get $atomics $signed (local.get $a))
        (i32.or (struct.get $bigint $neg (local.get $b)) (i32.gt_u (array.len (local.get $mag)) (i32.const 2))))
    (then (return (i64.const 0) (i32.const 0))))
  (local.set $x (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.const 0))))
  (if (i32.eq (array.len (local.get $mag)) (i32.const 2))
    (then (local.set $x (i64.or (local.get $x)
      (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.const 1))) (i64.const 32))))))
  (local.get $x) (i32.const 1))

;; A cell's bits as the integer term they stand for in `a`.
(func $atomics_term (param $a (ref $atomics)) (param $x i64) (result eqref)
  (local $mag (ref $limbs))
  (if (i32.or (struct.get $atomics $signed (local.get $a)) (i64.ge_s (local.get $x) (i64.const 0)))
    (then (return (call $mk_int (local.get $x)))))
  (local.set $mag (array.new_default $limbs (i32.const 2)))
  (array.set $limbs (local.get $mag) (i32.const 0) (i32.wrap_i64 (local.get $x)))
  (array.set $limbs (local.get $mag) (i32.const 1) (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32))))
  (call $big_make (i32.const 0) (local.get $mag) (i32.const 2)))

;; The cell an operation names, or fails with badarg: (array, cell index), index -1 on
;; failure.
(func $atomics_cell (param $r eqref) (param $ix eqref) (result (ref null $atomics) i32)
  (local $a (ref null $atomics))
  (local.set $a (call $atomics_of (local.get $r)))
  (if (ref.is_null (local.get $a)) (then (return (ref.null none) (i32.const -1))))
  (local.get $a) (call $atomics_index (ref.as_non_null (local.get $a)) (local.get $ix)))

(func $atomics:get/2 (param $r eqref) (param $ix eqref) (result eqref)
  (local $a (ref null $atomics)) (local $i i32)
  (call $atomics_cell (local.get $r) (local.get $ix)) (local.set $i) (local.set $a)
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_term (ref.as_non_null (local.get $a))
    (array.get $i64s (struct.get $atomics $cells (ref.as_non_null (local.get $a))) (local.get $i))))

(func $atomics:put/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (local $a (ref null $atomics)) (local $i i32) (local $x i64) (local $ok i32)
  (call $atomics_cell (local.get $r) (local.get $ix)) (local.set $i) (local.set $a)
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_value (ref.as_non_null (local.get $a)) (local.get $v) (i32.const 0)) (local.set $ok) (local.set $x)
  (if (i32.eqz (local.get $ok)) (then (return (call $fail_badarg))))
  (array.set $i64s (struct.get $atomics $cells (ref.as_non_null (local.get $a))) (local.get $i) (local.get $x))
  (global.get $atom.ok))

;; add and add_get: the new value, or $FAIL.
(func $atomics_add (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (local $a (ref null $atomics)) (local $i i32) (local $x i64) (local $ok i32) (local $cells (ref $i64s))
  (call $atomics_cell (local.get $r) (local.get $ix)) (local.set $i) (local.set $a)
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_value (ref.as_non_null (local.get $a)) (local.get $v) (i32.const 1)) (local.set $ok) (local.set $x)
  (if (i32.eqz (local.get $ok)) (then (return (call $fail_badarg))))
  (local.set $cells (struct.get $atomics $cells (ref.as_non_null (local.get $a))))
  (local.set $x (i64.add (array.get $i64s (local.get $cells) (local.get $i)) (local.get $x)))
  (array.set $i64s (local.get $cells) (local.get $i) (local.get $x))
  (call $atomics_term (ref.as_non_null (local.get $a)) (local.get $x)))

(func $atomics:add/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (local $t eqref)
  (local.set $t (call $atomics_add (local.get $r) (local.get $ix) (local.get $v)))
  (if (result eqref) (call $is_fail (local.get $t)) (then (local.get $t)) (else (global.get $atom.ok))))

(func $atomics:add_get/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (call $atomics_add (local.get $r) (local.get $ix) (local.get $v)))

(func $atomics:exchange/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (local $a (ref null $atomics)) (local $i i32) (local $x i64) (local $ok i32) (local $old i64) (local $cells (ref $i64s))
  (call $atomics_cell (local.get $r) (local.get $ix)) (local.set $i) (local.set $a)
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_value (ref.as_non_null (local.get $a)) (local.get $v) (i32.const 0)) (local.set $ok) (local.set $x)
  (if (i32.eqz (local.get $ok)) (then (return (call $fail_badarg))))
  (local.set $cells (struct.get $atomics $cells (ref.as_non_null (local.get $a))))
  (local.set $old (array.get $i64s (local.get $cells) (local.get $i)))
  (array.set $i64s (local.get $cells) (local.get $i) (local.get $x))
  (call $atomics_term (ref.as_non_null (local.get $a)) (local.get $old)))

;; compare_exchange: `ok` if the cell held `expected` (and now holds `desired`), else the
;; value it holds.
(func $atomics:compare_exchange/4 (param $r eqref) (param $ix eqref) (param $e eqref) (param $v eqref) (result eqref)
  (local $a (ref null $atomics)) (local $i i32) (local $x i64) (local $ok i32) (local $exp i64) (local $old i64)
  (local $cells (ref $i64s))
  (call $atomics_cell (local.get $r) (local.get $ix)) (local.set $i) (local.set $a)
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atomics_value (ref.as_non_null (local.get $a)) (local.get $e) (i32.const 0)) (local.set $ok) (local.set $exp)
  (if (i32.eqz (local.get $ok)) (then (return (call $fail_badarg))))
  (call $atomics_value (ref.as_non_null (local.get $a)) (local.get $v) (i32.const 0)) (local.set $ok) (local.set $x)
  (if (i32.eqz (local.get $ok)) (then (return (call $fail_badarg))))
  (local.set $cells (struct.get $atomics $cells (ref.as_non_null (local.get $a))))
  (local.set $old (array.get $i64s (local.get $cells) (local.get $i)))
  (if (i64.ne (local.get $old) (local.get $exp))
    (then (return (call $atomics_term (ref.as_non_null (local.get $a)) (local.get $old)))))
  (array.set $i64s (local.get $cells) (local.get $i) (local.get $x))
  (global.get $atom.ok))

;; info: #{size, max, min, memory}; counters_info has size and memory only.
(func $atomics_info (param $r eqref) (param $bounds i32) (result eqref)
  (local $found (ref null $atomics)) (local $a (ref $atomics)) (local $size eqref) (local $mem eqref) (local $signed i32)
  (local.set $found (call $atomics_of (local.get $r)))
  (if (ref.is_null (local.get $found)) (then (return (call $fail_badarg))))
  (local.set $a (ref.as_non_null (local.get $found)))
  (local.set $size (call $mk_int (i64.extend_i32_u (array.len (struct.get $atomics $cells (local.get $a))))))
  (local.set $mem (call $mk_int (i64.extend_i32_u (struct.get $atomics $memory (local.get $a)))))
  (if (i32.eqz (local.get $bounds))
    (then (return (call $map_from_arrays
      (array.new_fixed $tuple 2 (global.get $atom.size) (global.get $atom.memory))
      (array.new_fixed $tuple 2 (local.get $size) (local.get $mem)) (i32.const 2)))))
  (local.set $signed (struct.get $atomics $signed (local.get $a)))
  (call $map_from_arrays
    (array.new_fixed $tuple 4 (global.get $atom.size) (global.get $atom.max) (global.get $atom.min) (global.get $atom.memory))
    (array.new_fixed $tuple 4 (local.get $size)
      (call $atomics_term (local.get $a) (select (i64.const 0x7fffffffffffffff) (i64.const -1) (local.get $signed)))
      (call $mk_int (select (i64.const 0x8000000000000000) (i64.const 0) (local.get $signed)))
      (local.get $mem))
    (i32.const 4)))

(func $atomics:info/1 (param $r eqref) (result eqref)
  (call $atomics_info (local.get $r) (i32.const 1)))

(func $erts_internal:counters_get/2 (param $r eqref) (param $ix eqref) (result eqref)
  (call $atomics:get/2 (local.get $r) (local.get $ix)))

(func $erts_internal:counters_add/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (call $atomics:add/3 (local.get $r) (local.get $ix) (local.get $v)))

(func $erts_internal:counters_put/3 (param $r eqref) (param $ix eqref) (param $v eqref) (result eqref)
  (call $atomics:put/3 (local.get $r) (local.get $ix) (local.get $v)))

(func $erts_internal:counters_info/1 (param $r eqref) (result eqref)
  (call $atomics_info (local.get $r) (i32.const 0)))
