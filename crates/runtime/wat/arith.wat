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

;; ==== math ====================================================================================
;;
;; The math module's BIFs. The VM calls the C library (glibc) and raises badarith when the
;; result is not finite; a non-number argument is badarg, a bignum beyond the double range
;; badarith. Wasm has sqrt, floor, ceil but no transcendental functions, so these are
;; computed here in double-double arithmetic (about 104 bits) and rounded once: the
;; results are correctly rounded except in rare near-halfway cases, which is what glibc's
;; exp/log/pow/sin/cos deliver too. Argument reduction for the trigonometric functions is
;; exact (Payne–Hanek with a 1300-bit 2/pi) beyond 2^20·pi/2.
;;
;; A double-double (h, l) is an unevaluated sum with |l| <= ulp(h)/2; functions return it
;; as two f64 results.

;; ---- double-double kernels ----

;; a + b exactly: (s, e).
(func $two_sum (param $a f64) (param $b f64) (result f64 f64)
  (local $s f64) (local $bb f64)
  (local.set $s (f64.add (local.get $a) (local.get $b)))
  (local.set $bb (f64.sub (local.get $s) (local.get $a)))
  (local.get $s)
  (f64.add (f64.sub (local.get $a) (f64.sub (local.get $s) (local.get $bb))) (f64.sub (local.get $b) (local.get $bb))))

;; a + b exactly when |a| >= |b|.
(func $quick_two_sum (param $a f64) (param $b f64) (result f64 f64)
  (local $s f64)
  (local.set $s (f64.add (local.get $a) (local.get $b)))
  (local.get $s)
  (f64.sub (local.get $b) (f64.sub (local.get $s) (local.get $a))))

;; a · b exactly (Dekker's product; |a|, |b| well inside the double range).
(func $two_prod (param $a f64) (param $b f64) (result f64 f64)
  (local $p f64) (local $t f64) (local $ah f64) (local $al f64) (local $bh f64) (local $bl f64)
  (local.set $p (f64.mul (local.get $a) (local.get $b)))
  (local.set $t (f64.mul (local.get $a) (f64.const 134217729)))
  (local.set $ah (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $a))))
  (local.set $al (f64.sub (local.get $a) (local.get $ah)))
  (local.set $t (f64.mul (local.get $b) (f64.const 134217729)))
  (local.set $bh (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $b))))
  (local.set $bl (f64.sub (local.get $b) (local.get $bh)))
  (local.get $p)
  (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $ah) (local.get $bh)) (local.get $p))
    (f64.mul (local.get $ah) (local.get $bl))) (f64.mul (local.get $al) (local.get $bh))) (f64.mul (local.get $al) (local.get $bl))))

(func $dd_add (param $ah f64) (param $al f64) (param $bh f64) (param $bl f64) (result f64 f64)
  (local $s f64) (local $e f64) (local $t f64) (local $f f64)
  (call $two_sum (local.get $ah) (local.get $bh)) (local.set $e) (local.set $s)
  (call $two_sum (local.get $al) (local.get $bl)) (local.set $f) (local.set $t)
  (local.set $e (f64.add (local.get $e) (local.get $t)))
  (call $quick_two_sum (local.get $s) (local.get $e)) (local.set $e) (local.set $s)
  (local.set $e (f64.add (local.get $e) (local.get $f)))
  (call $quick_two_sum (local.get $s) (local.get $e)))

(func $dd_sub (param $ah f64) (param $al f64) (param $bh f64) (param $bl f64) (result f64 f64)
  (call $dd_add (local.get $ah) (local.get $al) (f64.neg (local.get $bh)) (f64.neg (local.get $bl))))

(func $dd_mul (param $ah f64) (param $al f64) (param $bh f64) (param $bl f64) (result f64 f64)
  (local $p f64) (local $e f64)
  (call $two_prod (local.get $ah) (local.get $bh)) (local.set $e) (local.set $p)
  (local.set $e (f64.add (local.get $e)
    (f64.add (f64.mul (local.get $ah) (local.get $bl)) (f64.mul (local.get $al) (local.get $bh)))))
  (call $quick_two_sum (local.get $p) (local.get $e)))

(func $dd_mul_d (param $ah f64) (param $al f64) (param $b f64) (result f64 f64)
  (local $p f64) (local $e f64)
  (call $two_prod (local.get $ah) (local.get $b)) (local.set $e) (local.set $p)
  (local.set $e (f64.add (local.get $e) (f64.mul (local.get $al) (local.get $b))))
  (call $quick_two_sum (local.get $p) (local.get $e)))

;; a / b for a double b.
(func $dd_div_d (param $ah f64) (param $al f64) (param $b f64) (result f64 f64)
  (local $q f64) (local $p f64) (local $e f64) (local $rh f64) (local $rl f64)
  (local.set $q (f64.div (local.get $ah) (local.get $b)))
  (call $two_prod (local.get $q) (local.get $b)) (local.set $e) (local.set $p)
  (call $dd_sub (local.get $ah) (local.get $al) (local.get $p) (local.get $e)) (local.set $rl) (local.set $rh)
  (call $quick_two_sum (local.get $q) (f64.div (local.get $rh) (local.get $b))))

(func $dd_div (param $ah f64) (param $al f64) (param $bh f64) (param $bl f64) (result f64 f64)
  (local $q1 f64) (local $q2 f64) (local $q3 f64) (local $ph f64) (local $pl f64) (local $rh f64) (local $rl f64)
  (local.set $q1 (f64.div (local.get $ah) (local.get $bh)))
  (call $dd_mul_d (local.get $bh) (local.get $bl) (local.get $q1)) (local.set $pl) (local.set $ph)
  (call $dd_sub (local.get $ah) (local.get $al) (local.get $ph) (local.get $pl)) (local.set $rl) (local.set $rh)
  (local.set $q2 (f64.div (local.get $rh) (local.get $bh)))
  (call $dd_mul_d (local.get $bh) (local.get $bl) (local.get $q2)) (local.set $pl) (local.set $ph)
  (call $dd_sub (local.get $rh) (local.get $rl) (local.get $ph) (local.get $pl)) (local.set $rl) (local.set $rh)
  (local.set $q3 (f64.div (local.get $rh) (local.get $bh)))
  (call $quick_two_sum (local.get $q1) (local.get $q2)) (local.set $q2) (local.set $q1)
  (call $dd_add (local.get $q1) (local.get $q2) (local.get $q3) (f64.const 0)))

(func $dd_sqrt (param $ah f64) (param $al f64) (result f64 f64)
  (local $s f64) (local $ph f64) (local $pl f64) (local $rh f64) (local $rl f64)
  (if (f64.le (local.get $ah) (f64.const 0)) (then (return (f64.const 0) (f64.const 0))))
  (local.set $s (f64.sqrt (local.get $ah)))
  (call $two_prod (local.get $s) (local.get $s)) (local.set $pl) (local.set $ph)
  (call $dd_sub (local.get $ah) (local.get $al) (local.get $ph) (local.get $pl)) (local.set $rl) (local.set $rh)
  (call $quick_two_sum (local.get $s) (f64.div (local.get $rh) (f64.mul (f64.const 2) (local.get $s)))))

