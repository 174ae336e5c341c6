;; compare.wat — Erlang's term order and the two equalities, exactly as the VM
;; (erts/emulator/beam/utils.c: eq, erts_cmp_compound), and the BIFs built on them.
;;
;; The standard order, by type:
;;   number < atom < reference < fun < port < pid < tuple < map < [] < list < bitstring
;; `$cmp_rank` numbers the types in that order.
;;
;; Two modes, as in the VM's `exact` flag:
;;   - arithmetic (`==`, `<`, ...): integers and floats compare by value, exactly (no
;;     rounding: 9007199254740993 > 9007199254740992.0);
;;   - exact (`=:=`, map keys, erts_internal:cmp_term/2): an integer never equals a float,
;;     and every integer sorts before every float (2 < 1.0).
;; Floats compare as doubles in both modes, so 0.0 and -0.0 are equal (OTP 25).
;; Map keys always compare exactly; map values in the mode of the enclosing comparison.
;;
;; Conventions: `$cmp_*` return -1, 0 or 1; `$eq_*` return 1 when equal. Nesting depth
;; recurses on the wasm stack; list tails are iterated and the last element of a tuple
;; is a tail call, so long lists and right-nested tuples do not grow the stack.
;; Private helpers are prefixed `cmp_`.

;; ---- types ------------------------------------------------------------------------------

;; The rank of a term's type in the standard order (0: number ... 10: bitstring).
;; Common types first; only final types are tested before the last line ($ref is not
;; final, and a test against a non-final type calls into the engine when it fails).
(func $cmp_rank (param $t eqref) (result i32)
  (if (ref.is_null (local.get $t)) (then (return (i32.const 8))))
  (if (ref.test (ref i31) (local.get $t)) (then (return (i32.const 0))))
  (if (ref.test (ref $bin) (local.get $t)) (then (return (i32.const 10))))
  (if (ref.test (ref $tuple) (local.get $t)) (then (return (i32.const 6))))
  (if (ref.test (ref $atom) (local.get $t)) (then (return (i32.const 1))))
  (if (ref.test (ref $cons) (local.get $t)) (then (return (i32.const 9))))
  (if (ref.test (ref $float) (local.get $t)) (then (return (i32.const 0))))
  (if (ref.test (ref $int64) (local.get $t)) (then (return (i32.const 0))))
  (if (ref.test (ref $fmap) (local.get $t)) (then (return (i32.const 7))))
  (if (ref.test (ref $hmap) (local.get $t)) (then (return (i32.const 7))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (i32.const 0))))
  (if (ref.test (ref $pid) (local.get $t)) (then (return (i32.const 5))))
  (if (ref.test (ref $fun) (local.get $t)) (then (return (i32.const 3))))
  (if (ref.test (ref $port) (local.get $t)) (then (return (i32.const 4))))
  (if (ref.test (ref $ref) (local.get $t)) (then (return (i32.const 2))))
  (i32.const 11))

;; The sign of an i32 as -1, 0 or 1.
(func $cmp_sign (param $d i32) (result i32)
  (i32.sub (i32.gt_s (local.get $d) (i32.const 0)) (i32.lt_s (local.get $d) (i32.const 0))))

;; -1, 0 or 1 for two unsigned i32.
(func $cmp_u32 (param $a i32) (param $b i32) (result i32)
  (i32.sub (i32.gt_u (local.get $a) (local.get $b)) (i32.lt_u (local.get $a) (local.get $b))))

;; -1, 0 or 1 for two signed i64.
(func $cmp_i64 (param $a i64) (param $b i64) (result i32)
  (i32.sub (i64.gt_s (local.get $a) (local.get $b)) (i64.lt_s (local.get $a) (local.get $b))))

;; -1, 0 or 1 for two doubles (the VM's erts_float_comp; no NaNs exist).
(func $cmp_f64 (param $a f64) (param $b f64) (result i32)
  (i32.sub (f64.gt (local.get $a) (local.get $b)) (f64.lt (local.get $a) (local.get $b))))

;; ---- numbers ------------------------------------------------------------------------------

;; Compares magnitudes a[0..an] and b[0..bn] (no high zero limbs): -1, 0 or 1.
(func $cmp_mag (param $a (ref $limbs)) (param $an i32) (param $b (ref $limbs)) (param $bn i32) (result i32)
  (local $i i32) (local $x i32) (local $y i32)
  (if (i32.ne (local.get $an) (local.get $bn))
    (then (return (call $cmp_u32 (local.get $an) (local.get $bn)))))
  (local.set $i (local.get $an))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $x (array.get $limbs (local.get $a) (local.get $i)))
      (local.set $y (array.get $limbs (local.get $b) (local.get $i)))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (call $cmp_u32 (local.get $x) (local.get $y)))))
      (br $next)))
  (i32.const 0))

