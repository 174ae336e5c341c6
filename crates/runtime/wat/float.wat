;; float.wat — numbers to text and back: float_to_binary/list, binary/list_to_float,
;; integer_to_binary/list, binary/list_to_integer, all computed inside the module.
;;
;; Float formatting follows the VM's three routes (erts bif.c do_float_to_charbuf):
;;   [short]            Ryu's shortest round-trip digits, laid out by OTP's to_chars():
;;                      fixed notation inside an exponent window, else "d.ddde[-]X".
;;                      We find the same digits with exact integer arithmetic: the
;;                      fewest significant digits that land inside the double's rounding
;;                      interval, the closest such (ties to even).
;;   {decimals, N}      sys_double_to_chars_fast: for |f| <= 2^53 and N < 19, double
;;                      arithmetic (floor, scale, C round), else printf "%.*f" (exact,
;;                      ties to even); `compact` strips trailing zeros.
;;   {scientific, N}    printf "%.*e" (exact, ties to even); the 1-arity default is N=20.
;; The VM formats into a 256-byte buffer: results of 256 bytes or more are badarg.
;;
;; Parsing follows sys_chars_to_double: [+-]digits(.|,)digits[(e|E)[+-]digits], nothing
;; else (a NUL byte ends the text, as in C), then strtod: correctly rounded, here by exact
;; integer arithmetic with a fast path for short inputs. Infinite results are badarg.
;;
;; Text results are built as $bin; the *_list BIFs turn them into charlists.

;; ---- small helpers ---------------------------------------------------------------------------

;; A charlist (list of i31 code points) of d[off..off+len].
(func $bytes_to_charlist (param $d (ref $bytes)) (param $off i32) (param $len i32) (result eqref)
  (local $acc eqref) (local $i i32)
  (local.set $i (local.get $len))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons
        (ref.i31 (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
        (local.get $acc)))
      (br $next)))
  (local.get $acc))

(func $bin_to_charlist (param $b (ref $bin)) (result eqref)
  (call $bytes_to_charlist (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b))))

;; The bytes of a proper list of integers 0..255, or null.
(func $charlist_to_bytes (param $l eqref) (result (ref null $bytes))
  (local $n i32) (local $c eqref) (local $d (ref $bytes)) (local $i i32) (local $h eqref)
  (local.set $c (local.get $l))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $c)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $c))) (then (return (ref.null none))))
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $c))))
      (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (ref.null none))))
      (if (i32.gt_u (i31.get_s (ref.cast (ref i31) (local.get $h))) (i32.const 255)) (then (return (ref.null none))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $c (struct.get $cons $tl (ref.cast (ref $cons) (local.get $c))))
      (br $next)))
  (local.set $d (array.new_default $bytes (local.get $n)))
  (local.set $c (local.get $l))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $c)))
      (array.set $bytes (local.get $d) (local.get $i)
        (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $c))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $c (struct.get $cons $tl (ref.cast (ref $cons) (local.get $c))))
      (br $next)))
  (local.get $d))

;; The low bytes of a proper list of integers in the VM's small range (-2^59 .. 2^59-1),
;; or null.
(func $smalls_to_low_bytes (param $l eqref) (result (ref null $bytes))
  (local $n i32) (local $c eqref) (local $d (ref $bytes)) (local $i i32) (local $h eqref) (local $v i64)
  (local.set $c (local.get $l))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $c)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $c))) (then (return (ref.null none))))
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $c))))
      (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $h)) (ref.test (ref $int64) (local.get $h))))
        (then (return (ref.null none))))
      (local.set $v (call $int_i64 (local.get $h)))
      (if (i64.ne (local.get $v) (i64.shr_s (i64.shl (local.get $v) (i64.const 4)) (i64.const 4)))
        (then (return (ref.null none))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $c (struct.get $cons $tl (ref.cast (ref $cons) (local.get $c))))
      (br $next)))
  (local.set $d (array.new_default $bytes (local.get $n)))
  (local.set $c (local.get $l))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $c)))
      (array.set $bytes (local.get $d) (local.get $i)
        (i32.wrap_i64 (call $int_i64 (struct.get $cons $hd (ref.cast (ref $cons) (local.get $c))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $c (struct.get $cons $tl (ref.cast (ref $cons) (local.get $c))))
      (br $next)))
  (local.get $d))

;; The value of an ASCII digit in bases up to 36 (letters either case), or 99.
(func $digit_value (param $c i32) (result i32)
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
    (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (local.set $c (i32.or (local.get $c) (i32.const 0x20)))
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
    (then (return (i32.sub (local.get $c) (i32.const 87)))))
  (i32.const 99))

;; Whether an integer term is odd.
(func $int_is_odd (param $t eqref) (result i32)
  (if (ref.test (ref $bigint) (local.get $t))
    (then (return (i32.and (array.get $limbs (struct.get $bigint $mag (ref.cast (ref $bigint) (local.get $t))) (i32.const 0)) (i32.const 1)))))
  (i32.wrap_i64 (i64.and (call $int_i64 (local.get $t)) (i64.const 1))))

;; ---- integers to text ----------------------------------------------------------------------------

