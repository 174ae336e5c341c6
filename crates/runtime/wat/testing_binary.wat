;; testing_binary.wat — test exports for bits.wat, binary.wat and unicode.wat (their tests:
;; crates/runtime/tests/binary_*.rs, bit_syntax_*.rs, unicode_*.rs). Not part of the ABI.
;;
;; `test:bcall(idx, len)` works as testing.wat's `test:call`: memory[0..len] holds the ETF
;; of an argument list; function number `idx` of the table below is applied and the ETF of
;; {ok, Result} or {error, Reason} is written back (-1: unencodable result, -2: bad
;; argument list). The `tb_*` functions drive the bit-syntax entry points the way compiled
;; code does (crates/compiler/src/lower/binary.rs), from segment descriptions:
;;
;;   construction: {integer, V, Size, Unit, Flags} | {float, V, Size, Unit, Flags}
;;                 | {binary, V, Size | all, Unit} | {utf8, V} | {utf16, V, Flags}
;;                 | {utf32, V, Flags} | {string, Bin}
;;   matching:     {integer, Size, Unit, Flags} | {float, Size, Unit, Flags}
;;                 | {binary, Size | all, Unit} | {skip, Size | all, Unit} | {utf8}
;;                 | {utf16, Flags} | {utf32, Flags} | {string, Bin} | {tail, Bits}
;;                 | {unit, Unit}

(table $test_bfuns funcref (elem
  ;; arity 1 (0..)
  $erlang:byte_size/1 $erlang:bit_size/1 $erlang:list_to_binary/1 $erlang:binary_to_list/1
  $erlang:iolist_to_binary/1 $erlang:iolist_size/1 $erlang:iolist_to_iovec/1 $erlang:list_to_bitstring/1
  $erlang:bitstring_to_list/1 $erlang:is_binary/1 $erlang:is_bitstring/1 $binary:copy/1
  $binary:first/1 $binary:last/1 $binary:list_to_bin/1 $binary:decode_unsigned/1
  $binary:encode_unsigned/1 $binary:longest_common_prefix/1 $binary:longest_common_suffix/1
  $binary:referenced_byte_size/1 $unicode:bin_is_7bit/1 $tb_build $tb_utf8_size $tb_utf16_size
  $tb_loop $tb_copied $tb_writable
  ;; arity 2 (27..)
  $erlang:binary_part/2 $erlang:split_binary/2 $binary:part/2 $binary:copy/2 $binary:at/2
  $binary:decode_unsigned/2 $binary:encode_unsigned/2 $binary:match/2 $binary:matches/2
  $binary:split/2 $unicode:characters_to_binary/2 $unicode:characters_to_list/2 $tb_match
  ;; arity 3 (40..)
  $erlang:binary_part/3 $erlang:binary_to_list/3 $binary:part/3 $binary:match/3 $binary:matches/3
  $binary:split/3 $tb_append $tb_add $tb_fork $tb_cp_match $tb_cp_matches $tb_cp_split))

(global $test_b_arity2 i32 (i32.const 27))
(global $test_b_arity3 i32 (i32.const 40))
(global $test_b_count i32 (i32.const 52))

;; The number of functions in the table.
(func $test:bcount (export "test:bcount") (result i32) (global.get $test_b_count))