;; Compares two integer terms (i31, $int64, $bigint) by value.
(func $cmp_ints (param $a eqref) (param $b eqref) (result i32)
  (local $ba (ref $bigint)) (local $bb (ref $bigint)) (local $c i32)
  (if (i32.eqz (ref.test (ref $bigint) (local.get $a)))
    (then
      (if (i32.eqz (ref.test (ref $bigint) (local.get $b)))
        (then (return (call $cmp_i64 (call $int_i64 (local.get $a)) (call $int_i64 (local.get $b))))))
      ;; a fits i64, b does not: b's sign decides
      (return (select (i32.const 1) (i32.const -1)
        (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $b)))))))
  (local.set $ba (ref.cast (ref $bigint) (local.get $a)))
  (if (i32.eqz (ref.test (ref $bigint) (local.get $b)))
    (then (return (select (i32.const -1) (i32.const 1) (struct.get $bigint $neg (local.get $ba))))))
  (local.set $bb (ref.cast (ref $bigint) (local.get $b)))
  (if (i32.ne (struct.get $bigint $neg (local.get $ba)) (struct.get $bigint $neg (local.get $bb)))
    (then (return (select (i32.const -1) (i32.const 1) (struct.get $bigint $neg (local.get $ba))))))
  (local.set $c (call $cmp_mag
    (struct.get $bigint $mag (local.get $ba)) (array.len (struct.get $bigint $mag (local.get $ba)))
    (struct.get $bigint $mag (local.get $bb)) (array.len (struct.get $bigint $mag (local.get $bb)))))
  (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (struct.get $bigint $neg (local.get $ba))))

;; The magnitude of the integral double |f| (|f| >= 2^53) as limbs without high zeros.
(func $cmp_f64_mag (param $f f64) (result (ref $limbs))
  (local $bits i64) (local $e i32) (local $m i64) (local $r (ref $limbs)) (local $n i32)
  (local $w i32) (local $s i32)
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  ;; f = m * 2^e, m with its implicit bit (53 bits), e >= 0 here
  (local.set $e (i32.sub (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7ff))
                         (i32.const 1075)))
  (local.set $m (i64.or (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0x10000000000000)))
  ;; bit length is 53 + e
  (local.set $n (i32.shr_u (i32.add (i32.add (local.get $e) (i32.const 53)) (i32.const 31)) (i32.const 5)))
  (local.set $r (array.new_default $limbs (local.get $n)))
  (local.set $w (i32.shr_u (local.get $e) (i32.const 5)))
  (local.set $s (i32.and (local.get $e) (i32.const 31)))
  ;; m << s spans up to three limbs starting at w
  (array.set $limbs (local.get $r) (local.get $w)
    (i32.wrap_i64 (i64.shl (local.get $m) (i64.extend_i32_u (local.get $s)))))
  (if (i32.lt_u (i32.add (local.get $w) (i32.const 1)) (local.get $n))
    (then (array.set $limbs (local.get $r) (i32.add (local.get $w) (i32.const 1))
      (i32.wrap_i64 (i64.shr_u (i64.shl (local.get $m) (i64.extend_i32_u (local.get $s))) (i64.const 32)))))
    )
  (if (i32.and (i32.lt_u (i32.add (local.get $w) (i32.const 2)) (local.get $n)) (i32.ne (local.get $s) (i32.const 0)))
    (then (array.set $limbs (local.get $r) (i32.add (local.get $w) (i32.const 2))
      (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $s))))))))
  (local.get $r))

;; Compares an integer term with a double, exactly.
(func $cmp_int_f64 (param $i eqref) (param $f f64) (result i32)
  (local $v i64) (local $t i64) (local $big (ref $bigint)) (local $neg i32) (local $c i32)
  (local $fm (ref $limbs))
  (if (i32.eqz (ref.test (ref $bigint) (local.get $i)))
    (then
      (if (f64.ge (local.get $f) (f64.const 0x1p63)) (then (return (i32.const -1))))
      (if (f64.lt (local.get $f) (f64.const -0x1p63)) (then (return (i32.const 1))))
      (local.set $v (call $int_i64 (local.get $i)))
      (local.set $t (i64.trunc_f64_s (local.get $f)))
      (if (i64.ne (local.get $v) (local.get $t)) (then (return (call $cmp_i64 (local.get $v) (local.get $t)))))
      ;; equal integer parts: the fraction decides
      (return (call $cmp_f64 (f64.convert_i64_s (local.get $t)) (local.get $f)))))
  (local.set $big (ref.cast (ref $bigint) (local.get $i)))
  (local.set $neg (struct.get $bigint $neg (local.get $big)))
  ;; a bignum is outside i64, so any smaller double is beaten by its sign
  (if (f64.lt (f64.abs (local.get $f)) (f64.const 0x1p63))
    (then (return (select (i32.const -1) (i32.const 1) (local.get $neg)))))
  (if (i32.ne (local.get $neg) (f64.lt (local.get $f) (f64.const 0)))
    (then (return (select (i32.const -1) (i32.const 1) (local.get $neg)))))
  (local.set $fm (call $cmp_f64_mag (f64.abs (local.get $f))))
  (local.set $c (call $cmp_mag
    (struct.get $bigint $mag (local.get $big)) (array.len (struct.get $bigint $mag (local.get $big)))
    (local.get $fm) (array.len (local.get $fm))))
  (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (local.get $neg)))

;; Compares two numbers; `exact` puts every integer before every float.
(func $cmp_num (param $a eqref) (param $b eqref) (param $exact i32) (result i32)
  (local $fa i32) (local $fb i32)
  (local.set $fa (ref.test (ref $float) (local.get $a)))
  (local.set $fb (ref.test (ref $float) (local.get $b)))
  (if (i32.and (local.get $fa) (local.get $fb))
    (then (return (call $cmp_f64
      (struct.get $float $v (ref.cast (ref $float) (local.get $a)))
      (struct.get $float $v (ref.cast (ref $float) (local.get $b)))))))
  (if (i32.eqz (i32.or (local.get $fa) (local.get $fb)))
    (then (return (call $cmp_ints (local.get $a) (local.get $b)))))
  (if (local.get $exact)
    (then (return (select (i32.const 1) (i32.const -1) (local.get $fa)))))
  (if (local.get $fa)
    (then (return (i32.sub (i32.const 0)
      (call $cmp_int_f64 (local.get $b) (struct.get $float $v (ref.cast (ref $float) (local.get $a))))))))
  (call $cmp_int_f64 (local.get $a) (struct.get $float $v (ref.cast (ref $float) (local.get $b)))))

