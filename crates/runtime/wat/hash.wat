;; hash.wat — the VM's term hashes (erts/emulator/beam/utils.c, OTP 25):
;;
;;   $make_internal_hash  make_internal_hash: lays out large maps (map.wat). It hashes the
;;                        VM's raw 64-bit words of immediates, so this file reproduces them:
;;                        a small integer (|v| < 2^59) is v<<4|0xF, [] is 0x3B, a pid
;;                        num<<4|0x3, a port num<<4|0x7, an atom index<<6|0xB.
;;   $map_hash            make_map_hash: the internal hash salted with a depth, used when a
;;                        trie level runs out of hash bits (every 8 levels).
;;   $make_hash2          phash2 (erlang:phash2/1,2); atoms hash their names.
;;   $make_hash           phash (erlang:phash/2).
;;
;; Atoms in the internal hash: the VM hashes the atom's index in its atom table, which
;; depends on what the VM loaded before, so it cannot be reproduced. We hash a stand-in
;; index derived from the atom's name (`$hash_atom_word`), so large maps with atom keys
;; (alone or inside tuples/lists) iterate in a deterministic order that differs from the
;; VM's. phash2 of atoms is exact (the VM hashes the name there).
;;
;; External funs, pids, ports and refs hash what we have of them (the VM hashes pointers
;; and node data for some); their hashes are deterministic but not the VM's.
;;
;; All arithmetic is on u32 (i32 with unsigned shifts), as in the C code.
;; Private helpers are prefixed `hash_`.

(global $HCONST i32 (i32.const 0x9e3779b9))
(global $HCONST_2 i32 (i32.const 0x3c6ef372))
(global $HCONST_3 i32 (i32.const 0xdaa66d2b))
(global $HCONST_4 i32 (i32.const 0x78dde6e4))
(global $HCONST_5 i32 (i32.const 0x1715609d))
(global $HCONST_6 i32 (i32.const 0xb54cda56))
(global $HCONST_7 i32 (i32.const 0x5384540f))
(global $HCONST_8 i32 (i32.const 0xf1bbcdc8))
(global $HCONST_9 i32 (i32.const 0x8ff34781))
(global $HCONST_10 i32 (i32.const 0x2e2ac13a))
(global $HCONST_11 i32 (i32.const 0xcc623af3))
(global $HCONST_12 i32 (i32.const 0x6a99b4ac))
(global $HCONST_13 i32 (i32.const 0x08d12e65))
(global $HCONST_14 i32 (i32.const 0xa708a81e))
(global $HCONST_15 i32 (i32.const 0x454021d7))
(global $HCONST_16 i32 (i32.const 0xe3779b90))
(global $HCONST_17 i32 (i32.const 0x81af1549))
(global $HCONST_18 i32 (i32.const 0x1fe68f02))
(global $HCONST_19 i32 (i32.const 0xbe1e08bb))
(global $HCONST_22 i32 (i32.const 0x98c475e6))
(global $HCONST_20 i32 (i32.const 0x5c558274))
(global $HCONST_21 i32 (i32.const 0xfa8cfc2d))

;; Bob Jenkins' mix of (a, b, c); returns the new c.
(func $hash_mix (param $a i32) (param $b i32) (param $c i32) (result i32)
  (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 13))))
  (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 8))))
  (local.set $c (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 13))))
  (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 12))))
  (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 16))))
  (local.set $c (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 5))))
  (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 3))))
  (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 10))))
  (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 15))))

;; UINT32_HASH_2(x, y, k) applied to the hash `h`.
(func $hash2 (param $x i32) (param $y i32) (param $k i32) (param $h i32) (result i32)
  (call $hash_mix (i32.add (local.get $k) (local.get $x)) (i32.add (local.get $k) (local.get $y)) (local.get $h)))

;; UINT32_HASH(x, k) applied to the hash `h`.
(func $hash1 (param $x i32) (param $k i32) (param $h i32) (result i32)
  (call $hash_mix (i32.add (local.get $k) (local.get $x)) (local.get $k) (local.get $h)))