;; The digits of an integer term in `base` (2..36, uppercase letters), with a leading '-'
;; for a negative one.
(func $int_to_text (param $t eqref) (param $base i32) (result (ref $bin))
  (local $v i64) (local $neg i32) (local $buf (ref $bytes)) (local $p i32) (local $d i32)
  (local $x (ref $bigint)) (local $m (ref $limbs)) (local $n i32) (local $chunk i32) (local $k i32) (local $cb i32)
  (local $r i32) (local $j i32) (local $cap i32)
  (if (i32.eqz (ref.test (ref $bigint) (local.get $t)))
    (then
      (local.set $v (call $int_i64 (local.get $t)))
      (local.set $neg (i64.lt_s (local.get $v) (i64.const 0)))
      (local.set $buf (array.new_default $bytes (i32.const 66)))
      (local.set $p (i32.const 66))
      ;; work on the negative value so that i64 min has no overflow
      (if (i32.eqz (local.get $neg)) (then (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
      (loop $next
        (local.set $d (i32.wrap_i64 (i64.sub (i64.const 0) (i64.rem_s (local.get $v) (i64.extend_i32_u (local.get $base))))))
        (local.set $v (i64.div_s (local.get $v) (i64.extend_i32_u (local.get $base))))
        (local.set $p (i32.sub (local.get $p) (i32.const 1)))
        (array.set $bytes (local.get $buf) (local.get $p)
          (i32.add (local.get $d) (select (i32.const 48) (i32.const 55) (i32.lt_u (local.get $d) (i32.const 10)))))
        (br_if $next (i64.ne (local.get $v) (i64.const 0))))
      (if (local.get $neg)
        (then
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (array.set $bytes (local.get $buf) (local.get $p) (i32.const 45))))
      (return (struct.new $bin (local.get $buf) (local.get $p) (i32.sub (i32.const 66) (local.get $p)) (i32.const 0) (ref.null $wcursor)))))
  ;; bignum: peel off chunks of k digits by dividing by base^k (the largest power < 2^32)
  (local.set $x (ref.cast (ref $bigint) (local.get $t)))
  (local.set $n (array.len (struct.get $bigint $mag (local.get $x))))
  (local.set $m (call $mag_slice (struct.get $bigint $mag (local.get $x)) (i32.const 0) (local.get $n)))
  (local.set $cb (local.get $base))
  (local.set $k (i32.const 1))
  (loop $grow
    (if (i64.lt_u (i64.mul (i64.extend_i32_u (local.get $cb)) (i64.extend_i32_u (local.get $base))) (i64.const 0x100000000))
      (then
        (local.set $cb (i32.mul (local.get $cb) (local.get $base)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $grow))))
  ;; chunks needed <= 32n / floor(log2 cb) + 1, and floor(log2 cb) = 31 - clz(cb)
  (local.set $cap (i32.add (i32.mul
    (i32.add (i32.div_u (i32.shl (local.get $n) (i32.const 5)) (i32.sub (i32.const 31) (i32.clz (local.get $cb)))) (i32.const 1))
    (local.get $k)) (i32.const 1)))
  (local.set $buf (array.new_default $bytes (local.get $cap)))
  (local.set $p (local.get $cap))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $r (call $mag_divsmall_inplace (local.get $m) (local.get $n) (local.get $cb)))
      (local.set $n (call $mag_trim (local.get $m) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $cdone
        (loop $cnext
          (br_if $cdone (i32.ge_u (local.get $j) (local.get $k)))
          ;; the last chunk has no leading zeros
          (if (i32.eqz (local.get $n)) (then (br_if $cdone (i32.eqz (local.get $r)))))
          (local.set $d (i32.rem_u (local.get $r) (local.get $base)))
          (local.set $r (i32.div_u (local.get $r) (local.get $base)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (array.set $bytes (local.get $buf) (local.get $p)
            (i32.add (local.get $d) (select (i32.const 48) (i32.const 55) (i32.lt_u (local.get $d) (i32.const 10)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cnext)))
      (br $next)))
  (if (struct.get $bigint $neg (local.get $x))
    (then
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (array.set $bytes (local.get $buf) (local.get $p) (i32.const 45))))
  (struct.new $bin (local.get $buf) (local.get $p) (i32.sub (local.get $cap) (local.get $p)) (i32.const 0) (ref.null $wcursor)))

;; The base argument of the 2-arity BIFs (2..36), or 0.
(func $base_arg (param $b eqref) (result i32)
  (local $v i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $b))) (then (return (i32.const 0))))
  (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $b))))
  (if (i32.gt_u (i32.sub (local.get $v) (i32.const 2)) (i32.const 34)) (then (return (i32.const 0))))
  (local.get $v))

;; erlang:integer_to_binary/2
(func $erlang:integer_to_binary/2 (param $i eqref) (param $b eqref) (result eqref)
  (local $base i32)
  (local.set $base (call $base_arg (local.get $b)))
  (if (i32.or (i32.eqz (local.get $base)) (i32.eqz (call $is_integer (local.get $i))))
    (then (return (call $fail (global.get $atom.badarg)))))
  (call $int_to_text (local.get $i) (local.get $base)))

;; erlang:integer_to_binary/1
(func $erlang:integer_to_binary/1 (param $i eqref) (result eqref)
  (call $erlang:integer_to_binary/2 (local.get $i) (ref.i31 (i32.const 10))))

;; erlang:integer_to_list/2
(func $erlang:integer_to_list/2 (param $i eqref) (param $b eqref) (result eqref)
  (local $r eqref)
  (local.set $r (call $erlang:integer_to_binary/2 (local.get $i) (local.get $b)))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (call $bin_to_charlist (ref.cast (ref $bin) (local.get $r))))

;; erlang:integer_to_list/1
(func $erlang:integer_to_list/1 (param $i eqref) (result eqref)
  (call $erlang:integer_to_list/2 (local.get $i) (ref.i31 (i32.const 10))))

;; ---- text to integers -------------------------------------------------------------------------

;; The integer written in d[off..off+len] in `base`: an optional sign, then one or more
;; digits of the base. Null when the text is not that.
(func $text_to_int (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $base i32) (result eqref)
  (call $text_to_int_signed (local.get $d) (local.get $off) (local.get $len) (local.get $base) (i32.const -1)))

;; $text_to_int with the sign given: `sign` -1 reads an optional sign from the text,
;; 0 positive, 1 negative (no sign character allowed).
(func $text_to_int_signed (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $base i32) (param $sign i32) (result eqref)
  (local $i i32) (local $end i32) (local $neg i32) (local $c i32) (local $v i64) (local $acc (ref $limbs)) (local $n i32)
  (local $k i32) (local $cb i32) (local $chunk i32) (local $j i32) (local $limit i64)
  (local.set $i (local.get $off))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  (if (i32.eqz (local.get $len)) (then (return (ref.null none))))
  (if (i32.ge_s (local.get $sign) (i32.const 0))
    (then (local.set $neg (local.get $sign)))
    (else
      (local.set $c (array.get_u $bytes (local.get $d) (local.get $i)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
        (then
          (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
  (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (ref.null none))))
  ;; validate every digit first
  (local.set $j (local.get $i))
  (block $ok
    (loop $next
      (br_if $ok (i32.ge_u (local.get $j) (local.get $end)))
      (if (i32.ge_u (call $digit_value (array.get_u $bytes (local.get $d) (local.get $j))) (local.get $base))
        (then (return (ref.null none))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  ;; short texts accumulate in an i64 (up to 2^57 for any base, no overflow)
  (if (i32.le_u (i32.sub (local.get $end) (local.get $i)) (i32.const 11))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $v (i64.add (i64.mul (local.get $v) (i64.extend_i32_u (local.get $base)))
            (i64.extend_i32_u (call $digit_value (array.get_u $bytes (local.get $d) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (call $mk_int (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (local.get $neg))))))
  ;; long texts: chunks of k digits, acc = acc * base^k + chunk
  (local.set $cb (local.get $base))
  (local.set $k (i32.const 1))
  (loop $grow
    (if (i64.lt_u (i64.mul (i64.extend_i32_u (local.get $cb)) (i64.extend_i32_u (local.get $base))) (i64.const 0x100000000))
      (then
        (local.set $cb (i32.mul (local.get $cb) (local.get $base)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $grow))))
  ;; limbs needed <= digits * log2(base) / 32 + 2 <= digits * 6 / 32 + 2
  (local.set $acc (array.new_default $limbs
    (i32.add (i32.shr_u (i32.mul (i32.sub (local.get $end) (local.get $i)) (i32.const 6)) (i32.const 5)) (i32.const 2))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $chunk (i32.const 0))
      (local.set $cb (i32.const 1))
      (local.set $j (i32.const 0))
      (block $cdone
        (loop $cnext
          (br_if $cdone (i32.ge_u (local.get $j) (local.get $k)))
          (br_if $cdone (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $chunk (i32.add (i32.mul (local.get $chunk) (local.get $base))
            (call $digit_value (array.get_u $bytes (local.get $d) (local.get $i)))))
          (local.set $cb (i32.mul (local.get $cb) (local.get $base)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cnext)))
      (local.set $n (call $mag_muladd_inplace (local.get $acc) (local.get $n) (local.get $cb) (local.get $chunk)))
      (br $next)))
  (call $big_make (local.get $neg) (local.get $acc) (local.get $n)))

;; erlang:binary_to_integer/2
(func $erlang:binary_to_integer/2 (param $b eqref) (param $base eqref) (result eqref)
  (local $bin (ref $bin)) (local $r eqref) (local $bs i32)
  (local.set $bs (call $base_arg (local.get $base)))
  (if (i32.or (i32.eqz (local.get $bs)) (i32.eqz (ref.test (ref $bin) (local.get $b))))
    (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (if (struct.get $bin $bits (local.get $bin)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $r (call $text_to_int (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin))
    (struct.get $bin $size (local.get $bin)) (local.get $bs)))
  (if (ref.is_null (local.get $r)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.get $r))

;; erlang:binary_to_integer/1
(func $erlang:binary_to_integer/1 (param $b eqref) (result eqref)
  (call $erlang:binary_to_integer/2 (local.get $b) (ref.i31 (i32.const 10))))

;; erlang:list_to_integer/2
(func $erlang:list_to_integer/2 (param $l eqref) (param $base eqref) (result eqref)
  (local $d (ref null $bytes)) (local $r eqref) (local $bs i32) (local $sign i32) (local $h eqref)
  (local.set $bs (call $base_arg (local.get $base)))
  (if (i32.eqz (local.get $bs)) (then (return (call $fail (global.get $atom.badarg)))))
  ;; The VM takes the sign only from an exact '-' or '+' first element, and each digit as
  ;; the low byte of a small integer (erts_list_to_integer).
  (local.set $sign (i32.const 0))
  (if (ref.test (ref $cons) (local.get $l))
    (then
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (i32.or (ref.eq (local.get $h) (ref.i31 (i32.const 45))) (ref.eq (local.get $h) (ref.i31 (i32.const 43))))
        (then
          (local.set $sign (ref.eq (local.get $h) (ref.i31 (i32.const 45))))
          (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))))))
  (local.set $d (call $smalls_to_low_bytes (local.get $l)))
  (if (ref.is_null (local.get $d)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $r (call $text_to_int_signed (ref.as_non_null (local.get $d)) (i32.const 0)
    (array.len (ref.as_non_null (local.get $d))) (local.get $bs) (local.get $sign)))
  (if (ref.is_null (local.get $r)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.get $r))

;; erlang:list_to_integer/1
(func $erlang:list_to_integer/1 (param $l eqref) (result eqref)
  (call $erlang:list_to_integer/2 (local.get $l) (ref.i31 (i32.const 10))))

;; ---- exact decimal scaling ----------------------------------------------------------------------

(global $pow10_cache (mut (ref null $tuple)) (ref.null none))

;; 10^k (k >= 0) as an integer term, cached for k < 1200.
(func $pow10 (param $k i32) (result eqref)
  (local $c (ref $tuple)) (local $v eqref)
  (if (i32.le_u (local.get $k) (i32.const 18))
    (then (return (call $mk_int (call $pow10_i64 (local.get $k))))))
  (if (ref.is_null (global.get $pow10_cache))
    (then (global.set $pow10_cache (array.new $tuple (ref.null none) (i32.const 1200)))))
  (local.set $c (ref.as_non_null (global.get $pow10_cache)))
  (if (i32.lt_u (local.get $k) (i32.const 1200))
    (then
      (local.set $v (array.get $tuple (local.get $c) (local.get $k)))
      (if (i32.eqz (ref.is_null (local.get $v))) (then (return (local.get $v))))))
  ;; 10^k = 10^(k/2) * 10^(k - k/2)
  (local.set $v (call $big_mul (call $pow10 (i32.shr_u (local.get $k) (i32.const 1)))
    (call $pow10 (i32.sub (local.get $k) (i32.shr_u (local.get $k) (i32.const 1))))))
  (if (i32.lt_u (local.get $k) (i32.const 1200))
    (then (array.set $tuple (local.get $c) (local.get $k) (local.get $v))))
  (local.get $v))

;; 10^k for 0 <= k <= 19.
(func $pow10_i64 (param $k i32) (result i64)
  (local $r i64)
  (local.set $r (i64.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $r (i64.mul (local.get $r) (i64.const 10)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $next)))
  (local.get $r))

;; 10^k as a double for 0 <= k <= 22 (exact: every step is an exact product).
(func $pow10_f64 (param $k i32) (result f64)
  (local $r f64)
  (local.set $r (f64.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $r (f64.mul (local.get $r) (f64.const 10)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $next)))
  (local.get $r))

;; The binary significand and exponent of a positive finite double: f = m · 2^e.
(func $f64_decompose (param $f f64) (result i64 i32)
  (local $bits i64) (local $be i32) (local $m i64)
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  (local.set $be (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7ff)))
  (local.set $m (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
  (if (i32.eqz (local.get $be)) (then (return (local.get $m) (i32.const -1074))))
  (i64.or (local.get $m) (i64.const 0x10000000000000))
  (i32.sub (local.get $be) (i32.const 1075)))

;; (num, den) with num/den = x · 2^e2 · 10^s, for an integer term x.
(func $scale_ratio (param $x eqref) (param $e2 i32) (param $s i32) (result eqref eqref)
  (local $num eqref) (local $den eqref)
  (local.set $num (local.get $x))
  (local.set $den (ref.i31 (i32.const 1)))
  (if (i32.gt_s (local.get $e2) (i32.const 0))
    (then (local.set $num (call $big_shift (local.get $num) (i64.extend_i32_s (local.get $e2)))))
    (else (local.set $den (call $big_shift (local.get $den) (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $e2)))))))
  (if (i32.gt_s (local.get $s) (i32.const 0))
    (then (local.set $num (call $big_mul (local.get $num) (call $pow10 (local.get $s)))))
    (else (if (i32.lt_s (local.get $s) (i32.const 0))
      (then (local.set $den (call $big_mul (local.get $den) (call $pow10 (i32.sub (i32.const 0) (local.get $s)))))))))
  (local.get $num) (local.get $den))

;; round(|f| · 10^k), exactly, ties to even (printf's rounding), as an integer term.
(func $scaled_round (param $f f64) (param $k i32) (result eqref)
  (local $m i64) (local $e i32) (local $num eqref) (local $den eqref) (local $q eqref) (local $r eqref) (local $c i32)
  (local.set $f (f64.abs (local.get $f)))
  (if (f64.eq (local.get $f) (f64.const 0)) (then (return (ref.i31 (i32.const 0)))))
  (call $f64_decompose (local.get $f))
  (local.set $e)
  (local.set $m)
  (call $scale_ratio (call $mk_int (local.get $m)) (local.get $e) (local.get $k))
  (local.set $den)
  (local.set $num)
  (call $big_divrem (local.get $num) (local.get $den))
  (local.set $r)
  (local.set $q)
  (local.set $c (call $int_cmp (call $big_shift (local.get $r) (i64.const 1)) (local.get $den)))
  (if (i32.or (i32.gt_s (local.get $c) (i32.const 0))
              (i32.and (i32.eqz (local.get $c)) (call $int_is_odd (local.get $q))))
    (then (local.set $q (call $big_add (local.get $q) (ref.i31 (i32.const 1))))))
  (local.get $q))

;; floor(log10(f)) or one less, for a positive finite double.
(func $log10_estimate (param $f f64) (result i32)
  (local $m i64) (local $e i32)
  (call $f64_decompose (local.get $f))
  (local.set $e)
  (local.set $m)
  (i32.trunc_f64_s (f64.floor (f64.mul
    (f64.convert_i32_s (i32.sub (i32.add (local.get $e) (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $m))))) (i32.const 1)))
    (f64.const 0.30102999566398120)))))

;; ---- scientific: printf "%.*e" -------------------------------------------------------------------

;; A byte buffer being assembled: the global $tb and its length $tb_len.
(global $tb (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $tb_len (mut i32) (i32.const 0))

(func $tb_reset (param $cap i32)
  (if (i32.lt_u (array.len (global.get $tb)) (local.get $cap))
    (then (global.set $tb (array.new_default $bytes (local.get $cap)))))
  (global.set $tb_len (i32.const 0)))

(func $tb_u8 (param $b i32)
  (local $n (ref $bytes))
  (if (i32.ge_u (global.get $tb_len) (array.len (global.get $tb)))
    (then
      (local.set $n (array.new_default $bytes (i32.add (i32.shl (array.len (global.get $tb)) (i32.const 1)) (i32.const 32))))
      (array.copy $bytes $bytes (local.get $n) (i32.const 0) (global.get $tb) (i32.const 0) (global.get $tb_len))
      (global.set $tb (local.get $n))))
  (array.set $bytes (global.get $tb) (global.get $tb_len) (local.get $b))
  (global.set $tb_len (i32.add (global.get $tb_len) (i32.const 1))))

(func $tb_repeat (param $b i32) (param $n i32)
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (call $tb_u8 (local.get $b))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))))

(func $tb_bin (param $s (ref $bin)) (param $from i32) (param $n i32)
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
      (call $tb_u8 (array.get_u $bytes (struct.get $bin $data (local.get $s))
        (i32.add (i32.add (struct.get $bin $off (local.get $s)) (local.get $from)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Appends the decimal digits of a non-negative i32, at least `min` of them.
(func $tb_uint (param $v i32) (param $min i32)
  (local $s (ref $bin))
  (local.set $s (call $int_to_text (ref.i31 (local.get $v)) (i32.const 10)))
  (call $tb_repeat (i32.const 48) (i32.sub (local.get $min) (struct.get $bin $size (local.get $s))))
  (call $tb_bin (local.get $s) (i32.const 0) (struct.get $bin $size (local.get $s))))

(func $tb_take (result (ref $bin))
  (call $bin_copy (global.get $tb) (i32.const 0) (global.get $tb_len)))

;; printf("%.*e", prec, f) for a finite f (a negative prec means 6, as in C).
(func $fmt_scientific (param $f f64) (param $prec i32) (result (ref $bin))
  (local $e i32) (local $d eqref) (local $s (ref $bin)) (local $n i32) (local $sn (ref null $bin))
  (if (i32.lt_s (local.get $prec) (i32.const 0)) (then (local.set $prec (i32.const 6))))
  (call $tb_reset (i32.add (local.get $prec) (i32.const 16)))
  (if (i64.lt_s (i64.reinterpret_f64 (local.get $f)) (i64.const 0)) (then (call $tb_u8 (i32.const 45))))
  (if (f64.eq (local.get $f) (f64.const 0))
    (then
      (local.set $sn (call $int_to_text (ref.i31 (i32.const 0)) (i32.const 10)))
      (local.set $e (i32.const 0)))
    (else
      (local.set $e (call $log10_estimate (f64.abs (local.get $f))))
      (loop $again
        (local.set $d (call $scaled_round (local.get $f) (i32.sub (local.get $prec) (local.get $e))))
        (local.set $sn (call $int_to_text (local.get $d) (i32.const 10)))
        (if (i32.gt_u (struct.get $bin $size (ref.as_non_null (local.get $sn))) (i32.add (local.get $prec) (i32.const 1)))
          (then (local.set $e (i32.add (local.get $e) (i32.const 1))) (br $again))))))
  (local.set $s (ref.as_non_null (local.get $sn)))
  (call $tb_u8 (array.get_u $bytes (struct.get $bin $data (local.get $s)) (struct.get $bin $off (local.get $s))))
  (if (local.get $prec)
    (then
      (call $tb_u8 (i32.const 46))
      (local.set $n (i32.sub (struct.get $bin $size (local.get $s)) (i32.const 1)))
      (call $tb_bin (local.get $s) (i32.const 1) (local.get $n))
      (call $tb_repeat (i32.const 48) (i32.sub (local.get $prec) (local.get $n)))))
  (call $tb_u8 (i32.const 101))
  (call $tb_u8 (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $e) (i32.const 0))))
  (call $tb_uint (select (i32.sub (i32.const 0) (local.get $e)) (local.get $e) (i32.lt_s (local.get $e) (i32.const 0))) (i32.const 2))
  (call $tb_take))

;; ---- fixed: sys_double_to_chars_fast ----------------------------------------------------------

;; C's round(): halves away from zero.
(func $c_round (param $x f64) (result f64)
  (local $t f64)
  (local.set $t (f64.trunc (local.get $x)))
  (if (f64.ge (f64.abs (f64.sub (local.get $x) (local.get $t))) (f64.const 0.5))
    (then (local.set $t (f64.add (local.get $t) (f64.copysign (f64.const 1) (local.get $x))))))
  (local.get $t))

;; float_to_binary(f, [{decimals, dec}] ++ [compact || compact]), or null (badarg).
(func $fmt_fixed (param $f f64) (param $dec i32) (param $compact i32) (result (ref null $bin))
  (local $af f64) (local $neg i32) (local $s (ref $bin)) (local $n i32) (local $intf f64) (local $fracf f64)
  (local $ip i64) (local $fp i64) (local $i i32) (local $p10 f64)
  (if (i32.lt_s (local.get $dec) (i32.const 0)) (then (return (ref.null none))))
  (local.set $neg (i64.lt_s (i64.reinterpret_f64 (local.get $f)) (i64.const 0)))
  (local.set $af (f64.abs (local.get $f)))
  (if (i32.or (f64.gt (local.get $af) (f64.const 0x1p53)) (i32.ge_s (local.get $dec) (i32.const 19)))
    (then
      ;; printf("%.*f"): exact digits, ties to even
      (if (i32.gt_s (local.get $dec) (i32.const 256)) (then (return (ref.null none))))
      (local.set $s (call $int_to_text (call $scaled_round (local.get $af) (local.get $dec)) (i32.const 10)))
      (local.set $n (struct.get $bin $size (local.get $s)))
      (call $tb_reset (i32.add (i32.add (local.get $n) (local.get $dec)) (i32.const 4)))
      (if (local.get $neg) (then (call $tb_u8 (i32.const 45))))
      (if (i32.le_s (local.get $n) (local.get $dec))
        (then
          ;; 0.000ddd
          (call $tb_u8 (i32.const 48))
          (if (local.get $dec) (then (call $tb_u8 (i32.const 46))))
          (call $tb_repeat (i32.const 48) (i32.sub (local.get $dec) (local.get $n)))
          (call $tb_bin (local.get $s) (i32.const 0) (local.get $n)))
        (else
          (call $tb_bin (local.get $s) (i32.const 0) (i32.sub (local.get $n) (local.get $dec)))
          (if (local.get $dec) (then (call $tb_u8 (i32.const 46))))
          (call $tb_bin (local.get $s) (i32.sub (local.get $n) (local.get $dec)) (local.get $dec))))
      ;; the VM checks the length before it strips zeros
      (if (i32.ge_u (global.get $tb_len) (i32.const 256)) (then (return (ref.null none))))
      (if (local.get $compact) (then (call $tb_strip_zeros)))
      (return (call $tb_take))))
  (call $tb_reset (i32.const 48))
  (if (local.get $neg) (then (call $tb_u8 (i32.const 45))))
  (if (local.get $dec)
    (then
      (local.set $p10 (f64.convert_i64_u (call $pow10_i64 (local.get $dec))))
      (local.set $intf (f64.floor (local.get $af)))
      (local.set $fracf (call $c_round (f64.mul (f64.sub (local.get $af) (local.get $intf)) (local.get $p10))))
      (local.set $ip (i64.trunc_f64_u (local.get $intf)))
      (local.set $fp (i64.trunc_f64_u (local.get $fracf)))
      (if (f64.ge (local.get $fracf) (local.get $p10))
        (then
          (local.set $ip (i64.add (local.get $ip) (i64.const 1)))
          (local.set $fp (i64.const 0))))
      (local.set $s (call $int_to_text (call $mk_int (local.get $ip)) (i32.const 10)))
      (call $tb_bin (local.get $s) (i32.const 0) (struct.get $bin $size (local.get $s)))
      (call $tb_u8 (i32.const 46))
      (local.set $s (call $int_to_text (call $mk_int (local.get $fp)) (i32.const 10)))
      (call $tb_repeat (i32.const 48) (i32.sub (local.get $dec) (struct.get $bin $size (local.get $s))))
      (call $tb_bin (local.get $s) (i32.const 0) (struct.get $bin $size (local.get $s)))
      (if (local.get $compact) (then (call $tb_strip_zeros))))
    (else
      (local.set $s (call $int_to_text (call $mk_int (i64.trunc_f64_u (call $c_round (local.get $af)))) (i32.const 10)))
      (call $tb_bin (local.get $s) (i32.const 0) (struct.get $bin $size (local.get $s)))))
  (call $tb_take))

;; find_first_trailing_zero: drops trailing '0's, keeping one after a '.'.
(func $tb_strip_zeros
  (block $done
    (loop $next
      (br_if $done (i32.le_s (global.get $tb_len) (i32.const 0)))
      (br_if $done (i32.ne (array.get_u $bytes (global.get $tb) (i32.sub (global.get $tb_len) (i32.const 1))) (i32.const 48)))
      (global.set $tb_len (i32.sub (global.get $tb_len) (i32.const 1)))
      (br $next)))
  (if (i32.gt_s (global.get $tb_len) (i32.const 0))
    (then
      (if (i32.eq (array.get_u $bytes (global.get $tb) (i32.sub (global.get $tb_len) (i32.const 1))) (i32.const 46))
        (then (global.set $tb_len (i32.add (global.get $tb_len) (i32.const 1))))))))

;; ---- short: the shortest round-trip digits ------------------------------------------------------

;; Whether some integer c has c / 10^s inside the rounding interval of m·2^e2
;; (bounds lo = (4m - 1 - mms)·2^(e2-2), hi = (4m + 2)·2^(e2-2), inclusive when `incl`).
;; Returns 0 none, 1 floor(v·10^s) only, 2 floor+1 only, 3 both; and the floor, and the
;; comparison of the rounding remainder with one half (-1, 0, 1).
(func $short_try (param $m i64) (param $e2 i32) (param $mms i32) (param $incl i32) (param $s i32)
                 (result i32 eqref i32)
  (local $num eqref) (local $den eqref) (local $q eqref) (local $r eqref) (local $lo eqref) (local $hi eqref)
  (local $c i32) (local $ok1 i32) (local $ok2 i32) (local $half i32) (local $qd eqref)
  (call $scale_ratio (call $mk_int (i64.shl (local.get $m) (i64.const 2))) (i32.sub (local.get $e2) (i32.const 2)) (local.get $s))
  (local.set $den)
  (local.set $num)
  (call $big_divrem (local.get $num) (local.get $den))
  (local.set $r)
  (local.set $q)
  (call $scale_ratio (call $mk_int (i64.sub (i64.sub (i64.shl (local.get $m) (i64.const 2)) (i64.const 1)) (i64.extend_i32_u (local.get $mms))))
    (i32.sub (local.get $e2) (i32.const 2)) (local.get $s))
  (drop)
  (local.set $lo)
  (call $scale_ratio (call $mk_int (i64.add (i64.shl (local.get $m) (i64.const 2)) (i64.const 2)))
    (i32.sub (local.get $e2) (i32.const 2)) (local.get $s))
  (drop)
  (local.set $hi)
  (local.set $qd (call $big_mul (local.get $q) (local.get $den)))
  (local.set $c (call $int_cmp (local.get $qd) (local.get $lo)))
  (local.set $ok1 (select (i32.ge_s (local.get $c) (i32.const 0)) (i32.gt_s (local.get $c) (i32.const 0)) (local.get $incl)))
  (local.set $c (call $int_cmp (call $big_add (local.get $qd) (local.get $den)) (local.get $hi)))
  (local.set $ok2 (select (i32.le_s (local.get $c) (i32.const 0)) (i32.lt_s (local.get $c) (i32.const 0)) (local.get $incl)))
  (local.set $half (call $int_cmp (call $big_shift (local.get $r) (i64.const 1)) (local.get $den)))
  (i32.or (local.get $ok1) (i32.shl (local.get $ok2) (i32.const 1)))
  (local.get $q)
  (local.get $half))

;; The shortest decimal D·10^x inside the rounding interval of the positive finite f,
;; the closest such (ties to even), without trailing zeros: (D, x).
(func $shortest (param $f f64) (result i64 i32)
  (local $m i64) (local $e2 i32) (local $mms i32) (local $incl i32) (local $s0 i32) (local $lo i32) (local $hi i32)
  (local $mid i32) (local $which i32) (local $q eqref) (local $half i32) (local $d i64) (local $x i32) (local $bits i64)
  (call $f64_decompose (local.get $f))
  (local.set $e2)
  (local.set $m)
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  ;; integers below 2^53 are exact: their own digits (Ryu's small-integer path)
  (if (i32.and (f64.lt (local.get $f) (f64.const 0x1p53)) (f64.eq (f64.trunc (local.get $f)) (local.get $f)))
    (then
      (local.set $d (i64.trunc_f64_u (local.get $f)))
      (block $done
        (loop $strip
          (br_if $done (i64.ne (i64.rem_u (local.get $d) (i64.const 10)) (i64.const 0)))
          (local.set $d (i64.div_u (local.get $d) (i64.const 10)))
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (br $strip)))
      (return (local.get $d) (local.get $x))))
  ;; the lower gap is half the upper one at a power of two (not for the smallest normals)
  (local.set $mms (i32.or
    (i64.ne (i64.and (local.get $bits) (i64.const 0xfffffffffffff)) (i64.const 0))
    (i64.le_u (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1))))
  (local.set $incl (i64.eqz (i64.and (local.get $m) (i64.const 1))))
  ;; search the smallest scale s (digits after the point) that has a candidate
  (local.set $s0 (i32.sub (i32.const 0) (call $log10_estimate (local.get $f))))
  (local.set $lo (i32.sub (local.get $s0) (i32.const 2)))
  (local.set $hi (i32.add (local.get $s0) (i32.const 17)))
  (block $found
    (loop $search
      (br_if $found (i32.ge_s (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_s (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (call $short_try (local.get $m) (local.get $e2) (local.get $mms) (local.get $incl) (local.get $mid))
      (drop) (drop)
      (if (then (local.set $hi (local.get $mid)))
          (else (local.set $lo (i32.add (local.get $mid) (i32.const 1)))))
      (br $search)))
  (call $short_try (local.get $m) (local.get $e2) (local.get $mms) (local.get $incl) (local.get $lo))
  (local.set $half)
  (local.set $q)
  (local.set $which)
  (local.set $d (call $int_i64 (local.get $q)))
  (if (i32.eq (local.get $which) (i32.const 2)) (then (local.set $d (i64.add (local.get $d) (i64.const 1)))))
  (if (i32.eq (local.get $which) (i32.const 3))
    (then
      (if (i32.or (i32.gt_s (local.get $half) (i32.const 0))
                  (i32.and (i32.eqz (local.get $half)) (i32.wrap_i64 (i64.and (local.get $d) (i64.const 1)))))
        (then (local.set $d (i64.add (local.get $d) (i64.const 1)))))))
  (local.set $x (i32.sub (i32.const 0) (local.get $lo)))
  (block $done
    (loop $strip
      (br_if $done (i64.ne (i64.rem_u (local.get $d) (i64.const 10)) (i64.const 0)))
      (local.set $d (i64.div_u (local.get $d) (i64.const 10)))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br $strip)))
  (local.get $d) (local.get $x))

;; float_to_binary(f, [short]): OTP's to_chars() layout of the shortest digits.
(func $fmt_short (param $f f64) (result (ref $bin))
  (local $d i64) (local $x i32) (local $s (ref $bin)) (local $ol i32) (local $sci i32) (local $lower i32) (local $upper i32)
  (local $fixed i32) (local $whole i32)
  (call $tb_reset (i32.const 32))
  (if (i64.lt_s (i64.reinterpret_f64 (local.get $f)) (i64.const 0)) (then (call $tb_u8 (i32.const 45))))
  (if (f64.eq (local.get $f) (f64.const 0))
    (then (call $tb_u8 (i32.const 48)) (call $tb_u8 (i32.const 46)) (call $tb_u8 (i32.const 48)) (return (call $tb_take))))
  (call $shortest (f64.abs (local.get $f)))
  (local.set $x)
  (local.set $d)
  (local.set $s (call $int_to_text (call $mk_int (local.get $d)) (i32.const 10)))
  (local.set $ol (struct.get $bin $size (local.get $s)))
  (local.set $sci (i32.sub (i32.add (local.get $x) (local.get $ol)) (i32.const 1)))
  (if (i32.eq (local.get $ol) (i32.const 1))
    (then (local.set $lower (i32.const -4)) (local.set $upper (i32.const 2)))
    (else (if (i32.ge_s (local.get $sci) (i32.const 10))
      (then (local.set $lower (i32.sub (i32.const -2) (local.get $ol))) (local.set $upper (i32.const 2)))
      (else (local.set $lower (i32.sub (i32.const -2) (local.get $ol))) (local.set $upper (i32.const 1))))))
  (if (i32.and (i32.le_s (local.get $lower) (local.get $x)) (i32.le_s (local.get $x) (local.get $upper)))
    (then
      (local.set $fixed (i32.const 1))
      ;; the +-2^53 edges print in scientific notation
      (if (i32.or (i32.or
            (i32.and (i64.ge_u (local.get $d) (i64.const 0x20000000000000)) (i32.eqz (local.get $x)))
            (i32.and (i64.gt_u (local.get $d) (i64.div_u (i64.const 0x10000000000000) (i64.const 5))) (i32.eq (local.get $x) (i32.const 1))))
            (i32.and (i64.gt_u (local.get $d) (i64.div_u (i64.const 0x8000000000000) (i64.const 25))) (i32.eq (local.get $x) (i32.const 2))))
        (then (local.set $fixed (i32.const 0))))))
  (if (local.get $fixed)
    (then
      (local.set $whole (i32.add (local.get $ol) (local.get $x)))
      (if (i32.ge_s (local.get $x) (i32.const 0))
        (then
          ;; 17290.0
          (call $tb_bin (local.get $s) (i32.const 0) (local.get $ol))
          (call $tb_repeat (i32.const 48) (local.get $x))
          (call $tb_u8 (i32.const 46))
          (call $tb_u8 (i32.const 48)))
        (else (if (i32.gt_s (local.get $whole) (i32.const 0))
          (then
            ;; 17.29
            (call $tb_bin (local.get $s) (i32.const 0) (local.get $whole))
            (call $tb_u8 (i32.const 46))
            (call $tb_bin (local.get $s) (local.get $whole) (i32.sub (local.get $ol) (local.get $whole))))
          (else
            ;; 0.001729
            (call $tb_u8 (i32.const 48))
            (call $tb_u8 (i32.const 46))
            (call $tb_repeat (i32.const 48) (i32.sub (i32.const 0) (local.get $whole)))
            (call $tb_bin (local.get $s) (i32.const 0) (local.get $ol))))))
      (return (call $tb_take))))
  ;; d.ddde[-]X, with ".0" for a single digit
  (call $tb_bin (local.get $s) (i32.const 0) (i32.const 1))
  (call $tb_u8 (i32.const 46))
  (if (i32.eq (local.get $ol) (i32.const 1))
    (then (call $tb_u8 (i32.const 48)))
    (else (call $tb_bin (local.get $s) (i32.const 1) (i32.sub (local.get $ol) (i32.const 1)))))
  (call $tb_u8 (i32.const 101))
  (if (i32.lt_s (local.get $sci) (i32.const 0))
    (then (call $tb_u8 (i32.const 45)) (local.set $sci (i32.sub (i32.const 0) (local.get $sci)))))
  (call $tb_uint (local.get $sci) (i32.const 1))
  (call $tb_take))

;; ---- float_to_binary / float_to_list -------------------------------------------------------------

;; The text of float_to_binary(f, opts), or $FAIL (badarg).
(func $float_to_text (param $t eqref) (param $opts eqref) (result eqref)
  (local $f f64) (local $fmt i32) (local $dec i32) (local $compact i32) (local $o eqref) (local $tup (ref $tuple))
  (local $r (ref null $bin))
  ;; fmt: 0 legacy ({scientific, 20}), 1 short, 2 decimals, 3 scientific
  (local.set $dec (i32.const 20))
  (if (i32.eqz (ref.test (ref $float) (local.get $t))) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $f (struct.get $float $v (ref.cast (ref $float) (local.get $t))))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $opts)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $opts))) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
      (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
      (if (ref.eq (local.get $o) (global.get $atom.compact)) (then (local.set $compact (i32.const 1)) (br $next)))
      (if (ref.eq (local.get $o) (global.get $atom.short)) (then (local.set $fmt (i32.const 1)) (br $next)))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $tup (ref.cast (ref $tuple) (local.get $o)))
      (if (i32.ne (array.len (local.get $tup)) (i32.const 2)) (then (return (call $fail (global.get $atom.badarg)))))
      (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $tup) (i32.const 1))))
        (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $dec (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 1)))))
      (if (ref.eq (array.get $tuple (local.get $tup) (i32.const 0)) (global.get $atom.decimals))
        (then (local.set $fmt (i32.const 2)) (br $next)))
      (if (ref.eq (array.get $tuple (local.get $tup) (i32.const 0)) (global.get $atom.scientific))
        (then (local.set $fmt (i32.const 3)) (br $next)))
      (return (call $fail (global.get $atom.badarg)))))
  (if (i32.eq (local.get $fmt) (i32.const 1)) (then (return (call $fmt_short (local.get $f)))))
  (if (i32.eq (local.get $fmt) (i32.const 2))
    (then
      (local.set $r (call $fmt_fixed (local.get $f) (local.get $dec) (local.get $compact)))
      (if (ref.is_null (local.get $r)) (then (return (call $fail (global.get $atom.badarg)))))
      (return (local.get $r))))
  ;; scientific: the output must fit the VM's 256-byte buffer
  (if (i32.gt_s (local.get $dec) (i32.const 260)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $r (call $fmt_scientific (local.get $f) (local.get $dec)))
  (if (i32.ge_u (struct.get $bin $size (ref.as_non_null (local.get $r))) (i32.const 256))
    (then (return (call $fail (global.get $atom.badarg)))))
  (local.get $r))

;; erlang:float_to_binary/2
(func $erlang:float_to_binary/2 (param $f eqref) (param $opts eqref) (result eqref)
  (call $float_to_text (local.get $f) (local.get $opts)))

;; erlang:float_to_binary/1
(func $erlang:float_to_binary/1 (param $f eqref) (result eqref)
  (call $float_to_text (local.get $f) (ref.null none)))

;; erlang:float_to_list/2
(func $erlang:float_to_list/2 (param $f eqref) (param $opts eqref) (result eqref)
  (local $r eqref)
  (local.set $r (call $float_to_text (local.get $f) (local.get $opts)))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (call $bin_to_charlist (ref.cast (ref $bin) (local.get $r))))

;; erlang:float_to_list/1
(func $erlang:float_to_list/1 (param $f eqref) (result eqref)
  (call $erlang:float_to_list/2 (local.get $f) (ref.null none)))

;; ---- text to floats ------------------------------------------------------------------------------

;; A double x·2^n computed exactly when the result is representable (x an integer-valued
;; double, the scaling split so that no intermediate step rounds).
(func $ldexp (param $x f64) (param $n i32) (result f64)
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 1000)))
      (local.set $x (f64.mul (local.get $x) (f64.const 0x1p1000)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1000)))
      (br $next)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_s (local.get $n) (i32.const -1000)))
      (local.set $x (f64.mul (local.get $x) (f64.const 0x1p-1000)))
      (local.set $n (i32.add (local.get $n) (i32.const 1000)))
      (br $next)))
  (f64.mul (local.get $x) (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $n) (i32.const 1023))) (i64.const 52)))))