;; ---- atoms, binaries ------------------------------------------------------------------------

;; Compares `an` bytes at a[ao..] with `bn` bytes at b[bo..] as unsigned bytes, then by length.
(func $cmp_bytes (param $a (ref $bytes)) (param $ao i32) (param $an i32)
                 (param $b (ref $bytes)) (param $bo i32) (param $bn i32) (result i32)
  (local $i i32) (local $n i32) (local $x i32) (local $y i32)
  (local.set $n (select (local.get $an) (local.get $bn) (i32.lt_u (local.get $an) (local.get $bn))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get_u $bytes (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $y (array.get_u $bytes (local.get $b) (i32.add (local.get $bo) (local.get $i))))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.sub (i32.gt_u (local.get $an) (local.get $bn)) (i32.lt_u (local.get $an) (local.get $bn))))

;; Compares atoms by their names' UTF-8 bytes (the VM's erts_cmp_atoms).
(func $cmp_atoms (param $a (ref $atom)) (param $b (ref $atom)) (result i32)
  (local $x (ref $bin)) (local $y (ref $bin))
  (if (i32.eq (struct.get $atom $id (local.get $a)) (struct.get $atom $id (local.get $b)))
    (then (return (i32.const 0))))
  (local.set $x (call $atom_name (local.get $a)))
  (local.set $y (call $atom_name (local.get $b)))
  (call $cmp_bytes
    (struct.get $bin $data (local.get $x)) (struct.get $bin $off (local.get $x)) (struct.get $bin $size (local.get $x))
    (struct.get $bin $data (local.get $y)) (struct.get $bin $off (local.get $y)) (struct.get $bin $size (local.get $y))))

;; Compares bitstrings: bit by bit over the common length, then by length in bits.
(func $cmp_bins (param $a (ref $bin)) (param $b (ref $bin)) (result i32)
  (local $na i64) (local $nb i64) (local $m i64) (local $full i32) (local $r i32) (local $c i32)
  (local $x i32) (local $y i32)
  (if (i32.eqz (i32.or (struct.get $bin $bits (local.get $a)) (struct.get $bin $bits (local.get $b))))
    (then (return (call $cmp_bytes
      (struct.get $bin $data (local.get $a)) (struct.get $bin $off (local.get $a)) (struct.get $bin $size (local.get $a))
      (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))))
  (local.set $na (i64.add (i64.shl (i64.extend_i32_u (struct.get $bin $size (local.get $a))) (i64.const 3))
                          (i64.extend_i32_u (struct.get $bin $bits (local.get $a)))))
  (local.set $nb (i64.add (i64.shl (i64.extend_i32_u (struct.get $bin $size (local.get $b))) (i64.const 3))
                          (i64.extend_i32_u (struct.get $bin $bits (local.get $b)))))
  (local.set $m (select (local.get $na) (local.get $nb) (i64.lt_u (local.get $na) (local.get $nb))))
  (local.set $full (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 3))))
  (local.set $r (i32.wrap_i64 (i64.and (local.get $m) (i64.const 7))))
  (local.set $c (call $cmp_bytes
    (struct.get $bin $data (local.get $a)) (struct.get $bin $off (local.get $a)) (local.get $full)
    (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (local.get $full)))
  (if (local.get $c) (then (return (local.get $c))))
  (if (local.get $r)
    (then
      (local.set $x (i32.shr_u (array.get_u $bytes (struct.get $bin $data (local.get $a))
        (i32.add (struct.get $bin $off (local.get $a)) (local.get $full))) (i32.sub (i32.const 8) (local.get $r))))
      (local.set $y (i32.shr_u (array.get_u $bytes (struct.get $bin $data (local.get $b))
        (i32.add (struct.get $bin $off (local.get $b)) (local.get $full))) (i32.sub (i32.const 8) (local.get $r))))
      (if (i32.ne (local.get $x) (local.get $y)) (then (return (call $cmp_u32 (local.get $x) (local.get $y)))))))
  (i32.sub (i64.gt_u (local.get $na) (local.get $nb)) (i64.lt_u (local.get $na) (local.get $nb))))

