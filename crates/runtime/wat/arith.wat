;; arith.wat — the arithmetic BIFs on terms, with the VM's exact results and errors.
;;
;; Every function here is a fallible BIF (docs/ABI.md §3): it takes and returns eqref and
;; on failure returns $FAIL with the reason in $fail_reason. The operators (`+`, `div`,
;; `bsl`, ...) fail with `badarith`; the guard BIFs `abs`, `float`, `trunc`, `round`,
;; `ceil`, `floor` fail with `badarg` on a non-number, like the VM.
;;
;; Each operation has a fast path for two i31s, then one for i64 values with an overflow
;; check, then falls back to bigint.wat. Float results that are not finite (overflow,
;; NaN) are `badarith`, as the VM checks after every float operation.
;;
;; Number kinds, as returned by $num_kind: 0 not a number, 1 i31, 2 $int64, 3 $bigint,
;; 4 $float.

;; The number kind of `t` (see the header).
(func $num_kind (param $t eqref) (result i32)
  (if (ref.test (ref i31) (local.get $t)) (then (return (i32.const 1))))
  (if (ref.test (ref $float) (local.get $t)) (then (return (i32.const 4))))
  (if (ref.test (ref $int64) (local.get $t)) (then (return (i32.const 2))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (i32.const 3))))
  (i32.const 0))

;; The double value of a number of kind `k` (1..4); +inf for a bignum beyond the double
;; range (callers check with $f64_finite).
(func $num_f64 (param $t eqref) (param $k i32) (result f64)
  (if (i32.eq (local.get $k) (i32.const 4))
    (then (return (struct.get $float $v (ref.cast (ref $float) (local.get $t))))))
  (call $int_to_f64 (local.get $t)))

(func $f64_finite (param $f f64) (result i32)
  (f64.lt (f64.abs (local.get $f)) (f64.const inf)))

;; A float result, or badarith when it is not finite.
(func $float_result (param $f f64) (result eqref)
  (if (call $f64_finite (local.get $f))
    (then (return (struct.new $float (local.get $f)))))
  (call $fail (global.get $atom.badarith)))

;; The integer value of an i31 term.
(func $i31v (param $t eqref) (result i64)
  (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))))

;; Shared float path of the binary operators: op 0 +, 1 -, 2 *, 3 /.
(func $arith_float (param $a eqref) (param $ka i32) (param $b eqref) (param $kb i32) (param $op i32) (result eqref)
  (local $x f64) (local $y f64)
  (local.set $x (call $num_f64 (local.get $a) (local.get $ka)))
  (local.set $y (call $num_f64 (local.get $b) (local.get $kb)))
  (if (i32.eqz (i32.and (call $f64_finite (local.get $x)) (call $f64_finite (local.get $y))))
    (then (return (call $fail (global.get $atom.badarith)))))
  (block $div
    (block $mul
      (block $sub
        (block $add
          (br_table $add $sub $mul $div (local.get $op)))
        (return (call $float_result (f64.add (local.get $x) (local.get $y)))))
      (return (call $float_result (f64.sub (local.get $x) (local.get $y)))))
    (return (call $float_result (f64.mul (local.get $x) (local.get $y)))))
  (if (f64.eq (local.get $y) (f64.const 0))
    (then (return (call $fail (global.get $atom.badarith)))))
  (call $float_result (f64.div (local.get $x) (local.get $y))))