;; Bob Jenkins' block hash of `len` bytes at d[off..], starting from `init`.
(func $hash_block (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $init i32) (result i32)
  (local $a i32) (local $b i32) (local $c i32) (local $p i32) (local $left i32)
  (local.set $a (global.get $HCONST))
  (local.set $b (global.get $HCONST))
  (local.set $c (local.get $init))
  (local.set $p (local.get $off))
  (local.set $left (local.get $len))
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (local.get $left) (i32.const 12)))
      (local.set $a (i32.add (local.get $a) (call $hash_le32 (local.get $d) (local.get $p))))
      (local.set $b (i32.add (local.get $b) (call $hash_le32 (local.get $d) (i32.add (local.get $p) (i32.const 4)))))
      (local.set $c (i32.add (local.get $c) (call $hash_le32 (local.get $d) (i32.add (local.get $p) (i32.const 8)))))
      ;; the full mix, keeping a and b
      (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 13))))
      (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 8))))
      (local.set $c (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 13))))
      (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 12))))
      (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 16))))
      (local.set $c (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 5))))
      (local.set $a (i32.xor (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)) (i32.shr_u (local.get $c) (i32.const 3))))
      (local.set $b (i32.xor (i32.sub (i32.sub (local.get $b) (local.get $c)) (local.get $a)) (i32.shl (local.get $a) (i32.const 10))))
      (local.set $c (i32.xor (i32.sub (i32.sub (local.get $c) (local.get $a)) (local.get $b)) (i32.shr_u (local.get $b) (i32.const 15))))
      (local.set $p (i32.add (local.get $p) (i32.const 12)))
      (local.set $left (i32.sub (local.get $left) (i32.const 12)))
      (br $next)))
  (local.set $c (i32.add (local.get $c) (local.get $len)))
  ;; the last 0..11 bytes; the first byte of c is reserved for the length
  (if (i32.ge_u (local.get $left) (i32.const 11)) (then (local.set $c (i32.add (local.get $c) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 10)) (i32.const 24))))))
  (if (i32.ge_u (local.get $left) (i32.const 10)) (then (local.set $c (i32.add (local.get $c) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 9)) (i32.const 16))))))
  (if (i32.ge_u (local.get $left) (i32.const 9)) (then (local.set $c (i32.add (local.get $c) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 8)) (i32.const 8))))))
  (if (i32.ge_u (local.get $left) (i32.const 8)) (then (local.set $b (i32.add (local.get $b) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 7)) (i32.const 24))))))
  (if (i32.ge_u (local.get $left) (i32.const 7)) (then (local.set $b (i32.add (local.get $b) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 6)) (i32.const 16))))))
  (if (i32.ge_u (local.get $left) (i32.const 6)) (then (local.set $b (i32.add (local.get $b) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 5)) (i32.const 8))))))
  (if (i32.ge_u (local.get $left) (i32.const 5)) (then (local.set $b (i32.add (local.get $b) (call $hash_byte (local.get $d) (local.get $p) (i32.const 4))))))
  (if (i32.ge_u (local.get $left) (i32.const 4)) (then (local.set $a (i32.add (local.get $a) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 3)) (i32.const 24))))))
  (if (i32.ge_u (local.get $left) (i32.const 3)) (then (local.set $a (i32.add (local.get $a) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 2)) (i32.const 16))))))
  (if (i32.ge_u (local.get $left) (i32.const 2)) (then (local.set $a (i32.add (local.get $a) (i32.shl (call $hash_byte (local.get $d) (local.get $p) (i32.const 1)) (i32.const 8))))))
  (if (i32.ge_u (local.get $left) (i32.const 1)) (then (local.set $a (i32.add (local.get $a) (call $hash_byte (local.get $d) (local.get $p) (i32.const 0))))))
  (call $hash_mix (local.get $a) (local.get $b) (local.get $c)))

(func $hash_byte (param $d (ref $bytes)) (param $p i32) (param $i i32) (result i32)
  (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (local.get $i))))

(func $hash_le32 (param $d (ref $bytes)) (param $p i32) (result i32)
  (i32.or
    (i32.or (array.get_u $bytes (local.get $d) (local.get $p))
            (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 1))) (i32.const 8)))
    (i32.or (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 2))) (i32.const 16))
            (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 3))) (i32.const 24)))))

;; The hash of a binary's bytes and trailing bits (shared by make_hash2 and the internal
;; hash): `con` starts the block hash.
(func $hash_bin (param $b (ref $bin)) (param $con i32) (result i32)
  (local $h i32) (local $bits i32) (local $size i32)
  (local.set $size (struct.get $bin $size (local.get $b)))
  (local.set $bits (struct.get $bin $bits (local.get $b)))
  (if (i32.eqz (i32.or (local.get $size) (local.get $bits))) (then (return (local.get $con))))
  (local.set $h (call $hash_block (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
                                  (local.get $size) (local.get $con)))
  (if (local.get $bits)
    (then (local.set $h (call $hash2 (local.get $bits)
      (i32.shr_u (array.get_u $bytes (struct.get $bin $data (local.get $b))
                   (i32.add (struct.get $bin $off (local.get $b)) (local.get $size)))
                 (i32.sub (i32.const 8) (local.get $bits)))
      (global.get $HCONST_15) (local.get $h)))))
  (local.get $h))

;; Hashes the magnitude of a bignum as the VM's 64-bit digits: UINT32_HASH_2(lo, hi, con)
;; per digit.
(func $hash_mag (param $m (ref $limbs)) (param $con i32) (param $h i32) (result i32)
  (local $n i32) (local $i i32) (local $y i32)
  (local.set $n (array.len (local.get $m)))
  (loop $next
    (local.set $y (i32.const 0))
    (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
      (then (local.set $y (array.get $limbs (local.get $m) (i32.add (local.get $i) (i32.const 1))))))
    (local.set $h (call $hash2 (array.get $limbs (local.get $m) (local.get $i)) (local.get $y) (local.get $con) (local.get $h)))
    (local.set $i (i32.add (local.get $i) (i32.const 2)))
    (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
  (local.get $h))

;; Hashes an i64 integer outside the VM's small range (or make_hash2's 28-bit range) as a
;; one-digit bignum.
(func $hash_i64_digit (param $v i64) (param $h i32) (result i32)
  (local $t i64) (local $con i32)
  (local.set $con (global.get $HCONST_11))
  (local.set $t (local.get $v))
  (if (i64.lt_s (local.get $v) (i64.const 0))
    (then
      (local.set $con (global.get $HCONST_10))
      (local.set $t (i64.sub (i64.const 0) (local.get $v)))))
  (call $hash2 (i32.wrap_i64 (local.get $t)) (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 32)))
               (local.get $con) (local.get $h)))

;; The bits of a double, with -0.0 as 0.0.
(func $hash_f64_bits (param $f (ref $float)) (result i64)
  (local $v f64)
  (local.set $v (struct.get $float $v (local.get $f)))
  (if (f64.eq (local.get $v) (f64.const 0)) (then (return (i64.const 0))))
  (i64.reinterpret_f64 (local.get $v)))

;; ---- atoms ---------------------------------------------------------------------------------

;; The VM's atom hash (atom.c atom_hash: hashpjw over the name, with UTF-8 sequences for
;; U+0080..U+00FF folded to their latin-1 byte), cached per atom id.
(global $hash_atom_cache (mut (ref $limbs)) (array.new_fixed $limbs 0))