;; Applies function `idx` to the ETF argument list in memory[0..len] (see the header).
(func $test:bcall (export "test:bcall") (param $idx i32) (param $len i32) (result i32)
  (local $in (ref $bytes)) (local $i i32) (local $args eqref) (local $a eqref) (local $b eqref) (local $c eqref)
  (local $r eqref) (local $out eqref) (local $bin (ref $bin)) (local $n i32) (local $argc i32)
  (local.set $in (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $in) (local.get $i) (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $args (call $erlang:binary_to_term/1 (call $bin_of (local.get $in))))
  (if (call $is_fail (local.get $args)) (then (return (i32.const -2))))
  (local.set $argc (call $list_length (local.get $args)))
  (if (i32.ge_s (local.get $argc) (i32.const 1))
    (then (local.set $a (struct.get $cons $hd (ref.cast (ref $cons) (local.get $args))))))
  (if (i32.ge_s (local.get $argc) (i32.const 2))
    (then (local.set $b (struct.get $cons $hd (ref.cast (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))))))
  (if (i32.ge_s (local.get $argc) (i32.const 3))
    (then (local.set $c (struct.get $cons $hd (ref.cast (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons)
      (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))))))))
  (if (i32.ge_u (local.get $idx) (global.get $test_b_count)) (then (return (i32.const -2))))
  (if (i32.lt_u (local.get $idx) (global.get $test_b_arity2))
    (then
      (if (i32.ne (local.get $argc) (i32.const 1)) (then (return (i32.const -2))))
      (local.set $r (call_indirect $test_bfuns (type $fn1) (local.get $a) (local.get $idx))))
    (else
      (if (i32.lt_u (local.get $idx) (global.get $test_b_arity3))
        (then
          (if (i32.ne (local.get $argc) (i32.const 2)) (then (return (i32.const -2))))
          (local.set $r (call_indirect $test_bfuns (type $fn2) (local.get $a) (local.get $b) (local.get $idx))))
        (else
          (if (i32.ne (local.get $argc) (i32.const 3)) (then (return (i32.const -2))))
          (local.set $r (call_indirect $test_bfuns (type $fn3) (local.get $a) (local.get $b) (local.get $c) (local.get $idx)))))))
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

;; ---- segment descriptions -----------------------------------------------------------------

;; Element `i` of a tuple term (null past its end).
(func $tb_el (param $t eqref) (param $i i32) (result eqref)
  (local $tp (ref $tuple))
  (local.set $tp (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.ge_u (local.get $i) (array.len (local.get $tp))) (then (return (ref.null none))))
  (array.get $tuple (local.get $tp) (local.get $i)))

;; Element `i` of a tuple term as a small integer (0 if it is not one).
(func $tb_i32 (param $t eqref) (param $i i32) (result i32)
  (local $v eqref)
  (local.set $v (call $tb_el (local.get $t) (local.get $i)))
  (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (i32.const 0))))
  (i31.get_s (ref.cast (ref i31) (local.get $v))))

;; Whether a tuple term is tagged `name`.
(func $tb_is (param $t eqref) (param $name (ref $atom)) (result i32)
  (ref.eq (call $tb_el (local.get $t) (i32.const 0)) (local.get $name)))

;; The bits of a construction segment (as the compiler computes them), or -2.
(func $tb_seg_bits (param $s eqref) (result i64)
  (local $v eqref)
  (local.set $v (call $tb_el (local.get $s) (i32.const 1)))
  (if (i32.or (call $tb_is (local.get $s) (global.get $atom.integer)) (call $tb_is (local.get $s) (global.get $atom.float)))
    (then (return (call $bs_seg_size (call $tb_el (local.get $s) (i32.const 2)) (call $tb_i32 (local.get $s) (i32.const 3))))))
  (if (call $tb_is (local.get $s) (global.get $atom.binary))
    (then
      (if (ref.eq (call $tb_el (local.get $s) (i32.const 2)) (global.get $atom.all))
        (then (return (call $bs_all_bits (local.get $v) (call $tb_i32 (local.get $s) (i32.const 3))))))
      (return (call $bs_seg_size (call $tb_el (local.get $s) (i32.const 2)) (call $tb_i32 (local.get $s) (i32.const 3))))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf8)) (then (return (call $bs_utf8_bits (local.get $v)))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf16)) (then (return (call $bs_utf16_bits (local.get $v)))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf32)) (then (return (call $bs_utf32_bits (local.get $v)))))
  (i64.shl (i64.extend_i32_u (struct.get $bin $size (ref.cast (ref $bin) (local.get $v)))) (i64.const 3)))

