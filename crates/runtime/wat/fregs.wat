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

;; The program's integer tables: the sorted (key, case) pairs of large selects and the
;; sorted triples `$triple_search` reads. The compiler fills the passive segment
;; $int_tables (crates/compiler/src/inttables.rs): a u32 LE total length, then LEB128
;; numbers: the table count, and per table its row width, its row count and its rows, the
;; first column as the signed difference from the previous row's, the others signed.
;; Each table is decoded into an i32 array of $int_tabs on its first use, which compiled code
;; inlines (`array.get $int_tabs (global.get $int_tabs) k`, then `call $int_tab_force` while
;; the slot is null; crates/compiler/src/codegen.rs, `push_int_table`): a table costs no
;; global and no constant expression (a global per table made wasmtime's start-up
;; function, which evaluates every global initializer, the slowest function in the module
;; to compile), and a table no code of this run reaches costs no heap (decoding them all
;; at start-up cost the counter Durable Object's program 246 KiB per instance).
(data $int_tables "\05\00\00\00\00")
(global $int_tabs (mut (ref $int_tabs)) (array.new_fixed $int_tabs 0))
;; Where each table's row width starts in the segment: count + 1 offsets.
(global $int_tab_offsets (mut (ref $limbs)) (array.new_fixed $limbs 0))

;; Finds the tables of the segment (start-up): reads every number, builds nothing.
(func $int_tables_init
  (local $total i32) (local $n i32) (local $t i32) (local $k i32)
  (local $saved (ref $bytes)) (local $saved_pos i32) (local $offsets (ref $limbs))
  ;; The LEB128 reader is the literal decoder's, idle now.
  (local.set $saved (global.get $lit_d))
  (local.set $saved_pos (global.get $lit_pos))
  (local.set $total (call $bytes_u32le (array.new_data $bytes $int_tables (i32.const 0) (i32.const 4)) (i32.const 0)))
  (global.set $lit_d (array.new_data $bytes $int_tables (i32.const 0) (local.get $total)))
  (global.set $lit_pos (i32.const 4))
  (local.set $n (call $lit_uleb))
  (global.set $int_tabs (array.new $int_tabs (ref.null none) (local.get $n)))
  (local.set $offsets (array.new_default $limbs (i32.add (local.get $n) (i32.const 1))))
  (block $done
    (loop $table
      (array.set $limbs (local.get $offsets) (local.get $t) (global.get $lit_pos))
      (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
      ;; width × rows numbers follow the width and the row count
      (local.set $k (call $lit_uleb))
      (local.set $k (i32.mul (local.get $k) (call $lit_uleb)))
      (block $skipped
        (loop $skip
          (br_if $skipped (i32.eqz (local.get $k)))
          (drop (call $lit_sleb))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $skip)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $table)))
  (global.set $int_tab_offsets (local.get $offsets))
  (global.set $lit_d (local.get $saved))
  (global.set $lit_pos (local.get $saved_pos)))

;; Decodes table k from a copy of its bytes and keeps it in $int_tabs.
(func $int_tab_force (param $k i32) (result (ref $limbs))
  (local $at i32) (local $width i32) (local $rows i32)
  (local $tab (ref $limbs)) (local $i i32) (local $c i32) (local $first i32)
  (local $saved (ref $bytes)) (local $saved_pos i32)
  (local.set $saved (global.get $lit_d))
  (local.set $saved_pos (global.get $lit_pos))
  (local.set $at (array.get $limbs (global.get $int_tab_offsets) (local.get $k)))
  (global.set $lit_d (array.new_data $bytes $int_tables (local.get $at)
    (i32.sub (array.get $limbs (global.get $int_tab_offsets) (i32.add (local.get $k) (i32.const 1))) (local.get $at))))
  (global.set $lit_pos (i32.const 0))
  (local.set $width (call $lit_uleb))
  (local.set $rows (call $lit_uleb))
  (local.set $tab (array.new $limbs (i32.const 0) (i32.mul (local.get $width) (local.get $rows))))
  (block $rows_done
    (loop $row
      (br_if $rows_done (i32.ge_u (local.get $i) (array.len (local.get $tab))))
      (local.set $first (i32.add (local.get $first) (i32.wrap_i64 (call $lit_sleb))))
      (array.set $limbs (local.get $tab) (local.get $i) (local.get $first))
      (local.set $c (i32.const 1))
      (block $cols_done
        (loop $col
          (br_if $cols_done (i32.ge_u (local.get $c) (local.get $width)))
          (array.set $limbs (local.get $tab) (i32.add (local.get $i) (local.get $c)) (i32.wrap_i64 (call $lit_sleb)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $col)))
      (local.set $i (i32.add (local.get $i) (local.get $width)))
      (br $row)))
  (array.set $int_tabs (global.get $int_tabs) (local.get $k) (local.get $tab))
  (global.set $lit_d (local.get $saved))
  (global.set $lit_pos (local.get $saved_pos))
  (local.get $tab))

;; The case index for `key` in a select table of sorted (key, case) pairs, or -1.
(func $select_search (param $key i32) (param $tab (ref null $limbs)) (result i32)
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

;; Whether (a, b, c) is in a table of sorted triples.
(func $triple_search (param $a i32) (param $b i32) (param $c i32) (param $tab (ref null $limbs)) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $at i32) (local $d i32)
  (local.set $hi (i32.div_u (array.len (local.get $tab)) (i32.const 3)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $at (i32.mul (local.get $mid) (i32.const 3)))
      (local.set $d (i32.sub (array.get $limbs (local.get $tab) (local.get $at)) (local.get $a)))
      (if (i32.eqz (local.get $d))
        (then (local.set $d (i32.sub (array.get $limbs (local.get $tab) (i32.add (local.get $at) (i32.const 1))) (local.get $b)))))
      (if (i32.eqz (local.get $d))
        (then (local.set $d (i32.sub (array.get $limbs (local.get $tab) (i32.add (local.get $at) (i32.const 2))) (local.get $c)))))
      (if (i32.eqz (local.get $d)) (then (return (i32.const 1))))
      (if (i32.lt_s (local.get $d) (i32.const 0))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (i32.const 0))