(func $hash_atom_name (param $a (ref $atom)) (result i32)
  (local $id i32) (local $cache (ref $limbs)) (local $h i32) (local $g i32) (local $name (ref $bin))
  (local $d (ref $bytes)) (local $p i32) (local $len i32) (local $v i32) (local $grown (ref $limbs))
  (local.set $id (struct.get $atom $id (local.get $a)))
  (local.set $cache (global.get $hash_atom_cache))
  (if (i32.lt_u (local.get $id) (array.len (local.get $cache)))
    (then
      (local.set $h (array.get $limbs (local.get $cache) (local.get $id)))
      (if (local.get $h) (then (return (local.get $h))))))
  (local.set $name (call $atom_name (local.get $a)))
  (local.set $d (struct.get $bin $data (local.get $name)))
  (local.set $p (struct.get $bin $off (local.get $name)))
  (local.set $len (struct.get $bin $size (local.get $name)))
  (local.set $h (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $v (array.get_u $bytes (local.get $d) (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (if (i32.and (i32.ne (local.get $len) (i32.const 0))
                   (i32.eq (i32.and (local.get $v) (i32.const 0xfe)) (i32.const 0xc2)))
        (then
          (if (i32.eq (i32.and (array.get_u $bytes (local.get $d) (local.get $p)) (i32.const 0xc0)) (i32.const 0x80))
            (then
              (local.set $v (i32.and (i32.or (i32.shl (local.get $v) (i32.const 6))
                                             (i32.and (array.get_u $bytes (local.get $d) (local.get $p)) (i32.const 0x3f)))
                                     (i32.const 0xff)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $len (i32.sub (local.get $len) (i32.const 1)))))))
      (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 4)) (local.get $v)))
      (local.set $g (i32.and (local.get $h) (i32.const 0xf0000000)))
      (if (local.get $g)
        (then (local.set $h (i32.xor (i32.xor (local.get $h) (i32.shr_u (local.get $g) (i32.const 24))) (local.get $g)))))
      (br $next)))
  (if (i32.ge_u (local.get $id) (array.len (local.get $cache)))
    (then
      (local.set $grown (array.new_default $limbs (i32.add (i32.shl (local.get $id) (i32.const 1)) (i32.const 64))))
      (array.copy $limbs $limbs (local.get $grown) (i32.const 0) (local.get $cache) (i32.const 0) (array.len (local.get $cache)))
      (local.set $cache (local.get $grown))
      (global.set $hash_atom_cache (local.get $grown))))
  (array.set $limbs (local.get $cache) (local.get $id) (local.get $h))
  (local.get $h))

;; The stand-in for the VM's raw atom word in the internal hash (see the file header):
;; index<<6|0xB with the index taken from the name's hash.
(func $hash_atom_word (param $a (ref $atom)) (result i64)
  (i64.or (i64.shl (i64.extend_i32_u (call $hash_atom_name (local.get $a))) (i64.const 6)) (i64.const 0xB)))

;; ---- the internal hash ----------------------------------------------------------------------

;; UINT32_HASH_2 of a raw 64-bit word with HCONST (how the VM hashes immediates).
(func $hash_word (param $w i64) (param $h i32) (result i32)
  (call $hash2 (i32.wrap_i64 (local.get $w)) (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.const 32)))
               (global.get $HCONST) (local.get $h)))

;; Light mixing of a constant (CONST_HASH).
(func $hash_const (param $k i32) (param $h i32) (result i32)
  (i32.rotl (i32.xor (local.get $h) (local.get $k)) (i32.const 17)))

;; make_internal_hash(Term, Salt).
(func $make_internal_hash (param $t eqref) (param $salt i32) (result i32)
  (call $ihash (local.get $t) (i32.xor (local.get $salt) (i32.const 3432918353))))

;; make_map_hash(Key, Depth): the internal hash salted by the depth (levels / 8).
(func $map_hash (param $t eqref) (param $depth i32) (result i32)
  (local $h i32)
  (if (local.get $depth)
    (then (local.set $h (call $hash2 (local.get $depth) (i32.const 1) (global.get $HCONST_22) (i32.const 0)))))
  (call $ihash (local.get $t) (i32.xor (local.get $h) (i32.const 3432918353))))