;; Whether two bitstrings hold the same bits.
(func $eq_bins (param $a (ref $bin)) (param $b (ref $bin)) (result i32)
  (local $n i32) (local $i i32) (local $da (ref $bytes)) (local $db (ref $bytes)) (local $oa i32) (local $ob i32)
  (local $r i32)
  (local.set $n (struct.get $bin $size (local.get $a)))
  (if (i32.ne (local.get $n) (struct.get $bin $size (local.get $b))) (then (return (i32.const 0))))
  (local.set $r (struct.get $bin $bits (local.get $a)))
  (if (i32.ne (local.get $r) (struct.get $bin $bits (local.get $b))) (then (return (i32.const 0))))
  (local.set $da (struct.get $bin $data (local.get $a)))
  (local.set $db (struct.get $bin $data (local.get $b)))
  (local.set $oa (struct.get $bin $off (local.get $a)))
  (local.set $ob (struct.get $bin $off (local.get $b)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (array.get_u $bytes (local.get $da) (i32.add (local.get $oa) (local.get $i)))
                  (array.get_u $bytes (local.get $db) (i32.add (local.get $ob) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (local.get $r)
    (then (return (i32.eq
      (i32.shr_u (array.get_u $bytes (local.get $da) (i32.add (local.get $oa) (local.get $n))) (i32.sub (i32.const 8) (local.get $r)))
      (i32.shr_u (array.get_u $bytes (local.get $db) (i32.add (local.get $ob) (local.get $n))) (i32.sub (i32.const 8) (local.get $r)))))))
  (i32.const 1))

;; ---- funs ---------------------------------------------------------------------------------

;; The number of free variables of a fun.
(func $cmp_fun_nfree (param $f (ref $fun)) (result i32)
  (local $env (ref null $tuple))
  (local.set $env (struct.get $fun $env (local.get $f)))
  (if (result i32) (ref.is_null (local.get $env)) (then (i32.const 0)) (else (array.len (local.get $env)))))

;; Compares funs as the VM: local funs by module, index, uniq, free-variable count, then
;; the free variables; export funs by module, name, arity; local funs before export funs.
(func $cmp_funs (param $a (ref $fun)) (param $b (ref $fun)) (param $exact i32) (result i32)
  (local $ia (ref $funinfo)) (local $ib (ref $funinfo)) (local $c i32) (local $n i32) (local $i i32)
  (local $ea (ref $tuple)) (local $eb (ref $tuple))
  (local.set $ia (struct.get $fun $info (local.get $a)))
  (local.set $ib (struct.get $fun $info (local.get $b)))
  (if (i32.ne (struct.get $funinfo $kind (local.get $ia)) (struct.get $funinfo $kind (local.get $ib)))
    (then (return (select (i32.const 1) (i32.const -1) (struct.get $funinfo $kind (local.get $ia))))))
  (local.set $c (call $cmp_atoms (struct.get $funinfo $module (local.get $ia)) (struct.get $funinfo $module (local.get $ib))))
  (if (local.get $c) (then (return (local.get $c))))
  (if (struct.get $funinfo $kind (local.get $ia))
    (then
      (local.set $c (call $cmp_atoms (struct.get $funinfo $name (local.get $ia)) (struct.get $funinfo $name (local.get $ib))))
      (if (local.get $c) (then (return (local.get $c))))
      (return (call $cmp_sign (i32.sub (struct.get $funinfo $arity (local.get $ia)) (struct.get $funinfo $arity (local.get $ib)))))))
  (local.set $c (call $cmp_sign (i32.sub (struct.get $funinfo $index (local.get $ia)) (struct.get $funinfo $index (local.get $ib)))))
  (if (local.get $c) (then (return (local.get $c))))
  (local.set $c (call $cmp_sign (i32.sub (struct.get $funinfo $uniq (local.get $ia)) (struct.get $funinfo $uniq (local.get $ib)))))
  (if (local.get $c) (then (return (local.get $c))))
  (local.set $n (call $cmp_fun_nfree (local.get $a)))
  (local.set $c (call $cmp_sign (i32.sub (local.get $n) (call $cmp_fun_nfree (local.get $b)))))
  (if (local.get $c) (then (return (local.get $c))))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $ea (ref.as_non_null (struct.get $fun $env (local.get $a))))
  (local.set $eb (ref.as_non_null (struct.get $fun $env (local.get $b))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (call $cmp_terms (array.get $tuple (local.get $ea) (local.get $i))
                                     (array.get $tuple (local.get $eb) (local.get $i)) (local.get $exact)))
      (if (local.get $c) (then (return (local.get $c))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 0))

;; Whether two funs are equal (exact or arithmetic in the free variables).
(func $eq_funs (param $a (ref $fun)) (param $b (ref $fun)) (param $exact i32) (result i32)
  (local $ia (ref $funinfo)) (local $ib (ref $funinfo)) (local $n i32) (local $i i32)
  (local $ea (ref $tuple)) (local $eb (ref $tuple))
  (local.set $ia (struct.get $fun $info (local.get $a)))
  (local.set $ib (struct.get $fun $info (local.get $b)))
  (if (i32.ne (struct.get $funinfo $kind (local.get $ia)) (struct.get $funinfo $kind (local.get $ib)))
    (then (return (i32.const 0))))
  (if (i32.eqz (ref.eq (struct.get $funinfo $module (local.get $ia)) (struct.get $funinfo $module (local.get $ib))))
    (then (return (i32.const 0))))
  (if (struct.get $funinfo $kind (local.get $ia))
    (then (return (i32.and
      (ref.eq (struct.get $funinfo $name (local.get $ia)) (struct.get $funinfo $name (local.get $ib)))
      (i32.eq (struct.get $funinfo $arity (local.get $ia)) (struct.get $funinfo $arity (local.get $ib)))))))
  (if (i32.ne (struct.get $funinfo $index (local.get $ia)) (struct.get $funinfo $index (local.get $ib)))
    (then (return (i32.const 0))))
  (if (i32.ne (struct.get $funinfo $uniq (local.get $ia)) (struct.get $funinfo $uniq (local.get $ib)))
    (then (return (i32.const 0))))
  (local.set $n (call $cmp_fun_nfree (local.get $a)))
  (if (i32.ne (local.get $n) (call $cmp_fun_nfree (local.get $b))) (then (return (i32.const 0))))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
  (local.set $ea (ref.as_non_null (struct.get $fun $env (local.get $a))))
  (local.set $eb (ref.as_non_null (struct.get $fun $env (local.get $b))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eqz (call $eq_terms (array.get $tuple (local.get $ea) (local.get $i))
                                   (array.get $tuple (local.get $eb) (local.get $i)) (local.get $exact)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; ---- maps ---------------------------------------------------------------------------------

;; Compares two maps of equal size: keys in map-key order (exactly), then the values in
;; that order. (For hash-trie maps the VM walks both tries in hash order but reaches the
;; same answer: the smallest key in which they differ, else the smallest key whose
;; values differ.)
(func $cmp_maps (param $a eqref) (param $b eqref) (param $exact i32) (result i32)
  (local $ka (ref $tuple)) (local $va (ref $tuple)) (local $kb (ref $tuple)) (local $vb (ref $tuple))
  (local $n i32) (local $i i32) (local $c i32) (local $kv (ref $tuple))
  (local.set $n (call $map_size (local.get $a)))
  (local.set $c (call $cmp_sign (i32.sub (local.get $n) (call $map_size (local.get $b)))))
  (if (local.get $c) (then (return (local.get $c))))
  (local.set $kv (call $map_sorted_kv (local.get $a)))
  (local.set $ka (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))))
  (local.set $va (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))))
  (local.set $kv (call $map_sorted_kv (local.get $b)))
  (local.set $kb (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))))
  (local.set $vb (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))))
  (if (i32.eqz (ref.eq (local.get $ka) (local.get $kb)))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $c (call $cmp_terms (array.get $tuple (local.get $ka) (local.get $i))
                                         (array.get $tuple (local.get $kb) (local.get $i)) (i32.const 1)))
          (if (local.get $c) (then (return (local.get $c))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (call $cmp_terms (array.get $tuple (local.get $va) (local.get $i))
                                     (array.get $tuple (local.get $vb) (local.get $i)) (local.get $exact)))
      (if (local.get $c) (then (return (local.get $c))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 0))

;; Whether two hash-trie nodes hold equal entries (the tries are canonical, so equal maps
;; have equal shapes).
(func $eq_hnodes (param $a (ref $hnode)) (param $b (ref $hnode)) (param $exact i32) (result i32)
  (local $ka (ref $tuple)) (local $kb (ref $tuple)) (local $n i32) (local $i i32) (local $x eqref) (local $y eqref)
  (if (i32.ne (struct.get $hnode $bitmap (local.get $a)) (struct.get $hnode $bitmap (local.get $b)))
    (then (return (i32.const 0))))
  (local.set $ka (struct.get $hnode $kids (local.get $a)))
  (local.set $kb (struct.get $hnode $kids (local.get $b)))
  (local.set $n (array.len (local.get $ka)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $tuple (local.get $ka) (local.get $i)))
      (local.set $y (array.get $tuple (local.get $kb) (local.get $i)))
      (if (i32.eqz (ref.eq (local.get $x) (local.get $y)))
        (then
          (if (ref.test (ref $hleaf) (local.get $x))
            (then
              (if (i32.eqz (ref.test (ref $hleaf) (local.get $y))) (then (return (i32.const 0))))
              (if (i32.eqz (call $eq_terms (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $x)))
                                           (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $y))) (i32.const 1)))
                (then (return (i32.const 0))))
              (if (i32.eqz (call $eq_terms (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $x)))
                                           (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $y))) (local.get $exact)))
                (then (return (i32.const 0)))))
            (else
              (if (i32.eqz (ref.test (ref $hnode) (local.get $y))) (then (return (i32.const 0))))
              (if (i32.eqz (call $eq_hnodes (ref.cast (ref $hnode) (local.get $x)) (ref.cast (ref $hnode) (local.get $y))
                                            (local.get $exact)))
                (then (return (i32.const 0))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; Whether two maps are equal: the same keys (exactly) with equal values.
(func $eq_maps (param $a eqref) (param $b eqref) (param $exact i32) (result i32)
  (local $fa (ref $fmap)) (local $fb (ref $fmap)) (local $ka (ref $tuple)) (local $kb (ref $tuple))
  (local $va (ref $tuple)) (local $vb (ref $tuple)) (local $n i32) (local $i i32)
  (if (ref.test (ref $fmap) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $fmap) (local.get $b))) (then (return (i32.const 0))))
      (local.set $fa (ref.cast (ref $fmap) (local.get $a)))
      (local.set $fb (ref.cast (ref $fmap) (local.get $b)))
      (local.set $ka (struct.get $fmap $keys (local.get $fa)))
      (local.set $kb (struct.get $fmap $keys (local.get $fb)))
      (local.set $n (array.len (local.get $ka)))
      (if (i32.ne (local.get $n) (array.len (local.get $kb))) (then (return (i32.const 0))))
      (if (i32.eqz (ref.eq (local.get $ka) (local.get $kb)))
        (then
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (if (i32.eqz (call $eq_terms (array.get $tuple (local.get $ka) (local.get $i))
                                           (array.get $tuple (local.get $kb) (local.get $i)) (i32.const 1)))
                (then (return (i32.const 0))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))))
      (local.set $va (struct.get $fmap $vals (local.get $fa)))
      (local.set $vb (struct.get $fmap $vals (local.get $fb)))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (i32.eqz (call $eq_terms (array.get $tuple (local.get $va) (local.get $i))
                                       (array.get $tuple (local.get $vb) (local.get $i)) (local.get $exact)))
            (then (return (i32.const 0))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (i32.const 1))))
  (if (i32.eqz (ref.test (ref $hmap) (local.get $b))) (then (return (i32.const 0))))
  (if (i32.ne (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $a)))
              (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $b))))
    (then (return (i32.const 0))))
  (call $eq_hnodes (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $a)))
                   (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $b))) (local.get $exact)))