;; erlang:'+'/2
(func $erlang:+/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $ka i32) (local $kb i32) (local $x i64) (local $y i64) (local $r i64)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (call $mk_int (i64.add (call $i31v (local.get $a)) (call $i31v (local.get $b)))))))
  (local.set $ka (call $num_kind (local.get $a)))
  (local.set $kb (call $num_kind (local.get $b)))
  (if (i32.or (i32.eqz (local.get $ka)) (i32.eqz (local.get $kb)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.or (i32.eq (local.get $ka) (i32.const 4)) (i32.eq (local.get $kb) (i32.const 4)))
    (then (return (call $arith_float (local.get $a) (local.get $ka) (local.get $b) (local.get $kb) (i32.const 0)))))
  (if (i32.and (i32.le_u (local.get $ka) (i32.const 2)) (i32.le_u (local.get $kb) (i32.const 2)))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (local.set $y (call $int_i64 (local.get $b)))
      (local.set $r (i64.add (local.get $x) (local.get $y)))
      (if (i64.ge_s (i64.and (i64.xor (local.get $x) (local.get $r)) (i64.xor (local.get $y) (local.get $r))) (i64.const 0))
        (then (return (call $mk_int (local.get $r)))))))
  (call $big_add (local.get $a) (local.get $b)))

;; erlang:'-'/2
(func $erlang:-/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $ka i32) (local $kb i32) (local $x i64) (local $y i64) (local $r i64)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (call $mk_int (i64.sub (call $i31v (local.get $a)) (call $i31v (local.get $b)))))))
  (local.set $ka (call $num_kind (local.get $a)))
  (local.set $kb (call $num_kind (local.get $b)))
  (if (i32.or (i32.eqz (local.get $ka)) (i32.eqz (local.get $kb)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.or (i32.eq (local.get $ka) (i32.const 4)) (i32.eq (local.get $kb) (i32.const 4)))
    (then (return (call $arith_float (local.get $a) (local.get $ka) (local.get $b) (local.get $kb) (i32.const 1)))))
  (if (i32.and (i32.le_u (local.get $ka) (i32.const 2)) (i32.le_u (local.get $kb) (i32.const 2)))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (local.set $y (call $int_i64 (local.get $b)))
      (local.set $r (i64.sub (local.get $x) (local.get $y)))
      (if (i64.ge_s (i64.and (i64.xor (local.get $x) (local.get $y)) (i64.xor (local.get $x) (local.get $r))) (i64.const 0))
        (then (return (call $mk_int (local.get $r)))))))
  (call $big_sub (local.get $a) (local.get $b)))

;; erlang:'*'/2
(func $erlang:*/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $ka i32) (local $kb i32) (local $x i64) (local $y i64) (local $r i64)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (call $mk_int (i64.mul (call $i31v (local.get $a)) (call $i31v (local.get $b)))))))
  (local.set $ka (call $num_kind (local.get $a)))
  (local.set $kb (call $num_kind (local.get $b)))
  (if (i32.or (i32.eqz (local.get $ka)) (i32.eqz (local.get $kb)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.or (i32.eq (local.get $ka) (i32.const 4)) (i32.eq (local.get $kb) (i32.const 4)))
    (then (return (call $arith_float (local.get $a) (local.get $ka) (local.get $b) (local.get $kb) (i32.const 2)))))
  (if (i32.and (i32.le_u (local.get $ka) (i32.const 2)) (i32.le_u (local.get $kb) (i32.const 2)))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (local.set $y (call $int_i64 (local.get $b)))
      (if (i64.eqz (local.get $x)) (then (return (ref.i31 (i32.const 0)))))
      (if (i64.ne (local.get $x) (i64.const -1))
        (then
          (local.set $r (i64.mul (local.get $x) (local.get $y)))
          (if (i64.eq (i64.div_s (local.get $r) (local.get $x)) (local.get $y))
            (then (return (call $mk_int (local.get $r)))))))))
  (call $big_mul (local.get $a) (local.get $b)))