;; Continues the internal hash `h` over the term `t`.
(func $ihash (param $t eqref) (param $h i32) (result i32)
  (local $c (ref $cons)) (local $hd eqref) (local $tl eqref) (local $n i32) (local $sh i32) (local $i i32)
  (local $v i64) (local $tup (ref $tuple)) (local $fm (ref $fmap)) (local $f (ref $fun)) (local $fi (ref $funinfo))
  (local $env (ref null $tuple)) (local $b (ref $bin)) (local $big (ref $bigint)) (local $bits i64) (local $r i64)
  (loop $again
    ;; []
    (if (ref.is_null (local.get $t)) (then (return (call $hash_word (i64.const 0x3B) (local.get $h)))))
    ;; small integers
    (if (ref.test (ref i31) (local.get $t))
      (then (return (call $hash_word
        (i64.or (i64.shl (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))) (i64.const 4)) (i64.const 0xF))
        (local.get $h)))))
    (if (ref.test (ref $atom) (local.get $t))
      (then (return (call $hash_word (call $hash_atom_word (ref.cast (ref $atom) (local.get $t))) (local.get $h)))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $t)))
        ;; a run of bytes (integers 0..255) is packed four to a word
        (local.set $n (i32.const 0))
        (local.set $sh (i32.const 0))
        (block $run_end
          (loop $run
            (local.set $hd (struct.get $cons $hd (local.get $c)))
            (br_if $run_end (i32.eqz (ref.test (ref i31) (local.get $hd))))
            (local.set $i (i31.get_s (ref.cast (ref i31) (local.get $hd))))
            (br_if $run_end (i32.gt_u (local.get $i) (i32.const 255)))
            (local.set $sh (i32.add (i32.shl (local.get $sh) (i32.const 8)) (local.get $i)))
            (if (i32.eq (local.get $n) (i32.const 3))
              (then
                (local.set $h (call $hash1 (local.get $sh) (global.get $HCONST_4) (local.get $h)))
                (local.set $n (i32.const 0))
                (local.set $sh (i32.const 0)))
              (else (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $tl (struct.get $cons $tl (local.get $c)))
            (if (i32.eqz (ref.test (ref $cons) (local.get $tl)))
              (then
                ;; the list ended (properly or not) inside the run
                (if (local.get $n)
                  (then (local.set $h (call $hash2 (local.get $sh) (local.get $n) (global.get $HCONST_22) (local.get $h)))))
                (local.set $t (local.get $tl))
                (br $again)))
            (local.set $c (ref.cast (ref $cons) (local.get $tl)))
            (br $run)))
        (if (local.get $n)
          (then (local.set $h (call $hash2 (local.get $sh) (local.get $n) (global.get $HCONST_22) (local.get $h)))))
        ;; a cons whose head is not a byte
        (local.set $h (call $hash_const (global.get $HCONST_17) (local.get $h)))
        (local.set $tl (struct.get $cons $tl (local.get $c)))
        (local.set $h (call $ihash (struct.get $cons $hd (local.get $c)) (local.get $h)))
        (if (i32.eqz (ref.test (ref $cons) (local.get $tl)))
          (then (local.set $h (call $hash_const (global.get $HCONST_18) (local.get $h)))))
        (local.set $t (local.get $tl))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (local.set $n (array.len (local.get $tup)))
        (local.set $h (call $hash1 (local.get $n) (global.get $HCONST_9) (local.get $h)))
        (if (i32.eqz (local.get $n)) (then (return (local.get $h))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $ihash (array.get $tuple (local.get $tup) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $t (array.get $tuple (local.get $tup) (local.get $n)))
        (br $again)))
    (if (ref.test (ref $int64) (local.get $t))
      (then
        (local.set $v (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))
        ;; the VM's small integers have 60 bits
        (if (i64.eq (local.get $v) (i64.shr_s (i64.shl (local.get $v) (i64.const 4)) (i64.const 4)))
          (then (return (call $hash_word (i64.or (i64.shl (local.get $v) (i64.const 4)) (i64.const 0xF)) (local.get $h)))))
        (return (call $hash_i64_digit (local.get $v) (local.get $h)))))
    (if (ref.test (ref $float) (local.get $t))
      (then
        (local.set $bits (call $hash_f64_bits (ref.cast (ref $float) (local.get $t))))
        (return (call $hash2 (i32.wrap_i64 (local.get $bits)) (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32)))
                             (global.get $HCONST_12) (local.get $h)))))
    (if (ref.test (ref $bin) (local.get $t))
      (then (return (call $hash_bin (ref.cast (ref $bin) (local.get $t)) (i32.add (global.get $HCONST_13) (local.get $h))))))
    (if (ref.test (ref $bigint) (local.get $t))
      (then
        (local.set $big (ref.cast (ref $bigint) (local.get $t)))
        (return (call $hash_mag (struct.get $bigint $mag (local.get $big))
          (select (global.get $HCONST_10) (global.get $HCONST_11) (struct.get $bigint $neg (local.get $big)))
          (local.get $h)))))
    (if (ref.test (ref $fmap) (local.get $t))
      (then
        (local.set $fm (ref.cast (ref $fmap) (local.get $t)))
        (local.set $n (array.len (struct.get $fmap $keys (local.get $fm))))
        (local.set $h (call $hash1 (local.get $n) (global.get $HCONST_16) (local.get $h)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $ihash (array.get $tuple (struct.get $fmap $keys (local.get $fm)) (local.get $i)) (local.get $h)))
            (local.set $h (call $ihash (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (local.get $h))))
    (if (ref.test (ref $hmap) (local.get $t))
      (then
        (local.set $h (call $hash1 (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $t))) (global.get $HCONST_16) (local.get $h)))
        (return (call $ihash_hnode (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $t))) (local.get $h)))))
    (if (ref.test (ref $fun) (local.get $t))
      (then
        (local.set $f (ref.cast (ref $fun) (local.get $t)))
        (local.set $fi (struct.get $fun $info (local.get $f)))
        (if (struct.get $funinfo $kind (local.get $fi))
          (then
            ;; the VM hashes the export entry's address; we hash module, name and arity
            (local.set $h (call $hash2 (i32.wrap_i64 (call $hash_atom_word (struct.get $funinfo $module (local.get $fi))))
                                       (i32.wrap_i64 (call $hash_atom_word (struct.get $funinfo $name (local.get $fi))))
                                       (global.get $HCONST_14) (local.get $h)))
            (return (call $hash1 (struct.get $funinfo $arity (local.get $fi)) (global.get $HCONST_14) (local.get $h)))))
        (local.set $env (struct.get $fun $env (local.get $f)))
        (local.set $n (call $cmp_fun_nfree (local.get $f)))
        (local.set $h (call $hash2 (local.get $n) (i32.wrap_i64 (call $hash_atom_word (struct.get $funinfo $module (local.get $fi))))
                                   (global.get $HCONST_20) (local.get $h)))
        (local.set $h (call $hash2 (struct.get $funinfo $index (local.get $fi)) (struct.get $funinfo $uniq (local.get $fi))
                                   (global.get $HCONST_21) (local.get $h)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $ihash (array.get $tuple (ref.as_non_null (local.get $env)) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (local.get $h))))
    (if (ref.test (ref $pid) (local.get $t))
      (then (return (call $hash_word
        (i64.or (i64.shl (i64.extend_i32_u (struct.get $pid $num (ref.cast (ref $pid) (local.get $t)))) (i64.const 4)) (i64.const 0x3))
        (local.get $h)))))
    (if (ref.test (ref $port) (local.get $t))
      (then (return (call $hash_word
        (i64.or (i64.shl (i64.extend_i32_u (struct.get $port $num (ref.cast (ref $port) (local.get $t)))) (i64.const 4)) (i64.const 0x7))
        (local.get $h)))))
    (if (ref.test (ref $ref) (local.get $t))
      (then
        (local.set $r (struct.get $ref $n (ref.cast (ref $ref) (local.get $t))))
        (local.set $h (call $hash1 (i32.wrap_i64 (local.get $r)) (global.get $HCONST_7) (local.get $h)))
        (return (call $hash2 (i32.wrap_i64 (i64.shr_u (local.get $r) (i64.const 32))) (i32.const 0)
                             (global.get $HCONST_8) (local.get $h))))))
  (local.get $h))