;; ---- exp and log ----

;; e^x for a double-double x; (inf, 0) above the range, (0, 0) below it.
(func $exp_dd (param $xh f64) (param $xl f64) (result f64 f64)
  (local $k f64) (local $th f64) (local $tl f64) (local $rh f64) (local $rl f64) (local $ph f64) (local $pl f64)
  (local $i i32) (local $ki i32)
  (if (f64.gt (local.get $xh) (f64.const 709.8)) (then (return (f64.const inf) (f64.const 0))))
  (if (f64.lt (local.get $xh) (f64.const -745.2)) (then (return (f64.const 0) (f64.const 0))))
  (local.set $k (f64.nearest (f64.mul (local.get $xh) (f64.const 0x1.71547652b82fep+0))))
  (call $two_prod (local.get $k) (f64.const 0x1.62e42fefa39efp-1)) (local.set $tl) (local.set $th)
  (local.set $tl (f64.add (local.get $tl) (f64.mul (local.get $k) (f64.const 0x1.abc9e3b39803fp-56))))
  (call $dd_sub (local.get $xh) (local.get $xl) (local.get $th) (local.get $tl)) (local.set $rl) (local.set $rh)
  ;; e^r = (e^(r/512))^512
  (local.set $rh (f64.mul (local.get $rh) (f64.const 0x1p-9)))
  (local.set $rl (f64.mul (local.get $rl) (f64.const 0x1p-9)))
  ;; Taylor, Horner form: p = 1 + r(1 + r/2(1 + r/3(...)))
  (local.set $ph (f64.const 1))
  (local.set $pl (f64.const 0))
  (local.set $i (i32.const 11))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (call $dd_mul (local.get $ph) (local.get $pl) (local.get $rh) (local.get $rl)) (local.set $pl) (local.set $ph)
      (call $dd_div_d (local.get $ph) (local.get $pl) (f64.convert_i32_u (local.get $i))) (local.set $pl) (local.set $ph)
      (call $dd_add (local.get $ph) (local.get $pl) (f64.const 1) (f64.const 0)) (local.set $pl) (local.set $ph)
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $i (i32.const 9))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (call $dd_mul (local.get $ph) (local.get $pl) (local.get $ph) (local.get $pl)) (local.set $pl) (local.set $ph)
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $ki (i32.trunc_f64_s (local.get $k)))
  (call $ldexp (local.get $ph) (local.get $ki))
  (call $ldexp (local.get $pl) (local.get $ki)))

;; log(1 + u) for a double-double u in [-0.3, 0.42]: 2·atanh(u / (2 + u)).
(func $log1p_core (param $uh f64) (param $ul f64) (result f64 f64)
  (local $sh f64) (local $sl f64) (local $zh f64) (local $zl f64) (local $ph f64) (local $pl f64) (local $th f64) (local $tl f64)
  (local $n i32)
  (call $dd_add (f64.const 2) (f64.const 0) (local.get $uh) (local.get $ul)) (local.set $tl) (local.set $th)
  (call $dd_div (local.get $uh) (local.get $ul) (local.get $th) (local.get $tl)) (local.set $sl) (local.set $sh)
  (call $dd_mul (local.get $sh) (local.get $sl) (local.get $sh) (local.get $sl)) (local.set $zl) (local.set $zh)
  (local.set $n (i32.const 23))
  (block $done
    (loop $next
      (call $dd_mul (local.get $ph) (local.get $pl) (local.get $zh) (local.get $zl)) (local.set $pl) (local.set $ph)
      (call $dd_div_d (f64.const 1) (f64.const 0) (f64.convert_i32_u (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 1))))
      (local.set $tl) (local.set $th)
      (call $dd_add (local.get $ph) (local.get $pl) (local.get $th) (local.get $tl)) (local.set $pl) (local.set $ph)
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (call $dd_mul (local.get $ph) (local.get $pl) (local.get $sh) (local.get $sl)) (local.set $pl) (local.set $ph)
  (f64.mul (local.get $ph) (f64.const 2))
  (f64.mul (local.get $pl) (f64.const 2)))

;; log(x) for a positive finite double x.
(func $log_dd (param $x f64) (result f64 f64)
  (local $bits i64) (local $k i32) (local $m f64) (local $th f64) (local $tl f64) (local $ph f64) (local $pl f64)
  (if (f64.lt (local.get $x) (f64.const 0x1p-1022))
    (then
      (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54)))
      (local.set $k (i32.const -54))))
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $k (i32.add (local.get $k)
    (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 1023))))
  (local.set $m (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0x3ff0000000000000))))
  (if (f64.gt (local.get $m) (f64.const 1.4142135623730951))
    (then
      (local.set $m (f64.mul (local.get $m) (f64.const 0.5)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))))
  (call $log1p_core (f64.sub (local.get $m) (f64.const 1)) (f64.const 0)) (local.set $pl) (local.set $ph)
  (call $two_prod (f64.convert_i32_s (local.get $k)) (f64.const 0x1.62e42fefa39efp-1)) (local.set $tl) (local.set $th)
  (local.set $tl (f64.add (local.get $tl) (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 0x1.abc9e3b39803fp-56))))
  (call $dd_add (local.get $th) (local.get $tl) (local.get $ph) (local.get $pl)))

;; log(x) for a positive double-double x.
(func $log_dd2 (param $xh f64) (param $xl f64) (result f64 f64)
  (local $h f64) (local $l f64)
  (call $log_dd (local.get $xh)) (local.set $l) (local.set $h)
  (call $dd_add (local.get $h) (local.get $l) (f64.div (local.get $xl) (local.get $xh)) (f64.const 0)))

;; log(1 + u) for a double-double u > -1.
(func $log1p_dd (param $uh f64) (param $ul f64) (result f64 f64)
  (local $h f64) (local $l f64)
  (if (i32.and (f64.gt (local.get $uh) (f64.const -0.29)) (f64.lt (local.get $uh) (f64.const 0.41)))
    (then (return (call $log1p_core (local.get $uh) (local.get $ul)))))
  (call $dd_add (f64.const 1) (f64.const 0) (local.get $uh) (local.get $ul)) (local.set $l) (local.set $h)
  (call $log_dd2 (local.get $h) (local.get $l)))

;; ---- trigonometry ----

(global $two_over_pi (mut eqref) (ref.null none))
(data $two_over_pi_hex "A2F9836E4E441529FC2757D1F534DDC0DB6295993C439041FE5163ABDEBBC561B7246E3A424DD2E006492EEA09D1921CFE1DEB1CB129A73EE88235F52EBB4484E99C7026B45F7E413991D639835339F49C845F8BBDF9283B1FF897FFDE05980FEF2F118B5A0A6D1F6D367ECF27CB09B74F463F669E5FEA2D7527BAC7EBE5F17B3D0739F78A5292EA6BFB5FB11F8D5D0856033046FC7B6BABF0CFBC209AF4361DA9E2A")

