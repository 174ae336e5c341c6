;; testing.wat — exports for the runtime's own test harness (crates/runtime/tests), so the
;; runtime can be exercised before the compiler exists. Not part of the ABI: the compiler
;; may drop these exports.
;;
;; A call passes the ETF of an argument list through linear memory: `test:call(idx, len)`
;; decodes memory[0..len] as a list of arguments, applies BIF number `idx` of the table
;; below, and writes the ETF of {ok, Result} or {error, Reason} back at memory[0..],
;; returning its length (-1 when the result could not be encoded, -2 for a bad argument
;; list). The table's order is mirrored by the harness (tests/common/mod.rs, BIFS).

(table $test_bifs funcref (elem
  ;; arity 1 (indices 0..)
  $erlang:-/1 $erlang:+/1 $erlang:bnot/1 $erlang:abs/1 $erlang:float/1
  $erlang:trunc/1 $erlang:round/1 $erlang:ceil/1 $erlang:floor/1
  $erlang:integer_to_binary/1 $erlang:integer_to_list/1 $erlang:binary_to_integer/1 $erlang:list_to_integer/1
  $erlang:float_to_binary/1 $erlang:float_to_list/1 $erlang:binary_to_float/1 $erlang:list_to_float/1
  $erlang:term_to_binary/1 $erlang:binary_to_term/1
  $math:sqrt/1 $math:exp/1 $math:log/1 $math:log2/1 $math:log10/1 $math:floor/1 $math:ceil/1
  $math:sin/1 $math:cos/1 $math:tan/1 $math:asin/1 $math:acos/1 $math:atan/1
  $math:sinh/1 $math:cosh/1 $math:tanh/1 $math:asinh/1 $math:acosh/1 $math:atanh/1 $math:erf/1 $math:erfc/1
  ;; arity 2 (indices from $test_arity2)
  $erlang:+/2 $erlang:-/2 $erlang:*/2 $erlang://2 $erlang:div/2 $erlang:rem/2
  $erlang:band/2 $erlang:bor/2 $erlang:bxor/2 $erlang:bsl/2 $erlang:bsr/2
  $erlang:integer_to_binary/2 $erlang:integer_to_list/2 $erlang:binary_to_integer/2 $erlang:list_to_integer/2
  $erlang:float_to_binary/2 $erlang:float_to_list/2
  $erlang:term_to_binary/2 $erlang:binary_to_term/2
  $math:pow/2 $math:atan2/2 $math:fmod/2))

(global $test_arity2 i32 (i32.const 40))
(global $test_count i32 (i32.const 62))

(func $test:init (export "test:init")
  (call $atoms_init))

(func $test:count (export "test:count") (result i32)
  (global.get $test_count))

;; Makes sure linear memory holds at least `n` bytes.
(func $test_mem_reserve (param $n i32)
  (local $have i32)
  (local.set $have (i32.shl (memory.size) (i32.const 16)))
  (if (i32.gt_u (local.get $n) (local.get $have))
    (then (drop (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $n) (local.get $have)) (i32.const 0xffff)) (i32.const 16)))))))

(func $test:call (export "test:call") (param $idx i32) (param $len i32) (result i32)
  (local $in (ref $bytes)) (local $i i32) (local $args eqref) (local $a eqref) (local $b eqref) (local $r eqref)
  (local $out eqref) (local $bin (ref $bin)) (local $n i32)
  (local.set $in (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $in) (local.get $i) (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $args (call $erlang:binary_to_term/1 (call $bin_of (local.get $in))))
  (if (call $is_fail (local.get $args)) (then (return (i32.const -2))))
  (if (i32.eqz (ref.test (ref $cons) (local.get $args))) (then (return (i32.const -2))))
  (local.set $a (struct.get $cons $hd (ref.cast (ref $cons) (local.get $args))))
  (local.set $args (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))
  (if (i32.lt_u (local.get $idx) (global.get $test_arity2))
    (then
      (if (i32.eqz (ref.is_null (local.get $args))) (then (return (i32.const -2))))
      (local.set $r (call_indirect $test_bifs (type $fn1) (local.get $a) (local.get $idx))))
    (else
      (if (i32.eqz (ref.test (ref $cons) (local.get $args))) (then (return (i32.const -2))))
      (local.set $b (struct.get $cons $hd (ref.cast (ref $cons) (local.get $args))))
      (if (i32.eqz (ref.is_null (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))) (then (return (i32.const -2))))
      (if (i32.ge_u (local.get $idx) (global.get $test_count)) (then (return (i32.const -2))))
      (local.set $r (call_indirect $test_bifs (type $fn2) (local.get $a) (local.get $b) (local.get $idx)))))
  (if (call $is_fail (local.get $r))
    (then (local.set $r (call $tuple2 (global.get $atom.error) (global.get $fail_reason))))
    (else (local.set $r (call $tuple2 (global.get $atom.ok) (local.get $r)))))
  (local.set $out (call $erlang:term_to_binary/1 (local.get $r)))
  (if (call $is_fail (local.get $out)) (then (return (i32.const -1))))
  (local.set $bin (ref.cast (ref $bin) (local.get $out)))
  (local.set $n (struct.get $bin $size (local.get $bin)))
  (call $test_mem_reserve (local.get $n))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (local.get $i) (array.get_u $bytes (struct.get $bin $data (local.get $bin))
        (i32.add (struct.get $bin $off (local.get $bin)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $n))