;; ---- the general comparison ------------------------------------------------------------------

;; Compares two terms in the standard order (`exact`: see the file header).
(func $cmp_terms (param $a eqref) (param $b eqref) (param $exact i32) (result i32)
  (local $ra i32) (local $rb i32) (local $c i32) (local $n i32) (local $i i32) (local $last i32)
  (local $ta (ref $tuple)) (local $tb (ref $tuple)) (local $x eqref) (local $y eqref)
  (local $ca (ref $cons)) (local $cb (ref $cons))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 0))))
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then (return (call $cmp_sign (i32.sub (i31.get_s (ref.cast (ref i31) (local.get $a)))
                                           (i31.get_s (ref.cast (ref i31) (local.get $b))))))))
  ;; Two binaries (the common case of sorting strings) skip the ranks.
  (if (ref.test (ref $bin) (local.get $a))
    (then (if (ref.test (ref $bin) (local.get $b))
      (then (return_call $cmp_bins (ref.cast (ref $bin) (local.get $a)) (ref.cast (ref $bin) (local.get $b)))))))
  (local.set $ra (call $cmp_rank (local.get $a)))
  (local.set $rb (call $cmp_rank (local.get $b)))
  (if (i32.ne (local.get $ra) (local.get $rb))
    (then (return (call $cmp_u32 (local.get $ra) (local.get $rb)))))
  (block $list
   (block $tuple
    (block $map
     (block $bin
      (block $fun
       (block $ident
        (block $atom
         (block $num
          (br_table $num $atom $ident $fun $ident $ident $tuple $map $ident $list $bin $ident (local.get $ra)))
         ;; numbers
         (return (call $cmp_num (local.get $a) (local.get $b) (local.get $exact))))
        ;; atoms
        (return (call $cmp_atoms (ref.cast (ref $atom) (local.get $a)) (ref.cast (ref $atom) (local.get $b)))))
       ;; refs, ports, pids: by their numbers
       (if (ref.test (ref $ref) (local.get $a))
         (then (return (i32.sub
           (i64.gt_u (struct.get $ref $n (ref.cast (ref $ref) (local.get $a))) (struct.get $ref $n (ref.cast (ref $ref) (local.get $b))))
           (i64.lt_u (struct.get $ref $n (ref.cast (ref $ref) (local.get $a))) (struct.get $ref $n (ref.cast (ref $ref) (local.get $b))))))))
       (if (ref.test (ref $pid) (local.get $a))
         (then (return (call $cmp_u32 (struct.get $pid $num (ref.cast (ref $pid) (local.get $a)))
                                      (struct.get $pid $num (ref.cast (ref $pid) (local.get $b)))))))
       (if (ref.test (ref $port) (local.get $a))
         (then (return (call $cmp_u32 (struct.get $port $num (ref.cast (ref $port) (local.get $a)))
                                      (struct.get $port $num (ref.cast (ref $port) (local.get $b)))))))
       (return (i32.const 0)))
      ;; funs
      (return (call $cmp_funs (ref.cast (ref $fun) (local.get $a)) (ref.cast (ref $fun) (local.get $b)) (local.get $exact))))
     ;; bitstrings
     (return (call $cmp_bins (ref.cast (ref $bin) (local.get $a)) (ref.cast (ref $bin) (local.get $b)))))
    ;; maps
    (return (call $cmp_maps (local.get $a) (local.get $b) (local.get $exact))))
   ;; tuples: by size, then element by element; the last element is a tail call
   (local.set $ta (ref.cast (ref $tuple) (local.get $a)))
   (local.set $tb (ref.cast (ref $tuple) (local.get $b)))
   (local.set $n (array.len (local.get $ta)))
   (local.set $c (call $cmp_u32 (local.get $n) (array.len (local.get $tb))))
   (if (i32.or (local.get $c) (i32.eqz (local.get $n))) (then (return (local.get $c))))
   (local.set $last (i32.sub (local.get $n) (i32.const 1)))
   (block $done
     (loop $next
       (br_if $done (i32.ge_u (local.get $i) (local.get $last)))
       (local.set $x (array.get $tuple (local.get $ta) (local.get $i)))
       (local.set $y (array.get $tuple (local.get $tb) (local.get $i)))
       (if (i32.eqz (ref.eq (local.get $x) (local.get $y)))
         (then
           (local.set $c (call $cmp_terms (local.get $x) (local.get $y) (local.get $exact)))
           (if (local.get $c) (then (return (local.get $c))))))
       (local.set $i (i32.add (local.get $i) (i32.const 1)))
       (br $next)))
   (return_call $cmp_terms (array.get $tuple (local.get $ta) (local.get $last))
                           (array.get $tuple (local.get $tb) (local.get $last)) (local.get $exact)))
  ;; lists: heads in turn, iterating over the tails
  (local.set $ca (ref.cast (ref $cons) (local.get $a)))
  (local.set $cb (ref.cast (ref $cons) (local.get $b)))
  (loop $next
    (local.set $x (struct.get $cons $hd (local.get $ca)))
    (local.set $y (struct.get $cons $hd (local.get $cb)))
    (if (i32.eqz (ref.eq (local.get $x) (local.get $y)))
      (then
        (local.set $c (call $cmp_terms (local.get $x) (local.get $y) (local.get $exact)))
        (if (local.get $c) (then (return (local.get $c))))))
    (local.set $x (struct.get $cons $tl (local.get $ca)))
    (local.set $y (struct.get $cons $tl (local.get $cb)))
    (if (ref.eq (local.get $x) (local.get $y)) (then (return (i32.const 0))))
    (if (i32.and (ref.test (ref $cons) (local.get $x)) (ref.test (ref $cons) (local.get $y)))
      (then
        (local.set $ca (ref.cast (ref $cons) (local.get $x)))
        (local.set $cb (ref.cast (ref $cons) (local.get $y)))
        (br $next))))
  (return_call $cmp_terms (local.get $x) (local.get $y) (local.get $exact)))