;; x reduced modulo pi/2: (n mod 4, r) with x = n·pi/2 + r, |r| <= pi/4 (about).
(func $rem_pio2 (param $x f64) (result i32 f64 f64)
  (local $n f64) (local $ah f64) (local $al f64) (local $t f64) (local $bits i64) (local $m i64) (local $e i32)
  (local $p eqref) (local $s i32) (local $ip eqref) (local $frac eqref) (local $top eqref) (local $q i32) (local $top_i i64)
  (local $fh f64) (local $fl f64) (local $d (ref $bytes))
  (if (f64.lt (f64.abs (local.get $x)) (f64.const 1647099.3291652855))
    (then
      (local.set $n (f64.nearest (f64.mul (local.get $x) (f64.const 0x1.45f306dc9c883p-1))))
      ;; x - n·(p1 + p2 + p3), p1 and p2 of 33 bits so that n·p1, n·p2 are exact
      (local.set $t (f64.sub (local.get $x) (f64.mul (local.get $n) (f64.const 0x1.921fb54400000p+0))))
      (call $two_sum (local.get $t) (f64.neg (f64.mul (local.get $n) (f64.const 0x1.0b4611a600000p-34))))
      (local.set $al) (local.set $ah)
      (call $dd_sub (local.get $ah) (local.get $al)
        (call $two_prod (local.get $n) (f64.const 0x1.3198a2e037073p-69)))
      (local.set $al) (local.set $ah)
      (return (i32.and (i32.trunc_f64_s (local.get $n)) (i32.const 3)) (local.get $ah) (local.get $al))))
  ;; Payne–Hanek: x = m·2^e exactly; frac(x·2/pi) from a 1300-bit 2/pi.
  (if (ref.is_null (global.get $two_over_pi))
    (then
      (local.set $d (array.new_data $bytes $two_over_pi_hex (i32.const 0) (i32.const 325)))
      (global.set $two_over_pi (call $text_to_int (local.get $d) (i32.const 0) (i32.const 325) (i32.const 16)))))
  (call $f64_decompose (f64.abs (local.get $x))) (local.set $e) (local.set $m)
  (local.set $p (call $big_mul (call $mk_int (local.get $m)) (global.get $two_over_pi)))
  ;; x·2/pi = p · 2^(e - 1300)
  (local.set $s (i32.sub (i32.const 1300) (local.get $e)))
  (local.set $ip (call $big_shift (local.get $p) (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $s)))))
  (local.set $q (i32.wrap_i64 (i64.and (call $int_i64 (call $erlang:band/2 (local.get $ip) (ref.i31 (i32.const 3)))) (i64.const 3))))
  (local.set $frac (call $big_sub (local.get $p) (call $big_shift (local.get $ip) (i64.extend_i32_s (local.get $s)))))
  ;; the top 106 bits of the fraction
  (local.set $top (call $big_shift (local.get $frac) (i64.extend_i32_s (i32.sub (i32.const 106) (local.get $s)))))
  (local.set $fh (f64.mul (f64.convert_i64_u (call $int_i64 (call $big_shift (local.get $top) (i64.const -53)))) (f64.const 0x1p-53)))
  (local.set $fl (f64.mul (f64.convert_i64_u (call $int_i64 (call $erlang:band/2 (local.get $top) (call $mk_int (i64.const 0x1fffffffffffff)))))
    (f64.const 0x1p-106)))
  (call $quick_two_sum (local.get $fh) (local.get $fl)) (local.set $fl) (local.set $fh)
  (if (f64.ge (local.get $fh) (f64.const 0.5))
    (then
      (call $dd_sub (local.get $fh) (local.get $fl) (f64.const 1) (f64.const 0)) (local.set $fl) (local.set $fh)
      (local.set $q (i32.add (local.get $q) (i32.const 1)))))
  (call $dd_mul (local.get $fh) (local.get $fl) (f64.const 0x1.921fb54442d18p+0) (f64.const 0x1.1a62633145c07p-54))
  (local.set $fl) (local.set $fh)
  (if (f64.lt (local.get $x) (f64.const 0))
    (then
      (local.set $q (i32.sub (i32.const 0) (local.get $q)))
      (local.set $fh (f64.neg (local.get $fh)))
      (local.set $fl (f64.neg (local.get $fl)))))
  (i32.and (local.get $q) (i32.const 3)) (local.get $fh) (local.get $fl))

;; sin(r) (kind 0) or cos(r) (kind 1) for |r| <= pi/4, by Taylor series.
(func $sincos_dd (param $rh f64) (param $rl f64) (param $kind i32) (result f64 f64)
  (local $zh f64) (local $zl f64) (local $ph f64) (local $pl f64) (local $k i32) (local $d f64)
  (call $dd_mul (local.get $rh) (local.get $rl) (local.get $rh) (local.get $rl)) (local.set $zl) (local.set $zh)
  (local.set $ph (f64.const 1))
  (local.set $k (i32.const 14))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $k)))
      ;; sin: p = 1 - z·p/((2k)(2k+1)); cos: p = 1 - z·p/((2k-1)(2k))
      (local.set $d (f64.convert_i32_u (i32.mul (i32.shl (local.get $k) (i32.const 1))
        (i32.add (i32.shl (local.get $k) (i32.const 1)) (select (i32.const -1) (i32.const 1) (local.get $kind))))))
      (call $dd_mul (local.get $ph) (local.get $pl) (local.get $zh) (local.get $zl)) (local.set $pl) (local.set $ph)
      (call $dd_div_d (local.get $ph) (local.get $pl) (local.get $d)) (local.set $pl) (local.set $ph)
      (call $dd_sub (f64.const 1) (f64.const 0) (local.get $ph) (local.get $pl)) (local.set $pl) (local.set $ph)
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $next)))
  (if (local.get $kind) (then (return (local.get $ph) (local.get $pl))))
  (call $dd_mul (local.get $ph) (local.get $pl) (local.get $rh) (local.get $rl)))

;; sin (which 0), cos (1) or tan (2) of a finite double.
(func $trig (param $x f64) (param $which i32) (result f64)
  (local $q i32) (local $rh f64) (local $rl f64) (local $sh f64) (local $sl f64) (local $ch f64) (local $cl f64) (local $r f64)
  (if (f64.lt (f64.abs (local.get $x)) (f64.const 0x1p-27))
    (then (return (select (f64.const 1) (local.get $x) (i32.eq (local.get $which) (i32.const 1))))))
  (call $rem_pio2 (local.get $x)) (local.set $rl) (local.set $rh) (local.set $q)
  (call $sincos_dd (local.get $rh) (local.get $rl) (i32.const 0)) (local.set $sl) (local.set $sh)
  (call $sincos_dd (local.get $rh) (local.get $rl) (i32.const 1)) (local.set $cl) (local.set $ch)
  (if (i32.eq (local.get $which) (i32.const 2))
    (then
      (if (i32.and (local.get $q) (i32.const 1))
        (then (return (f64.neg (f64.add (call $dd_div (local.get $ch) (local.get $cl) (local.get $sh) (local.get $sl)))))))
      (return (f64.add (call $dd_div (local.get $sh) (local.get $sl) (local.get $ch) (local.get $cl))))))
  ;; cos(x) = sin(x + pi/2)
  (local.set $q (i32.and (i32.add (local.get $q) (local.get $which)) (i32.const 3)))
  (local.set $r (select (f64.add (local.get $ch) (local.get $cl)) (f64.add (local.get $sh) (local.get $sl))
    (i32.and (local.get $q) (i32.const 1))))
  (select (f64.neg (local.get $r)) (local.get $r) (i32.ge_u (local.get $q) (i32.const 2))))