;; num/den (positive integer terms) correctly rounded to a double (ties to even),
;; subnormals included; +inf beyond the range.
(func $ratio_to_f64 (param $num eqref) (param $den eqref) (result f64)
  (local $bn i32) (local $bd i32) (local $k i32) (local $q eqref) (local $r eqref) (local $qv i64) (local $sticky i32)
  (local $qbits i32) (local $e i32) (local $shift i32) (local $mant i64) (local $rem i64) (local $half i64)
  (local.set $bn (call $mag_bitlen (struct.get $bigint $mag (call $to_big (local.get $num)))
    (array.len (struct.get $bigint $mag (call $to_big (local.get $num))))))
  (local.set $bd (call $mag_bitlen (struct.get $bigint $mag (call $to_big (local.get $den)))
    (array.len (struct.get $bigint $mag (call $to_big (local.get $den))))))
  ;; scale so that the quotient has 55 or 56 bits
  (local.set $k (i32.add (i32.sub (local.get $bd) (local.get $bn)) (i32.const 55)))
  (if (i32.ge_s (local.get $k) (i32.const 0))
    (then (local.set $num (call $big_shift (local.get $num) (i64.extend_i32_s (local.get $k)))))
    (else (local.set $den (call $big_shift (local.get $den) (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $k)))))))
  (call $big_divrem (local.get $num) (local.get $den))
  (local.set $r)
  (local.set $q)
  (local.set $qv (call $int_i64 (local.get $q)))
  (local.set $sticky (i32.eqz (ref.eq (local.get $r) (ref.i31 (i32.const 0)))))
  ;; value = (qv + frac) · 2^-k
  (local.set $qbits (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $qv)))))
  (local.set $e (i32.sub (i32.sub (local.get $qbits) (i32.const 1)) (local.get $k)))
  (if (i32.gt_s (local.get $e) (i32.const 1023)) (then (return (f64.const inf))))
  (local.set $shift (i32.sub (local.get $qbits) (i32.const 53)))
  (if (i32.lt_s (local.get $e) (i32.const -1022))
    (then (local.set $shift (i32.add (local.get $shift) (i32.sub (i32.const -1022) (local.get $e))))))
  (if (i32.gt_s (local.get $shift) (i32.const 63))
    (then
      ;; far below the smallest subnormal's half
      (return (f64.const 0))))
  (local.set $mant (i64.shr_u (local.get $qv) (i64.extend_i32_u (local.get $shift))))
  (local.set $rem (i64.and (local.get $qv) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $shift))) (i64.const 1))))
  (local.set $half (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (local.get $shift) (i32.const 1)))))
  (if (i32.or (i64.gt_u (local.get $rem) (local.get $half))
        (i32.and (i64.eq (local.get $rem) (local.get $half))
          (i32.or (local.get $sticky) (i32.wrap_i64 (i64.and (local.get $mant) (i64.const 1))))))
    (then (local.set $mant (i64.add (local.get $mant) (i64.const 1)))))
  (call $ldexp (f64.convert_i64_u (local.get $mant)) (i32.sub (local.get $shift) (local.get $k))))

