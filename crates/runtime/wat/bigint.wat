;; bigint.wat — arbitrary-precision integers: the magnitude kernels and the signed
;; operations on integer terms that arith.wat falls back to when a result leaves i64.
;;
;; Representation (types.wat): `$bigint {neg, mag}`, `mag` an array of u32 limbs,
;; little-endian. A canonical `$bigint` is outside the i64 range and its `mag` has exactly
;; as many limbs as the value needs (no high zero limb), so `array.len` is its length.
;;
;; Conventions of this file:
;;   - `$mag_*` functions work on magnitudes. Their inputs are (array, length) pairs; the
;;     length may be smaller than the array. Their outputs are fresh arrays that may carry
;;     high zero limbs: pass them through `$big_make` (or `$mag_trim`) before they escape.
;;   - `$big_*` functions take integer terms (i31, $int64, $bigint) and return canonical
;;     integer terms (an i31 or $int64 whenever the value fits), or `$FAIL` with
;;     `system_limit` when the result would exceed the VM's largest bignum.
;;   - Temporary `$bigint`s made by `$to_big` from small values are never canonical and
;;     never escape this file's callers.
;;   - The VM's limit: a bignum has at most 2^19-1 64-bit digits, i.e. 2^20-2 limbs here
;;     (`1 bsl 33554367` is the largest power of two; `1 bsl 33554368` is system_limit).

(global $BIG_MAX_LIMBS i32 (i32.const 1048574))
;; Operands at least this long (in limbs) are multiplied with Karatsuba.
(global $KARATSUBA_LIMBS i32 (i32.const 40))

;; ---- sign/magnitude views --------------------------------------------------------

;; A temporary (non-canonical) $bigint holding the i64 `v`.
(func $big_of_i64 (param $v i64) (result (ref $bigint))
  (local $u i64) (local $neg i32)
  (local.set $neg (i64.lt_s (local.get $v) (i64.const 0)))
  (local.set $u (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (local.get $neg)))
  (if (i64.eqz (local.get $u))
    (then (return (struct.new $bigint (i32.const 0) (array.new_fixed $limbs 0)))))
  (if (i64.lt_u (local.get $u) (i64.const 0x100000000))
    (then (return (struct.new $bigint (local.get $neg)
      (array.new_fixed $limbs 1 (i32.wrap_i64 (local.get $u)))))))
  (struct.new $bigint (local.get $neg)
    (array.new_fixed $limbs 2 (i32.wrap_i64 (local.get $u))
      (i32.wrap_i64 (i64.shr_u (local.get $u) (i64.const 32))))))

;; The sign/magnitude view of an integer term (i31, $int64 or $bigint).
(func $to_big (param $t eqref) (result (ref $bigint))
  (if (ref.test (ref $bigint) (local.get $t))
    (then (return (ref.cast (ref $bigint) (local.get $t)))))
  (call $big_of_i64 (call $int_i64 (local.get $t))))

;; The length of `a[0..n]` without its high zero limbs.
(func $mag_trim (param $a (ref $limbs)) (param $n i32) (result i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (array.get $limbs (local.get $a) (i32.sub (local.get $n) (i32.const 1))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (local.get $n))

;; A fresh array holding `a[off..off+n]`.
(func $mag_slice (param $a (ref $limbs)) (param $off i32) (param $n i32) (result (ref $limbs))
  (local $r (ref $limbs))
  (local.set $r (array.new_default $limbs (local.get $n)))
  (array.copy $limbs $limbs (local.get $r) (i32.const 0) (local.get $a) (local.get $off) (local.get $n))
  (local.get $r))

;; The canonical integer term with sign `neg` and magnitude `a[0..n]`.
(func $big_make (param $neg i32) (param $a (ref $limbs)) (param $n i32) (result eqref)
  (local $u i64)
  (local.set $n (call $mag_trim (local.get $a) (local.get $n)))
  (if (i32.le_u (local.get $n) (i32.const 2))
    (then
      (if (local.get $n)
        (then
          (local.set $u (i64.extend_i32_u (array.get $limbs (local.get $a) (i32.const 0))))
          (if (i32.eq (local.get $n) (i32.const 2))
            (then (local.set $u (i64.or (local.get $u)
              (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $a) (i32.const 1))) (i64.const 32))))))))
      (if (local.get $neg)
        (then
          (if (i64.le_u (local.get $u) (i64.const 0x8000000000000000))
            (then (return (call $mk_int (i64.sub (i64.const 0) (local.get $u)))))))
        (else
          (if (i64.ge_s (local.get $u) (i64.const 0))
            (then (return (call $mk_int (local.get $u)))))))))
  (if (i32.gt_u (local.get $n) (global.get $BIG_MAX_LIMBS))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (if (i32.ne (local.get $n) (array.len (local.get $a)))
    (then (local.set $a (call $mag_slice (local.get $a) (i32.const 0) (local.get $n)))))
  (struct.new $bigint (local.get $neg) (local.get $a)))

;; ---- magnitude kernels ---------------------------------------------------------------

;; Compares a[0..an] with b[0..bn] (both trimmed): -1, 0 or 1.
(func $mag_cmp (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result i32)
  (local $i i32) (local $x i32) (local $y i32)
  (if (i32.ne (local.get $an) (local.get $bn))
    (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $an) (local.get $bn))))))
  (local.set $i (local.get $an))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $x (array.get $limbs (local.get $a) (local.get $i)))
      (local.set $y (array.get $limbs (local.get $b) (local.get $i)))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y))))))
      (br $next)))
  (i32.const 0))