;; atan(a) for a double-double a >= 0.
(func $atan_dd (param $ah f64) (param $al f64) (result f64 f64)
  (local $inv i32) (local $halvings i32) (local $zh f64) (local $zl f64) (local $ph f64) (local $pl f64) (local $th f64) (local $tl f64)
  (local $n i32)
  (if (f64.gt (local.get $ah) (f64.const 1))
    (then
      (local.set $inv (i32.const 1))
      (call $dd_div (f64.const 1) (f64.const 0) (local.get $ah) (local.get $al)) (local.set $al) (local.set $ah)))
  ;; atan(a) = 2·atan(a / (1 + sqrt(1 + a²)))
  (block $done
    (loop $next
      (br_if $done (f64.le (local.get $ah) (f64.const 0.1)))
      ;; at most 4 halvings take any a <= 1 below 0.1 (and a NaN cannot loop)
      (br_if $done (i32.ge_u (local.get $halvings) (i32.const 4)))
      (call $dd_mul (local.get $ah) (local.get $al) (local.get $ah) (local.get $al)) (local.set $tl) (local.set $th)
      (call $dd_add (local.get $th) (local.get $tl) (f64.const 1) (f64.const 0)) (local.set $tl) (local.set $th)
      (call $dd_sqrt (local.get $th) (local.get $tl)) (local.set $tl) (local.set $th)
      (call $dd_add (local.get $th) (local.get $tl) (f64.const 1) (f64.const 0)) (local.set $tl) (local.set $th)
      (call $dd_div (local.get $ah) (local.get $al) (local.get $th) (local.get $tl)) (local.set $al) (local.set $ah)
      (local.set $halvings (i32.add (local.get $halvings) (i32.const 1)))
      (br $next)))
  ;; a·(1 - z/3 + z²/5 - ...), z = a²
  (call $dd_mul (local.get $ah) (local.get $al) (local.get $ah) (local.get $al)) (local.set $zl) (local.set $zh)
  (local.set $n (i32.const 17))
  (block $done
    (loop $next
      (call $dd_mul (local.get $ph) (local.get $pl) (local.get $zh) (local.get $zl)) (local.set $pl) (local.set $ph)
      (call $dd_div_d (f64.const 1) (f64.const 0) (f64.convert_i32_u (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 1))))
      (local.set $tl) (local.set $th)
      (call $dd_sub (local.get $th) (local.get $tl) (local.get $ph) (local.get $pl)) (local.set $pl) (local.set $ph)
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (call $dd_mul (local.get $ph) (local.get $pl) (local.get $ah) (local.get $al)) (local.set $pl) (local.set $ph)
  (local.set $ph (f64.mul (local.get $ph) (f64.convert_i32_u (i32.shl (i32.const 1) (local.get $halvings)))))
  (local.set $pl (f64.mul (local.get $pl) (f64.convert_i32_u (i32.shl (i32.const 1) (local.get $halvings)))))
  (if (local.get $inv)
    (then (return (call $dd_sub (f64.const 0x1.921fb54442d18p+0) (f64.const 0x1.1a62633145c07p-54) (local.get $ph) (local.get $pl)))))
  (local.get $ph) (local.get $pl))

;; atan2(y, x) with C's conventions for zeros and signs.
(func $atan2 (param $y f64) (param $x f64) (result f64)
  (local $qh f64) (local $ql f64) (local $rh f64) (local $rl f64) (local $r f64) (local $e i32)
  (if (f64.eq (local.get $y) (f64.const 0))
    (then
      (if (i64.ge_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0)) (then (return (local.get $y))))
      (return (f64.copysign (f64.const 0x1.921fb54442d18p+1) (local.get $y)))))
  (if (f64.eq (local.get $x) (f64.const 0))
    (then (return (f64.copysign (f64.const 0x1.921fb54442d18p+0) (local.get $y)))))
  ;; |y/x| far from 1: pi/2, or the quotient itself (one correctly rounded division)
  (local.set $qh (f64.div (f64.abs (local.get $y)) (f64.abs (local.get $x))))
  (if (f64.gt (local.get $qh) (f64.const 0x1p60))
    (then (local.set $rh (f64.const 0x1.921fb54442d18p+0)) (local.set $rl (f64.const 0x1.1a62633145c07p-54)))
    (else
      (if (f64.lt (local.get $qh) (f64.const 0x1p-60))
        (then (local.set $rh (local.get $qh)) (local.set $rl (f64.const 0)))
        (else
          ;; scale both to x's binade first, so the double-double division neither
          ;; overflows nor loses bits to underflow
          (local.set $e (i32.sub (i32.and (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 52))) (i32.const 0x7ff)) (i32.const 1023)))
          (call $dd_div (call $ldexp (f64.abs (local.get $y)) (i32.sub (i32.const 0) (local.get $e))) (f64.const 0)
                        (call $ldexp (f64.abs (local.get $x)) (i32.sub (i32.const 0) (local.get $e))) (f64.const 0))
          (local.set $ql) (local.set $qh)
          (call $atan_dd (local.get $qh) (local.get $ql)) (local.set $rl) (local.set $rh)))))
  (if (f64.lt (local.get $x) (f64.const 0))
    (then (call $dd_sub (f64.const 0x1.921fb54442d18p+1) (f64.const 0x1.1a62633145c07p-53) (local.get $rh) (local.get $rl))
          (local.set $rl) (local.set $rh)))
  (local.set $r (f64.add (local.get $rh) (local.get $rl)))
  (f64.copysign (local.get $r) (local.get $y)))

;; ---- the functions, on doubles (NaN or ±inf signal a badarith) ----

(func $m_exp (param $x f64) (result f64)
  (f64.add (call $exp_dd (local.get $x) (f64.const 0))))

(func $m_log (param $x f64) (result f64)
  (if (f64.lt (local.get $x) (f64.const 0)) (then (return (f64.const nan))))
  (if (f64.eq (local.get $x) (f64.const 0)) (then (return (f64.const -inf))))
  (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0))))
  (f64.add (call $log_dd (local.get $x))))

