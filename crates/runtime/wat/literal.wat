;; literal.wat — the literal pool: every constant term of the program, decoded on its first
;; use from the passive segment $literal_pool into the tuple $literals, which compiled code
;; indexes (`array.get $tuple (global.get $literals) i`, then `call $lit_force` when the slot
;; is still null: see "decoding on first use" at the end).
;;
;; Segment layout (crates/compiler/src/literals.rs): u32 LE total length, u32 LE count,
;; then `count` terms, each a tag byte and its payload:
;;
;;   0 []            —
;;   1 integer       SLEB128 (always an i64; canonicalised to i31 or $int64)
;;   2 bignum        sign byte, ULEB128 limb count, u32 LE limbs (outside i64)
;;   3 float         f64 LE
;;   4 atom          ULEB128 atom id
;;   5 list          ULEB128 n, n terms, then the tail term
;;   6 tuple         ULEB128 n, n terms
;;   7 map           ULEB128 n, n key/value pairs
;;   8 binary        ULEB128 n, n bytes
;;   9 bitstring     ULEB128 n (bytes, the last one partial), bits used in it (1..7), n bytes
;;  10 export fun    ULEB128 index into $export_funs
;;
;; The segment here is an empty pool; the compiler replaces it, and its init hook fills
;; $export_funs before calling $literals_init. Decoding is iterative (an explicit stack of
;; open lists, tuples and maps), so a literal list of any length or nesting costs no wasm
;; stack. Binaries are windows onto the one array the segment was copied into: no
;; per-binary copy at start-up (a literal binary has no write cursor, so appending to it
;; copies).

(data $literal_pool "\08\00\00\00\00\00\00\00")