;; Whether two terms are equal (`exact`: =:=, else ==).
(func $eq_terms (param $a eqref) (param $b eqref) (param $exact i32) (result i32)
  (local $ta (ref $tuple)) (local $tb (ref $tuple)) (local $n i32) (local $i i32) (local $last i32)
  (local $x eqref) (local $y eqref) (local $ca (ref $cons)) (local $cb (ref $cons))
  (local $ba (ref $bigint)) (local $bb (ref $bigint))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (if (ref.is_null (local.get $a)) (then (return (i32.const 0))))
  (if (ref.is_null (local.get $b)) (then (return (i32.const 0))))
  ;; numbers
  (if (i32.eqz (local.get $exact))
    (then
      (if (call $is_number (local.get $a))
        (then
          (if (i32.eqz (call $is_number (local.get $b))) (then (return (i32.const 0))))
          (return (i32.eqz (call $cmp_num (local.get $a) (local.get $b) (i32.const 0))))))))
  (if (ref.test (ref i31) (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref $tuple) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $tuple) (local.get $b))) (then (return (i32.const 0))))
      (local.set $ta (ref.cast (ref $tuple) (local.get $a)))
      (local.set $tb (ref.cast (ref $tuple) (local.get $b)))
      (local.set $n (array.len (local.get $ta)))
      (if (i32.ne (local.get $n) (array.len (local.get $tb))) (then (return (i32.const 0))))
      (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
      (local.set $last (i32.sub (local.get $n) (i32.const 1)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $last)))
          (local.set $x (array.get $tuple (local.get $ta) (local.get $i)))
          (local.set $y (array.get $tuple (local.get $tb) (local.get $i)))
          (if (i32.eqz (ref.eq (local.get $x) (local.get $y)))
            (then (if (i32.eqz (call $eq_terms (local.get $x) (local.get $y) (local.get $exact)))
              (then (return (i32.const 0))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return_call $eq_terms (array.get $tuple (local.get $ta) (local.get $last))
                             (array.get $tuple (local.get $tb) (local.get $last)) (local.get $exact))))
  (if (ref.test (ref $cons) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $cons) (local.get $b))) (then (return (i32.const 0))))
      (local.set $ca (ref.cast (ref $cons) (local.get $a)))
      (local.set $cb (ref.cast (ref $cons) (local.get $b)))
      (loop $next
        (local.set $x (struct.get $cons $hd (local.get $ca)))
        (local.set $y (struct.get $cons $hd (local.get $cb)))
        (if (i32.eqz (ref.eq (local.get $x) (local.get $y)))
          (then (if (i32.eqz (call $eq_terms (local.get $x) (local.get $y) (local.get $exact)))
            (then (return (i32.const 0))))))
        (local.set $x (struct.get $cons $tl (local.get $ca)))
        (local.set $y (struct.get $cons $tl (local.get $cb)))
        (if (ref.eq (local.get $x) (local.get $y)) (then (return (i32.const 1))))
        (if (i32.and (ref.test (ref $cons) (local.get $x)) (ref.test (ref $cons) (local.get $y)))
          (then
            (local.set $ca (ref.cast (ref $cons) (local.get $x)))
            (local.set $cb (ref.cast (ref $cons) (local.get $y)))
            (br $next))))
      (return_call $eq_terms (local.get $x) (local.get $y) (local.get $exact))))
  (if (ref.test (ref $bin) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $bin) (local.get $b))) (then (return (i32.const 0))))
      (return (call $eq_bins (ref.cast (ref $bin) (local.get $a)) (ref.cast (ref $bin) (local.get $b))))))
  (if (ref.test (ref $atom) (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref $float) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $float) (local.get $b))) (then (return (i32.const 0))))
      (return (f64.eq (struct.get $float $v (ref.cast (ref $float) (local.get $a)))
                      (struct.get $float $v (ref.cast (ref $float) (local.get $b)))))))
  (if (ref.test (ref $int64) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $int64) (local.get $b))) (then (return (i32.const 0))))
      (return (i64.eq (struct.get $int64 $v (ref.cast (ref $int64) (local.get $a)))
                      (struct.get $int64 $v (ref.cast (ref $int64) (local.get $b)))))))
  (if (ref.test (ref $bigint) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $bigint) (local.get $b))) (then (return (i32.const 0))))
      (local.set $ba (ref.cast (ref $bigint) (local.get $a)))
      (local.set $bb (ref.cast (ref $bigint) (local.get $b)))
      (if (i32.ne (struct.get $bigint $neg (local.get $ba)) (struct.get $bigint $neg (local.get $bb)))
        (then (return (i32.const 0))))
      (return (i32.eqz (call $cmp_mag
        (struct.get $bigint $mag (local.get $ba)) (array.len (struct.get $bigint $mag (local.get $ba)))
        (struct.get $bigint $mag (local.get $bb)) (array.len (struct.get $bigint $mag (local.get $bb))))))))
  (if (i32.or (ref.test (ref $fmap) (local.get $a)) (ref.test (ref $hmap) (local.get $a)))
    (then (return (call $eq_maps (local.get $a) (local.get $b) (local.get $exact)))))
  (if (ref.test (ref $fun) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $fun) (local.get $b))) (then (return (i32.const 0))))
      (return (call $eq_funs (ref.cast (ref $fun) (local.get $a)) (ref.cast (ref $fun) (local.get $b)) (local.get $exact)))))
  (if (ref.test (ref $pid) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $pid) (local.get $b))) (then (return (i32.const 0))))
      (return (i32.eq (struct.get $pid $num (ref.cast (ref $pid) (local.get $a)))
                      (struct.get $pid $num (ref.cast (ref $pid) (local.get $b)))))))
  (if (ref.test (ref $port) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $port) (local.get $b))) (then (return (i32.const 0))))
      (return (i32.eq (struct.get $port $num (ref.cast (ref $port) (local.get $a)))
                      (struct.get $port $num (ref.cast (ref $port) (local.get $b)))))))
  (if (ref.test (ref $ref) (local.get $a))
    (then
      (if (i32.eqz (ref.test (ref $ref) (local.get $b))) (then (return (i32.const 0))))
      (return (i64.eq (struct.get $ref $n (ref.cast (ref $ref) (local.get $a)))
                      (struct.get $ref $n (ref.cast (ref $ref) (local.get $b)))))))
  (i32.const 0))