;; log2 (base 0x2) or log10 (base 10)
(func $m_logb (param $x f64) (param $base i32) (result f64)
  (local $h f64) (local $l f64)
  (if (f64.lt (local.get $x) (f64.const 0)) (then (return (f64.const nan))))
  (if (f64.eq (local.get $x) (f64.const 0)) (then (return (f64.const -inf))))
  (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0))))
  (if (i32.eq (local.get $base) (i32.const 10))
    (then (return (call $m_log10 (local.get $x)))))
  (call $log_dd (local.get $x)) (local.set $l) (local.set $h)
  (if (i32.eq (local.get $base) (i32.const 2))
    (then (return (f64.add (call $dd_mul (local.get $h) (local.get $l) (f64.const 0x1.71547652b82fep+0) (f64.const 0x1.777d0ffda0d24p-56))))))
  (f64.add (call $dd_div (local.get $h) (local.get $l) (f64.const 0x1.26bb1bbb55516p+1) (f64.const -0x1.f48ad494ea3e9p-53))))

;; log10 the way glibc computes it (fdlibm's e_log10.c: k·log10(2) split in two, plus
;; log(m)/ln(10) from the correctly rounded log), so that its roundings are the same.
(func $m_log10 (param $x f64) (result f64)
  (local $bits i64) (local $k i32) (local $i i32) (local $y f64) (local $m f64) (local $z f64)
  (if (f64.lt (local.get $x) (f64.const 0x1p-1022))
    (then
      (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54)))
      (local.set $k (i32.const -54))))
  (local.set $bits (i64.reinterpret_f64 (local.get $x)))
  (local.set $k (i32.add (local.get $k) (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 1023))))
  (local.set $i (i32.shr_u (local.get $k) (i32.const 31)))
  (local.set $m (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff))
    (i64.shl (i64.extend_i32_u (i32.sub (i32.const 0x3ff) (local.get $i))) (i64.const 52)))))
  (local.set $y (f64.convert_i32_s (i32.add (local.get $k) (local.get $i))))
  (local.set $z (f64.add (f64.mul (local.get $y) (f64.const 0x1.9fef311f12b36p-42))
    (f64.mul (f64.const 0x1.bcb7b1526e50ep-2) (call $m_log (local.get $m)))))
  (f64.add (local.get $z) (f64.mul (local.get $y) (f64.const 0x1.34413509f6p-2))))

;; expm1 and log1p, correctly rounded (the double-double results rounded once).
(func $m_expm1 (param $x f64) (result f64)
  (if (f64.lt (f64.abs (local.get $x)) (f64.const 0x1p-54)) (then (return (local.get $x))))
  (if (f64.lt (local.get $x) (f64.const -40)) (then (return (f64.const -1))))
  (f64.add (call $dd_sub (call $exp_dd (local.get $x) (f64.const 0)) (f64.const 1) (f64.const 0))))

(func $m_log1p (param $x f64) (result f64)
  (if (f64.lt (f64.abs (local.get $x)) (f64.const 0x1p-54)) (then (return (local.get $x))))
  (if (f64.le (local.get $x) (f64.const -1)) (then (return (select (f64.const -inf) (f64.const nan) (f64.eq (local.get $x) (f64.const -1))))))
  (f64.add (call $log1p_dd (local.get $x) (f64.const 0))))

;; The high 32 bits of |x|, for fdlibm's range tests.
(func $hw (param $x f64) (result i32)
  (i32.wrap_i64 (i64.shr_u (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0x7fffffffffffffff)) (i64.const 32))))

;; sinh (0), cosh (1), tanh (2) by fdlibm's formulas (as glibc), over exp and expm1.
(func $m_hyp (param $x f64) (param $which i32) (result f64)
  (local $a f64) (local $ix i32) (local $h f64) (local $t f64) (local $w f64) (local $z f64) (local $th f64) (local $tl f64)
  (local.set $a (f64.abs (local.get $x)))
  (local.set $ix (call $hw (local.get $x)))
  (if (i32.eq (local.get $which) (i32.const 2))
    (then
      (if (i32.ge_u (local.get $ix) (i32.const 0x40360000))
        (then (return (f64.copysign (f64.const 1) (local.get $x)))))
      (if (i32.lt_u (local.get $ix) (i32.const 0x3c800000))
        (then (return (f64.mul (local.get $x) (f64.add (f64.const 1) (local.get $x))))))
      ;; glibc's tanh is closer than fdlibm's formula: round the exact value,
      ;; t/(t + 2) with t = e^(2a) - 1 in double-double
      (call $dd_sub (call $exp_dd (f64.mul (f64.const 2) (local.get $a)) (f64.const 0)) (f64.const 1) (f64.const 0))
      (local.set $tl) (local.set $th)
      (call $dd_div (local.get $th) (local.get $tl) (call $dd_add (local.get $th) (local.get $tl) (f64.const 2) (f64.const 0)))
      (local.set $tl) (local.set $th)
      (return (f64.copysign (f64.add (local.get $th) (local.get $tl)) (local.get $x)))))
  (if (i32.eq (local.get $which) (i32.const 1))
    (then
      (if (i32.lt_u (local.get $ix) (i32.const 0x3fd62e43))
        (then
          (local.set $t (call $m_expm1 (local.get $a)))
          (local.set $w (f64.add (f64.const 1) (local.get $t)))
          (if (i32.lt_u (local.get $ix) (i32.const 0x3c800000)) (then (return (local.get $w))))
          (return (f64.add (f64.const 1) (f64.div (f64.mul (local.get $t) (local.get $t)) (f64.add (local.get $w) (local.get $w)))))))
      (if (i32.lt_u (local.get $ix) (i32.const 0x40360000))
        (then
          (local.set $t (call $m_exp (local.get $a)))
          (return (f64.add (f64.mul (f64.const 0.5) (local.get $t)) (f64.div (f64.const 0.5) (local.get $t))))))
      (if (i32.lt_u (local.get $ix) (i32.const 0x40862e42))
        (then (return (f64.mul (f64.const 0.5) (call $m_exp (local.get $a))))))
      (local.set $w (call $m_exp (f64.mul (f64.const 0.5) (local.get $a))))
      (local.set $t (f64.mul (f64.const 0.5) (local.get $w)))
      (return (f64.mul (local.get $t) (local.get $w)))))
  ;; sinh
  (local.set $h (f64.copysign (f64.const 0.5) (local.get $x)))
  (if (i32.lt_u (local.get $ix) (i32.const 0x40360000))
    (then
      (if (i32.lt_u (local.get $ix) (i32.const 0x3e300000)) (then (return (local.get $x))))
      (local.set $t (call $m_expm1 (local.get $a)))
      (if (i32.lt_u (local.get $ix) (i32.const 0x3ff00000))
        (then (return (f64.mul (local.get $h) (f64.sub (f64.mul (f64.const 2) (local.get $t))
          (f64.div (f64.mul (local.get $t) (local.get $t)) (f64.add (local.get $t) (f64.const 1))))))))
      (return (f64.mul (local.get $h) (f64.add (local.get $t) (f64.div (local.get $t) (f64.add (local.get $t) (f64.const 1))))))))
  (if (i32.lt_u (local.get $ix) (i32.const 0x40862e42))
    (then (return (f64.mul (local.get $h) (call $m_exp (local.get $a))))))
  (local.set $w (call $m_exp (f64.mul (f64.const 0.5) (local.get $a))))
  (local.set $t (f64.mul (local.get $h) (local.get $w)))
  (f64.mul (local.get $t) (local.get $w)))