;; The internal hash of a trie node's entries, in the VM's order (its explicit stack
;; visits a node's entries from the last to the first, a leaf's key before its value).
(func $ihash_hnode (param $node (ref $hnode)) (param $h i32) (result i32)
  (local $kids (ref $tuple)) (local $i i32) (local $k eqref)
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (local.set $i (array.len (local.get $kids)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (if (ref.test (ref $hleaf) (local.get $k))
        (then
          (local.set $h (call $ihash (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $k))) (local.get $h)))
          (local.set $h (call $ihash (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $k))) (local.get $h))))
        (else (local.set $h (call $ihash_hnode (ref.cast (ref $hnode) (local.get $k)) (local.get $h)))))
      (br $next)))
  (local.get $h))

;; ---- phash2 (make_hash2) ------------------------------------------------------------------------

;; make_hash2(Term): the portable hash behind erlang:phash2/1,2.
(func $make_hash2 (param $t eqref) (result i32)
  (call $h2 (local.get $t) (i32.const 0)))

;; SINT32_HASH or NOT_SSMALL28_HASH of an i64 integer.
(func $h2_int (param $v i64) (param $h i32) (result i32)
  (local $y i32)
  ;; within 28 bits: SINT32_HASH (negative numbers are mixed twice)
  (if (i64.lt_u (i64.add (i64.shr_s (local.get $v) (i64.const 27)) (i64.const 1)) (i64.const 2))
    (then
      (local.set $y (i32.wrap_i64 (local.get $v)))
      (if (i32.lt_s (local.get $y) (i32.const 0))
        (then (local.set $h (call $hash1 (i32.sub (i32.const 0) (local.get $y)) (global.get $HCONST) (local.get $h)))))
      (return (call $hash1 (local.get $y) (global.get $HCONST) (local.get $h)))))
  (call $hash_i64_digit (local.get $v) (local.get $h)))