;; erlang:'/'/2 — always a float; badarith on a zero divisor.
(func $erlang://2 (param $a eqref) (param $b eqref) (result eqref)
  (local $ka i32) (local $kb i32)
  (local.set $ka (call $num_kind (local.get $a)))
  (local.set $kb (call $num_kind (local.get $b)))
  (if (i32.or (i32.eqz (local.get $ka)) (i32.eqz (local.get $kb)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (call $arith_float (local.get $a) (local.get $ka) (local.get $b) (local.get $kb) (i32.const 3)))

;; Checks for div and rem: both integers, divisor not zero. Returns 0 when they fail.
(func $intdiv_ok (param $a eqref) (param $b eqref) (result i32)
  (if (i32.eqz (i32.and (call $is_integer (local.get $a)) (call $is_integer (local.get $b))))
    (then (return (i32.const 0))))
  (i32.eqz (ref.eq (local.get $b) (ref.i31 (i32.const 0)))))

;; erlang:'div'/2 — integer division truncating toward zero.
(func $erlang:div/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $x i64) (local $y i64)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then
      (local.set $y (call $i31v (local.get $b)))
      (if (i64.ne (local.get $y) (i64.const 0))
        (then (return (call $mk_int (i64.div_s (call $i31v (local.get $a)) (local.get $y))))))))
  (if (i32.eqz (call $intdiv_ok (local.get $a) (local.get $b)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.eqz (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigint) (local.get $b))))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (local.set $y (call $int_i64 (local.get $b)))
      (if (i32.eqz (i32.and (i64.eq (local.get $x) (i64.const 0x8000000000000000)) (i64.eq (local.get $y) (i64.const -1))))
        (then (return (call $mk_int (i64.div_s (local.get $x) (local.get $y))))))))
  (call $big_divrem (local.get $a) (local.get $b))
  (drop))

;; erlang:'rem'/2 — the remainder has the sign of the dividend.
(func $erlang:rem/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $y i64) (local $q eqref)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then
      (local.set $y (call $i31v (local.get $b)))
      (if (i64.ne (local.get $y) (i64.const 0))
        (then (return (call $mk_int (i64.rem_s (call $i31v (local.get $a)) (local.get $y))))))))
  (if (i32.eqz (call $intdiv_ok (local.get $a) (local.get $b)))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.eqz (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigint) (local.get $b))))
    (then (return (call $mk_int (i64.rem_s (call $int_i64 (local.get $a)) (call $int_i64 (local.get $b)))))))
  (call $big_divrem (local.get $a) (local.get $b))
  (local.set $q)
  (drop)
  (local.get $q))

;; Shared body of band (0), bor (1), bxor (2).
(func $bitop (param $a eqref) (param $b eqref) (param $op i32) (result eqref)
  (local $x i64) (local $y i64)
  (if (i32.eqz (i32.and (call $is_integer (local.get $a)) (call $is_integer (local.get $b))))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigint) (local.get $b)))
    (then (return (call $big_bitop (local.get $a) (local.get $b) (local.get $op)))))
  (local.set $x (call $int_i64 (local.get $a)))
  (local.set $y (call $int_i64 (local.get $b)))
  (call $mk_int
    (if (result i64) (i32.eqz (local.get $op))
      (then (i64.and (local.get $x) (local.get $y)))
      (else (if (result i64) (i32.eq (local.get $op) (i32.const 1))
        (then (i64.or (local.get $x) (local.get $y)))
        (else (i64.xor (local.get $x) (local.get $y))))))))

;; erlang:'band'/2
(func $erlang:band/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (ref.i31 (i32.and (i31.get_s (ref.cast (ref i31) (local.get $a))) (i31.get_s (ref.cast (ref i31) (local.get $b))))))))
  (call $bitop (local.get $a) (local.get $b) (i32.const 0)))

;; erlang:'bor'/2
(func $erlang:bor/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (ref.i31 (i32.or (i31.get_s (ref.cast (ref i31) (local.get $a))) (i31.get_s (ref.cast (ref i31) (local.get $b))))))))
  (call $bitop (local.get $a) (local.get $b) (i32.const 1)))

;; erlang:'bxor'/2
(func $erlang:bxor/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (ref.i31 (i32.xor (i31.get_s (ref.cast (ref i31) (local.get $a))) (i31.get_s (ref.cast (ref i31) (local.get $b))))))))
  (call $bitop (local.get $a) (local.get $b) (i32.const 2)))