;; The double nearest to digits·10^exp10 (digits an integer term ≥ 0).
(func $decimal_to_f64 (param $digits eqref) (param $nd i32) (param $exp10 i32) (result f64)
  (local $v i64)
  (if (ref.eq (local.get $digits) (ref.i31 (i32.const 0))) (then (return (f64.const 0))))
  ;; exact fast path: both the digits and the power of ten are exact doubles
  (if (i32.eqz (ref.test (ref $bigint) (local.get $digits)))
    (then
      (local.set $v (call $int_i64 (local.get $digits)))
      (if (i32.and (i64.lt_u (local.get $v) (i64.const 0x20000000000000))
                   (i32.le_u (i32.add (local.get $exp10) (i32.const 22)) (i32.const 44)))
        (then
          (if (i32.ge_s (local.get $exp10) (i32.const 0))
            (then (return (f64.mul (f64.convert_i64_u (local.get $v)) (call $pow10_f64 (local.get $exp10))))))
          (return (f64.div (f64.convert_i64_u (local.get $v))
            (call $pow10_f64 (i32.sub (i32.const 0) (local.get $exp10)))))))))
  ;; out of range either way
  (if (i32.gt_s (i32.add (local.get $exp10) (local.get $nd)) (i32.const 310)) (then (return (f64.const inf))))
  (if (i32.lt_s (i32.add (local.get $exp10) (local.get $nd)) (i32.const -330)) (then (return (f64.const 0))))
  (if (i32.ge_s (local.get $exp10) (i32.const 0))
    (then (return (call $ratio_to_f64 (call $big_mul (local.get $digits) (call $pow10 (local.get $exp10))) (ref.i31 (i32.const 1))))))
  (call $ratio_to_f64 (local.get $digits) (call $pow10 (i32.sub (i32.const 0) (local.get $exp10)))))