;; Writes one construction segment at the cursor: 1 on success.
(func $tb_put (param $s eqref) (result i32)
  (local $v eqref) (local $bits i64)
  (local.set $v (call $tb_el (local.get $s) (i32.const 1)))
  (if (call $tb_is (local.get $s) (global.get $atom.integer))
    (then (return (call $bs_put_integer (local.get $v) (call $tb_seg_bits (local.get $s)) (call $tb_i32 (local.get $s) (i32.const 4))))))
  (if (call $tb_is (local.get $s) (global.get $atom.float))
    (then (return (call $bs_put_float (local.get $v) (call $tb_seg_bits (local.get $s)) (call $tb_i32 (local.get $s) (i32.const 4))))))
  (if (call $tb_is (local.get $s) (global.get $atom.binary))
    (then
      (local.set $bits (select (i64.const -1) (call $tb_seg_bits (local.get $s))
        (ref.eq (call $tb_el (local.get $s) (i32.const 2)) (global.get $atom.all))))
      (return (call $bs_put_binary (local.get $v) (local.get $bits) (call $tb_i32 (local.get $s) (i32.const 3))))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf8)) (then (return (call $bs_put_utf8 (local.get $v)))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf16))
    (then (return (call $bs_put_utf16 (local.get $v) (call $tb_i32 (local.get $s) (i32.const 2))))))
  (if (call $tb_is (local.get $s) (global.get $atom.utf32))
    (then (return (call $bs_put_utf32 (local.get $v) (call $tb_i32 (local.get $s) (i32.const 2))))))
  (call $bs_put_bytes (local.get $v) (i32.const 0) (struct.get $bin $size (ref.cast (ref $bin) (local.get $v))))
  (i32.const 1))

;; The total bits of the segments (FAIL with the reason of the first bad size).
(func $tb_total (param $segs eqref) (result i64)
  (local $n i64) (local $b i64)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $segs))))
      (local.set $b (call $tb_seg_bits (struct.get $cons $hd (ref.cast (ref $cons) (local.get $segs)))))
      (if (i64.lt_s (local.get $b) (i64.const 0)) (then (return (i64.const -2))))
      (local.set $n (i64.add (local.get $n) (local.get $b)))
      (local.set $segs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $segs))))
      (br $next)))
  (local.get $n))

;; Writes every construction segment in turn: 1 on success.
(func $tb_put_all (param $segs eqref) (result i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $segs))))
      (if (i32.eqz (call $tb_put (struct.get $cons $hd (ref.cast (ref $cons) (local.get $segs)))))
        (then (return (i32.const 0))))
      (local.set $segs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $segs))))
      (br $next)))
  (i32.const 1))

;; bs_create_bin: sizes, allocation, writes.
(func $tb_build (param $segs eqref) (result eqref)
  (local $n i64) (local $t eqref)
  (local.set $n (call $tb_total (local.get $segs)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail (global.get $fail_reason)))))
  (local.set $t (call $bs_alloc_bits (local.get $n)))
  (if (call $is_fail (local.get $t)) (then (return (local.get $t))))
  (if (i32.eqz (call $tb_put_all (local.get $segs))) (then (return (call $fail_badarg))))
  (local.get $t))

;; <<Bin/binary-or-bits-of-unit, Segs...>> through bs_append.
(func $tb_append (param $bin eqref) (param $unit eqref) (param $segs eqref) (result eqref)
  (local $n i64) (local $t eqref)
  (local.set $n (call $tb_total (local.get $segs)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail (global.get $fail_reason)))))
  (local.set $t (call $bs_append (local.get $bin) (local.get $n) (i31.get_s (ref.cast (ref i31) (local.get $unit)))))
  (if (call $is_fail (local.get $t)) (then (return (local.get $t))))
  (if (i32.eqz (call $tb_put_all (local.get $segs))) (then (return (call $fail_badarg))))
  (local.get $t))