;; a + b, in a fresh array of max(an, bn) + 1 limbs.
(func $mag_add (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $t (ref $limbs)) (local $tn i32) (local $i i32) (local $c i64)
  (if (i32.lt_u (local.get $an) (local.get $bn))
    (then
      (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
      (local.set $tn (local.get $an)) (local.set $an (local.get $bn)) (local.set $bn (local.get $tn))))
  (local.set $r (array.new_default $limbs (i32.add (local.get $an) (i32.const 1))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $bn)))
      (local.set $c (i64.add (local.get $c)
        (i64.add (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i)))
                 (i64.extend_i32_u (array.get $limbs (local.get $b) (local.get $i))))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $c (i64.add (local.get $c) (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i)))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $limbs (local.get $r) (local.get $an) (i32.wrap_i64 (local.get $c)))
  (local.get $r))

;; a - b for a >= b, in a fresh array of an limbs.
(func $mag_sub (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $i i32) (local $t i64) (local $borrow i64)
  (local.set $r (array.new_default $limbs (local.get $an)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $t (i64.sub (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i))) (local.get $borrow)))
      (if (i32.lt_u (local.get $i) (local.get $bn))
        (then (local.set $t (i64.sub (local.get $t) (i64.extend_i32_u (array.get $limbs (local.get $b) (local.get $i)))))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $t)))
      (local.set $borrow (i64.shr_u (local.get $t) (i64.const 63)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $r))