;; Continues make_hash2's `h` over `t` (h is 0 at the start of a term or a map pair).
(func $h2 (param $t eqref) (param $h i32) (result i32)
  (local $c (ref $cons)) (local $hd eqref) (local $tl eqref) (local $n i32) (local $sh i32) (local $i i32)
  (local $tup (ref $tuple)) (local $fm (ref $fmap)) (local $f (ref $fun)) (local $fi (ref $funinfo))
  (local $env (ref null $tuple)) (local $big (ref $bigint)) (local $bits i64) (local $x i32)
  (loop $again
    (if (ref.is_null (local.get $t))
      (then
        (if (i32.eqz (local.get $h)) (then (return (i32.const 3468870702))))
        (return (call $hash1 (i32.const 2) (global.get $HCONST_2) (local.get $h)))))
    (if (ref.test (ref i31) (local.get $t))
      (then (return (call $h2_int (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))) (local.get $h)))))
    (if (ref.test (ref $atom) (local.get $t))
      (then
        (if (i32.eqz (local.get $h)) (then (return (call $hash_atom_name (ref.cast (ref $atom) (local.get $t))))))
        (return (call $hash1 (call $hash_atom_name (ref.cast (ref $atom) (local.get $t))) (global.get $HCONST_3) (local.get $h)))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $t)))
        (local.set $n (i32.const 0))
        (local.set $sh (i32.const 0))
        (block $run_end
          (loop $run
            (local.set $hd (struct.get $cons $hd (local.get $c)))
            (br_if $run_end (i32.eqz (ref.test (ref i31) (local.get $hd))))
            (local.set $i (i31.get_s (ref.cast (ref i31) (local.get $hd))))
            (br_if $run_end (i32.gt_u (local.get $i) (i32.const 255)))
            (local.set $sh (i32.add (i32.shl (local.get $sh) (i32.const 8)) (local.get $i)))
            (if (i32.eq (local.get $n) (i32.const 3))
              (then
                (local.set $h (call $hash1 (local.get $sh) (global.get $HCONST_4) (local.get $h)))
                (local.set $n (i32.const 0))
                (local.set $sh (i32.const 0)))
              (else (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $tl (struct.get $cons $tl (local.get $c)))
            (if (i32.eqz (ref.test (ref $cons) (local.get $tl)))
              (then
                (if (local.get $n)
                  (then (local.set $h (call $hash1 (local.get $sh) (global.get $HCONST_4) (local.get $h)))))
                (local.set $t (local.get $tl))
                (br $again)))
            (local.set $c (ref.cast (ref $cons) (local.get $tl)))
            (br $run)))
        (if (local.get $n)
          (then (local.set $h (call $hash1 (local.get $sh) (global.get $HCONST_4) (local.get $h)))))
        (local.set $h (call $h2 (struct.get $cons $hd (local.get $c)) (local.get $h)))
        (local.set $t (struct.get $cons $tl (local.get $c)))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (local.set $n (array.len (local.get $tup)))
        (local.set $h (call $hash1 (local.get $n) (global.get $HCONST_9) (local.get $h)))
        (if (i32.eqz (local.get $n)) (then (return (local.get $h))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $h2 (array.get $tuple (local.get $tup) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $t (array.get $tuple (local.get $tup) (local.get $n)))
        (br $again)))
    (if (ref.test (ref $int64) (local.get $t))
      (then (return (call $h2_int (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))) (local.get $h)))))
    (if (ref.test (ref $float) (local.get $t))
      (then
        (local.set $bits (call $hash_f64_bits (ref.cast (ref $float) (local.get $t))))
        (return (call $hash2 (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))) (i32.wrap_i64 (local.get $bits))
                             (global.get $HCONST_12) (local.get $h)))))
    (if (ref.test (ref $bin) (local.get $t))
      (then (return (call $hash_bin (ref.cast (ref $bin) (local.get $t)) (i32.add (global.get $HCONST_13) (local.get $h))))))
    (if (ref.test (ref $bigint) (local.get $t))
      (then
        (local.set $big (ref.cast (ref $bigint) (local.get $t)))
        (return (call $hash_mag (struct.get $bigint $mag (local.get $big))
          (select (global.get $HCONST_10) (global.get $HCONST_11) (struct.get $bigint $neg (local.get $big)))
          (local.get $h)))))
    (if (ref.test (ref $fmap) (local.get $t))
      (then
        ;; the pairs are hashed independently and xor-ed, so the order does not matter
        (local.set $fm (ref.cast (ref $fmap) (local.get $t)))
        (local.set $n (array.len (struct.get $fmap $keys (local.get $fm))))
        (local.set $h (call $hash1 (local.get $n) (global.get $HCONST_16) (local.get $h)))
        (if (i32.eqz (local.get $n)) (then (return (local.get $h))))
        (local.set $x (i32.const 0))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $x (i32.xor (local.get $x)
              (call $h2 (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i))
                (call $h2 (array.get $tuple (struct.get $fmap $keys (local.get $fm)) (local.get $i)) (i32.const 0)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (call $hash1 (local.get $x) (global.get $HCONST_19) (local.get $h)))))
    (if (ref.test (ref $hmap) (local.get $t))
      (then
        (local.set $h (call $hash1 (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $t))) (global.get $HCONST_16) (local.get $h)))
        (return (call $hash1 (call $h2_hnode (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $t))) (i32.const 0))
                             (global.get $HCONST_19) (local.get $h)))))
    (if (ref.test (ref $fun) (local.get $t))
      (then
        (local.set $f (ref.cast (ref $fun) (local.get $t)))
        (local.set $fi (struct.get $fun $info (local.get $f)))
        (if (struct.get $funinfo $kind (local.get $fi))
          (then
            (local.set $h (call $hash2 (struct.get $funinfo $arity (local.get $fi))
                                       (call $hash_atom_name (struct.get $funinfo $module (local.get $fi)))
                                       (global.get $HCONST) (local.get $h)))
            (return (call $hash1 (call $hash_atom_name (struct.get $funinfo $name (local.get $fi)))
                                 (global.get $HCONST_14) (local.get $h)))))
        (local.set $env (struct.get $fun $env (local.get $f)))
        (local.set $n (call $cmp_fun_nfree (local.get $f)))
        (local.set $h (call $hash2 (local.get $n) (call $hash_atom_name (struct.get $funinfo $module (local.get $fi)))
                                   (global.get $HCONST) (local.get $h)))
        (local.set $h (call $hash2 (struct.get $funinfo $index (local.get $fi)) (struct.get $funinfo $uniq (local.get $fi))
                                   (global.get $HCONST) (local.get $h)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $h2 (array.get $tuple (ref.as_non_null (local.get $env)) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (local.get $h))))
    (if (ref.test (ref $pid) (local.get $t))
      (then (return (call $hash1 (i32.and (struct.get $pid $num (ref.cast (ref $pid) (local.get $t))) (i32.const 0x7fff))
                                 (global.get $HCONST_5) (local.get $h)))))
    (if (ref.test (ref $port) (local.get $t))
      (then (return (call $hash2 (struct.get $port $num (ref.cast (ref $port) (local.get $t))) (i32.const 0)
                                 (global.get $HCONST_6) (local.get $h)))))
    (if (ref.test (ref $ref) (local.get $t))
      (then (return (call $hash1 (i32.wrap_i64 (struct.get $ref $n (ref.cast (ref $ref) (local.get $t))))
                                 (global.get $HCONST_7) (local.get $h))))))
  (local.get $h))