;; Appends each byte of the list `l` to `acc` in turn (<<Acc/binary, X>>).
(func $tb_append_bytes (param $acc eqref) (param $l eqref) (result eqref)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (call $bs_append (local.get $acc) (i64.const 8) (i32.const 8)))
      (drop (call $bs_put_integer (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (i64.const 8) (i32.const 0)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $acc))

;; Versions of one growing binary: A = Bin ++ L1, B = A ++ L2, C = A ++ L3, then B ++ L3
;; again: {A, B, C, B2}, each byte appended on its own.
(func $tb_fork (param $bin eqref) (param $l1 eqref) (param $l2l3 eqref) (result eqref)
  (local $a eqref) (local $b eqref) (local $c eqref) (local $l2 eqref) (local $l3 eqref)
  (local.set $l2 (call $tb_el (local.get $l2l3) (i32.const 0)))
  (local.set $l3 (call $tb_el (local.get $l2l3) (i32.const 1)))
  (local.set $a (call $tb_append_bytes (local.get $bin) (local.get $l1)))
  (local.set $b (call $tb_append_bytes (local.get $a) (local.get $l2)))
  (local.set $c (call $tb_append_bytes (local.get $a) (local.get $l3)))
  (call $tuple4 (local.get $a) (local.get $b) (local.get $c) (call $tb_append_bytes (local.get $b) (local.get $l3))))

;; The benchmark loop: N appends of one byte to <<>>; the byte size.
(func $tb_loop (param $n eqref) (result eqref)
  (local $acc eqref) (local $i i32) (local $k i32)
  (local.set $k (i31.get_s (ref.cast (ref i31) (local.get $n))))
  (global.set $bs.copied (i64.const 0))
  (local.set $acc (call $bin_of (array.new_fixed $bytes 0)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $k)))
      (local.set $acc (call $bs_append (local.get $acc) (i64.const 8) (i32.const 8)))
      (drop (call $bs_put_integer (ref.i31 (i32.and (local.get $i) (i32.const 255))) (i64.const 8) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $erlang:byte_size/1 (local.get $acc)))

;; bs_init_writable, then bs_private_append of each byte of the list (a binary
;; comprehension's accumulator).
(func $tb_writable (param $l eqref) (result eqref)
  (local $acc eqref)
  (local.set $acc (call $bs_init_writable (ref.i31 (i32.const 16))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (call $bs_private_append (local.get $acc) (i64.const 8) (i32.const 1)))
      (drop (call $bs_put_integer (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (i64.const 8) (i32.const 0)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $acc))

;; The bytes bs_append has copied since the last tb_loop.
(func $tb_copied (param $x eqref) (result eqref)
  (call $mk_int (global.get $bs.copied)))

;; bs_add(A, B, Unit).
(func $tb_add (param $a eqref) (param $b eqref) (param $unit eqref) (result eqref)
  (call $bs_add (local.get $a) (local.get $b) (i31.get_s (ref.cast (ref i31) (local.get $unit)))))

;; bs_utf8_size(V).
(func $tb_utf8_size (param $v eqref) (result eqref) (call $bs_utf8_size (local.get $v)))
;; bs_utf16_size(V).
(func $tb_utf16_size (param $v eqref) (result eqref) (call $bs_utf16_size (local.get $v)))

;; Matches the segments in turn: [V1, ..., Vn, Rest], or nomatch.
(func $tb_match (param $bin eqref) (param $segs eqref) (result eqref)
  (local $ctx eqref) (local $s eqref) (local $acc eqref) (local $v eqref) (local $bits i64) (local $size eqref)
  (local $ok i32)
  (local.set $ctx (call $bs_start_match (local.get $bin)))
  (if (call $is_fail (local.get $ctx)) (then (return (global.get $atom.nomatch))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $segs))))
      (local.set $s (struct.get $cons $hd (ref.cast (ref $cons) (local.get $segs))))
      (local.set $segs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $segs))))
      (local.set $size (call $tb_el (local.get $s) (i32.const 1)))
      (local.set $bits (select (i64.const -1)
        (call $bs_seg_size (local.get $size) (call $tb_i32 (local.get $s) (i32.const 2)))
        (ref.eq (local.get $size) (global.get $atom.all))))
      (local.set $ok (i32.const 1))
      (local.set $v (ref.null none))
      (if (call $tb_is (local.get $s) (global.get $atom.integer))
        (then (local.set $v (call $bs_get_integer (local.get $ctx) (local.get $bits) (call $tb_i32 (local.get $s) (i32.const 3))))))
      (if (call $tb_is (local.get $s) (global.get $atom.float))
        (then (local.set $v (call $bs_get_float (local.get $ctx) (local.get $bits) (call $tb_i32 (local.get $s) (i32.const 3))))))
      (if (call $tb_is (local.get $s) (global.get $atom.binary))
        (then (local.set $v (call $bs_get_binary (local.get $ctx) (local.get $bits) (call $tb_i32 (local.get $s) (i32.const 2))))))
      (if (call $tb_is (local.get $s) (global.get $atom.utf8))
        (then (local.set $v (call $bs_get_utf8 (local.get $ctx)))))
      (if (call $tb_is (local.get $s) (global.get $atom.utf16))
        (then (local.set $v (call $bs_get_utf16 (local.get $ctx) (call $tb_i32 (local.get $s) (i32.const 1))))))
      (if (call $tb_is (local.get $s) (global.get $atom.utf32))
        (then (local.set $v (call $bs_get_utf32 (local.get $ctx) (call $tb_i32 (local.get $s) (i32.const 1))))))
      (if (call $is_fail (local.get $v)) (then (return (global.get $atom.nomatch))))
      (if (call $tb_is (local.get $s) (global.get $atom.skip))
        (then (local.set $ok (call $bs_skip_bits (local.get $ctx) (local.get $bits) (call $tb_i32 (local.get $s) (i32.const 2))))
              (br_if $next (local.get $ok))
              (return (global.get $atom.nomatch))))
      (if (call $tb_is (local.get $s) (global.get $atom.string))
        (then
          (local.set $ok (call $bs_match_string (local.get $ctx) (local.get $size) (i32.const 0)
            (i64.shl (i64.extend_i32_u (struct.get $bin $size (ref.cast (ref $bin) (local.get $size)))) (i64.const 3))))
          (br_if $next (local.get $ok))
          (return (global.get $atom.nomatch))))
      (if (call $tb_is (local.get $s) (global.get $atom.tail))
        (then
          (br_if $next (call $bs_test_tail (local.get $ctx) (call $int_i64 (local.get $size))))
          (return (global.get $atom.nomatch))))
      (if (call $tb_is (local.get $s) (global.get $atom.unit))
        (then
          (br_if $next (call $bs_test_unit (local.get $ctx) (call $tb_i32 (local.get $s) (i32.const 1))))
          (return (global.get $atom.nomatch))))
      (local.set $acc (struct.new $cons (local.get $v) (local.get $acc)))
      (br $next)))
  (local.set $acc (struct.new $cons (call $bs_get_tail (local.get $ctx)) (local.get $acc)))
  (call $erlang:lists_reverse_tb (local.get $acc)))

;; The reverse of a proper list.
(func $erlang:lists_reverse_tb (param $l eqref) (result eqref)
  (local $acc eqref)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (struct.new $cons (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $acc))

;; The searches with a compiled pattern.
(func $tb_cp (param $p eqref) (result eqref)
  (local $c eqref)
  (local.set $c (call $binary:compile_pattern/1 (local.get $p)))
  (if (call $is_fail (local.get $c)) (then (return (local.get $p))))
  (local.get $c))
;; binary:match with the pattern compiled first.
(func $tb_cp_match (param $v eqref) (param $p eqref) (param $o eqref) (result eqref)
  (call $binary:match/3 (local.get $v) (call $tb_cp (local.get $p)) (local.get $o)))
;; binary:matches with the pattern compiled first.
(func $tb_cp_matches (param $v eqref) (param $p eqref) (param $o eqref) (result eqref)
  (call $binary:matches/3 (local.get $v) (call $tb_cp (local.get $p)) (local.get $o)))
;; binary:split with the pattern compiled first.
(func $tb_cp_split (param $v eqref) (param $p eqref) (param $o eqref) (result eqref)
  (call $binary:split/3 (local.get $v) (call $tb_cp (local.get $p)) (local.get $o)))