;; r[off..] += x[0..xn], propagating the carry (r must be long enough to hold it).
(func $mag_add_into (param $r (ref $limbs)) (param $off i32) (param $x (ref $limbs)) (param $xn i32)
  (local $i i32) (local $c i64) (local $n i32)
  (local.set $n (array.len (local.get $r)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $xn)))
      (local.set $c (i64.add (local.get $c)
        (i64.add (i64.extend_i32_u (array.get $limbs (local.get $r) (i32.add (local.get $off) (local.get $i))))
                 (i64.extend_i32_u (array.get $limbs (local.get $x) (local.get $i))))))
      (array.set $limbs (local.get $r) (i32.add (local.get $off) (local.get $i)) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $i (i32.add (local.get $off) (local.get $i)))
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $c)))
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i64.add (local.get $c) (i64.extend_i32_u (array.get $limbs (local.get $r) (local.get $i)))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; r[0..] -= x[0..xn], propagating the borrow (r must be at least x).
(func $mag_sub_into (param $r (ref $limbs)) (param $x (ref $limbs)) (param $xn i32)
  (local $i i32) (local $t i64) (local $borrow i64) (local $n i32)
  (local.set $n (array.len (local.get $r)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ge_u (local.get $i) (local.get $xn))
        (then (br_if $done (i64.eqz (local.get $borrow)))))
      (local.set $t (i64.sub (i64.extend_i32_u (array.get $limbs (local.get $r) (local.get $i))) (local.get $borrow)))
      (if (i32.lt_u (local.get $i) (local.get $xn))
        (then (local.set $t (i64.sub (local.get $t) (i64.extend_i32_u (array.get $limbs (local.get $x) (local.get $i)))))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $t)))
      (local.set $borrow (i64.shr_u (local.get $t) (i64.const 63)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Schoolbook a * b, in a fresh array of an + bn limbs.
(func $mag_mul_school (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $i i32) (local $j i32) (local $x i64) (local $c i64) (local $k i32)
  (local.set $r (array.new_default $limbs (i32.add (local.get $an) (local.get $bn))))
  (block $done
    (loop $outer
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $x (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i))))
      (if (i64.ne (local.get $x) (i64.const 0))
        (then
          (local.set $c (i64.const 0))
          (local.set $j (i32.const 0))
          (block $jdone
            (loop $inner
              (br_if $jdone (i32.ge_u (local.get $j) (local.get $bn)))
              (local.set $k (i32.add (local.get $i) (local.get $j)))
              (local.set $c (i64.add
                (i64.add (i64.mul (local.get $x) (i64.extend_i32_u (array.get $limbs (local.get $b) (local.get $j))))
                         (i64.extend_i32_u (array.get $limbs (local.get $r) (local.get $k))))
                (local.get $c)))
              (array.set $limbs (local.get $r) (local.get $k) (i32.wrap_i64 (local.get $c)))
              (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $inner)))
          (array.set $limbs (local.get $r) (i32.add (local.get $i) (local.get $bn)) (i32.wrap_i64 (local.get $c)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $outer)))
  (local.get $r))

;; a * b, in a fresh array of an + bn limbs: schoolbook for short operands, Karatsuba
;; (splitting the longer operand in halves, or in chunks when it is much longer) above.
(func $mag_mul (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result (ref $limbs))
  (local $t (ref $limbs)) (local $tn i32) (local $r (ref $limbs)) (local $h i32)
  (local $a0 (ref $limbs)) (local $a1 (ref $limbs)) (local $b0 (ref $limbs)) (local $b1 (ref $limbs))
  (local $a0n i32) (local $a1n i32) (local $b0n i32) (local $b1n i32)
  (local $z0 (ref $limbs)) (local $z1 (ref $limbs)) (local $z2 (ref $limbs)) (local $sa (ref $limbs)) (local $sb (ref $limbs))
  (local $off i32) (local $chunk i32)
  ;; Make a the longer operand.
  (if (i32.lt_u (local.get $an) (local.get $bn))
    (then
      (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
      (local.set $tn (local.get $an)) (local.set $an (local.get $bn)) (local.set $bn (local.get $tn))))
  (if (i32.lt_u (local.get $bn) (global.get $KARATSUBA_LIMBS))
    (then (return (call $mag_mul_school (local.get $a) (local.get $an) (local.get $b) (local.get $bn)))))
  (local.set $r (array.new_default $limbs (i32.add (local.get $an) (local.get $bn))))
  ;; Unbalanced: multiply b by chunks of a, each bn limbs long.
  (if (i32.ge_u (local.get $an) (i32.shl (local.get $bn) (i32.const 1)))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $off) (local.get $an)))
          (local.set $chunk (i32.sub (local.get $an) (local.get $off)))
          (if (i32.gt_u (local.get $chunk) (local.get $bn)) (then (local.set $chunk (local.get $bn))))
          (local.set $t (call $mag_slice (local.get $a) (local.get $off) (local.get $chunk)))
          (local.set $tn (call $mag_trim (local.get $t) (local.get $chunk)))
          (local.set $t (call $mag_mul (local.get $t) (local.get $tn) (local.get $b) (local.get $bn)))
          (call $mag_add_into (local.get $r) (local.get $off) (local.get $t)
            (call $mag_trim (local.get $t) (array.len (local.get $t))))
          (local.set $off (i32.add (local.get $off) (local.get $bn)))
          (br $next)))
      (return (local.get $r))))
  ;; Karatsuba: a = a1·B^h + a0, b = b1·B^h + b0, with h ≤ bn.
  (local.set $h (i32.shr_u (i32.add (local.get $an) (i32.const 1)) (i32.const 1)))
  (if (i32.gt_u (local.get $h) (local.get $bn)) (then (local.set $h (local.get $bn))))
  (local.set $a0 (call $mag_slice (local.get $a) (i32.const 0) (local.get $h)))
  (local.set $a0n (call $mag_trim (local.get $a0) (local.get $h)))
  (local.set $a1n (i32.sub (local.get $an) (local.get $h)))
  (local.set $a1 (call $mag_slice (local.get $a) (local.get $h) (local.get $a1n)))
  (local.set $b0 (call $mag_slice (local.get $b) (i32.const 0) (local.get $h)))
  (local.set $b0n (call $mag_trim (local.get $b0) (local.get $h)))
  (local.set $b1n (i32.sub (local.get $bn) (local.get $h)))
  (local.set $b1 (call $mag_slice (local.get $b) (local.get $h) (local.get $b1n)))
  (local.set $z0 (call $mag_mul (local.get $a0) (local.get $a0n) (local.get $b0) (local.get $b0n)))
  (local.set $z2 (call $mag_mul (local.get $a1) (local.get $a1n) (local.get $b1) (local.get $b1n)))
  (local.set $sa (call $mag_add (local.get $a0) (local.get $a0n) (local.get $a1) (local.get $a1n)))
  (local.set $sb (call $mag_add (local.get $b0) (local.get $b0n) (local.get $b1) (local.get $b1n)))
  (local.set $z1 (call $mag_mul
    (local.get $sa) (call $mag_trim (local.get $sa) (array.len (local.get $sa)))
    (local.get $sb) (call $mag_trim (local.get $sb) (array.len (local.get $sb)))))
  (call $mag_sub_into (local.get $z1) (local.get $z0) (call $mag_trim (local.get $z0) (array.len (local.get $z0))))
  (call $mag_sub_into (local.get $z1) (local.get $z2) (call $mag_trim (local.get $z2) (array.len (local.get $z2))))
  (call $mag_add_into (local.get $r) (i32.const 0) (local.get $z0) (call $mag_trim (local.get $z0) (array.len (local.get $z0))))
  (call $mag_add_into (local.get $r) (local.get $h) (local.get $z1) (call $mag_trim (local.get $z1) (array.len (local.get $z1))))
  (call $mag_add_into (local.get $r) (i32.shl (local.get $h) (i32.const 1)) (local.get $z2)
    (call $mag_trim (local.get $z2) (array.len (local.get $z2))))
  (local.get $r))

;; a * m + add for u32 m and add, in a fresh array of an + 1 limbs.
(func $mag_mul_small (param $a (ref $limbs)) (param $an i32) (param $m i32) (param $add i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $i i32) (local $c i64) (local $mm i64)
  (local.set $r (array.new_default $limbs (i32.add (local.get $an) (i32.const 1))))
  (local.set $mm (i64.extend_i32_u (local.get $m)))
  (local.set $c (i64.extend_i32_u (local.get $add)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $c (i64.add (local.get $c)
        (i64.mul (local.get $mm) (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i))))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $limbs (local.get $r) (local.get $an) (i32.wrap_i64 (local.get $c)))
  (local.get $r))