(global $literals (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $export_funs (mut (ref $tuple)) (array.new_fixed $tuple 0))

;; The decoder's input: the pool's bytes and the read position.
(global $lit_d (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $lit_pos (mut i32) (i32.const 0))

;; The stack of open compound terms: per frame, in $lit_fi, kind (5 list, 6 tuple, 7 map),
;; element count and elements delivered so far; in $lit_fo, two objects (list: first and
;; last cell; tuple: the tuple; map: the key and value tuples).
(global $lit_fi (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $lit_fo (mut (ref $tuple)) (array.new_fixed $tuple 0))

;; The next byte of the pool.
(func $lit_u8 (result i32)
  (local $p i32)
  (local.set $p (global.get $lit_pos))
  (global.set $lit_pos (i32.add (local.get $p) (i32.const 1)))
  (array.get_u $bytes (global.get $lit_d) (local.get $p)))

;; An unsigned LEB128 number (fits i32: counts, ids, lengths).
(func $lit_uleb (result i32)
  (local $v i32) (local $shift i32) (local $b i32)
  (loop $next
    (local.set $b (call $lit_u8))
    (local.set $v (i32.or (local.get $v) (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (local.get $v))

;; A signed LEB128 number.
(func $lit_sleb (result i64)
  (local $v i64) (local $shift i64) (local $b i32)
  (loop $next
    (local.set $b (call $lit_u8))
    (local.set $v (i64.or (local.get $v)
      (i64.shl (i64.extend_i32_u (i32.and (local.get $b) (i32.const 0x7f))) (local.get $shift))))
    (local.set $shift (i64.add (local.get $shift) (i64.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  ;; sign-extend from the last byte's bit 6
  (if (i32.and (i32.ne (i32.and (local.get $b) (i32.const 0x40)) (i32.const 0)) (i64.lt_u (local.get $shift) (i64.const 64)))
    (then (local.set $v (i64.or (local.get $v) (i64.shl (i64.const -1) (local.get $shift))))))
  (local.get $v))

;; A u32 LE.
(func $lit_u32 (result i32)
  (local $v i32)
  (local.set $v (call $bytes_u32le (global.get $lit_d) (global.get $lit_pos)))
  (global.set $lit_pos (i32.add (global.get $lit_pos) (i32.const 4)))
  (local.get $v))

;; A bignum payload: sign byte, limb count, limbs. Canonical: an i64-sized value (which
;; the compiler does not emit this way) still becomes an i31/$int64.
(func $lit_bignum (result eqref)
  (local $neg i32) (local $n i32) (local $limbs (ref $limbs)) (local $i i32) (local $u i64)
  (local.set $neg (call $lit_u8))
  (local.set $n (call $lit_uleb))
  (local.set $limbs (array.new_default $limbs (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $limbs (local.get $limbs) (local.get $i) (call $lit_u32))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.le_u (local.get $n) (i32.const 2))
    (then
      (if (local.get $n) (then (local.set $u (i64.extend_i32_u (array.get $limbs (local.get $limbs) (i32.const 0))))))
      (if (i32.eq (local.get $n) (i32.const 2))
        (then (local.set $u (i64.or (local.get $u)
          (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $limbs) (i32.const 1))) (i64.const 32))))))
      (if (i32.eqz (local.get $neg))
        (then (if (i64.ge_s (local.get $u) (i64.const 0)) (then (return (call $mk_int (local.get $u))))))
        (else (if (i64.le_u (local.get $u) (i64.const 0x8000000000000000))
          (then (return (call $mk_int (i64.sub (i64.const 0) (local.get $u))))))))))
  (struct.new $bigint (local.get $neg) (local.get $limbs)))

;; Pushes a frame at depth `sp`, growing the stack as needed.
(func $lit_push (param $sp i32) (param $kind i32) (param $n i32) (param $a eqref) (param $b eqref)
  (local $cap i32) (local $fi (ref $limbs)) (local $fo (ref $tuple))
  (local.set $cap (i32.div_u (array.len (global.get $lit_fi)) (i32.const 3)))
  (if (i32.ge_u (local.get $sp) (local.get $cap))
    (then
      (local.set $cap (i32.add (i32.shl (local.get $cap) (i32.const 1)) (i32.const 16)))
      (local.set $fi (array.new_default $limbs (i32.mul (local.get $cap) (i32.const 3))))
      (array.copy $limbs $limbs (local.get $fi) (i32.const 0) (global.get $lit_fi) (i32.const 0) (array.len (global.get $lit_fi)))
      (global.set $lit_fi (local.get $fi))
      (local.set $fo (array.new $tuple (ref.null none) (i32.mul (local.get $cap) (i32.const 2))))
      (array.copy $tuple $tuple (local.get $fo) (i32.const 0) (global.get $lit_fo) (i32.const 0) (array.len (global.get $lit_fo)))
      (global.set $lit_fo (local.get $fo))))
  (array.set $limbs (global.get $lit_fi) (i32.mul (local.get $sp) (i32.const 3)) (local.get $kind))
  (array.set $limbs (global.get $lit_fi) (i32.add (i32.mul (local.get $sp) (i32.const 3)) (i32.const 1)) (local.get $n))
  (array.set $limbs (global.get $lit_fi) (i32.add (i32.mul (local.get $sp) (i32.const 3)) (i32.const 2)) (i32.const 0))
  (array.set $tuple (global.get $lit_fo) (i32.shl (local.get $sp) (i32.const 1)) (local.get $a))
  (array.set $tuple (global.get $lit_fo) (i32.add (i32.shl (local.get $sp) (i32.const 1)) (i32.const 1)) (local.get $b)))

;; Decodes one term at $lit_pos.
(func $lit_term (result eqref)
  (local $sp i32) (local $tag i32) (local $n i32) (local $v eqref) (local $f i32) (local $i i32)
  (local $kind i32) (local $cell (ref $cons)) (local $last eqref) (local $off i32)
  (loop $read
    (local.set $tag (call $lit_u8))
    ;; each branch either sets $v (a finished term) or opens a frame and reads on
    (block $value
      (if (i32.eqz (local.get $tag)) (then (local.set $v (ref.null none)) (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 1)) (then (local.set $v (call $mk_int (call $lit_sleb))) (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 4)) (then (local.set $v (call $atom_get (call $lit_uleb))) (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 5))
        (then
          (call $lit_push (local.get $sp) (i32.const 5) (call $lit_uleb) (ref.null none) (ref.null none))
          (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
          (br $read)))
      (if (i32.eq (local.get $tag) (i32.const 6))
        (then
          (local.set $n (call $lit_uleb))
          (if (i32.eqz (local.get $n)) (then (local.set $v (array.new_fixed $tuple 0)) (br $value)))
          (call $lit_push (local.get $sp) (i32.const 6) (local.get $n)
            (array.new $tuple (ref.null none) (local.get $n)) (ref.null none))
          (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
          (br $read)))
      (if (i32.eq (local.get $tag) (i32.const 7))
        (then
          (local.set $n (call $lit_uleb))
          (if (i32.eqz (local.get $n))
            (then
              (local.set $v (call $map_from_kv (array.new_fixed $tuple 0) (array.new_fixed $tuple 0)))
              (br $value)))
          (call $lit_push (local.get $sp) (i32.const 7) (i32.shl (local.get $n) (i32.const 1))
            (array.new $tuple (ref.null none) (local.get $n)) (array.new $tuple (ref.null none) (local.get $n)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
          (br $read)))
      (if (i32.eq (local.get $tag) (i32.const 8))
        (then
          (local.set $n (call $lit_uleb))
          (local.set $v (struct.new $bin (global.get $lit_d) (global.get $lit_pos) (local.get $n) (i32.const 0) (ref.null $wcursor)))
          (global.set $lit_pos (i32.add (global.get $lit_pos) (local.get $n)))
          (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 2)) (then (local.set $v (call $lit_bignum)) (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 3))
        (then
          (local.set $off (global.get $lit_pos))
          (local.set $v (struct.new $float (f64.reinterpret_i64 (i64.or
            (i64.extend_i32_u (call $bytes_u32le (global.get $lit_d) (local.get $off)))
            (i64.shl (i64.extend_i32_u (call $bytes_u32le (global.get $lit_d) (i32.add (local.get $off) (i32.const 4))))
                     (i64.const 32))))))
          (global.set $lit_pos (i32.add (local.get $off) (i32.const 8)))
          (br $value)))
      (if (i32.eq (local.get $tag) (i32.const 9))
        (then
          (local.set $n (call $lit_uleb))
          (local.set $i (call $lit_u8))
          (local.set $v (struct.new $bin (global.get $lit_d) (global.get $lit_pos)
            (i32.sub (local.get $n) (i32.const 1)) (local.get $i) (ref.null $wcursor)))
          (global.set $lit_pos (i32.add (global.get $lit_pos) (local.get $n)))
          (br $value)))
      ;; tag 10: an export fun
      (local.set $v (array.get $tuple (global.get $export_funs) (call $lit_uleb))))
    ;; deliver $v to the innermost open term; close every term it completes
    (loop $deliver
      (if (i32.eqz (local.get $sp)) (then (return (local.get $v))))
      (local.set $f (i32.mul (i32.sub (local.get $sp) (i32.const 1)) (i32.const 3)))
      (local.set $kind (array.get $limbs (global.get $lit_fi) (local.get $f)))
      (local.set $n (array.get $limbs (global.get $lit_fi) (i32.add (local.get $f) (i32.const 1))))
      (local.set $i (array.get $limbs (global.get $lit_fi) (i32.add (local.get $f) (i32.const 2))))
      (array.set $limbs (global.get $lit_fi) (i32.add (local.get $f) (i32.const 2)) (i32.add (local.get $i) (i32.const 1)))
      (local.set $off (i32.shl (i32.sub (local.get $sp) (i32.const 1)) (i32.const 1)))
      (if (i32.eq (local.get $kind) (i32.const 5))
        (then
          (local.set $last (array.get $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.const 1))))
          (if (i32.lt_u (local.get $i) (local.get $n))
            (then
              ;; an element: a new last cell
              (local.set $cell (struct.new $cons (local.get $v) (ref.null none)))
              (if (ref.is_null (local.get $last))
                (then (array.set $tuple (global.get $lit_fo) (local.get $off) (local.get $cell)))
                (else (struct.set $cons $tl (ref.cast (ref $cons) (local.get $last)) (local.get $cell))))
              (array.set $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.const 1)) (local.get $cell))
              (br $read)))
          ;; the tail: the list is complete
          (if (ref.is_null (local.get $last))
            (then)
            (else
              (struct.set $cons $tl (ref.cast (ref $cons) (local.get $last)) (local.get $v))
              (local.set $v (array.get $tuple (global.get $lit_fo) (local.get $off)))))
          (array.set $tuple (global.get $lit_fo) (local.get $off) (ref.null none))
          (array.set $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.const 1)) (ref.null none))
          (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
          (br $deliver)))
      (if (i32.eq (local.get $kind) (i32.const 6))
        (then
          (array.set $tuple (ref.cast (ref $tuple) (array.get $tuple (global.get $lit_fo) (local.get $off)))
            (local.get $i) (local.get $v))
          (br_if $read (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
          (local.set $v (array.get $tuple (global.get $lit_fo) (local.get $off)))
          (array.set $tuple (global.get $lit_fo) (local.get $off) (ref.null none))
          (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
          (br $deliver)))
      ;; a map: keys at even positions, values at odd ones
      (array.set $tuple
        (ref.cast (ref $tuple) (array.get $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.and (local.get $i) (i32.const 1)))))
        (i32.shr_u (local.get $i) (i32.const 1)) (local.get $v))
      (br_if $read (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
      (local.set $v (call $map_from_kv
        (ref.cast (ref $tuple) (array.get $tuple (global.get $lit_fo) (local.get $off)))
        (ref.cast (ref $tuple) (array.get $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.const 1))))))
      (array.set $tuple (global.get $lit_fo) (local.get $off) (ref.null none))
      (array.set $tuple (global.get $lit_fo) (i32.add (local.get $off) (i32.const 1)) (ref.null none))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
      (br $deliver)))
  (unreachable))

;; ---- decoding on first use ----------------------------------------------------------
;; Most literals of a program are never used by one run (the messages of errors it never
;; raises, the tables of code it never reaches); decoding them all at start-up cost every
;; instance about 2.2 MiB of heap and its CPU time (the counter Durable Object's program,
;; December 2026: 3,230 KiB of start-up heap, 969 KiB without the literals; a Durable Object
;; is an instance per object). So start-up only finds where each literal starts
;; ($lit_offsets); $lit_force decodes literal i from a copy of just its bytes (which its
;; binaries are windows onto) and keeps it in $literals. Compiled code inlines the fast
;; path (crates/compiler/src/codegen.rs, `push_literal`). A literal that is [] (null) is
;; decoded again at each use, which costs one byte's read; the compiler emits [] inline.
;; Decoding runs to its end with no schedule point and calls no Erlang code, so a literal
;; is decoded once and every use sees the same term.

;; Where each literal starts in the pool: count + 1 offsets (the last is the pool's end).
(global $lit_offsets (mut (ref $limbs)) (array.new_fixed $limbs 0))

;; Finds the literals of the pool: called once at start-up, after $atoms_init and after the
;; compiler's init hook has filled $export_funs.
(func $literals_init
  (local $total i32)
  (local.set $total (call $bytes_u32le (array.new_data $bytes $literal_pool (i32.const 0) (i32.const 8)) (i32.const 0)))
  ;; the whole pool, only while it is scanned
  (global.set $lit_offsets (call $lit_scan (array.new_data $bytes $literal_pool (i32.const 0) (local.get $total))))
  (global.set $literals (array.new $tuple (ref.null none)
    (i32.sub (array.len (global.get $lit_offsets)) (i32.const 1)))))

;; Where each literal of the pool `d` (laid out as above) starts, and where the last ends:
;; count + 1 offsets into `d`, found by skipping each term without building it.
(func $lit_scan (param $d (ref $bytes)) (result (ref $limbs))
  (local $count i32) (local $offsets (ref $limbs)) (local $i i32) (local $left i32) (local $tag i32) (local $n i32)
  (global.set $lit_d (local.get $d))
  (local.set $count (call $bytes_u32le (local.get $d) (i32.const 4)))
  (local.set $offsets (array.new_default $limbs (i32.add (local.get $count) (i32.const 1))))
  (global.set $lit_pos (i32.const 8))
  (block $done
    (loop $next
      (array.set $limbs (local.get $offsets) (local.get $i) (global.get $lit_pos))
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      ;; skip one whole term: $left terms remain to be read
      (local.set $left (i32.const 1))
      (loop $skip
        (local.set $tag (call $lit_u8))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (block $skipped
          (if (i32.eq (local.get $tag) (i32.const 1)) (then (drop (call $lit_sleb)) (br $skipped)))
          ;; a bignum: its sign, its limb count (read before the position is taken), its limbs
          (if (i32.eq (local.get $tag) (i32.const 2))
            (then
              (drop (call $lit_u8))
              (local.set $n (call $lit_uleb))
              (global.set $lit_pos (i32.add (global.get $lit_pos) (i32.shl (local.get $n) (i32.const 2))))
              (br $skipped)))
          (if (i32.eq (local.get $tag) (i32.const 3))
            (then (global.set $lit_pos (i32.add (global.get $lit_pos) (i32.const 8))) (br $skipped)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 4)) (i32.eq (local.get $tag) (i32.const 10)))
            (then (drop (call $lit_uleb)) (br $skipped)))
          ;; a list: its elements, then its tail
          (if (i32.eq (local.get $tag) (i32.const 5))
            (then (local.set $left (i32.add (local.get $left) (i32.add (call $lit_uleb) (i32.const 1)))) (br $skipped)))
          (if (i32.eq (local.get $tag) (i32.const 6))
            (then (local.set $left (i32.add (local.get $left) (call $lit_uleb))) (br $skipped)))
          (if (i32.eq (local.get $tag) (i32.const 7))
            (then (local.set $left (i32.add (local.get $left) (i32.shl (call $lit_uleb) (i32.const 1)))) (br $skipped)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 8)) (i32.eq (local.get $tag) (i32.const 9)))
            (then
              (local.set $n (call $lit_uleb))
              (if (i32.eq (local.get $tag) (i32.const 9)) (then (drop (call $lit_u8))))
              (global.set $lit_pos (i32.add (global.get $lit_pos) (local.get $n))))))
        (br_if $skip (local.get $left)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.set $lit_d (array.new_fixed $bytes 0))
  (local.get $offsets))

;; The one term `d` holds from its offset `at` (a copy of a literal's bytes, which its
;; binaries are windows onto).
(func $lit_decode_at (param $d (ref $bytes)) (param $at i32) (result eqref)
  (local $v eqref)
  (global.set $lit_d (local.get $d))
  (global.set $lit_pos (local.get $at))
  (local.set $v (call $lit_term))
  (global.set $lit_d (array.new_fixed $bytes 0))
  (local.get $v))

;; Decodes a pool laid out as above (`d` holds the whole segment) into a tuple of its
;; terms, the way a program does, one literal at a time from a copy of its bytes. Used by
;; the runtime's tests, which compare the result with the VM's reading.
(func $literals_decode (param $d (ref $bytes)) (result (ref $tuple))
  (local $offsets (ref $limbs)) (local $lits (ref $tuple)) (local $i i32) (local $at i32) (local $len i32)
  (local $copy (ref $bytes))
  (local.set $offsets (call $lit_scan (local.get $d)))
  (local.set $lits (array.new $tuple (ref.null none) (i32.sub (array.len (local.get $offsets)) (i32.const 1))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $lits))))
      (local.set $at (array.get $limbs (local.get $offsets) (local.get $i)))
      (local.set $len (i32.sub (array.get $limbs (local.get $offsets) (i32.add (local.get $i) (i32.const 1))) (local.get $at)))
      (local.set $copy (array.new_default $bytes (local.get $len)))
      (array.copy $bytes $bytes (local.get $copy) (i32.const 0) (local.get $d) (local.get $at) (local.get $len))
      (array.set $tuple (local.get $lits) (local.get $i) (call $lit_decode_at (local.get $copy) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $lits))

;; Literal i (compiled code inlines this test; the runtime and computed indices call it).
(func $lit (param $i i32) (result eqref)
  (local $v eqref)
  (local.set $v (array.get $tuple (global.get $literals) (local.get $i)))
  (if (i32.eqz (ref.is_null (local.get $v))) (then (return (local.get $v))))
  (call $lit_force (local.get $i)))

;; Decodes literal i from a copy of its bytes and keeps it.
(func $lit_force (param $i i32) (result eqref)
  (local $at i32) (local $v eqref)
  (local.set $at (array.get $limbs (global.get $lit_offsets) (local.get $i)))
  (local.set $v (call $lit_decode_at
    (array.new_data $bytes $literal_pool (local.get $at)
      (i32.sub (array.get $limbs (global.get $lit_offsets) (i32.add (local.get $i) (i32.const 1))) (local.get $at)))
    (i32.const 0)))
  (array.set $tuple (global.get $literals) (local.get $i) (local.get $v))
  (local.get $v))