;; asinh (0), acosh (1), atanh (2) by fdlibm's formulas (as glibc), over log and log1p.
(func $m_ahyp (param $x f64) (param $which i32) (result f64)
  (local $a f64) (local $ix i32) (local $t f64) (local $w f64)
  (local.set $a (f64.abs (local.get $x)))
  (local.set $ix (call $hw (local.get $x)))
  (if (i32.eq (local.get $which) (i32.const 1))
    (then
      (if (f64.lt (local.get $x) (f64.const 1)) (then (return (f64.const nan))))
      (if (i32.ge_u (local.get $ix) (i32.const 0x41b00000))
        (then (return (f64.add (call $m_log (local.get $x)) (f64.const 0x1.62e42fefa39efp-1)))))
      (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0))))
      (if (i32.gt_u (local.get $ix) (i32.const 0x40000000))
        (then
          (local.set $t (f64.mul (local.get $x) (local.get $x)))
          (return (call $m_log (f64.sub (f64.mul (f64.const 2) (local.get $x))
            (f64.div (f64.const 1) (f64.add (local.get $x) (f64.sqrt (f64.sub (local.get $t) (f64.const 1))))))))))
      (local.set $t (f64.sub (local.get $x) (f64.const 1)))
      (return (call $m_log1p (f64.add (local.get $t)
        (f64.sqrt (f64.add (f64.mul (f64.const 2) (local.get $t)) (f64.mul (local.get $t) (local.get $t)))))))))
  (if (i32.eq (local.get $which) (i32.const 2))
    (then
      (if (f64.gt (local.get $a) (f64.const 1)) (then (return (f64.const nan))))
      (if (f64.eq (local.get $a) (f64.const 1)) (then (return (f64.copysign (f64.const inf) (local.get $x)))))
      (if (i32.lt_u (local.get $ix) (i32.const 0x3e300000)) (then (return (local.get $x))))
      (if (i32.lt_u (local.get $ix) (i32.const 0x3fe00000))
        (then
          (local.set $t (f64.add (local.get $a) (local.get $a)))
          (local.set $t (f64.mul (f64.const 0.5) (call $m_log1p (f64.add (local.get $t)
            (f64.div (f64.mul (local.get $t) (local.get $a)) (f64.sub (f64.const 1) (local.get $a))))))))
        (else
          (local.set $t (f64.mul (f64.const 0.5) (call $m_log1p
            (f64.div (f64.add (local.get $a) (local.get $a)) (f64.sub (f64.const 1) (local.get $a))))))))
      (return (f64.copysign (local.get $t) (local.get $x)))))
  ;; asinh
  (if (i32.lt_u (local.get $ix) (i32.const 0x3e300000)) (then (return (local.get $x))))
  (if (i32.gt_u (local.get $ix) (i32.const 0x41b00000))
    (then (local.set $w (f64.add (call $m_log (local.get $a)) (f64.const 0x1.62e42fefa39efp-1))))
    (else
      (if (i32.gt_u (local.get $ix) (i32.const 0x40000000))
        (then
          (local.set $w (call $m_log (f64.add (f64.mul (f64.const 2) (local.get $a))
            (f64.div (f64.const 1) (f64.add (f64.sqrt (f64.add (f64.mul (local.get $x) (local.get $x)) (f64.const 1))) (local.get $a)))))))
        (else
          (local.set $t (f64.mul (local.get $x) (local.get $x)))
          (local.set $w (call $m_log1p (f64.add (local.get $a)
            (f64.div (local.get $t) (f64.add (f64.const 1) (f64.sqrt (f64.add (f64.const 1) (local.get $t))))))))))))
  (f64.copysign (local.get $w) (local.get $x)))

;; Whether a double is an integer, and whether it is an odd one.
(func $f64_is_int (param $x f64) (result i32)
  (f64.eq (f64.trunc (local.get $x)) (local.get $x)))

(func $f64_is_odd_int (param $x f64) (result i32)
  (if (i32.eqz (call $f64_is_int (local.get $x))) (then (return (i32.const 0))))
  (if (f64.ge (f64.abs (local.get $x)) (f64.const 0x1p53)) (then (return (i32.const 0))))
  (f64.ne (f64.trunc (f64.mul (local.get $x) (f64.const 0.5))) (f64.mul (local.get $x) (f64.const 0.5))))

;; pow(x, y) with C99's special cases (no infinities or NaNs come in).
(func $m_pow (param $x f64) (param $y f64) (result f64)
  (local $neg i32) (local $lh f64) (local $ll f64) (local $r f64) (local $ax f64)
  (if (f64.eq (local.get $y) (f64.const 0)) (then (return (f64.const 1))))
  (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 1))))
  (if (f64.eq (local.get $x) (f64.const 0))
    (then
      (if (f64.lt (local.get $y) (f64.const 0)) (then (return (f64.const inf))))
      (if (call $f64_is_odd_int (local.get $y)) (then (return (local.get $x))))
      (return (f64.const 0))))
  (if (f64.lt (local.get $x) (f64.const 0))
    (then
      (if (i32.eqz (call $f64_is_int (local.get $y))) (then (return (f64.const nan))))
      (local.set $neg (call $f64_is_odd_int (local.get $y)))))
  (if (f64.eq (local.get $y) (f64.const 1)) (then (return (local.get $x))))
  (local.set $ax (f64.abs (local.get $x)))
  (call $log_dd (local.get $ax)) (local.set $ll) (local.set $lh)
  ;; |y·log x| beyond the exponent range: overflow or underflow without overflowing the product
  (if (f64.gt (f64.abs (f64.mul (local.get $y) (local.get $lh))) (f64.const 2000))
    (then (local.set $r (select (f64.const inf) (f64.const 0) (f64.gt (f64.mul (local.get $y) (local.get $lh)) (f64.const 0)))))
    (else
      (call $dd_mul_d (local.get $lh) (local.get $ll) (local.get $y)) (local.set $ll) (local.set $lh)
      (local.set $r (f64.add (call $exp_dd (local.get $lh) (local.get $ll))))))
  (select (f64.neg (local.get $r)) (local.get $r) (local.get $neg)))