;; In place: a[0..n] = a[0..n] * m + add; returns the new length (a must have room for
;; one more limb when the product carries).
(func $mag_muladd_inplace (param $a (ref $limbs)) (param $n i32) (param $m i32) (param $add i32) (result i32)
  (local $i i32) (local $c i64) (local $mm i64)
  (local.set $mm (i64.extend_i32_u (local.get $m)))
  (local.set $c (i64.extend_i32_u (local.get $add)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i64.add (local.get $c)
        (i64.mul (local.get $mm) (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i))))))
      (array.set $limbs (local.get $a) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i64.ne (local.get $c) (i64.const 0))
    (then
      (array.set $limbs (local.get $a) (local.get $n) (i32.wrap_i64 (local.get $c)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))))
  (local.get $n))

;; In place: a[0..n] = a[0..n] / d for a u32 d > 0; returns the remainder.
(func $mag_divsmall_inplace (param $a (ref $limbs)) (param $n i32) (param $d i32) (result i32)
  (local $i i32) (local $r i64) (local $dd i64) (local $cur i64)
  (local.set $dd (i64.extend_i32_u (local.get $d)))
  (local.set $i (local.get $n))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $cur (i64.or (i64.shl (local.get $r) (i64.const 32))
        (i64.extend_i32_u (array.get $limbs (local.get $a) (local.get $i)))))
      (array.set $limbs (local.get $a) (local.get $i) (i32.wrap_i64 (i64.div_u (local.get $cur) (local.get $dd))))
      (local.set $r (i64.rem_u (local.get $cur) (local.get $dd)))
      (br $next)))
  (i32.wrap_i64 (local.get $r)))