;; erlang:'bnot'/1
(func $erlang:bnot/1 (param $a eqref) (result eqref)
  (if (ref.test (ref i31) (local.get $a))
    (then (return (ref.i31 (i32.xor (i31.get_s (ref.cast (ref i31) (local.get $a))) (i32.const -1))))))
  (if (ref.test (ref $int64) (local.get $a))
    (then (return (call $mk_int (i64.xor (call $int_i64 (local.get $a)) (i64.const -1))))))
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $big_bnot (local.get $a)))))
  (call $fail (global.get $atom.badarith)))

;; a · 2^s (s > 0: left, s < 0: arithmetic right) for an integer a and i64 s.
(func $shift_i64 (param $a eqref) (param $s i64) (result eqref)
  (local $x i64) (local $r i64)
  (if (i32.or (i64.eqz (local.get $s)) (ref.eq (local.get $a) (ref.i31 (i32.const 0))))
    (then (return (local.get $a))))
  (if (i32.eqz (ref.test (ref $bigint) (local.get $a)))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (if (i64.lt_s (local.get $s) (i64.const 0))
        (then
          (if (i64.le_s (local.get $s) (i64.const -63))
            (then (return (ref.i31 (select (i32.const -1) (i32.const 0) (i64.lt_s (local.get $x) (i64.const 0)))))))
          (return (call $mk_int (i64.shr_s (local.get $x) (i64.sub (i64.const 0) (local.get $s)))))))
      (if (i64.lt_s (local.get $s) (i64.const 63))
        (then
          (local.set $r (i64.shl (local.get $x) (local.get $s)))
          (if (i64.eq (i64.shr_s (local.get $r) (local.get $s)) (local.get $x))
            (then (return (call $mk_int (local.get $r)))))))))
  (call $big_shift (local.get $a) (local.get $s)))

;; Shared body of bsl (right = 0) and bsr (right = 1), following erts_shift.
(func $shift (param $a eqref) (param $b eqref) (param $right i32) (result eqref)
  (local $s i64) (local $up i32)
  (if (i32.eqz (i32.and (call $is_integer (local.get $a)) (call $is_integer (local.get $b))))
    (then (return (call $fail (global.get $atom.badarith)))))
  (if (ref.test (ref $bigint) (local.get $b))
    (then
      ;; A shift by a bignum: 0 or -1 one way, system_limit (unless a is 0) the other.
      (local.set $up (i32.xor (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $b))) (i32.xor (local.get $right) (i32.const 1))))
      (if (local.get $up)
        (then
          (if (ref.eq (local.get $a) (ref.i31 (i32.const 0))) (then (return (local.get $a))))
          (return (call $fail (global.get $atom.system_limit)))))
      (return (call $shift_i64 (local.get $a) (i64.const -0x4000000000000000)))))
  (local.set $s (call $int_i64 (local.get $b)))
  (if (local.get $right)
    (then
      (if (i64.eq (local.get $s) (i64.const 0x8000000000000000))
        (then (local.set $s (i64.const 0x4000000000000000)))
        (else (local.set $s (i64.sub (i64.const 0) (local.get $s)))))))
  (call $shift_i64 (local.get $a) (local.get $s)))

;; erlang:'bsl'/2
(func $erlang:bsl/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $shift (local.get $a) (local.get $b) (i32.const 0)))

;; erlang:'bsr'/2
(func $erlang:bsr/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $shift (local.get $a) (local.get $b) (i32.const 1)))