;; fmod(x, y): x - trunc(x/y)·y, exactly, with the sign of x.
(func $m_fmod (param $x f64) (param $y f64) (result f64)
  (local $mx i64) (local $ex i32) (local $my i64) (local $ey i32) (local $r eqref) (local $e i32) (local $rf f64)
  (if (f64.eq (local.get $y) (f64.const 0)) (then (return (f64.const nan))))
  (if (f64.lt (f64.abs (local.get $x)) (f64.abs (local.get $y))) (then (return (local.get $x))))
  (call $f64_decompose (f64.abs (local.get $x))) (local.set $ex) (local.set $mx)
  (call $f64_decompose (f64.abs (local.get $y))) (local.set $ey) (local.set $my)
  ;; |x| >= |y| so ex >= ey - 52; work in units of 2^min(ex, ey)
  (local.set $e (select (local.get $ex) (local.get $ey) (i32.lt_s (local.get $ex) (local.get $ey))))
  (call $big_divrem
    (call $big_shift (call $mk_int (local.get $mx)) (i64.extend_i32_s (i32.sub (local.get $ex) (local.get $e))))
    (call $big_shift (call $mk_int (local.get $my)) (i64.extend_i32_s (i32.sub (local.get $ey) (local.get $e)))))
  (local.set $r)
  (drop)
  (local.set $rf (call $ldexp (f64.convert_i64_u (call $int_i64 (local.get $r))) (local.get $e)))
  (f64.copysign (local.get $rf) (local.get $x)))

;; asin (which 0) or acos (1).
(func $m_asin_acos (param $x f64) (param $which i32) (result f64)
  (local $th f64) (local $tl f64) (local $uh f64) (local $ul f64) (local $rh f64) (local $rl f64)
  (if (f64.gt (f64.abs (local.get $x)) (f64.const 1)) (then (return (f64.const nan))))
  (if (i32.eqz (local.get $which))
    (then
      (if (f64.lt (f64.abs (local.get $x)) (f64.const 0x1p-27)) (then (return (local.get $x))))
      (if (f64.eq (f64.abs (local.get $x)) (f64.const 1))
        (then (return (f64.copysign (f64.const 0x1.921fb54442d18p+0) (local.get $x)))))
      ;; atan(|x| / sqrt((1-x)(1+x)))
      (call $two_sum (f64.const 1) (f64.neg (f64.abs (local.get $x)))) (local.set $tl) (local.set $th)
      (call $two_sum (f64.const 1) (f64.abs (local.get $x))) (local.set $ul) (local.set $uh)
      (call $dd_mul (local.get $th) (local.get $tl) (local.get $uh) (local.get $ul)) (local.set $tl) (local.set $th)
      (call $dd_sqrt (local.get $th) (local.get $tl)) (local.set $tl) (local.set $th)
      (call $dd_div (f64.abs (local.get $x)) (f64.const 0) (local.get $th) (local.get $tl)) (local.set $tl) (local.set $th)
      (call $atan_dd (local.get $th) (local.get $tl)) (local.set $rl) (local.set $rh)
      (return (f64.copysign (f64.add (local.get $rh) (local.get $rl)) (local.get $x)))))
  (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0))))
  (if (f64.eq (local.get $x) (f64.const -1)) (then (return (f64.const 0x1.921fb54442d18p+1))))
  ;; acos(x) = 2·atan(sqrt((1-x)/(1+x)))
  (call $two_sum (f64.const 1) (f64.neg (local.get $x))) (local.set $tl) (local.set $th)
  (call $two_sum (f64.const 1) (local.get $x)) (local.set $ul) (local.set $uh)
  (call $dd_div (local.get $th) (local.get $tl) (local.get $uh) (local.get $ul)) (local.set $tl) (local.set $th)
  (call $dd_sqrt (local.get $th) (local.get $tl)) (local.set $tl) (local.set $th)
  (call $atan_dd (local.get $th) (local.get $tl)) (local.set $rl) (local.set $rh)
  (f64.mul (f64.add (local.get $rh) (local.get $rl)) (f64.const 2)))

;; erf(a) for 0 <= a < 3 by its Taylor series, as a double-double.
(func $erf_series (param $a f64) (result f64 f64)
  (local $zh f64) (local $zl f64) (local $th f64) (local $tl f64) (local $sh f64) (local $sl f64) (local $uh f64) (local $ul f64) (local $n i32)
  (call $two_prod (local.get $a) (local.get $a)) (local.set $zl) (local.set $zh)
  (local.set $th (local.get $a))
  (local.set $sh (local.get $a))
  (local.set $n (i32.const 1))
  (block $done
    (loop $next
      ;; t = t·(-z)/n; s += t/(2n+1)
      (call $dd_mul (local.get $th) (local.get $tl) (f64.neg (local.get $zh)) (f64.neg (local.get $zl))) (local.set $tl) (local.set $th)
      (call $dd_div_d (local.get $th) (local.get $tl) (f64.convert_i32_u (local.get $n))) (local.set $tl) (local.set $th)
      (call $dd_div_d (local.get $th) (local.get $tl) (f64.convert_i32_u (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 1))))
      (local.set $ul) (local.set $uh)
      (call $dd_add (local.get $sh) (local.get $sl) (local.get $uh) (local.get $ul)) (local.set $sl) (local.set $sh)
      (br_if $done (f64.lt (f64.abs (local.get $uh)) (f64.mul (f64.abs (local.get $sh)) (f64.const 0x1p-110))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $n) (i32.const 200)))))
  (call $dd_mul (local.get $sh) (local.get $sl) (f64.const 0x1.20dd750429b6dp+0) (f64.const 0x1.1ae3a914fed80p-56)))

;; erfc(a) for a >= 3 by its continued fraction, as a double-double.
(func $erfc_cf (param $a f64) (result f64 f64)
  (local $fh f64) (local $fl f64) (local $k i32) (local $th f64) (local $tl f64) (local $eh f64) (local $el f64)
  (if (f64.gt (local.get $a) (f64.const 27.3)) (then (return (f64.const 0) (f64.const 0))))
  (local.set $fh (local.get $a))
  (local.set $k (i32.const 160))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $k)))
      ;; f = a + (k/2)/f
      (call $dd_div (f64.mul (f64.convert_i32_u (local.get $k)) (f64.const 0.5)) (f64.const 0) (local.get $fh) (local.get $fl))
      (local.set $tl) (local.set $th)
      (call $dd_add (local.get $th) (local.get $tl) (local.get $a) (f64.const 0)) (local.set $fl) (local.set $fh)
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $next)))
  ;; e^(-a²) / sqrt(pi) / f
  (call $two_prod (local.get $a) (local.get $a)) (local.set $tl) (local.set $th)
  (call $exp_dd (f64.neg (local.get $th)) (f64.neg (local.get $tl))) (local.set $el) (local.set $eh)
  (call $dd_mul (local.get $eh) (local.get $el) (f64.const 0x1.20dd750429b6dp-1) (f64.const 0x1.1ae3a914fed80p-57)) (local.set $el) (local.set $eh)
  (call $dd_div (local.get $eh) (local.get $el) (local.get $fh) (local.get $fl)))

