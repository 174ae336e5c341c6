;; fregs.wat — the float registers of compiled code: converting terms into them and
;; checking the results of float arithmetic.

;; fconv: a number as an f64 for the float registers; badarith for anything else.
(func $fconv (param $t eqref) (result f64)
  (local $f eqref)
  (if (ref.test (ref i31) (local.get $t))
    (then (return (f64.convert_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))))))
  (if (ref.test (ref $float) (local.get $t))
    (then (return (struct.get $float $v (ref.cast (ref $float) (local.get $t))))))
  (if (ref.test (ref $int64) (local.get $t))
    (then (return (f64.convert_i64_s (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t)))))))
  (local.set $f (call $erlang:float/1 (local.get $t)))
  (if (ref.test (ref $float) (local.get $f))
    (then (return (struct.get $float $v (ref.cast (ref $float) (local.get $f))))))
  (call $raise_error (global.get $atom.badarith))
  (unreachable))

;; A float operation's result must be finite, else badarith.
(func $fcheck (param $v f64)
  (if (f64.ne (f64.sub (local.get $v) (local.get $v)) (f64.const 0))
    (then (call $raise_error (global.get $atom.badarith)))))

;; The case index for `key` in a select table of sorted (key, case) pairs, or -1.
(func $select_search (param $key i32) (param $tab (ref $limbs)) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $k i32)
  (local.set $hi (i32.shr_u (array.len (local.get $tab)) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $k (array.get $limbs (local.get $tab) (i32.shl (local.get $mid) (i32.const 1))))
      (if (i32.eq (local.get $k) (local.get $key))
        (then (return (array.get $limbs (local.get $tab) (i32.add (i32.shl (local.get $mid) (i32.const 1)) (i32.const 1))))))
      (if (i32.lt_s (local.get $k) (local.get $key))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (i32.const -1))

;; A select table held as a binary literal of little-endian i32s, as the array
;; `$select_search` reads (tables over 10000 elements: engines cap `array.new_fixed`).
(func $limbs_of_bin (param $b (ref $bin)) (result (ref $limbs))
  (local $n i32) (local $i i32) (local $out (ref $limbs)) (local $data (ref $bytes)) (local $off i32)
  (local.set $n (i32.shr_u (struct.get $bin $size (local.get $b)) (i32.const 2)))
  (local.set $data (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $out (array.new $limbs (i32.const 0) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $limbs (local.get $out) (local.get $i)
        (call $bytes_u32le (local.get $data) (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; Whether (a, b, c) is in a table of sorted triples of little-endian i32s, held as a
;; binary literal (a binary, not an array constant: engines cap `array.new_fixed`).
(func $triple_search (param $a i32) (param $b i32) (param $c i32) (param $tab (ref $bin)) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $at i32) (local $d i32) (local $data (ref $bytes))
  (local.set $data (struct.get $bin $data (local.get $tab)))
  (local.set $hi (i32.div_u (struct.get $bin $size (local.get $tab)) (i32.const 12)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $at (i32.add (struct.get $bin $off (local.get $tab)) (i32.mul (local.get $mid) (i32.const 12))))
      (local.set $d (i32.sub (call $bytes_u32le (local.get $data) (local.get $at)) (local.get $a)))
      (if (i32.eqz (local.get $d))
        (then (local.set $d (i32.sub (call $bytes_u32le (local.get $data) (i32.add (local.get $at) (i32.const 4))) (local.get $b)))))
      (if (i32.eqz (local.get $d))
        (then (local.set $d (i32.sub (call $bytes_u32le (local.get $data) (i32.add (local.get $at) (i32.const 8))) (local.get $c)))))
      (if (i32.eqz (local.get $d)) (then (return (i32.const 1))))
      (if (i32.lt_s (local.get $d) (i32.const 0))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (i32.const 0))