;; ---- the entry points compiled code calls ------------------------------------------------------

;; `A =:= B`.
(func $eq_exact (param $a eqref) (param $b eqref) (result i32)
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (return_call $eq_terms (local.get $a) (local.get $b) (i32.const 1)))

;; `A == B`.
(func $eq (param $a eqref) (param $b eqref) (result i32)
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (return_call $eq_terms (local.get $a) (local.get $b) (i32.const 0)))

;; The standard order: negative, zero or positive (arithmetic mode).
(func $compare (param $a eqref) (param $b eqref) (result i32)
  (return_call $cmp_terms (local.get $a) (local.get $b) (i32.const 0)))

;; The map-key order (exact mode), as erts_internal:cmp_term/2 and flatmap keys use.
(func $cmp_term (param $a eqref) (param $b eqref) (result i32)
  (return_call $cmp_terms (local.get $a) (local.get $b) (i32.const 1)))

;; ---- BIFs -------------------------------------------------------------------------------------

(func $erlang:=:=/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (call $eq_exact (local.get $a) (local.get $b))))

(func $erlang:=/=/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.eqz (call $eq_exact (local.get $a) (local.get $b)))))

(func $erlang:==/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (call $eq (local.get $a) (local.get $b))))

(func $erlang:/=/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.eqz (call $eq (local.get $a) (local.get $b)))))