;; Parses d[off..off+len] as [+-]digits[(.|,)digits][(e|E)[+-]digits]; `strict` requires
;; the fraction. Returns the float, or null when the syntax is wrong or the value is not
;; finite. A NUL byte ends the text, as in C.
(func $parse_float (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $strict i32) (result eqref)
  (local $i i32) (local $end i32) (local $c i32) (local $neg i32) (local $acc (ref $limbs)) (local $n i32)
  (local $nd i32) (local $exp10 i32) (local $eneg i32) (local $ev i32) (local $start i32) (local $f f64) (local $j i32)
  (local $chunk i32) (local $cm i32) (local $k i32) (local $sig i32) (local $fracdigits i32)
  (local.set $i (local.get $off))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  ;; a NUL ends the string
  (local.set $j (local.get $off))
  (block $nul
    (loop $scan
      (br_if $nul (i32.ge_u (local.get $j) (local.get $end)))
      (if (i32.eqz (array.get_u $bytes (local.get $d) (local.get $j))) (then (local.set $end (local.get $j)) (br $nul)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $scan)))
  (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (ref.null none))))
  (local.set $c (array.get_u $bytes (local.get $d) (local.get $i)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
    (then
      (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))))
  ;; the digits go to the accumulator ($pf_digit)
  (local.set $start (local.get $i))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $c (i32.sub (array.get_u $bytes (local.get $d) (local.get $i)) (i32.const 48)))
      (br_if $done (i32.gt_u (local.get $c) (i32.const 9)))
      (call $pf_digit (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.eq (local.get $i) (local.get $start)) (then (return (ref.null none))))
  (if (i32.lt_u (local.get $i) (local.get $end))
    (then
      (local.set $c (array.get_u $bytes (local.get $d) (local.get $i)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (local.get $c) (i32.const 44)))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $start (local.get $i))
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
              (local.set $c (i32.sub (array.get_u $bytes (local.get $d) (local.get $i)) (i32.const 48)))
              (br_if $done (i32.gt_u (local.get $c) (i32.const 9)))
              (call $pf_digit (local.get $c))
              (global.set $pf_frac (i32.add (global.get $pf_frac) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
          (if (i32.eq (local.get $i) (local.get $start)) (then (return (ref.null none)))))
        (else (if (local.get $strict) (then (return (ref.null none)))))))
    (else (if (local.get $strict) (then (return (ref.null none))))))
  (if (i32.lt_u (local.get $i) (local.get $end))
    (then
      (local.set $c (i32.or (array.get_u $bytes (local.get $d) (local.get $i)) (i32.const 0x20)))
      (if (i32.ne (local.get $c) (i32.const 101)) (then (return (ref.null none))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.lt_u (local.get $i) (local.get $end))
        (then
          (local.set $c (array.get_u $bytes (local.get $d) (local.get $i)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
            (then
              (local.set $eneg (i32.eq (local.get $c) (i32.const 45)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
      (local.set $start (local.get $i))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $c (i32.sub (array.get_u $bytes (local.get $d) (local.get $i)) (i32.const 48)))
          (br_if $done (i32.gt_u (local.get $c) (i32.const 9)))
          ;; saturate: anything past 10^8 is out of range anyway
          (if (i32.lt_s (local.get $ev) (i32.const 100000000))
            (then (local.set $ev (i32.add (i32.mul (local.get $ev) (i32.const 10)) (local.get $c)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (if (i32.eq (local.get $i) (local.get $start)) (then (return (ref.null none))))))
  (if (i32.ne (local.get $i) (local.get $end)) (then (return (ref.null none))))
  (local.set $exp10 (i32.sub
    (i32.add (select (i32.sub (i32.const 0) (local.get $ev)) (local.get $ev) (local.get $eneg)) (global.get $pf_dropped))
    (global.get $pf_frac)))
  (local.set $f (call $decimal_to_f64 (call $pf_finish) (global.get $pf_nd) (local.get $exp10)))
  (if (i32.eqz (call $f64_finite (local.get $f))) (then (return (ref.null none))))
  (struct.new $float (select (f64.neg (local.get $f)) (local.get $f) (local.get $neg))))

;; The digit accumulator of $parse_float: significant digits (leading zeros skipped) go
;; into $pf_acc, 9 at a time; past 800 significant digits only a sticky nonzero digit is
;; kept, which is enough to round correctly.
(global $pf_acc (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $pf_n (mut i32) (i32.const 0))
(global $pf_chunk (mut i32) (i32.const 0))
(global $pf_cm (mut i32) (i32.const 1))
(global $pf_nd (mut i32) (i32.const 0))
(global $pf_frac (mut i32) (i32.const 0))
(global $pf_dropped (mut i32) (i32.const 0))
(global $pf_sticky (mut i32) (i32.const 0))

(func $pf_reset
  (if (i32.lt_u (array.len (global.get $pf_acc)) (i32.const 96))
    (then (global.set $pf_acc (array.new_default $limbs (i32.const 96)))))
  (array.fill $limbs (global.get $pf_acc) (i32.const 0) (i32.const 0) (array.len (global.get $pf_acc)))
  (global.set $pf_n (i32.const 0))
  (global.set $pf_chunk (i32.const 0))
  (global.set $pf_cm (i32.const 1))
  (global.set $pf_nd (i32.const 0))
  (global.set $pf_frac (i32.const 0))
  (global.set $pf_dropped (i32.const 0))
  (global.set $pf_sticky (i32.const 0)))

(func $pf_digit (param $c i32)
  (if (i32.and (i32.eqz (global.get $pf_nd)) (i32.eqz (local.get $c))) (then (return)))
  (if (i32.ge_u (global.get $pf_nd) (i32.const 800))
    (then
      ;; beyond the precision that matters: count it, remember whether it was nonzero
      (global.set $pf_dropped (i32.add (global.get $pf_dropped) (i32.const 1)))
      (if (local.get $c) (then (global.set $pf_sticky (i32.const 1))))
      (return)))
  (global.set $pf_nd (i32.add (global.get $pf_nd) (i32.const 1)))
  (global.set $pf_chunk (i32.add (i32.mul (global.get $pf_chunk) (i32.const 10)) (local.get $c)))
  (global.set $pf_cm (i32.mul (global.get $pf_cm) (i32.const 10)))
  (if (i32.eq (global.get $pf_cm) (i32.const 1000000000))
    (then
      (global.set $pf_n (call $mag_muladd_inplace (global.get $pf_acc) (global.get $pf_n) (global.get $pf_cm) (global.get $pf_chunk)))
      (global.set $pf_chunk (i32.const 0))
      (global.set $pf_cm (i32.const 1)))))

;; The accumulated significand as an integer term (a dropped nonzero tail becomes one
;; more low digit 1, which rounds the same way).
(func $pf_finish (result eqref)
  (if (i32.gt_u (global.get $pf_cm) (i32.const 1))
    (then
      (global.set $pf_n (call $mag_muladd_inplace (global.get $pf_acc) (global.get $pf_n) (global.get $pf_cm) (global.get $pf_chunk)))
      (global.set $pf_chunk (i32.const 0))
      (global.set $pf_cm (i32.const 1))))
  (if (global.get $pf_sticky)
    (then
      (global.set $pf_n (call $mag_muladd_inplace (global.get $pf_acc) (global.get $pf_n) (i32.const 10) (i32.const 1)))
      (global.set $pf_dropped (i32.sub (global.get $pf_dropped) (i32.const 1)))
      (global.set $pf_nd (i32.add (global.get $pf_nd) (i32.const 1)))))
  (call $big_make (i32.const 0) (call $mag_slice (global.get $pf_acc) (i32.const 0) (global.get $pf_n)) (global.get $pf_n)))

;; The strict syntax of binary_to_float and list_to_float.
(func $parse_float_strict (param $d (ref $bytes)) (param $off i32) (param $len i32) (result eqref)
  (call $pf_reset)
  (call $parse_float (local.get $d) (local.get $off) (local.get $len) (i32.const 1)))

;; A lenient parse (the fraction optional), for FLOAT_EXT.
(func $parse_float_lenient (param $d (ref $bytes)) (param $off i32) (param $len i32) (result eqref)
  (call $pf_reset)
  (call $parse_float (local.get $d) (local.get $off) (local.get $len) (i32.const 0)))

;; erlang:binary_to_float/1
(func $erlang:binary_to_float/1 (param $b eqref) (result eqref)
  (local $bin (ref $bin)) (local $r eqref)
  (if (i32.eqz (ref.test (ref $bin) (local.get $b))) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (if (struct.get $bin $bits (local.get $bin)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $r (call $parse_float_strict (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin))
    (struct.get $bin $size (local.get $bin))))
  (if (ref.is_null (local.get $r)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.get $r))

;; erlang:list_to_float/1
(func $erlang:list_to_float/1 (param $l eqref) (result eqref)
  (local $d (ref null $bytes)) (local $r eqref)
  (local.set $d (call $charlist_to_bytes (local.get $l)))
  (if (ref.is_null (local.get $d)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $r (call $parse_float_strict (ref.as_non_null (local.get $d)) (i32.const 0) (array.len (ref.as_non_null (local.get $d)))))
  (if (ref.is_null (local.get $r)) (then (return (call $fail (global.get $atom.badarg)))))
  (local.get $r))

;; ---- string:list_to_float/1, string:list_to_integer/1 ----------------------------------------
;; The longest prefix of a charlist that is a float ([+-]digits(.|,)digits, then
;; (e|E)[+-]digits if complete) or an integer ([+-]digits), and the rest of the list from
;; there (any tail, proper or not). {error, no_float | no_integer} when there is no such
;; prefix or the float is not finite; {error, not_a_list} when the argument is neither a
;; cons nor [].

;; The code point at the head of `l`, or -1 when `l` is not a cons of a small integer.
(func $lc_char (param $l eqref) (result i32)
  (local $h eqref)
  (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (i32.const -1))))
  (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
  (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (i32.const -1))))
  (i31.get_s (ref.cast (ref i31) (local.get $h))))

(func $lc_tail (param $l eqref) (result eqref)
  (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))

(func $is_dec_digit (param $c i32) (result i32)
  (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))

;; Appends the digits at the head of *l to the text buffer; returns how many and the rest.
(func $lc_digits (param $l eqref) (result i32 eqref)
  (local $n i32)
  (loop $more
    (if (call $is_dec_digit (call $lc_char (local.get $l)))
      (then
        (call $tb_u8 (call $lc_char (local.get $l)))
        (local.set $l (call $lc_tail (local.get $l)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $more))))
  (local.get $n) (local.get $l))

;; Appends an optional sign at the head of l; returns the rest.
(func $lc_sign (param $l eqref) (result eqref)
  (local $c i32)
  (local.set $c (call $lc_char (local.get $l)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
    (then (call $tb_u8 (local.get $c)) (return (call $lc_tail (local.get $l)))))
  (local.get $l))

(func $string:list_to_float/1 (param $l eqref) (result eqref)
  (local $n i32) (local $c i32) (local $len i32) (local $rest eqref) (local $r eqref) (local $t (ref $bin))
  (if (i32.eqz (i32.or (ref.is_null (local.get $l)) (ref.test (ref $cons) (local.get $l))))
    (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.not_a_list)))))
  (call $tb_reset (i32.const 32))
  (local.set $l (call $lc_sign (local.get $l)))
  (call $lc_digits (local.get $l)) (local.set $l) (local.set $n)
  (block $no
    (br_if $no (i32.eqz (local.get $n)))
    (local.set $c (call $lc_char (local.get $l)))
    (br_if $no (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (local.get $c) (i32.const 44)))))
    (call $tb_u8 (local.get $c))
    (call $lc_digits (call $lc_tail (local.get $l))) (local.set $l) (local.set $n)
    (br_if $no (i32.eqz (local.get $n)))
    (local.set $len (global.get $tb_len))
    (local.set $rest (local.get $l))
    (local.set $c (call $lc_char (local.get $l)))
    (if (i32.or (i32.eq (local.get $c) (i32.const 101)) (i32.eq (local.get $c) (i32.const 69)))
      (then
        (call $tb_u8 (local.get $c))
        (call $lc_digits (call $lc_sign (call $lc_tail (local.get $l)))) (local.set $l) (local.set $n)
        (if (local.get $n)
          (then (local.set $len (global.get $tb_len)) (local.set $rest (local.get $l))))))
    (local.set $r (call $parse_float_strict (global.get $tb) (i32.const 0) (local.get $len)))
    (br_if $no (ref.is_null (local.get $r)))
    (return (call $tuple2 (local.get $r) (local.get $rest))))
  (call $tuple2 (global.get $atom.error) (global.get $atom.no_float)))

(func $string:list_to_integer/1 (param $l eqref) (result eqref)
  (local $n i32) (local $r eqref)
  (if (i32.eqz (i32.or (ref.is_null (local.get $l)) (ref.test (ref $cons) (local.get $l))))
    (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.not_a_list)))))
  (call $tb_reset (i32.const 32))
  (local.set $l (call $lc_sign (local.get $l)))
  (call $lc_digits (local.get $l)) (local.set $l) (local.set $n)
  (if (i32.eqz (local.get $n))
    (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.no_integer)))))
  (local.set $r (call $text_to_int (global.get $tb) (i32.const 0) (global.get $tb_len) (i32.const 10)))
  (call $tuple2 (local.get $r) (local.get $l)))