;; The xor of make_hash2 over the key-value pairs under a trie node.
(func $h2_hnode (param $node (ref $hnode)) (param $x i32) (result i32)
  (local $kids (ref $tuple)) (local $i i32) (local $k eqref) (local $leaf (ref $hleaf))
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (if (ref.test (ref $hleaf) (local.get $k))
        (then
          (local.set $leaf (ref.cast (ref $hleaf) (local.get $k)))
          (local.set $x (i32.xor (local.get $x)
            (call $h2 (struct.get $hleaf $v (local.get $leaf)) (call $h2 (struct.get $hleaf $k (local.get $leaf)) (i32.const 0))))))
        (else (local.set $x (call $h2_hnode (ref.cast (ref $hnode) (local.get $k)) (local.get $x)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $x))

;; ---- phash (make_hash) ------------------------------------------------------------------------------

(global $FN1 i32 (i32.const 268440163))
(global $FN2 i32 (i32.const 268439161))
(global $FN3 i32 (i32.const 268435459))
(global $FN4 i32 (i32.const 268436141))
(global $FN5 i32 (i32.const 268438633))
(global $FN6 i32 (i32.const 268437017))
(global $FN8 i32 (i32.const 268437511))
(global $FN9 i32 (i32.const 268439627))
(global $FN10 i32 (i32.const 268440479))
(global $FN11 i32 (i32.const 268440577))
(global $FN12 i32 (i32.const 268440581))
(global $FN13 i32 (i32.const 268440593))
(global $FN14 i32 (i32.const 268440611))

;; UINT32_HASH_STEP: the four bytes of x, low first.
(func $h1_step (param $x i32) (param $p i32) (param $h i32) (result i32)
  (local.set $h (i32.add (i32.mul (local.get $h) (local.get $p)) (i32.and (local.get $x) (i32.const 0xff))))
  (local.set $h (i32.add (i32.mul (local.get $h) (local.get $p)) (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0xff))))
  (local.set $h (i32.add (i32.mul (local.get $h) (local.get $p)) (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const 0xff))))
  (i32.add (i32.mul (local.get $h) (local.get $p)) (i32.shr_u (local.get $x) (i32.const 24))))

;; make_hash's integer hash: the bytes of |v| (4 or 8), then the sign.
(func $h1_int64 (param $v i64) (param $h i32) (result i32)
  (local $u i64)
  (local.set $u (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (i64.lt_s (local.get $v) (i64.const 0))))
  (local.set $h (call $h1_step (i32.wrap_i64 (local.get $u)) (global.get $FN2) (local.get $h)))
  (if (i64.ne (i64.shr_u (local.get $u) (i64.const 32)) (i64.const 0))
    (then (local.set $h (call $h1_step (i32.wrap_i64 (i64.shr_u (local.get $u) (i64.const 32))) (global.get $FN2) (local.get $h)))))
  (i32.mul (local.get $h) (select (global.get $FN4) (global.get $FN3) (i64.lt_s (local.get $v) (i64.const 0)))))

;; make_hash(Term): the hash behind erlang:phash/2.
(func $make_hash (param $t eqref) (result i32)
  (call $h1 (local.get $t) (i32.const 0)))

;; Continues make_hash's `h` over `t`.
(func $h1 (param $t eqref) (param $h i32) (result i32)
  (local $c (ref $cons)) (local $hd eqref) (local $tl eqref) (local $n i32) (local $i i32)
  (local $tup (ref $tuple)) (local $f (ref $fun)) (local $fi (ref $funinfo)) (local $env (ref null $tuple))
  (local $big (ref $bigint)) (local $m (ref $limbs)) (local $bits i64) (local $b (ref $bin)) (local $d (ref $bytes))
  (local $p i32) (local $r i32)
  (loop $again
    (if (ref.is_null (local.get $t))
      (then (return (i32.add (i32.mul (local.get $h) (global.get $FN3)) (i32.const 1)))))
    (if (ref.test (ref i31) (local.get $t))
      (then (return (call $h1_int64 (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))) (local.get $h)))))
    (if (ref.test (ref $int64) (local.get $t))
      (then (return (call $h1_int64 (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))) (local.get $h)))))
    (if (ref.test (ref $atom) (local.get $t))
      (then (return (i32.add (i32.mul (local.get $h) (global.get $FN1))
                             (call $hash_atom_name (ref.cast (ref $atom) (local.get $t)))))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $t)))
        (loop $run
          (local.set $hd (struct.get $cons $hd (local.get $c)))
          (if (ref.test (ref i31) (local.get $hd))
            (then
              (local.set $i (i31.get_s (ref.cast (ref i31) (local.get $hd))))
              (if (i32.le_u (local.get $i) (i32.const 255))
                (then
                  (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN2)) (local.get $i)))
                  (local.set $tl (struct.get $cons $tl (local.get $c)))
                  (if (i32.eqz (ref.test (ref $cons) (local.get $tl)))
                    (then
                      (local.set $h (call $h1 (local.get $tl) (local.get $h)))
                      (return (i32.mul (local.get $h) (global.get $FN8)))))
                  (local.set $c (ref.cast (ref $cons) (local.get $tl)))
                  (br $run))))))
        ;; a head that is not a byte: hash it, then the tail (CDR_PRE_OP)
        (local.set $h (call $h1 (struct.get $cons $hd (local.get $c)) (local.get $h)))
        (local.set $tl (struct.get $cons $tl (local.get $c)))
        (if (i32.eqz (ref.test (ref $cons) (local.get $tl)))
          (then
            (local.set $h (call $h1 (local.get $tl) (local.get $h)))
            (return (i32.mul (local.get $h) (global.get $FN8)))))
        (local.set $t (local.get $tl))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (local.set $n (array.len (local.get $tup)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $h1 (array.get $tuple (local.get $tup) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (i32.add (i32.mul (local.get $h) (global.get $FN9)) (local.get $n)))))
    (if (ref.test (ref $float) (local.get $t))
      (then
        (local.set $bits (call $hash_f64_bits (ref.cast (ref $float) (local.get $t))))
        (return (i32.add (i32.mul (local.get $h) (global.get $FN6))
                         (i32.xor (i32.wrap_i64 (local.get $bits)) (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))))))
    (if (ref.test (ref $bin) (local.get $t))
      (then
        (local.set $b (ref.cast (ref $bin) (local.get $t)))
        (local.set $d (struct.get $bin $data (local.get $b)))
        (local.set $p (struct.get $bin $off (local.get $b)))
        (local.set $n (struct.get $bin $size (local.get $b)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN1))
                                   (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $r (struct.get $bin $bits (local.get $b)))
        (if (local.get $r)
          (then
            (local.set $h (i32.add
              (i32.mul (i32.add (i32.mul (local.get $h) (global.get $FN1))
                                (i32.shr_u (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (local.get $n)))
                                           (i32.sub (i32.const 8) (local.get $r))))
                       (global.get $FN12))
              (local.get $r)))))
        (return (i32.add (i32.mul (local.get $h) (global.get $FN4)) (local.get $n)))))
    (if (ref.test (ref $bigint) (local.get $t))
      (then
        ;; the bytes of each 64-bit digit, low first, the top digit's high half only when
        ;; it is not zero: with 32-bit limbs that is every limb, four bytes each
        (local.set $big (ref.cast (ref $bigint) (local.get $t)))
        (local.set $m (struct.get $bigint $mag (local.get $big)))
        (local.set $n (array.len (local.get $m)))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $h1_step (array.get $limbs (local.get $m) (local.get $i)) (global.get $FN2) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (i32.mul (local.get $h) (select (global.get $FN4) (global.get $FN3) (struct.get $bigint $neg (local.get $big)))))))
    (if (i32.or (ref.test (ref $fmap) (local.get $t)) (ref.test (ref $hmap) (local.get $t)))
      (then (return (i32.add (i32.add (i32.mul (local.get $h) (global.get $FN13)) (global.get $FN14))
                             (call $make_hash2 (local.get $t))))))
    (if (ref.test (ref $fun) (local.get $t))
      (then
        (local.set $f (ref.cast (ref $fun) (local.get $t)))
        (local.set $fi (struct.get $fun $info (local.get $f)))
        (if (struct.get $funinfo $kind (local.get $fi))
          (then
            (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN11)) (struct.get $funinfo $arity (local.get $fi))))
            (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN1)) (call $hash_atom_name (struct.get $funinfo $module (local.get $fi)))))
            (return (i32.add (i32.mul (local.get $h) (global.get $FN1)) (call $hash_atom_name (struct.get $funinfo $name (local.get $fi)))))))
        (local.set $env (struct.get $fun $env (local.get $f)))
        (local.set $n (call $cmp_fun_nfree (local.get $f)))
        (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN10)) (local.get $n)))
        (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN1)) (call $hash_atom_name (struct.get $funinfo $module (local.get $fi)))))
        (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN2)) (struct.get $funinfo $index (local.get $fi))))
        (local.set $h (i32.add (i32.mul (local.get $h) (global.get $FN2)) (struct.get $funinfo $uniq (local.get $fi))))
        (local.set $i (i32.const 0))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (call $h1 (array.get $tuple (ref.as_non_null (local.get $env)) (local.get $i)) (local.get $h)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return (local.get $h))))
    (if (ref.test (ref $pid) (local.get $t))
      (then (return (i32.mul (call $h1_step (i32.and (struct.get $pid $num (ref.cast (ref $pid) (local.get $t))) (i32.const 0x7fff))
                                           (global.get $FN5) (local.get $h))
                             (global.get $FN6)))))
    (if (ref.test (ref $port) (local.get $t))
      (then (return (i32.mul (call $h1_step (struct.get $port $num (ref.cast (ref $port) (local.get $t))) (global.get $FN9) (local.get $h))
                             (global.get $FN10)))))
    (if (ref.test (ref $ref) (local.get $t))
      (then (return (i32.mul (call $h1_step (i32.wrap_i64 (struct.get $ref $n (ref.cast (ref $ref) (local.get $t)))) (global.get $FN9) (local.get $h))
                             (global.get $FN10))))))
  (local.get $h))