;; erf (0) or erfc (1).
(func $m_erf (param $x f64) (param $which i32) (result f64)
  (local $a f64) (local $h f64) (local $l f64)
  (local.set $a (f64.abs (local.get $x)))
  (if (i32.eqz (local.get $which))
    (then
      (if (f64.ge (local.get $a) (f64.const 6)) (then (return (f64.copysign (f64.const 1) (local.get $x)))))
      (if (f64.lt (local.get $a) (f64.const 3))
        (then (return (f64.copysign (f64.add (call $erf_series (local.get $a))) (local.get $x)))))
      (call $erfc_cf (local.get $a)) (local.set $l) (local.set $h)
      (return (f64.copysign (f64.add (call $dd_sub (f64.const 1) (f64.const 0) (local.get $h) (local.get $l))) (local.get $x)))))
  ;; erfc
  (if (f64.lt (local.get $a) (f64.const 3))
    (then
      (call $erf_series (local.get $a)) (local.set $l) (local.set $h)
      (if (f64.lt (local.get $x) (f64.const 0))
        (then (return (f64.add (call $dd_add (f64.const 1) (f64.const 0) (local.get $h) (local.get $l))))))
      (return (f64.add (call $dd_sub (f64.const 1) (f64.const 0) (local.get $h) (local.get $l))))))
  (call $erfc_cf (local.get $a)) (local.set $l) (local.set $h)
  (if (f64.lt (local.get $x) (f64.const 0))
    (then (return (f64.add (call $dd_sub (f64.const 2) (f64.const 0) (local.get $h) (local.get $l))))))
  (f64.add (local.get $h) (local.get $l)))

;; ---- the BIFs ----

;; The double argument of a math BIF; sets $math_err to the failure reason atom (badarg
;; for a non-number, badarith for a bignum beyond the double range) and returns 0 then.
(global $math_err (mut eqref) (ref.null none))

(func $math_arg (param $t eqref) (result f64)
  (local $k i32) (local $f f64)
  (local.set $k (call $num_kind (local.get $t)))
  (if (i32.eqz (local.get $k))
    (then (global.set $math_err (global.get $atom.badarg)) (return (f64.const 0))))
  (local.set $f (call $num_f64 (local.get $t) (local.get $k)))
  (if (i32.eqz (call $f64_finite (local.get $f)))
    (then (global.set $math_err (global.get $atom.badarith)) (return (f64.const 0))))
  (local.get $f))

;; A math BIF's result: the float, or badarith when it is not finite (or the argument
;; failure recorded by $math_arg).
(func $math_result (param $f f64) (result eqref)
  (local $e eqref)
  (if (i32.eqz (ref.is_null (global.get $math_err)))
    (then
      (local.set $e (global.get $math_err))
      (global.set $math_err (ref.null none))
      (return (call $fail (local.get $e)))))
  (call $float_result (local.get $f)))

;; Applies math function `op` to one double (see the br_table for the numbering).
(func $math1 (param $t eqref) (param $op i32) (result eqref)
  (local $x f64)
  (local.set $x (call $math_arg (local.get $t)))
  (if (i32.eqz (ref.is_null (global.get $math_err))) (then (return (call $math_result (f64.const 0)))))
  (block $erfc (block $erf (block $atanh (block $acosh (block $asinh (block $tanh (block $cosh (block $sinh
  (block $atan (block $acos (block $asin (block $tan (block $cos (block $sin (block $ceil (block $floor
  (block $log10 (block $log2 (block $log (block $exp (block $sqrt
    (br_table $sqrt $exp $log $log2 $log10 $floor $ceil $sin $cos $tan $asin $acos $atan $sinh $cosh $tanh
              $asinh $acosh $atanh $erf $erfc (local.get $op)))
    (return (call $math_result (f64.sqrt (local.get $x)))))
    (return (call $math_result (call $m_exp (local.get $x)))))
    (return (call $math_result (call $m_log (local.get $x)))))
    (return (call $math_result (call $m_logb (local.get $x) (i32.const 2)))))
    (return (call $math_result (call $m_logb (local.get $x) (i32.const 10)))))
    (return (call $math_result (f64.floor (local.get $x)))))
    (return (call $math_result (f64.ceil (local.get $x)))))
    (return (call $math_result (call $trig (local.get $x) (i32.const 0)))))
    (return (call $math_result (call $trig (local.get $x) (i32.const 1)))))
    (return (call $math_result (call $trig (local.get $x) (i32.const 2)))))
    (return (call $math_result (call $m_asin_acos (local.get $x) (i32.const 0)))))
    (return (call $math_result (call $m_asin_acos (local.get $x) (i32.const 1)))))
    (return (call $math_result (call $atan2 (local.get $x) (f64.const 1)))))
    (return (call $math_result (call $m_hyp (local.get $x) (i32.const 0)))))
    (return (call $math_result (call $m_hyp (local.get $x) (i32.const 1)))))
    (return (call $math_result (call $m_hyp (local.get $x) (i32.const 2)))))
    (return (call $math_result (call $m_ahyp (local.get $x) (i32.const 0)))))
    (return (call $math_result (call $m_ahyp (local.get $x) (i32.const 1)))))
    (return (call $math_result (call $m_ahyp (local.get $x) (i32.const 2)))))
    (return (call $math_result (call $m_erf (local.get $x) (i32.const 0)))))
  (call $math_result (call $m_erf (local.get $x) (i32.const 1))))

;; math:sqrt/1 … math:erfc/1
(func $math:sqrt/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 0)))
(func $math:exp/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 1)))
(func $math:log/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 2)))
(func $math:log2/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 3)))
(func $math:log10/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 4)))
(func $math:floor/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 5)))
(func $math:ceil/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 6)))
(func $math:sin/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 7)))
(func $math:cos/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 8)))
(func $math:tan/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 9)))
(func $math:asin/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 10)))
(func $math:acos/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 11)))
(func $math:atan/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 12)))
(func $math:sinh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 13)))
(func $math:cosh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 14)))
(func $math:tanh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 15)))
(func $math:asinh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 16)))
(func $math:acosh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 17)))
(func $math:atanh/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 18)))
(func $math:erf/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 19)))
(func $math:erfc/1 (param $x eqref) (result eqref) (call $math1 (local.get $x) (i32.const 20)))

;; math:pow/2
(func $math:pow/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $x f64) (local $y f64)
  (local.set $x (call $math_arg (local.get $a)))
  (if (ref.is_null (global.get $math_err)) (then (local.set $y (call $math_arg (local.get $b)))))
  (call $math_result (call $m_pow (local.get $x) (local.get $y))))

;; math:atan2/2
(func $math:atan2/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $x f64) (local $y f64)
  (local.set $y (call $math_arg (local.get $a)))
  (if (ref.is_null (global.get $math_err)) (then (local.set $x (call $math_arg (local.get $b)))))
  (call $math_result (call $atan2 (local.get $y) (local.get $x))))

;; math:fmod/2
(func $math:fmod/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $x f64) (local $y f64)
  (local.set $x (call $math_arg (local.get $a)))
  (if (ref.is_null (global.get $math_err)) (then (local.set $y (call $math_arg (local.get $b)))))
  (call $math_result (call $m_fmod (local.get $x) (local.get $y))))

;; math:pi/0
(func $math:pi/0 (result eqref)
  (struct.new $float (f64.const 0x1.921fb54442d18p+1)))