;; a << s for 0 <= s, in a fresh array of an + s/32 + 1 limbs.
(func $mag_shl (param $a (ref $limbs)) (param $an i32) (param $s i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $w i32) (local $b i32) (local $i i32) (local $x i32) (local $prev i32)
  (local.set $w (i32.shr_u (local.get $s) (i32.const 5)))
  (local.set $b (i32.and (local.get $s) (i32.const 31)))
  (local.set $r (array.new_default $limbs (i32.add (i32.add (local.get $an) (local.get $w)) (i32.const 1))))
  (if (i32.eqz (local.get $b))
    (then
      (array.copy $limbs $limbs (local.get $r) (local.get $w) (local.get $a) (i32.const 0) (local.get $an))
      (return (local.get $r))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (local.set $x (array.get $limbs (local.get $a) (local.get $i)))
      (array.set $limbs (local.get $r) (i32.add (local.get $i) (local.get $w))
        (i32.or (i32.shl (local.get $x) (local.get $b))
                (i32.shr_u (local.get $prev) (i32.sub (i32.const 32) (local.get $b)))))
      (local.set $prev (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $limbs (local.get $r) (i32.add (local.get $an) (local.get $w))
    (i32.shr_u (local.get $prev) (i32.sub (i32.const 32) (local.get $b))))
  (local.get $r))

;; a >> s for 0 <= s, in a fresh array of max(an - s/32, 0) limbs.
(func $mag_shr (param $a (ref $limbs)) (param $an i32) (param $s i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $w i32) (local $b i32) (local $i i32) (local $n i32) (local $hi i32)
  (local.set $w (i32.shr_u (local.get $s) (i32.const 5)))
  (local.set $b (i32.and (local.get $s) (i32.const 31)))
  (if (i32.ge_u (local.get $w) (local.get $an))
    (then (return (array.new_fixed $limbs 0))))
  (local.set $n (i32.sub (local.get $an) (local.get $w)))
  (local.set $r (array.new_default $limbs (local.get $n)))
  (if (i32.eqz (local.get $b))
    (then
      (array.copy $limbs $limbs (local.get $r) (i32.const 0) (local.get $a) (local.get $w) (local.get $n))
      (return (local.get $r))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $hi (i32.const 0))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
        (then (local.set $hi (array.get $limbs (local.get $a) (i32.add (i32.add (local.get $i) (local.get $w)) (i32.const 1))))))
      (array.set $limbs (local.get $r) (local.get $i)
        (i32.or (i32.shr_u (array.get $limbs (local.get $a) (i32.add (local.get $i) (local.get $w))) (local.get $b))
                (i32.shl (local.get $hi) (i32.sub (i32.const 32) (local.get $b)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $r))

;; Whether any of the low `s` bits of a[0..an] is set.
(func $mag_low_bits (param $a (ref $limbs)) (param $an i32) (param $s i32) (result i32)
  (local $w i32) (local $i i32) (local $b i32)
  (local.set $w (i32.shr_u (local.get $s) (i32.const 5)))
  (local.set $b (i32.and (local.get $s) (i32.const 31)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $w)))
      (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
      (if (array.get $limbs (local.get $a) (local.get $i)) (then (return (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.and (i32.ne (local.get $b) (i32.const 0)) (i32.lt_u (local.get $w) (local.get $an)))
    (then
      (return (i32.ne (i32.const 0)
        (i32.and (array.get $limbs (local.get $a) (local.get $w))
                 (i32.sub (i32.shl (i32.const 1) (local.get $b)) (i32.const 1)))))))
  (i32.const 0))

;; Knuth's algorithm D: the quotient (an - bn + 1 limbs) and remainder (bn limbs) of
;; a[0..an] / b[0..bn], both trimmed inputs, bn >= 1.
(func $mag_divrem (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32)
                  (result (ref $limbs) (ref $limbs))
  (local $q (ref $limbs)) (local $u (ref $limbs)) (local $v (ref $limbs)) (local $s i32)
  (local $j i32) (local $i i32) (local $num i64) (local $qhat i64) (local $rhat i64)
  (local $vtop i64) (local $vnext i64) (local $p i64) (local $carry i64) (local $t i64) (local $borrow i64)
  (local $r i32)
  (if (i32.lt_s (call $mag_cmp (local.get $a) (local.get $an) (local.get $b) (local.get $bn)) (i32.const 0))
    (then (return (array.new_fixed $limbs 0) (call $mag_slice (local.get $a) (i32.const 0) (local.get $an)))))
  (if (i32.eq (local.get $bn) (i32.const 1))
    (then
      (local.set $q (call $mag_slice (local.get $a) (i32.const 0) (local.get $an)))
      (local.set $r (call $mag_divsmall_inplace (local.get $q) (local.get $an) (array.get $limbs (local.get $b) (i32.const 0))))
      (return (local.get $q) (array.new_fixed $limbs 1 (local.get $r)))))
  ;; Normalise so the divisor's top limb has its high bit set.
  (local.set $s (i32.clz (array.get $limbs (local.get $b) (i32.sub (local.get $bn) (i32.const 1)))))
  (local.set $v (call $mag_shl (local.get $b) (local.get $bn) (local.get $s)))
  (local.set $u (call $mag_shl (local.get $a) (local.get $an) (local.get $s)))
  (local.set $q (array.new_default $limbs (i32.add (i32.sub (local.get $an) (local.get $bn)) (i32.const 1))))
  (local.set $vtop (i64.extend_i32_u (array.get $limbs (local.get $v) (i32.sub (local.get $bn) (i32.const 1)))))
  (local.set $vnext (i64.extend_i32_u (array.get $limbs (local.get $v) (i32.sub (local.get $bn) (i32.const 2)))))
  (local.set $j (i32.add (i32.sub (local.get $an) (local.get $bn)) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $j)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (local.set $num (i64.or
        (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.add (local.get $j) (local.get $bn)))) (i64.const 32))
        (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.sub (i32.add (local.get $j) (local.get $bn)) (i32.const 1))))))
      (local.set $qhat (i64.div_u (local.get $num) (local.get $vtop)))
      (local.set $rhat (i64.rem_u (local.get $num) (local.get $vtop)))
      (block $est_done
        (loop $est
          (br_if $est_done (i64.ge_u (local.get $rhat) (i64.const 0x100000000)))
          (if (i32.or
                (i64.ge_u (local.get $qhat) (i64.const 0x100000000))
                (i64.gt_u (i64.mul (local.get $qhat) (local.get $vnext))
                  (i64.or (i64.shl (local.get $rhat) (i64.const 32))
                    (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.sub (i32.add (local.get $j) (local.get $bn)) (i32.const 2)))))))
            (then
              (local.set $qhat (i64.sub (local.get $qhat) (i64.const 1)))
              (local.set $rhat (i64.add (local.get $rhat) (local.get $vtop)))
              (br $est)))))
      ;; u[j..j+bn] -= qhat * v
      (local.set $carry (i64.const 0))
      (local.set $borrow (i64.const 0))
      (local.set $i (i32.const 0))
      (block $ms_done
        (loop $ms
          (br_if $ms_done (i32.ge_u (local.get $i) (local.get $bn)))
          (local.set $p (i64.add (i64.mul (local.get $qhat) (i64.extend_i32_u (array.get $limbs (local.get $v) (local.get $i))))
                                 (local.get $carry)))
          (local.set $carry (i64.shr_u (local.get $p) (i64.const 32)))
          (local.set $t (i64.sub (i64.sub
            (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.add (local.get $i) (local.get $j))))
            (i64.and (local.get $p) (i64.const 0xffffffff))) (local.get $borrow)))
          (array.set $limbs (local.get $u) (i32.add (local.get $i) (local.get $j)) (i32.wrap_i64 (local.get $t)))
          (local.set $borrow (i64.shr_u (local.get $t) (i64.const 63)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $ms)))
      (local.set $t (i64.sub (i64.sub
        (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.add (local.get $j) (local.get $bn))))
        (local.get $carry)) (local.get $borrow)))
      (array.set $limbs (local.get $u) (i32.add (local.get $j) (local.get $bn)) (i32.wrap_i64 (local.get $t)))
      (if (i64.lt_s (local.get $t) (i64.const 0))
        (then
          ;; qhat was one too large: add v back.
          (local.set $qhat (i64.sub (local.get $qhat) (i64.const 1)))
          (local.set $carry (i64.const 0))
          (local.set $i (i32.const 0))
          (block $ab_done
            (loop $ab
              (br_if $ab_done (i32.ge_u (local.get $i) (local.get $bn)))
              (local.set $t (i64.add (i64.add
                (i64.extend_i32_u (array.get $limbs (local.get $u) (i32.add (local.get $i) (local.get $j))))
                (i64.extend_i32_u (array.get $limbs (local.get $v) (local.get $i)))) (local.get $carry)))
              (array.set $limbs (local.get $u) (i32.add (local.get $i) (local.get $j)) (i32.wrap_i64 (local.get $t)))
              (local.set $carry (i64.shr_u (local.get $t) (i64.const 32)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $ab)))
          (array.set $limbs (local.get $u) (i32.add (local.get $j) (local.get $bn))
            (i32.add (array.get $limbs (local.get $u) (i32.add (local.get $j) (local.get $bn))) (i32.wrap_i64 (local.get $carry))))))
      (array.set $limbs (local.get $q) (local.get $j) (i32.wrap_i64 (local.get $qhat)))
      (br $next)))
  (return (local.get $q) (call $mag_shr (local.get $u) (local.get $bn) (local.get $s))))