;; ---- BIFs --------------------------------------------------------------------------------------------

;; The range argument of phash/2 and phash2/2: 1..2^32 (2^32 as 0), or -1 when invalid.
(func $hash_range (param $r eqref) (result i64)
  (local $v i64)
  (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $r)) (ref.test (ref $int64) (local.get $r))))
    (then (return (i64.const -1))))
  (local.set $v (call $int_i64 (local.get $r)))
  (if (i64.eq (local.get $v) (i64.const 0x100000000)) (then (return (i64.const 0))))
  (if (i32.or (i64.lt_s (local.get $v) (i64.const 1)) (i64.gt_s (local.get $v) (i64.const 0xffffffff)))
    (then (return (i64.const -1))))
  (local.get $v))

(func $erlang:phash2/1 (param $t eqref) (result eqref)
  (ref.i31 (i32.and (call $make_hash2 (local.get $t)) (i32.const 0x7ffffff))))

(func $erlang:phash2/2 (param $t eqref) (param $range eqref) (result eqref)
  (local $r i64) (local $h i64)
  (local.set $r (call $hash_range (local.get $range)))
  (if (i64.lt_s (local.get $r) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $h (i64.extend_i32_u (call $make_hash2 (local.get $t))))
  (if (i64.ne (local.get $r) (i64.const 0)) (then (local.set $h (i64.rem_u (local.get $h) (local.get $r)))))
  (call $mk_int (local.get $h)))

(func $erlang:phash/2 (param $t eqref) (param $range eqref) (result eqref)
  (local $r i64) (local $h i64)
  (local.set $r (call $hash_range (local.get $range)))
  (if (i64.lt_s (local.get $r) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $h (i64.extend_i32_u (call $make_hash (local.get $t))))
  (if (i64.ne (local.get $r) (i64.const 0))
    (then (return (call $mk_int (i64.add (i64.rem_u (local.get $h) (local.get $r)) (i64.const 1))))))
  (call $mk_int (i64.add (local.get $h) (i64.const 1))))