;; erlang:'-'/1
(func $erlang:-/1 (param $a eqref) (result eqref)
  (local $x i64)
  (if (ref.test (ref i31) (local.get $a))
    (then (return (call $mk_int (i64.sub (i64.const 0) (call $i31v (local.get $a)))))))
  (if (ref.test (ref $float) (local.get $a))
    (then (return (struct.new $float (f64.neg (struct.get $float $v (ref.cast (ref $float) (local.get $a))))))))
  (if (ref.test (ref $int64) (local.get $a))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (if (i64.ne (local.get $x) (i64.const 0x8000000000000000))
        (then (return (call $mk_int (i64.sub (i64.const 0) (local.get $x))))))
      (return (call $big_neg (local.get $a)))))
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $big_neg (local.get $a)))))
  (call $fail (global.get $atom.badarith)))

;; erlang:'+'/1
(func $erlang:+/1 (param $a eqref) (result eqref)
  (if (call $is_number (local.get $a)) (then (return (local.get $a))))
  (call $fail (global.get $atom.badarith)))

;; erlang:abs/1 (a negative zero stays negative, as in the VM)
(func $erlang:abs/1 (param $a eqref) (result eqref)
  (local $f f64)
  (if (ref.test (ref $float) (local.get $a))
    (then
      (local.set $f (struct.get $float $v (ref.cast (ref $float) (local.get $a))))
      (if (f64.lt (local.get $f) (f64.const 0))
        (then (return (struct.new $float (f64.neg (local.get $f))))))
      (return (local.get $a))))
  (if (i32.eqz (call $is_integer (local.get $a)))
    (then (return (call $fail (global.get $atom.badarg)))))
  (if (i32.lt_s (call $int_cmp (local.get $a) (ref.i31 (i32.const 0))) (i32.const 0))
    (then (return (call $erlang:-/1 (local.get $a)))))
  (local.get $a))

;; erlang:float/1 (badarg for a bignum beyond the double range)
(func $erlang:float/1 (param $a eqref) (result eqref)
  (local $f f64)
  (if (ref.test (ref $float) (local.get $a)) (then (return (local.get $a))))
  (if (i32.eqz (call $is_integer (local.get $a)))
    (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $f (call $int_to_f64 (local.get $a)))
  (if (call $f64_finite (local.get $f))
    (then (return (struct.new $float (local.get $f)))))
  (call $fail (global.get $atom.badarg)))

;; Shared body of trunc (0), round (1), ceil (2), floor (3).
(func $to_integer (param $a eqref) (param $mode i32) (result eqref)
  (local $f f64) (local $t f64)
  (if (i32.eqz (ref.test (ref $float) (local.get $a)))
    (then
      (if (call $is_integer (local.get $a)) (then (return (local.get $a))))
      (return (call $fail (global.get $atom.badarg)))))
  (local.set $f (struct.get $float $v (ref.cast (ref $float) (local.get $a))))
  (local.set $t (f64.trunc (local.get $f)))
  (block $done
    (block $floor
      (block $ceil
        (block $round
          (br_table $done $round $ceil $floor (local.get $mode)))
        ;; round half away from zero (C's round)
        (if (f64.ge (f64.abs (f64.sub (local.get $f) (local.get $t))) (f64.const 0.5))
          (then (local.set $t (f64.add (local.get $t) (f64.copysign (f64.const 1) (local.get $f))))))
        (br $done))
      (local.set $t (f64.ceil (local.get $f)))
      (br $done))
    (local.set $t (f64.floor (local.get $f))))
  (call $f64_to_int (local.get $t)))

;; erlang:trunc/1
(func $erlang:trunc/1 (param $a eqref) (result eqref)
  (call $to_integer (local.get $a) (i32.const 0)))

;; erlang:round/1
(func $erlang:round/1 (param $a eqref) (result eqref)
  (call $to_integer (local.get $a) (i32.const 1)))

;; erlang:ceil/1
(func $erlang:ceil/1 (param $a eqref) (result eqref)
  (call $to_integer (local.get $a) (i32.const 2)))

;; erlang:floor/1
(func $erlang:floor/1 (param $a eqref) (result eqref)
  (call $to_integer (local.get $a) (i32.const 3)))