;; ---- signed operations on integer terms ---------------------------------------------------

;; The sign/magnitude sum of (an, a) and (bn, b) as a canonical term.
(func $big_addsub (param $aneg i32) (param $a (ref $limbs)) (param $bneg i32) (param $b (ref $limbs)) (result eqref)
  (local $al i32) (local $bl i32) (local $c i32)
  (local.set $al (array.len (local.get $a)))
  (local.set $bl (array.len (local.get $b)))
  (if (i32.eq (local.get $aneg) (local.get $bneg))
    (then (return (call $big_make (local.get $aneg)
      (call $mag_add (local.get $a) (local.get $al) (local.get $b) (local.get $bl))
      (i32.add (select (local.get $al) (local.get $bl) (i32.gt_u (local.get $al) (local.get $bl))) (i32.const 1))))))
  (local.set $c (call $mag_cmp (local.get $a) (local.get $al) (local.get $b) (local.get $bl)))
  (if (i32.eqz (local.get $c)) (then (return (ref.i31 (i32.const 0)))))
  (if (i32.gt_s (local.get $c) (i32.const 0))
    (then (return (call $big_make (local.get $aneg)
      (call $mag_sub (local.get $a) (local.get $al) (local.get $b) (local.get $bl)) (local.get $al)))))
  (call $big_make (local.get $bneg)
    (call $mag_sub (local.get $b) (local.get $bl) (local.get $a) (local.get $al)) (local.get $bl)))

;; a + b for integer terms.
(func $big_add (param $a eqref) (param $b eqref) (result eqref)
  (local $x (ref $bigint)) (local $y (ref $bigint))
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (call $big_addsub (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $mag (local.get $x))
                    (struct.get $bigint $neg (local.get $y)) (struct.get $bigint $mag (local.get $y))))

;; a - b for integer terms.
(func $big_sub (param $a eqref) (param $b eqref) (result eqref)
  (local $x (ref $bigint)) (local $y (ref $bigint))
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (call $big_addsub (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $mag (local.get $x))
                    (i32.eqz (struct.get $bigint $neg (local.get $y))) (struct.get $bigint $mag (local.get $y))))

;; -a for an integer term.
(func $big_neg (param $a eqref) (result eqref)
  (local $x (ref $bigint))
  (local.set $x (call $to_big (local.get $a)))
  (call $big_make (i32.eqz (struct.get $bigint $neg (local.get $x))) (struct.get $bigint $mag (local.get $x))
    (array.len (struct.get $bigint $mag (local.get $x)))))

;; |a| for an integer term.
(func $big_abs (param $a eqref) (result eqref)
  (local $x (ref $bigint))
  (local.set $x (call $to_big (local.get $a)))
  (call $big_make (i32.const 0) (struct.get $bigint $mag (local.get $x))
    (array.len (struct.get $bigint $mag (local.get $x)))))

;; a * b for integer terms (system_limit when the product is too large for the VM).
(func $big_mul (param $a eqref) (param $b eqref) (result eqref)
  (local $x (ref $bigint)) (local $y (ref $bigint)) (local $xn i32) (local $yn i32)
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (local.set $xn (array.len (struct.get $bigint $mag (local.get $x))))
  (local.set $yn (array.len (struct.get $bigint $mag (local.get $y))))
  (if (i32.or (i32.eqz (local.get $xn)) (i32.eqz (local.get $yn)))
    (then (return (ref.i31 (i32.const 0)))))
  ;; The product has at least xn + yn - 1 limbs.
  (if (i32.gt_u (i32.sub (i32.add (local.get $xn) (local.get $yn)) (i32.const 1)) (global.get $BIG_MAX_LIMBS))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (call $big_make
    (i32.xor (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y)))
    (call $mag_mul (struct.get $bigint $mag (local.get $x)) (local.get $xn)
                   (struct.get $bigint $mag (local.get $y)) (local.get $yn))
    (i32.add (local.get $xn) (local.get $yn))))

;; Truncating division of integer terms: quotient and remainder (b ≠ 0; the remainder
;; has the sign of a).
(func $big_divrem (param $a eqref) (param $b eqref) (result eqref eqref)
  (local $x (ref $bigint)) (local $y (ref $bigint)) (local $q (ref $limbs)) (local $r (ref $limbs))
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (call $mag_divrem (struct.get $bigint $mag (local.get $x)) (array.len (struct.get $bigint $mag (local.get $x)))
                    (struct.get $bigint $mag (local.get $y)) (array.len (struct.get $bigint $mag (local.get $y))))
  (local.set $r)
  (local.set $q)
  (call $big_make (i32.xor (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y)))
    (local.get $q) (array.len (local.get $q)))
  (call $big_make (struct.get $bigint $neg (local.get $x)) (local.get $r) (array.len (local.get $r))))