(func $erlang:</2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.lt_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))))

(func $erlang:>/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.gt_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))))

(func $erlang:=</2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.le_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))))

(func $erlang:>=/2 (param $a eqref) (param $b eqref) (result eqref)
  (call $bool (i32.ge_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))))

;; erlang:max/2 as erlang.erl defines it: `max(A, B) when A < B -> B; max(A, _) -> A`.
(func $erlang:max/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (result eqref) (i32.lt_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))
    (then (local.get $b)) (else (local.get $a))))

;; erlang:min/2 as erlang.erl defines it: `min(A, B) when A > B -> B; min(A, _) -> A`.
(func $erlang:min/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (result eqref) (i32.gt_s (call $compare (local.get $a) (local.get $b)) (i32.const 0))
    (then (local.get $b)) (else (local.get $a))))

;; erts_internal:cmp_term/2: -1, 0 or 1 in the exact order.
(func $erts_internal:cmp_term/2 (param $a eqref) (param $b eqref) (result eqref)
  (ref.i31 (call $cmp_term (local.get $a) (local.get $b))))

(func $erlang:and/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.eqz (i32.and (call $is_boolean (local.get $a)) (call $is_boolean (local.get $b))))
    (then (return (call $fail_badarg))))
  (call $bool (i32.and (ref.eq (local.get $a) (global.get $atom.true)) (ref.eq (local.get $b) (global.get $atom.true)))))

(func $erlang:or/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.eqz (i32.and (call $is_boolean (local.get $a)) (call $is_boolean (local.get $b))))
    (then (return (call $fail_badarg))))
  (call $bool (i32.or (ref.eq (local.get $a) (global.get $atom.true)) (ref.eq (local.get $b) (global.get $atom.true)))))

(func $erlang:xor/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (i32.eqz (i32.and (call $is_boolean (local.get $a)) (call $is_boolean (local.get $b))))
    (then (return (call $fail_badarg))))
  (call $bool (i32.xor (ref.eq (local.get $a) (global.get $atom.true)) (ref.eq (local.get $b) (global.get $atom.true)))))

(func $erlang:not/1 (param $a eqref) (result eqref)
  (if (i32.eqz (call $is_boolean (local.get $a))) (then (return (call $fail_badarg))))
  (call $bool (ref.eq (local.get $a) (global.get $atom.false))))

;; The order of `a` and the small integer `k` (as $compare), for compiled code that compares
;; a term with an integer constant and found it not to be a small integer itself.
(func $compare_small (param $a eqref) (param $k i32) (result i32)
  (call $compare (local.get $a) (ref.i31 (local.get $k))))