;; Compares integer terms: -1, 0 or 1.
(func $big_cmp (param $a eqref) (param $b eqref) (result i32)
  (local $x (ref $bigint)) (local $y (ref $bigint)) (local $c i32)
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (if (i32.ne (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y)))
    (then (return (select (i32.const -1) (i32.const 1) (struct.get $bigint $neg (local.get $x))))))
  (local.set $c (call $mag_cmp
    (struct.get $bigint $mag (local.get $x)) (array.len (struct.get $bigint $mag (local.get $x)))
    (struct.get $bigint $mag (local.get $y)) (array.len (struct.get $bigint $mag (local.get $y)))))
  (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (struct.get $bigint $neg (local.get $x))))

;; Compares two integer terms of any size: -1, 0 or 1 (for the term order).
(func $int_cmp (param $a eqref) (param $b eqref) (result i32)
  (local $x i64) (local $y i64)
  (if (i32.eqz (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigint) (local.get $b))))
    (then
      (local.set $x (call $int_i64 (local.get $a)))
      (local.set $y (call $int_i64 (local.get $b)))
      (return (i32.sub (i64.gt_s (local.get $x) (local.get $y)) (i64.lt_s (local.get $x) (local.get $y))))))
  (call $big_cmp (local.get $a) (local.get $b)))

;; ---- bitwise operations, with infinite two's complement semantics ----------------------

;; The low `n` limbs of the two's complement of (neg, mag).
(func $big_twos (param $neg i32) (param $mag (ref $limbs)) (param $n i32) (result (ref $limbs))
  (local $r (ref $limbs)) (local $i i32) (local $m i32) (local $borrow i64) (local $t i64)
  (local.set $r (array.new_default $limbs (local.get $n)))
  (local.set $m (array.len (local.get $mag)))
  (array.copy $limbs $limbs (local.get $r) (i32.const 0) (local.get $mag) (i32.const 0) (local.get $m))
  (if (local.get $neg)
    (then
      ;; ~(mag - 1)
      (local.set $borrow (i64.const 1))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $t (i64.sub (i64.extend_i32_u (array.get $limbs (local.get $r) (local.get $i))) (local.get $borrow)))
          (local.set $borrow (i64.shr_u (local.get $t) (i64.const 63)))
          (array.set $limbs (local.get $r) (local.get $i) (i32.xor (i32.wrap_i64 (local.get $t)) (i32.const -1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  (local.get $r))

;; The integer whose two's complement is r[0..n] (the top bit of r[n-1] is the sign).
(func $big_untwos (param $r (ref $limbs)) (param $n i32) (result eqref)
  (local $i i32) (local $c i64)
  (if (i32.ge_s (array.get $limbs (local.get $r) (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))
    (then (return (call $big_make (i32.const 0) (local.get $r) (local.get $n)))))
  ;; negative: magnitude ~r + 1, in place
  (local.set $c (i64.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i64.add (local.get $c)
        (i64.extend_i32_u (i32.xor (array.get $limbs (local.get $r) (local.get $i)) (i32.const -1)))))
      (array.set $limbs (local.get $r) (local.get $i) (i32.wrap_i64 (local.get $c)))
      (local.set $c (i64.shr_u (local.get $c) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $big_make (i32.const 1) (local.get $r) (local.get $n)))

;; a band b (op 0), a bor b (op 1), a bxor b (op 2) for integer terms.
(func $big_bitop (param $a eqref) (param $b eqref) (param $op i32) (result eqref)
  (local $x (ref $bigint)) (local $y (ref $bigint)) (local $n i32) (local $xs (ref $limbs)) (local $ys (ref $limbs))
  (local $i i32) (local $u i32) (local $v i32)
  (local.set $x (call $to_big (local.get $a)))
  (local.set $y (call $to_big (local.get $b)))
  (local.set $n (array.len (struct.get $bigint $mag (local.get $x))))
  (if (i32.gt_u (array.len (struct.get $bigint $mag (local.get $y))) (local.get $n))
    (then (local.set $n (array.len (struct.get $bigint $mag (local.get $y))))))
  (local.set $n (i32.add (local.get $n) (i32.const 1)))
  (local.set $xs (call $big_twos (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $mag (local.get $x)) (local.get $n)))
  (local.set $ys (call $big_twos (struct.get $bigint $neg (local.get $y)) (struct.get $bigint $mag (local.get $y)) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $u (array.get $limbs (local.get $xs) (local.get $i)))
      (local.set $v (array.get $limbs (local.get $ys) (local.get $i)))
      (array.set $limbs (local.get $xs) (local.get $i)
        (if (result i32) (i32.eqz (local.get $op))
          (then (i32.and (local.get $u) (local.get $v)))
          (else (if (result i32) (i32.eq (local.get $op) (i32.const 1))
            (then (i32.or (local.get $u) (local.get $v)))
            (else (i32.xor (local.get $u) (local.get $v)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $big_untwos (local.get $xs) (local.get $n)))

;; bnot a = -a - 1 for an integer term.
(func $big_bnot (param $a eqref) (result eqref)
  (local $x (ref $bigint)) (local $m (ref $limbs)) (local $n i32)
  (local.set $x (call $to_big (local.get $a)))
  (local.set $m (struct.get $bigint $mag (local.get $x)))
  (local.set $n (array.len (local.get $m)))
  (if (struct.get $bigint $neg (local.get $x))
    (then (return (call $big_make (i32.const 0)
      (call $mag_sub (local.get $m) (local.get $n) (array.new_fixed $limbs 1 (i32.const 1)) (i32.const 1)) (local.get $n)))))
  (call $big_make (i32.const 1)
    (call $mag_add (local.get $m) (local.get $n) (array.new_fixed $limbs 1 (i32.const 1)) (i32.const 1))
    (i32.add (local.get $n) (i32.const 1))))

;; a · 2^s for an integer term and any i64 s: a left shift for s > 0, an arithmetic right
;; shift (rounding toward −∞) for s < 0. system_limit when the result is too large.
(func $big_shift (param $a eqref) (param $s i64) (result eqref)
  (local $x (ref $bigint)) (local $m (ref $limbs)) (local $n i32) (local $r (ref $limbs)) (local $neg i32)
  (local.set $x (call $to_big (local.get $a)))
  (local.set $m (struct.get $bigint $mag (local.get $x)))
  (local.set $n (array.len (local.get $m)))
  (local.set $neg (struct.get $bigint $neg (local.get $x)))
  (if (i32.or (i32.eqz (local.get $n)) (i64.eqz (local.get $s)))
    (then (return (call $big_make (local.get $neg) (local.get $m) (local.get $n)))))
  (if (i64.gt_s (local.get $s) (i64.const 0))
    (then
      ;; The result has at least n + s/32 limbs.
      (if (i64.gt_s (i64.add (i64.extend_i32_u (local.get $n)) (i64.shr_u (local.get $s) (i64.const 5)))
                    (i64.extend_i32_u (global.get $BIG_MAX_LIMBS)))
        (then (return (call $fail (global.get $atom.system_limit)))))
      (return (call $big_make (local.get $neg)
        (call $mag_shl (local.get $m) (local.get $n) (i32.wrap_i64 (local.get $s)))
        (i32.add (i32.add (local.get $n) (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 5)))) (i32.const 1))))))
  (local.set $s (i64.sub (i64.const 0) (local.get $s)))
  (if (i64.ge_u (local.get $s) (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 5)))
    (then (return (ref.i31 (select (i32.const -1) (i32.const 0) (local.get $neg))))))
  (local.set $r (call $mag_shr (local.get $m) (local.get $n) (i32.wrap_i64 (local.get $s))))
  (if (i32.and (local.get $neg) (call $mag_low_bits (local.get $m) (local.get $n) (i32.wrap_i64 (local.get $s))))
    (then
      (local.set $r (call $mag_add (local.get $r) (array.len (local.get $r)) (array.new_fixed $limbs 1 (i32.const 1)) (i32.const 1)))))
  (call $big_make (local.get $neg) (local.get $r) (array.len (local.get $r))))

;; ---- floats ---------------------------------------------------------------------------------

;; An integer term as a double, the VM's way: a bignum is folded from its most significant
;; 64-bit digit down, d = d·2^64 + digit, rounding at every step (not always correctly
;; rounded, and +inf when too large; callers check).
(func $int_to_f64 (param $t eqref) (result f64)
  (local $x (ref $bigint)) (local $m (ref $limbs)) (local $n i32) (local $i i32) (local $d f64) (local $digit i64)
  (if (i32.eqz (ref.test (ref $bigint) (local.get $t)))
    (then (return (f64.convert_i64_s (call $int_i64 (local.get $t))))))
  (local.set $x (ref.cast (ref $bigint) (local.get $t)))
  (local.set $m (struct.get $bigint $mag (local.get $x)))
  (local.set $n (array.len (local.get $m)))
  ;; the index of the top 64-bit digit's low limb
  (local.set $i (i32.and (i32.sub (local.get $n) (i32.const 1)) (i32.const -2)))
  (block $done
    (loop $next
      (br_if $done (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $digit (i64.extend_i32_u (array.get $limbs (local.get $m) (local.get $i))))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
        (then (local.set $digit (i64.or (local.get $digit)
          (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $m) (i32.add (local.get $i) (i32.const 1)))) (i64.const 32))))))
      (local.set $d (f64.add (f64.mul (local.get $d) (f64.const 0x1p64)) (f64.convert_i64_u (local.get $digit))))
      (local.set $i (i32.sub (local.get $i) (i32.const 2)))
      (br $next)))
  (select (f64.neg (local.get $d)) (local.get $d) (struct.get $bigint $neg (local.get $x))))

;; The integer term equal to the finite, integral double `f`.
(func $f64_to_int (param $f f64) (result eqref)
  (local $bits i64) (local $e i32) (local $m i64) (local $neg i32)
  (if (f64.lt (f64.abs (local.get $f)) (f64.const 0x1p63))
    (then (return (call $mk_int (i64.trunc_f64_s (local.get $f))))))
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  (local.set $neg (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 63))))
  (local.set $e (i32.sub (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7ff)) (i32.const 1075)))
  (local.set $m (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0x10000000000000)))
  (call $big_make (local.get $neg)
    (call $mag_shl (array.new_fixed $limbs 2 (i32.wrap_i64 (local.get $m)) (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))))
      (i32.const 2) (local.get $e))
    (i32.add (i32.const 3) (i32.shr_u (local.get $e) (i32.const 5)))))

;; The number of significant bits of a magnitude (0 for zero).
(func $mag_bitlen (param $a (ref $limbs)) (param $n i32) (result i32)
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (i32.sub (i32.shl (local.get $n) (i32.const 5))
    (i32.clz (array.get $limbs (local.get $a) (i32.sub (local.get $n) (i32.const 1))))))
