;; bits.wat — the bit syntax: constructing binaries (OTP 24's bs_init2/bs_put_*/bs_append
;; and OTP 25's bs_create_bin, lowered in crates/compiler/src/lower/binary.rs) and matching
;; them (bs_start_match, bs_get_*, bs_skip_*, ...). The signatures are the compiler's.
;;
;; Representation (types.wat): a `$bin` is `size` whole bytes at data[off..off+size] and
;; then `bits` (0..7) more bits in the high bits of data[off+size]. Every `$bin` starts on a
;; byte boundary: a sub-bitstring taken at an unaligned position is copied. Bits are
;; numbered from the most significant bit of data[0] (bit position p is bit 7-(p&7) of byte
;; p>>3); all positions here are absolute bit positions into a data array, as i64.
;;
;; Construction writes through the *current binary* cursor ($bs.wdata, $bs.wpos), which
;; bs_init*/bs_alloc_bits/bs_append set and every bs_put_* advances. Every write checks
;; that it stays inside the array (a put that would not fit fails instead of trapping).
;;
;; Appending in place: a binary grown by bs_append/bs_private_append carries a write
;; cursor `wr` shared by every version of it; `wr.used` is the high-water mark (in bytes,
;; rounded up) of the bytes any version has written. Appending to B writes in place iff
;; B.wr is set, B has no trailing bits, B ends exactly at wr.used (it is the newest
;; version) and the array has room; otherwise the bits are copied into a fresh array twice
;; the size (1.2x past 16 MB, as the VM grows) with a fresh cursor. An in-place append that
;; writes anything moves wr.used past B's end, so no other version can write there again.
;;
;; Matching uses `$mctx {data, pos, end}` with absolute bit positions. Sub-binaries are
;; zero-copy (sharing `data`, with a null `wr`) whenever they start on a byte boundary.
;;
;; Invariant: the unused low bits of a bitstring's partial last byte are zero, so that
;; comparing, hashing and encoding may read that byte whole. Construction keeps it (fresh
;; arrays are zero and writes only touch the bits they write; nothing is ever written
;; past a cursor's high-water mark), and a sub-bitstring that ends inside a byte of its
;; source is copied unless it ends where the source ends.
;;
;; Flags (the compiler's): 2 little, 4 signed, 16 native (= little on every target).
;; A size of -1 means "all the rest"/"all of it", -2 (any other negative) an invalid size.
;;
;; Internal helpers are named `$bits.*` (raw bit copying) and `$bs.*` (bit syntax).

;; ---- limits and the construction cursor ------------------------------------------------

;; The largest binary we can allocate, in bits (2^31-1 bytes).
(global $bs.MAX_BITS i64 (i64.const 17179869176))
;; The VM's limit on a segment size (size × unit must not exceed MAX_SMALL = 2^59-1).
(global $bs.MAX_SMALL i64 (i64.const 576460752303423487))

(global $bs.wdata (mut (ref $bytes)) (array.new_fixed $bytes 0))
;; Bytes copied by appends that could not grow in place (for the linearity test).
(global $bs.copied (mut i64) (i64.const 0))
(global $bs.wpos (mut i64) (i64.const 0))

;; ---- raw bit access ---------------------------------------------------------------------

;; The 8 bits of `d` starting at bit position `p`; bits past the array's end read as 0.
;; The caller guarantees that byte p>>3 exists.
(func $bits.get8 (param $d (ref $bytes)) (param $p i64) (result i32)
  (local $i i32) (local $s i32) (local $v i32)
  (local.set $i (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3))))
  (local.set $s (i32.wrap_i64 (i64.and (local.get $p) (i64.const 7))))
  (local.set $v (array.get_u $bytes (local.get $d) (local.get $i)))
  (if (local.get $s)
    (then
      (local.set $v (i32.shl (local.get $v) (local.get $s)))
      (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (array.len (local.get $d)))
        (then
          (local.set $v (i32.or (local.get $v)
            (i32.shr_u (array.get_u $bytes (local.get $d) (i32.add (local.get $i) (i32.const 1)))
                       (i32.sub (i32.const 8) (local.get $s)))))))))
  (i32.and (local.get $v) (i32.const 255)))

;; Writes the top `k` (1..8) bits of the byte `b` at bit position `p` of `d`, keeping the
;; other bits of the bytes touched.
(func $bits.put (param $d (ref $bytes)) (param $p i64) (param $b i32) (param $k i32)
  (local $i i32) (local $s i32) (local $mask i32)
  (local.set $i (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3))))
  (local.set $s (i32.wrap_i64 (i64.and (local.get $p) (i64.const 7))))
  (local.set $mask (i32.and (i32.shl (i32.const 0xff) (i32.sub (i32.const 8) (local.get $k))) (i32.const 0xff)))
  (local.set $b (i32.and (local.get $b) (local.get $mask)))
  (if (i32.and (i32.eqz (local.get $s)) (i32.eq (local.get $k) (i32.const 8)))
    (then (array.set $bytes (local.get $d) (local.get $i) (local.get $b)) (return)))
  (array.set $bytes (local.get $d) (local.get $i)
    (i32.or (i32.and (array.get_u $bytes (local.get $d) (local.get $i))
                     (i32.xor (i32.shr_u (local.get $mask) (local.get $s)) (i32.const -1)))
            (i32.shr_u (local.get $b) (local.get $s))))
  (if (i32.gt_u (i32.add (local.get $s) (local.get $k)) (i32.const 8))
    (then
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (array.set $bytes (local.get $d) (local.get $i)
        (i32.or (i32.and (array.get_u $bytes (local.get $d) (local.get $i))
                         (i32.xor (i32.and (i32.shl (local.get $mask) (i32.sub (i32.const 8) (local.get $s))) (i32.const 0xff))
                                  (i32.const -1)))
                (i32.and (i32.shl (local.get $b) (i32.sub (i32.const 8) (local.get $s))) (i32.const 0xff)))))))

;; Copies `n` bits from `src` at bit position `sp` to `dst` at bit position `dp`. The
;; arrays may be the same only if the ranges do not overlap.
(func $bits.copy (param $dst (ref $bytes)) (param $dp i64) (param $src (ref $bytes)) (param $sp i64) (param $n i64)
  (local $nb i32) (local $r i32) (local $di i32) (local $si i32)
  (if (i64.le_s (local.get $n) (i64.const 0)) (then (return)))
  (if (i64.eqz (i64.and (i64.or (local.get $dp) (local.get $sp)) (i64.const 7)))
    (then
      ;; Both aligned: whole bytes with array.copy, then the trailing bits.
      (local.set $nb (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3))))
      (local.set $r (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7))))
      (local.set $di (i32.wrap_i64 (i64.shr_u (local.get $dp) (i64.const 3))))
      (local.set $si (i32.wrap_i64 (i64.shr_u (local.get $sp) (i64.const 3))))
      (array.copy $bytes $bytes (local.get $dst) (local.get $di) (local.get $src) (local.get $si) (local.get $nb))
      (if (local.get $r)
        (then
          (call $bits.put (local.get $dst) (i64.shl (i64.extend_i32_u (i32.add (local.get $di) (local.get $nb))) (i64.const 3))
            (array.get_u $bytes (local.get $src) (i32.add (local.get $si) (local.get $nb)))
            (local.get $r))))
      (return)))
  ;; General case: a byte at a time.
  (block $done
    (loop $next
      (br_if $done (i64.lt_s (local.get $n) (i64.const 8)))
      (call $bits.put (local.get $dst) (local.get $dp) (call $bits.get8 (local.get $src) (local.get $sp)) (i32.const 8))
      (local.set $dp (i64.add (local.get $dp) (i64.const 8)))
      (local.set $sp (i64.add (local.get $sp) (i64.const 8)))
      (local.set $n (i64.sub (local.get $n) (i64.const 8)))
      (br $next)))
  (if (i64.gt_s (local.get $n) (i64.const 0))
    (then
      (call $bits.put (local.get $dst) (local.get $dp) (call $bits.get8 (local.get $src) (local.get $sp))
        (i32.wrap_i64 (local.get $n))))))

;; Whether `n` bits of `a` at `ap` equal `n` bits of `b` at `bp`.
(func $bits.equal (param $a (ref $bytes)) (param $ap i64) (param $b (ref $bytes)) (param $bp i64) (param $n i64) (result i32)
  (local $i i32) (local $j i32) (local $nb i32) (local $r i32) (local $mask i32)
  (if (i64.eqz (i64.and (i64.or (local.get $ap) (local.get $bp)) (i64.const 7)))
    (then
      (local.set $i (i32.wrap_i64 (i64.shr_u (local.get $ap) (i64.const 3))))
      (local.set $j (i32.wrap_i64 (i64.shr_u (local.get $bp) (i64.const 3))))
      (local.set $nb (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3))))
      (if (i32.eqz (call $bytes.equal (local.get $a) (local.get $i) (local.get $b) (local.get $j) (local.get $nb)))
        (then (return (i32.const 0))))
      (local.set $r (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7))))
      (if (i32.eqz (local.get $r)) (then (return (i32.const 1))))
      (local.set $mask (i32.and (i32.shl (i32.const 0xff) (i32.sub (i32.const 8) (local.get $r))) (i32.const 0xff)))
      (return (i32.eqz (i32.and (i32.xor
        (array.get_u $bytes (local.get $a) (i32.add (local.get $i) (local.get $nb)))
        (array.get_u $bytes (local.get $b) (i32.add (local.get $j) (local.get $nb))))
        (local.get $mask))))))
  (block $done
    (loop $next
      (br_if $done (i64.lt_s (local.get $n) (i64.const 8)))
      (if (i32.ne (call $bits.get8 (local.get $a) (local.get $ap)) (call $bits.get8 (local.get $b) (local.get $bp)))
        (then (return (i32.const 0))))
      (local.set $ap (i64.add (local.get $ap) (i64.const 8)))
      (local.set $bp (i64.add (local.get $bp) (i64.const 8)))
      (local.set $n (i64.sub (local.get $n) (i64.const 8)))
      (br $next)))
  (if (i64.eqz (local.get $n)) (then (return (i32.const 1))))
  (local.set $mask (i32.and (i32.shl (i32.const 0xff) (i32.sub (i32.const 8) (i32.wrap_i64 (local.get $n)))) (i32.const 0xff)))
  (i32.eqz (i32.and (i32.xor (call $bits.get8 (local.get $a) (local.get $ap)) (call $bits.get8 (local.get $b) (local.get $bp)))
                    (local.get $mask))))

;; Whether a[i..i+n] = b[j..j+n] (bytes), eight bytes at a time where possible.
(func $bytes.equal (param $a (ref $bytes)) (param $i i32) (param $b (ref $bytes)) (param $j i32) (param $n i32) (result i32)
  (local $k i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (if (i32.ne (array.get_u $bytes (local.get $a) (i32.add (local.get $i) (local.get $k)))
                  (array.get_u $bytes (local.get $b) (i32.add (local.get $j) (local.get $k))))
        (then (return (i32.const 0))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; The low `n` (0..64) bits of `v`, as a big-endian bit string, are written at `p` of `d`.
(func $bits.put_u64 (param $d (ref $bytes)) (param $p i64) (param $v i64) (param $n i32)
  (local $i i32) (local $k i32) (local $room i32) (local $chunk i32)
  (if (i32.eqz (i32.or (i32.wrap_i64 (i64.and (local.get $p) (i64.const 7))) (i32.and (local.get $n) (i32.const 7))))
    (then
      ;; Aligned whole bytes.
      (local.set $i (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3))))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 8)))
          (array.set $bytes (local.get $d) (local.get $i)
            (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.extend_i32_u (local.get $n)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $room (i32.sub (i32.const 8) (i32.wrap_i64 (i64.and (local.get $p) (i64.const 7)))))
      (local.set $k (select (local.get $room) (local.get $n) (i32.lt_u (local.get $room) (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (local.get $k)))
      ;; The next k bits of the value, left-aligned in a byte.
      (local.set $chunk (i32.shl
        (i32.and (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.extend_i32_u (local.get $n))))
                 (i32.sub (i32.shl (i32.const 1) (local.get $k)) (i32.const 1)))
        (i32.sub (i32.const 8) (local.get $k))))
      (call $bits.put (local.get $d) (local.get $p) (local.get $chunk) (local.get $k))
      (local.set $p (i64.add (local.get $p) (i64.extend_i32_u (local.get $k))))
      (br $next))))

;; The `n` (0..64) bits of `d` at `p`, as an unsigned big-endian number.
(func $bits.get_u64 (param $d (ref $bytes)) (param $p i64) (param $n i32) (result i64)
  (local $v i64) (local $i i32)
  (if (i32.eqz (i32.or (i32.wrap_i64 (i64.and (local.get $p) (i64.const 7))) (i32.and (local.get $n) (i32.const 7))))
    (then
      (local.set $i (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3))))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $v (i64.or (i64.shl (local.get $v) (i64.const 8))
                                (i64.extend_i32_u (array.get_u $bytes (local.get $d) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $n (i32.sub (local.get $n) (i32.const 8)))
          (br $next)))
      (return (local.get $v))))
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (local.get $n) (i32.const 8)))
      (local.set $v (i64.or (i64.shl (local.get $v) (i64.const 8))
                            (i64.extend_i32_u (call $bits.get8 (local.get $d) (local.get $p)))))
      (local.set $p (i64.add (local.get $p) (i64.const 8)))
      (local.set $n (i32.sub (local.get $n) (i32.const 8)))
      (br $next)))
  (if (local.get $n)
    (then
      (local.set $v (i64.or (i64.shl (local.get $v) (i64.extend_i32_u (local.get $n)))
        (i64.extend_i32_u (i32.shr_u (call $bits.get8 (local.get $d) (local.get $p)) (i32.sub (i32.const 8) (local.get $n))))))))
  (local.get $v))

;; Little-endian segments of `n` (0..64) bits: the value's bytes from the least
;; significant, the last chunk holding the top n mod 8 bits. Returns the n-bit big-endian
;; string that writes (or, read back, decodes) the value `v` in that order.
(func $bits.le_to_stream (param $v i64) (param $n i32) (result i64)
  (local $w i64) (local $rem i32)
  (if (i32.eq (local.get $n) (i32.const 64))
    (then (return (call $bits.bswap64 (local.get $v)))))
  (local.set $rem (local.get $n))
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (local.get $rem) (i32.const 8)))
      (local.set $rem (i32.sub (local.get $rem) (i32.const 8)))
      (local.set $w (i64.or (local.get $w)
        (i64.shl (i64.and (local.get $v) (i64.const 255)) (i64.extend_i32_u (local.get $rem)))))
      (local.set $v (i64.shr_u (local.get $v) (i64.const 8)))
      (br $next)))
  (i64.or (local.get $w)
    (i64.and (local.get $v) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $rem))) (i64.const 1)))))

;; The inverse of $bits.le_to_stream: the value of an n-bit little-endian stream `w`.
(func $bits.stream_to_le (param $w i64) (param $n i32) (result i64)
  (local $v i64) (local $rem i32) (local $sh i64)
  (if (i32.eq (local.get $n) (i32.const 64))
    (then (return (call $bits.bswap64 (local.get $w)))))
  (local.set $rem (local.get $n))
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (local.get $rem) (i32.const 8)))
      (local.set $rem (i32.sub (local.get $rem) (i32.const 8)))
      (local.set $v (i64.or (local.get $v)
        (i64.shl (i64.and (i64.shr_u (local.get $w) (i64.extend_i32_u (local.get $rem))) (i64.const 255)) (local.get $sh))))
      (local.set $sh (i64.add (local.get $sh) (i64.const 8)))
      (br $next)))
  (i64.or (local.get $v)
    (i64.shl (i64.and (local.get $w) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $rem))) (i64.const 1)))
             (local.get $sh))))

;; The 8 bytes of `v` in reverse order.
(func $bits.bswap64 (param $v i64) (result i64)
  (local $r i64) (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.eq (local.get $i) (i32.const 8)))
      (local.set $r (i64.or (i64.shl (local.get $r) (i64.const 8)) (i64.and (local.get $v) (i64.const 255))))
      (local.set $v (i64.shr_u (local.get $v) (i64.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $r))

;; ---- integers to and from bytes -----------------------------------------------------------

;; The `k` low bytes of the two's complement of the integer term `v` (sign-extended),
;; least significant first. `v` must be an integer.
(func $bs.int_le_bytes (param $v eqref) (param $k i32) (result (ref $bytes))
  (local $out (ref $bytes)) (local $x i64) (local $i i32) (local $big (ref $bigint))
  (local $mag (ref $limbs)) (local $nl i32) (local $b i32) (local $carry i32) (local $neg i32)
  (local.set $out (array.new_default $bytes (local.get $k)))
  (if (ref.test (ref $bigint) (local.get $v))
    (then
      (local.set $big (ref.cast (ref $bigint) (local.get $v)))
      (local.set $mag (struct.get $bigint $mag (local.get $big)))
      (local.set $neg (struct.get $bigint $neg (local.get $big)))
      (local.set $nl (array.len (local.get $mag)))
      (local.set $carry (i32.const 1))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
          (local.set $b (i32.const 0))
          (if (i32.lt_u (i32.shr_u (local.get $i) (i32.const 2)) (local.get $nl))
            (then
              (local.set $b (i32.and (i32.shr_u
                (array.get $limbs (local.get $mag) (i32.shr_u (local.get $i) (i32.const 2)))
                (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3))) (i32.const 255)))))
          (if (local.get $neg)
            (then
              (local.set $b (i32.add (i32.xor (local.get $b) (i32.const 255)) (local.get $carry)))
              (local.set $carry (i32.shr_u (local.get $b) (i32.const 8)))))
          (array.set $bytes (local.get $out) (local.get $i) (local.get $b))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (local.get $out))))
  (local.set $x (call $int_i64 (local.get $v)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (array.set $bytes (local.get $out) (local.get $i) (i32.wrap_i64 (local.get $x)))
      (local.set $x (i64.shr_s (local.get $x) (i64.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; The canonical integer term whose magnitude is `mag` (u32 limbs, possibly with high zero
;; limbs; the array is given up) and whose sign is `neg`.
(func $bs.int_of_limbs (param $neg i32) (param $mag (ref $limbs)) (result eqref)
  (local $n i32) (local $u i64) (local $t (ref $limbs))
  (local.set $n (array.len (local.get $mag)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (array.get $limbs (local.get $mag) (i32.sub (local.get $n) (i32.const 1))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (if (i32.le_u (local.get $n) (i32.const 2))
    (then
      (if (local.get $n)
        (then (local.set $u (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.const 0))))))
      (if (i32.eq (local.get $n) (i32.const 2))
        (then (local.set $u (i64.or (local.get $u)
          (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.const 1))) (i64.const 32))))))
      (if (local.get $neg)
        (then
          (if (i64.le_u (local.get $u) (i64.const 0x8000000000000000))
            (then (return (call $mk_int (i64.sub (i64.const 0) (local.get $u)))))))
        (else
          (if (i64.ge_s (local.get $u) (i64.const 0))
            (then (return (call $mk_int (local.get $u)))))))))
  (if (i32.ne (local.get $n) (array.len (local.get $mag)))
    (then
      (local.set $t (array.new_default $limbs (local.get $n)))
      (array.copy $limbs $limbs (local.get $t) (i32.const 0) (local.get $mag) (i32.const 0) (local.get $n))
      (local.set $mag (local.get $t))))
  (struct.new $bigint (local.get $neg) (local.get $mag)))

;; The integer whose two's complement (or, unless `signed`, unsigned) value is held in the
;; low `nbits` bits of the little-endian bytes buf[0..ceil(nbits/8)].
(func $bs.int_of_le_bytes (param $buf (ref $bytes)) (param $nbits i32) (param $signed i32) (result eqref)
  (local $k i32) (local $nl i32) (local $mag (ref $limbs)) (local $i i32) (local $neg i32)
  (local $r i32) (local $top i32) (local $carry i64) (local $w i64)
  (local.set $k (i32.shr_u (i32.add (local.get $nbits) (i32.const 7)) (i32.const 3)))
  (local.set $r (i32.and (local.get $nbits) (i32.const 7)))
  ;; Clear (or, when negative, set) the bits above nbits in the top byte.
  (if (local.get $k)
    (then
      (local.set $top (array.get_u $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1))))
      (if (local.get $signed)
        (then
          (local.set $neg (i32.and (i32.shr_u (local.get $top)
            (i32.and (i32.sub (local.get $nbits) (i32.const 1)) (i32.const 7))) (i32.const 1)))))
      (if (local.get $r)
        (then
          (if (local.get $neg)
            (then (local.set $top (i32.or (local.get $top) (i32.and (i32.shl (i32.const -1) (local.get $r)) (i32.const 255)))))
            (else (local.set $top (i32.and (local.get $top) (i32.sub (i32.shl (i32.const 1) (local.get $r)) (i32.const 1))))))
          (array.set $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1)) (local.get $top))))))
  (local.set $nl (i32.shr_u (i32.add (local.get $k) (i32.const 3)) (i32.const 2)))
  (local.set $mag (array.new_default $limbs (local.get $nl)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (array.set $limbs (local.get $mag) (i32.shr_u (local.get $i) (i32.const 2))
        (i32.or (array.get $limbs (local.get $mag) (i32.shr_u (local.get $i) (i32.const 2)))
          (i32.shl (array.get_u $bytes (local.get $buf) (local.get $i))
                   (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (local.get $neg)
    (then
      ;; Sign-extend the top limb, then negate: magnitude = ~x + 1.
      (if (i32.and (local.get $k) (i32.const 3))
        (then
          (array.set $limbs (local.get $mag) (i32.sub (local.get $nl) (i32.const 1))
            (i32.or (array.get $limbs (local.get $mag) (i32.sub (local.get $nl) (i32.const 1)))
              (i32.shl (i32.const -1) (i32.shl (i32.and (local.get $k) (i32.const 3)) (i32.const 3)))))))
      (local.set $carry (i64.const 1))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $nl)))
          (local.set $w (i64.add (i64.extend_i32_u (i32.xor (array.get $limbs (local.get $mag) (local.get $i)) (i32.const -1)))
                                 (local.get $carry)))
          (array.set $limbs (local.get $mag) (local.get $i) (i32.wrap_i64 (local.get $w)))
          (local.set $carry (i64.shr_u (local.get $w) (i64.const 32)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  (call $bs.int_of_limbs (local.get $neg) (local.get $mag)))

;; An unsigned 64-bit value as an integer term.
(func $bs.mk_u64 (param $u i64) (result eqref)
  (if (result eqref) (i64.ge_s (local.get $u) (i64.const 0))
    (then (call $mk_int (local.get $u)))
    (else (struct.new $bigint (i32.const 0)
      (array.new_fixed $limbs 2 (i32.wrap_i64 (local.get $u)) (i32.wrap_i64 (i64.shr_u (local.get $u) (i64.const 32))))))))

;; The float nearest an integer term, computed as the VM does (64-bit digits from the most
;; significant, each step rounding), or NaN when it is out of the float range.
(func $bs.int_to_f64 (param $v eqref) (result f64)
  (local $mag (ref $limbs)) (local $n i32) (local $d f64) (local $i i32) (local $digit i64)
  (if (i32.eqz (ref.test (ref $bigint) (local.get $v)))
    (then (return (f64.convert_i64_s (call $int_i64 (local.get $v))))))
  (local.set $mag (struct.get $bigint $mag (ref.cast (ref $bigint) (local.get $v))))
  (local.set $n (array.len (local.get $mag)))
  ;; Digits of 64 bits: limbs (2i, 2i+1); walk from the top digit down.
  (local.set $i (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $digit (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.shl (local.get $i) (i32.const 1)))))
      (if (i32.lt_u (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)) (local.get $n))
        (then (local.set $digit (i64.or (local.get $digit)
          (i64.shl (i64.extend_i32_u (array.get $limbs (local.get $mag) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1))))
                   (i64.const 32))))))
      (local.set $d (f64.add (f64.mul (local.get $d) (f64.const 18446744073709551616)) (f64.convert_i64_u (local.get $digit))))
      (br $next)))
  (if (f64.eq (local.get $d) (f64.const inf)) (then (return (f64.const nan))))
  (if (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $v)))
    (then (local.set $d (f64.neg (local.get $d)))))
  (local.get $d))

;; ---- half-precision floats --------------------------------------------------------------

;; The IEEE binary16 bits nearest `f` (round to nearest, ties to even; overflow to infinity).
(func $bs.f64_to_f16 (param $f f64) (result i32)
  (local $bits i64) (local $sign i32) (local $exp i32) (local $mant i64) (local $h i32)
  (local $shift i32) (local $rem i64) (local $half i64)
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  (local.set $sign (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 48))) (i32.const 0x8000)))
  (local.set $exp (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7ff)))
  (local.set $mant (i64.and (local.get $bits) (i64.const 0xfffffffffffff)))
  (if (i32.eq (local.get $exp) (i32.const 0x7ff))
    (then
      (return (i32.or (local.get $sign)
        (select (i32.const 0x7e00) (i32.const 0x7c00) (i64.ne (local.get $mant) (i64.const 0)))))))
  ;; Unbiased exponent e = exp - 1023; half exponent = e + 15.
  (local.set $exp (i32.sub (local.get $exp) (i32.const 1008)))
  (if (i32.ge_s (local.get $exp) (i32.const 31))
    (then (return (i32.or (local.get $sign) (i32.const 0x7c00)))))
  (if (i32.le_s (local.get $exp) (i32.const 0))
    (then
      ;; Subnormal (or zero) half: value = mant' × 2^-24.
      (if (i32.lt_s (local.get $exp) (i32.const -10)) (then (return (local.get $sign))))
      (local.set $mant (i64.or (local.get $mant) (i64.const 0x10000000000000)))
      (local.set $shift (i32.sub (i32.const 43) (local.get $exp)))
      (local.set $h (i32.wrap_i64 (i64.shr_u (local.get $mant) (i64.extend_i32_u (local.get $shift)))))
      (local.set $rem (i64.and (local.get $mant) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $shift))) (i64.const 1))))
      (local.set $half (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (local.get $shift) (i32.const 1)))))
      (if (i32.or (i64.gt_u (local.get $rem) (local.get $half))
                  (i32.and (i64.eq (local.get $rem) (local.get $half)) (i32.and (local.get $h) (i32.const 1))))
        (then (local.set $h (i32.add (local.get $h) (i32.const 1)))))
      (return (i32.or (local.get $sign) (local.get $h)))))
  (local.set $h (i32.or (i32.shl (local.get $exp) (i32.const 10))
                        (i32.wrap_i64 (i64.shr_u (local.get $mant) (i64.const 42)))))
  (local.set $rem (i64.and (local.get $mant) (i64.const 0x3ffffffffff)))
  (local.set $half (i64.const 0x20000000000))
  (if (i32.or (i64.gt_u (local.get $rem) (local.get $half))
              (i32.and (i64.eq (local.get $rem) (local.get $half)) (i32.and (local.get $h) (i32.const 1))))
    (then (local.set $h (i32.add (local.get $h) (i32.const 1)))))
  ;; A carry out of the mantissa bumps the exponent, possibly to infinity: both correct.
  (i32.or (local.get $sign) (local.get $h)))

;; The value of the IEEE binary16 bits `h`.
(func $bs.f16_to_f64 (param $h i32) (result f64)
  (local $exp i32) (local $mant i32) (local $v f64)
  (local.set $exp (i32.and (i32.shr_u (local.get $h) (i32.const 10)) (i32.const 31)))
  (local.set $mant (i32.and (local.get $h) (i32.const 0x3ff)))
  (if (i32.eq (local.get $exp) (i32.const 31))
    (then (local.set $v (select (f64.const nan) (f64.const inf) (local.get $mant))))
    (else
      (if (local.get $exp)
        (then
          (local.set $v (f64.reinterpret_i64 (i64.or
            (i64.shl (i64.extend_i32_u (i32.add (local.get $exp) (i32.const 1008))) (i64.const 52))
            (i64.shl (i64.extend_i32_u (local.get $mant)) (i64.const 42))))))
        (else
          (local.set $v (f64.mul (f64.convert_i32_u (local.get $mant)) (f64.const 0x1p-24)))))))
  (if (result f64) (i32.and (local.get $h) (i32.const 0x8000))
    (then (f64.neg (local.get $v)))
    (else (local.get $v))))

;; ---- sizes --------------------------------------------------------------------------------

;; Validates a size term for a segment of `unit`: size × unit in bits, or -2 (with the
;; reason in $fail_reason: badarg when it is not a non-negative integer, system_limit when
;; it is too large).
(func $bs_seg_size (param $size eqref) (param $unit i32) (result i64)
  (local $n i64) (local $u i64)
  (local.set $u (i64.extend_i32_u (select (local.get $unit) (i32.const 1) (local.get $unit))))
  (if (ref.test (ref i31) (local.get $size))
    (then
      (local.set $n (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $size)))))
      (if (i64.ge_s (local.get $n) (i64.const 0))
        (then (return (i64.mul (local.get $n) (local.get $u)))))
      (global.set $fail_reason (global.get $atom.badarg))
      (return (i64.const -2))))
  (if (ref.test (ref $int64) (local.get $size))
    (then
      (local.set $n (struct.get $int64 $v (ref.cast (ref $int64) (local.get $size))))
      (if (i64.lt_s (local.get $n) (i64.const 0))
        (then
          (global.set $fail_reason (global.get $atom.badarg))
          (return (i64.const -2))))
      (if (i64.gt_u (local.get $n) (i64.div_u (global.get $bs.MAX_SMALL) (local.get $u)))
        (then
          (global.set $fail_reason (global.get $atom.system_limit))
          (return (i64.const -2))))
      (return (i64.mul (local.get $n) (local.get $u)))))
  (if (ref.test (ref $bigint) (local.get $size))
    (then
      (global.set $fail_reason
        (select (result eqref) (global.get $atom.badarg) (global.get $atom.system_limit)
          (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $size)))))
      (return (i64.const -2))))
  (global.set $fail_reason (global.get $atom.badarg))
  (i64.const -2))

;; The bit size of a bitstring if it is a multiple of `unit`, else -2.
(func $bs_all_bits (param $v eqref) (param $unit i32) (result i64)
  (local $b (ref $bin)) (local $n i64)
  (if (i32.eqz (ref.test (ref $bin) (local.get $v)))
    (then (global.set $fail_reason (global.get $atom.badarg)) (return (i64.const -2))))
  (local.set $b (ref.cast (ref $bin) (local.get $v)))
  (local.set $n (call $bs.bit_size (local.get $b)))
  (if (i32.gt_u (local.get $unit) (i32.const 1))
    (then
      (if (i64.ne (i64.rem_u (local.get $n) (i64.extend_i32_u (local.get $unit))) (i64.const 0))
        (then (global.set $fail_reason (global.get $atom.badarg)) (return (i64.const -2))))))
  (local.get $n))

;; The size of a bitstring in bits.
(func $bs.bit_size (param $b (ref $bin)) (result i64)
  (i64.add (i64.shl (i64.extend_i32_u (struct.get $bin $size (local.get $b))) (i64.const 3))
           (i64.extend_i32_u (struct.get $bin $bits (local.get $b)))))

;; The code point of a term valid for the utf8/16/32 segments, or -1.
(func $bs.code_point (param $v eqref) (result i32)
  (local $c i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (i32.const -1))))
  (local.set $c (i31.get_s (ref.cast (ref i31) (local.get $v))))
  (if (i32.or (i32.gt_u (local.get $c) (i32.const 0x10ffff))
              (i32.and (i32.ge_u (local.get $c) (i32.const 0xd800)) (i32.le_u (local.get $c) (i32.const 0xdfff))))
    (then (return (i32.const -1))))
  (local.get $c))

;; The bits of a code point in UTF-8. Like the VM's sizing, it never fails: an invalid code
;; point counts 32 bits and fails at the write that follows.
(func $bs_utf8_bits (param $v eqref) (result i64)
  (local $c i32)
  (local.set $c (call $bs.code_point (local.get $v)))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i64.const 32))))
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i64.const 8))))
  (if (i32.lt_u (local.get $c) (i32.const 0x800)) (then (return (i64.const 16))))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000)) (then (return (i64.const 24))))
  (i64.const 32))

;; The bits of a code point in UTF-16 (never fails, as $bs_utf8_bits).
(func $bs_utf16_bits (param $v eqref) (result i64)
  (local $c i32)
  (local.set $c (call $bs.code_point (local.get $v)))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i64.const 32))))
  (select (i64.const 16) (i64.const 32) (i32.lt_u (local.get $c) (i32.const 0x10000))))

;; The bits of a code point in UTF-32 (32), or -2 (badarg).
(func $bs_utf32_bits (param $v eqref) (result i64)
  (if (i32.lt_s (call $bs.code_point (local.get $v)) (i32.const 0))
    (then (global.set $fail_reason (global.get $atom.badarg)) (return (i64.const -2))))
  (i64.const 32))

;; OTP 24's bs_add: a + b × unit on segment sizes (badarg unless both are non-negative
;; integers; system_limit when the sum is too large).
(func $bs_add (param $a eqref) (param $b eqref) (param $unit i32) (result eqref)
  (local $x i64) (local $y i64)
  (if (i32.eqz (i32.and (call $is_integer (local.get $a)) (call $is_integer (local.get $b))))
    (then (return (call $fail_badarg))))
  (if (i32.or (call $bs.is_negative (local.get $a)) (call $bs.is_negative (local.get $b)))
    (then (return (call $fail_badarg))))
  (if (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigint) (local.get $b)))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $x (call $int_i64 (local.get $a)))
  (local.set $y (call $int_i64 (local.get $b)))
  (if (i64.gt_u (local.get $y) (i64.div_u (global.get $bs.MAX_SMALL)
                                          (i64.extend_i32_u (select (local.get $unit) (i32.const 1) (local.get $unit)))))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $x (i64.add (local.get $x) (i64.mul (local.get $y) (i64.extend_i32_u (local.get $unit)))))
  (if (i64.gt_u (local.get $x) (global.get $bs.MAX_SMALL))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (call $mk_int (local.get $x)))

;; Whether an integer term is negative.
(func $bs.is_negative (param $v eqref) (result i32)
  (if (ref.test (ref $bigint) (local.get $v))
    (then (return (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $v))))))
  (i64.lt_s (call $int_i64 (local.get $v)) (i64.const 0)))

;; OTP 24's bs_utf8_size/bs_utf16_size: the encoded byte size of a code point; like the VM
;; they never fail (an invalid code point fails at the put that follows).
(func $bs_utf8_size (param $v eqref) (result eqref)
  (local $c i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (ref.i31 (i32.const 4)))))
  (local.set $c (i31.get_s (ref.cast (ref i31) (local.get $v))))
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (ref.i31 (i32.const 1)))))
  (if (i32.lt_u (local.get $c) (i32.const 0x800)) (then (return (ref.i31 (i32.const 2)))))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000)) (then (return (ref.i31 (i32.const 3)))))
  (ref.i31 (i32.const 4)))

;; OTP 24's bs_utf16_size: 2 or 4 bytes (never fails, as on the VM).
(func $bs_utf16_size (param $v eqref) (result eqref)
  (if (ref.test (ref i31) (local.get $v))
    (then
      (if (i32.lt_u (i31.get_s (ref.cast (ref i31) (local.get $v))) (i32.const 0x10000))
        (then (return (ref.i31 (i32.const 2)))))))
  (ref.i31 (i32.const 4)))

;; ---- construction -------------------------------------------------------------------------

;; A fresh binary of `n` bits (validated, n >= 0) that becomes the current binary.
(func $bs.new (param $n i64) (result (ref $bin))
  (local $data (ref $bytes))
  (local.set $data (array.new_default $bytes
    (i32.wrap_i64 (i64.shr_u (i64.add (local.get $n) (i64.const 7)) (i64.const 3)))))
  (global.set $bs.wdata (local.get $data))
  (global.set $bs.wpos (i64.const 0))
  (struct.new $bin (local.get $data)
    (i32.const 0)
    (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3)))
    (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7)))
    (ref.null $wcursor)))

;; bs_alloc_bits (bs_create_bin): a new binary of `bits` bits, which the compiler has
;; validated to be non-negative; system_limit when it is too large to allocate.
(func $bs_alloc_bits (param $bits i64) (result eqref)
  (if (i64.gt_u (local.get $bits) (global.get $bs.MAX_BITS))
    (then
      (global.set $bs.wdata (array.new_fixed $bytes 0))
      (global.set $bs.wpos (i64.const 0))
      (return (call $fail (global.get $atom.system_limit)))))
  (call $bs.new (local.get $bits)))

;; bs_init2: a new binary of `size` bytes (a term).
(func $bs_init_bytes (param $size eqref) (result eqref)
  (local $n i64)
  (local.set $n (call $bs_seg_size (local.get $size) (i32.const 8)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail (global.get $fail_reason)))))
  (call $bs_alloc_bits (local.get $n)))

;; bs_init_bits: a new binary of `size` bits (a term).
(func $bs_init_bits (param $size eqref) (result eqref)
  (local $n i64)
  (local.set $n (call $bs_seg_size (local.get $size) (i32.const 1)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail (global.get $fail_reason)))))
  (call $bs_alloc_bits (local.get $n)))

;; Whether `n` more bits fit in the current binary.
(func $bs.room (param $n i64) (result i32)
  (i64.le_u (i64.add (global.get $bs.wpos) (local.get $n))
            (i64.shl (i64.extend_i32_u (array.len (global.get $bs.wdata))) (i64.const 3))))

;; Writes the low `n` (0..64) bits of `v` at the cursor (little-endian order when `little`).
(func $bs.put_word (param $v i64) (param $n i32) (param $little i32)
  (if (local.get $little)
    (then (local.set $v (call $bits.le_to_stream (local.get $v) (local.get $n)))))
  (call $bits.put_u64 (global.get $bs.wdata) (global.get $bs.wpos) (local.get $v) (local.get $n))
  (global.set $bs.wpos (i64.add (global.get $bs.wpos) (i64.extend_i32_u (local.get $n)))))

;; An integer segment of `bits` bits: 1 on success, 0 on failure.
(func $bs_put_integer (param $v eqref) (param $bits i64) (param $flags i32) (result i32)
  (local $x i64) (local $little i32) (local $fill i64) (local $rem i64) (local $k i32)
  (local $buf (ref $bytes)) (local $be (ref $bytes)) (local $i i32) (local $r i32)
  (if (i64.lt_s (local.get $bits) (i64.const 0)) (then (return (i32.const 0))))
  (if (i32.eqz (call $is_integer (local.get $v))) (then (return (i32.const 0))))
  (if (i32.eqz (call $bs.room (local.get $bits))) (then (return (i32.const 0))))
  (local.set $little (i32.ne (i32.and (local.get $flags) (i32.const 18)) (i32.const 0)))
  (if (i32.eqz (ref.test (ref $bigint) (local.get $v)))
    (then
      (local.set $x (call $int_i64 (local.get $v)))
      (if (i64.le_u (local.get $bits) (i64.const 64))
        (then
          ;; The common case: a small value in at most 64 bits.
          (if (i32.eqz (i32.and (i32.wrap_i64 (global.get $bs.wpos)) (i32.const 7)))
            (then
              (if (i64.eq (local.get $bits) (i64.const 8))
                (then
                  (array.set $bytes (global.get $bs.wdata)
                    (i32.wrap_i64 (i64.shr_u (global.get $bs.wpos) (i64.const 3))) (i32.wrap_i64 (local.get $x)))
                  (global.set $bs.wpos (i64.add (global.get $bs.wpos) (i64.const 8)))
                  (return (i32.const 1))))))
          (call $bs.put_word (local.get $x) (i32.wrap_i64 (local.get $bits)) (local.get $little))
          (return (i32.const 1))))
      ;; Wider than 64 bits: the value sign-extended.
      (local.set $fill (i64.shr_s (local.get $x) (i64.const 63)))
      (local.set $rem (i64.sub (local.get $bits) (i64.const 64)))
      (if (local.get $little)
        (then
          (call $bs.put_word (local.get $x) (i32.const 64) (i32.const 1))
          (call $bs.put_fill (local.get $fill) (local.get $rem)))
        (else
          (call $bs.put_fill (local.get $fill) (local.get $rem))
          (call $bs.put_word (local.get $x) (i32.const 64) (i32.const 0))))
      (return (i32.const 1))))
  ;; A bignum: its two's complement bytes, then the bits wanted.
  (local.set $k (i32.wrap_i64 (i64.shr_u (i64.add (local.get $bits) (i64.const 7)) (i64.const 3))))
  (local.set $r (i32.wrap_i64 (i64.and (local.get $bits) (i64.const 7))))
  (local.set $buf (call $bs.int_le_bytes (local.get $v) (local.get $k)))
  (if (local.get $little)
    (then
      (if (local.get $r)
        (then
          (array.set $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1))
            (i32.shl (array.get_u $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1)))
                     (i32.sub (i32.const 8) (local.get $r))))))
      (call $bits.copy (global.get $bs.wdata) (global.get $bs.wpos) (local.get $buf) (i64.const 0) (local.get $bits)))
    (else
      (local.set $be (array.new_default $bytes (local.get $k)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
          (array.set $bytes (local.get $be) (local.get $i)
            (array.get_u $bytes (local.get $buf) (i32.sub (i32.sub (local.get $k) (i32.const 1)) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $bits.copy (global.get $bs.wdata) (global.get $bs.wpos) (local.get $be)
        (i64.extend_i32_u (i32.and (i32.sub (i32.const 8) (local.get $r)) (i32.const 7))) (local.get $bits))))
  (global.set $bs.wpos (i64.add (global.get $bs.wpos) (local.get $bits)))
  (i32.const 1))

;; Writes `n` bits all equal to the low bit of `fill` (0 or -1) at the cursor.
(func $bs.put_fill (param $fill i64) (param $n i64)
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $n)))
      (if (i64.ge_u (local.get $n) (i64.const 64))
        (then
          (call $bs.put_word (local.get $fill) (i32.const 64) (i32.const 0))
          (local.set $n (i64.sub (local.get $n) (i64.const 64))))
        (else
          (call $bs.put_word (local.get $fill) (i32.wrap_i64 (local.get $n)) (i32.const 0))
          (local.set $n (i64.const 0))))
      (br $next))))

;; A float segment of 16, 32 or 64 bits; integers are converted. 1 on success, 0 on failure.
(func $bs_put_float (param $v eqref) (param $bits i64) (param $flags i32) (result i32)
  (local $f f64) (local $little i32)
  (if (ref.test (ref $float) (local.get $v))
    (then (local.set $f (struct.get $float $v (ref.cast (ref $float) (local.get $v)))))
    (else
      (if (i32.eqz (call $is_integer (local.get $v))) (then (return (i32.const 0))))
      (local.set $f (call $bs.int_to_f64 (local.get $v)))
      (if (f64.ne (local.get $f) (local.get $f)) (then (return (i32.const 0))))))
  (if (i32.eqz (call $bs.room (local.get $bits))) (then (return (i32.const 0))))
  (local.set $little (i32.ne (i32.and (local.get $flags) (i32.const 18)) (i32.const 0)))
  (if (i64.eq (local.get $bits) (i64.const 64))
    (then
      (call $bs.put_word (i64.reinterpret_f64 (local.get $f)) (i32.const 64) (local.get $little))
      (return (i32.const 1))))
  (if (i64.eq (local.get $bits) (i64.const 32))
    (then
      (call $bs.put_word (i64.extend_i32_u (i32.reinterpret_f32 (f32.demote_f64 (local.get $f))))
        (i32.const 32) (local.get $little))
      (return (i32.const 1))))
  (if (i64.eq (local.get $bits) (i64.const 16))
    (then
      (call $bs.put_word (i64.extend_i32_u (call $bs.f64_to_f16 (local.get $f))) (i32.const 16) (local.get $little))
      (return (i32.const 1))))
  (i32.const 0))

;; A binary segment: all of `v` when bits = -1 (its size must be a multiple of `unit`),
;; otherwise its first `bits` bits. 1 on success, 0 on failure.
(func $bs_put_binary (param $v eqref) (param $bits i64) (param $unit i32) (result i32)
  (local $b (ref $bin)) (local $total i64)
  (if (i32.eqz (ref.test (ref $bin) (local.get $v))) (then (return (i32.const 0))))
  (local.set $b (ref.cast (ref $bin) (local.get $v)))
  (local.set $total (call $bs.bit_size (local.get $b)))
  (if (i64.eq (local.get $bits) (i64.const -1))
    (then
      (if (i32.gt_u (local.get $unit) (i32.const 1))
        (then
          (if (i64.ne (i64.rem_u (local.get $total) (i64.extend_i32_u (local.get $unit))) (i64.const 0))
            (then (return (i32.const 0))))))
      (local.set $bits (local.get $total))))
  (if (i32.or (i64.lt_s (local.get $bits) (i64.const 0)) (i64.gt_s (local.get $bits) (local.get $total)))
    (then (return (i32.const 0))))
  (if (i32.eqz (call $bs.room (local.get $bits))) (then (return (i32.const 0))))
  (call $bits.copy (global.get $bs.wdata) (global.get $bs.wpos)
    (struct.get $bin $data (local.get $b))
    (i64.shl (i64.extend_i32_u (struct.get $bin $off (local.get $b))) (i64.const 3))
    (local.get $bits))
  (global.set $bs.wpos (i64.add (global.get $bs.wpos) (local.get $bits)))
  (i32.const 1))

;; bs_put_string: `len` bytes of the binary `strings` (the module's string table) at `off`.
(func $bs_put_bytes (param $strings eqref) (param $off i32) (param $len i32)
  (local $b (ref $bin)) (local $n i64)
  (if (i32.eqz (ref.test (ref $bin) (local.get $strings))) (then (return)))
  (local.set $b (ref.cast (ref $bin) (local.get $strings)))
  (if (i32.gt_u (i32.add (local.get $off) (local.get $len)) (struct.get $bin $size (local.get $b))) (then (return)))
  (local.set $n (i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 3)))
  (if (i32.eqz (call $bs.room (local.get $n))) (then (return)))
  (call $bits.copy (global.get $bs.wdata) (global.get $bs.wpos)
    (struct.get $bin $data (local.get $b))
    (i64.shl (i64.extend_i32_u (i32.add (struct.get $bin $off (local.get $b)) (local.get $off))) (i64.const 3))
    (local.get $n))
  (global.set $bs.wpos (i64.add (global.get $bs.wpos) (local.get $n))))

;; The UTF-8 encoding of the code point `c` as a big-endian number of $bs.utf8_len(c) bytes.
(func $bs.utf8_word (param $c i32) (result i64)
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i64.extend_i32_u (local.get $c)))))
  (if (i32.lt_u (local.get $c) (i32.const 0x800))
    (then (return (i64.extend_i32_u (i32.or
      (i32.shl (i32.or (i32.const 0xc0) (i32.shr_u (local.get $c) (i32.const 6))) (i32.const 8))
      (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))))))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000))
    (then (return (i64.extend_i32_u (i32.or (i32.or
      (i32.shl (i32.or (i32.const 0xe0) (i32.shr_u (local.get $c) (i32.const 12))) (i32.const 16))
      (i32.shl (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))) (i32.const 8)))
      (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))))))
  (i64.extend_i32_u (i32.or (i32.or
    (i32.shl (i32.or (i32.const 0xf0) (i32.shr_u (local.get $c) (i32.const 18))) (i32.const 24))
    (i32.shl (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 12)) (i32.const 0x3f))) (i32.const 16)))
    (i32.or
      (i32.shl (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 0x3f))) (i32.const 8))
      (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f)))))))

;; The number of bytes of a valid code point in UTF-8.
(func $bs.utf8_len (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i32.const 1))))
  (if (i32.lt_u (local.get $c) (i32.const 0x800)) (then (return (i32.const 2))))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000)) (then (return (i32.const 3))))
  (i32.const 4))

;; A utf8 segment: 1, or 0 for an invalid code point (surrogate, > U+10FFFF, not an integer).
(func $bs_put_utf8 (param $v eqref) (result i32)
  (local $c i32) (local $n i32)
  (local.set $c (call $bs.code_point (local.get $v)))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i32.const 0))))
  (local.set $n (i32.shl (call $bs.utf8_len (local.get $c)) (i32.const 3)))
  (if (i32.eqz (call $bs.room (i64.extend_i32_u (local.get $n)))) (then (return (i32.const 0))))
  (call $bs.put_word (call $bs.utf8_word (local.get $c)) (local.get $n) (i32.const 0))
  (i32.const 1))

;; A utf16 segment (surrogate pairs above U+FFFF, each unit little-endian when asked): 1 or 0.
(func $bs_put_utf16 (param $v eqref) (param $flags i32) (result i32)
  (local $c i32) (local $little i32)
  (local.set $c (call $bs.code_point (local.get $v)))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i32.const 0))))
  (local.set $little (i32.ne (i32.and (local.get $flags) (i32.const 18)) (i32.const 0)))
  (if (i32.lt_u (local.get $c) (i32.const 0x10000))
    (then
      (if (i32.eqz (call $bs.room (i64.const 16))) (then (return (i32.const 0))))
      (call $bs.put_word (i64.extend_i32_u (local.get $c)) (i32.const 16) (local.get $little))
      (return (i32.const 1))))
  (if (i32.eqz (call $bs.room (i64.const 32))) (then (return (i32.const 0))))
  (local.set $c (i32.sub (local.get $c) (i32.const 0x10000)))
  (call $bs.put_word (i64.extend_i32_u (i32.or (i32.const 0xd800) (i32.shr_u (local.get $c) (i32.const 10))))
    (i32.const 16) (local.get $little))
  (call $bs.put_word (i64.extend_i32_u (i32.or (i32.const 0xdc00) (i32.and (local.get $c) (i32.const 0x3ff))))
    (i32.const 16) (local.get $little))
  (i32.const 1))

;; A utf32 segment: 1 or 0.
(func $bs_put_utf32 (param $v eqref) (param $flags i32) (result i32)
  (local $c i32)
  (local.set $c (call $bs.code_point (local.get $v)))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (i32.const 0))))
  (if (i32.eqz (call $bs.room (i64.const 32))) (then (return (i32.const 0))))
  (call $bs.put_word (i64.extend_i32_u (local.get $c)) (i32.const 32)
    (i32.ne (i32.and (local.get $flags) (i32.const 18)) (i32.const 0)))
  (i32.const 1))

;; ---- why bs_create_bin failed ----------------------------------------------------------------

;; Raises the error of a failed OTP 25 bs_create_bin that has no fail label, as the VM's
;; beam_jit_bs_construct_fail_info builds it: badarg (or system_limit) with the current
;; function's frame carrying {error_info, #{cause => {Segment, Type, Info, Value},
;; function => format_bs_fail, module => erl_erts_errors}}, which erl_erts_errors and
;; Elixir's ArgumentError turn into "construction of binary failed: segment 1 of type
;; 'integer': ...". The compiler checks the segments in the VM's order (every computed
;; size first, then each write) and calls this at the first failure. `code` is
;; Segment << 8 | Type << 4 | Kind; Type is 0 binary, 1 float, 2 integer, 3 utf8,
;; 4 utf16, 5 utf32; `v` is the value the VM reports and `bits` the size of a float
;; segment. Kind:
;;   0 a computed size: badarg, or system_limit for a non-negative integer (too large)
;;   1 the value's type (integer, utf*, a binary taken whole that is no bitstring)
;;   2 a binary of a given size: `short` for a bitstring, else `type`
;;   3 a binary taken whole whose size is no multiple of the unit: `unit`
;;   4 a float: `invalid` (the size, not 16, 32 or 64), `no_float` (an integer too
;;     large), else `type`
;;   5 appending to `v`: `unit` for a bitstring (its size is no multiple of the unit),
;;     else `type`
(func $bs_create_error (param $code i32) (param $v eqref) (param $bits i64)
  (local $kind i32) (local $reason eqref) (local $info eqref) (local $op eqref)
  (local.set $kind (i32.and (local.get $code) (i32.const 15)))
  (local.set $reason (global.get $atom.badarg))
  (local.set $info (global.get $atom.type))
  (block $k
    (if (i32.eqz (local.get $kind))
      (then
        (local.set $info (global.get $atom.size))
        (if (call $is_integer (local.get $v))
          (then
            (if (i32.eqz (call $bs.is_negative (local.get $v)))
              (then (local.set $reason (global.get $atom.system_limit))))))
        (br $k)))
    (if (i32.or (i32.eq (local.get $kind) (i32.const 2)) (i32.eq (local.get $kind) (i32.const 5)))
      (then
        (if (ref.test (ref $bin) (local.get $v))
          (then (local.set $info (select (result eqref) (global.get $atom.short) (global.get $atom.unit)
            (i32.eq (local.get $kind) (i32.const 2))))))
        (br $k)))
    (if (i32.eq (local.get $kind) (i32.const 3))
      (then (local.set $info (global.get $atom.unit)) (br $k)))
    (if (i32.eq (local.get $kind) (i32.const 4))
      (then
        (if (i32.eqz (i32.or (i64.eq (local.get $bits) (i64.const 64))
              (i32.or (i64.eq (local.get $bits) (i64.const 32)) (i64.eq (local.get $bits) (i64.const 16)))))
          (then
            (local.set $info (global.get $atom.invalid))
            (local.set $v (call $mk_int (local.get $bits)))
            (br $k)))
        (if (call $is_integer (local.get $v)) (then (local.set $info (global.get $atom.no_float)))))))
  (local.set $op (array.get $tuple
    (array.new_fixed $tuple 6 (global.get $atom.binary) (global.get $atom.float) (global.get $atom.integer)
      (global.get $atom.utf8) (global.get $atom.utf16) (global.get $atom.utf32))
    (i32.rem_u (i32.and (i32.shr_u (local.get $code) (i32.const 4)) (i32.const 15)) (i32.const 6))))
  (call $raise (global.get $atom.error) (local.get $reason)
    (call $trace_with_error_info (call $trace_here (ref.null none) (global.get $FAIL))
      (struct.new $cons
        (call $tuple2 (global.get $atom.error_info)
          (struct.new $fmap
            (array.new_fixed $tuple 3 (global.get $atom.cause) (global.get $atom.function) (global.get $atom.module))
            (array.new_fixed $tuple 3
              (call $tuple4 (call $mk_int (i64.extend_i32_u (i32.shr_u (local.get $code) (i32.const 8))))
                (local.get $op) (local.get $info) (local.get $v))
              (global.get $atom.format_bs_fail) (global.get $atom.erl_erts_errors))))
        (ref.null none)))))
;; ---- appending ------------------------------------------------------------------------------

;; bs_append / bs_private_append: `bin` grown by `extra` bits. The current binary becomes
;; the result, with the cursor just after `bin`'s old end. Grows in place when `bin` is the
;; newest version of a binary being appended to (see the header).
(func $bs_append (param $v eqref) (param $extra i64) (param $unit i32) (result eqref)
  (local $b (ref $bin)) (local $total i64) (local $new i64) (local $end i32) (local $endbits i64)
  (local $wr (ref null $wcursor)) (local $data (ref $bytes)) (local $cap i64) (local $need i64)
  (if (i32.eqz (ref.test (ref $bin) (local.get $v))) (then (return (call $fail_badarg))))
  (local.set $b (ref.cast (ref $bin) (local.get $v)))
  (local.set $total (call $bs.bit_size (local.get $b)))
  (if (i32.gt_u (local.get $unit) (i32.const 1))
    (then
      (if (i64.ne (i64.rem_u (local.get $total) (i64.extend_i32_u (local.get $unit))) (i64.const 0))
        (then (return (call $fail_badarg))))))
  (if (i64.lt_s (local.get $extra) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $new (i64.add (local.get $total) (local.get $extra)))
  (if (i64.gt_u (local.get $new) (global.get $bs.MAX_BITS))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $data (struct.get $bin $data (local.get $b)))
  (local.set $wr (struct.get $bin $wr (local.get $b)))
  (local.set $end (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
  (if (ref.is_null (local.get $wr))
    (then)
    (else
      (if (i32.and (i32.eqz (struct.get $bin $bits (local.get $b)))
                   (i32.eq (local.get $end) (struct.get $wcursor $used (ref.as_non_null (local.get $wr)))))
        (then
          (local.set $endbits (i64.add (i64.shl (i64.extend_i32_u (local.get $end)) (i64.const 3)) (local.get $extra)))
          (if (i64.le_u (local.get $endbits) (i64.shl (i64.extend_i32_u (array.len (local.get $data))) (i64.const 3)))
            (then
              ;; In place.
              (struct.set $wcursor $used (ref.as_non_null (local.get $wr))
                (i32.wrap_i64 (i64.shr_u (i64.add (local.get $endbits) (i64.const 7)) (i64.const 3))))
              (global.set $bs.wdata (local.get $data))
              (global.set $bs.wpos (i64.shl (i64.extend_i32_u (local.get $end)) (i64.const 3)))
              (return (struct.new $bin (local.get $data) (struct.get $bin $off (local.get $b))
                (i32.wrap_i64 (i64.shr_u (local.get $new) (i64.const 3)))
                (i32.wrap_i64 (i64.and (local.get $new) (i64.const 7)))
                (local.get $wr)))))))))
  ;; Copy into a fresh array with room to grow: twice the need (1.2x past 16 MB), at least
  ;; 32 bytes. Library parsers start an accumulator per token (`<<Acc/binary, C>>` from
  ;; `<<>>`); a 256-byte floor made each token a zero-filled 256-byte array, and cowlib's
  ;; header parsing spent 11% of its Node time in bs_append and much of the rest in V8's GC.
  (global.set $bs.copied (i64.add (global.get $bs.copied) (i64.shr_u (local.get $total) (i64.const 3))))
  (local.set $need (i64.shr_u (i64.add (local.get $new) (i64.const 7)) (i64.const 3)))
  (local.set $cap (select
    (i64.add (local.get $need) (i64.div_u (local.get $need) (i64.const 5)))
    (i64.shl (local.get $need) (i64.const 1))
    (i64.gt_u (local.get $need) (i64.const 16777216))))
  (if (i64.lt_u (local.get $cap) (i64.const 32)) (then (local.set $cap (i64.const 32))))
  (if (i64.gt_u (local.get $cap) (i64.const 0x7fffffff)) (then (local.set $cap (i64.const 0x7fffffff))))
  (local.set $data (array.new_default $bytes (i32.wrap_i64 (local.get $cap))))
  (call $bits.copy (local.get $data) (i64.const 0) (struct.get $bin $data (local.get $b))
    (i64.shl (i64.extend_i32_u (struct.get $bin $off (local.get $b))) (i64.const 3)) (local.get $total))
  (global.set $bs.wdata (local.get $data))
  (global.set $bs.wpos (local.get $total))
  (struct.new $bin (local.get $data) (i32.const 0)
    (i32.wrap_i64 (i64.shr_u (local.get $new) (i64.const 3)))
    (i32.wrap_i64 (i64.and (local.get $new) (i64.const 7)))
    (struct.new $wcursor (i32.wrap_i64 (local.get $need)))))

;; bs_private_append: the same as bs_append (the binary is private to the caller).
(func $bs_private_append (param $v eqref) (param $extra i64) (param $unit i32) (result eqref)
  (return_call $bs_append (local.get $v) (local.get $extra) (local.get $unit)))

;; bs_init_writable: an empty binary with room for `size` bytes (1024 unless `size` is a
;; non-negative small integer, as in the VM) and a fresh write cursor.
(func $bs_init_writable (param $size eqref) (result eqref)
  (local $n i32)
  (local.set $n (i32.const 1024))
  (if (ref.test (ref i31) (local.get $size))
    (then
      (if (i32.ge_s (i31.get_s (ref.cast (ref i31) (local.get $size))) (i32.const 0))
        (then (local.set $n (i31.get_s (ref.cast (ref i31) (local.get $size))))))))
  (struct.new $bin (array.new_default $bytes (local.get $n)) (i32.const 0) (i32.const 0) (i32.const 0)
    (struct.new $wcursor (i32.const 0))))

;; ---- matching ---------------------------------------------------------------------------------

;; A match context over a bitstring; a match context is returned as it is.
(func $bs_start_match (param $v eqref) (result eqref)
  (local $b (ref $bin))
  (if (ref.test (ref $mctx) (local.get $v)) (then (return (local.get $v))))
  (if (i32.eqz (ref.test (ref $bin) (local.get $v))) (then (return (call $fail_badarg))))
  (local.set $b (ref.cast (ref $bin) (local.get $v)))
  (struct.new $mctx (struct.get $bin $data (local.get $b))
    (i64.shl (i64.extend_i32_u (struct.get $bin $off (local.get $b))) (i64.const 3))
    (i64.add (i64.shl (i64.extend_i32_u (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
                      (i64.const 3))
             (i64.extend_i32_u (struct.get $bin $bits (local.get $b))))))

;; The `n` bits of `d` at `p` as a binary: zero-copy when `p` is byte aligned, unless the
;; result would end inside a byte whose later bits are not known to be zero (`at_end`: the
;; bits end where the source bitstring ends).
(func $bs.sub (param $d (ref $bytes)) (param $p i64) (param $n i64) (param $at_end i32) (result (ref $bin))
  (local $out (ref $bytes))
  (if (i32.and (i64.eqz (i64.and (local.get $p) (i64.const 7)))
               (i32.or (local.get $at_end) (i64.eqz (i64.and (local.get $n) (i64.const 7)))))
    (then
      (return (struct.new $bin (local.get $d)
        (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3)))
        (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3)))
        (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7)))
        (ref.null $wcursor)))))
  (local.set $out (array.new_default $bytes (i32.wrap_i64 (i64.shr_u (i64.add (local.get $n) (i64.const 7)) (i64.const 3)))))
  (call $bits.copy (local.get $out) (i64.const 0) (local.get $d) (local.get $p) (local.get $n))
  (struct.new $bin (local.get $out) (i32.const 0)
    (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3)))
    (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7)))
    (ref.null $wcursor)))

;; The match context of `v`, or null when it is not one.
(func $bs.ctx (param $v eqref) (result (ref null $mctx))
  (if (result (ref null $mctx)) (ref.test (ref $mctx) (local.get $v))
    (then (ref.cast (ref $mctx) (local.get $v)))
    (else (ref.null $mctx))))

;; The bits left in a context.
(func $bs.left (param $c (ref $mctx)) (result i64)
  (i64.sub (struct.get $mctx $end (local.get $c)) (struct.get $mctx $pos (local.get $c))))

;; An integer segment of `bits` bits; FAIL when fewer bits remain.
(func $bs_get_integer (param $v eqref) (param $bits i64) (param $flags i32) (result eqref)
  (local $c (ref null $mctx)) (local $d (ref $bytes)) (local $p i64) (local $x i64) (local $n i32)
  (local $k i32) (local $buf (ref $bytes)) (local $le (ref null $bytes)) (local $i i32) (local $r i32)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  (if (i32.or (i64.lt_s (local.get $bits) (i64.const 0)) (i64.gt_s (local.get $bits) (call $bs.left (ref.as_non_null (local.get $c)))))
    (then (return (call $fail_badarg))))
  (local.set $d (struct.get $mctx $data (local.get $c)))
  (local.set $p (struct.get $mctx $pos (local.get $c)))
  (struct.set $mctx $pos (local.get $c) (i64.add (local.get $p) (local.get $bits)))
  (if (i64.le_u (local.get $bits) (i64.const 64))
    (then
      (local.set $n (i32.wrap_i64 (local.get $bits)))
      ;; Fast path: one aligned byte.
      (if (i32.and (i32.eq (local.get $n) (i32.const 8)) (i64.eqz (i64.and (local.get $p) (i64.const 7))))
        (then
          (local.set $x (i64.extend_i32_u (array.get_u $bytes (local.get $d) (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3))))))
          (if (i32.and (local.get $flags) (i32.const 4))
            (then (local.set $x (i64.extend8_s (local.get $x)))))
          (return (ref.i31 (i32.wrap_i64 (local.get $x))))))
      (if (i32.eqz (local.get $n)) (then (return (ref.i31 (i32.const 0)))))
      (local.set $x (call $bits.get_u64 (local.get $d) (local.get $p) (local.get $n)))
      (if (i32.and (local.get $flags) (i32.const 18))
        (then (local.set $x (call $bits.stream_to_le (local.get $x) (local.get $n)))))
      (if (i32.and (local.get $flags) (i32.const 4))
        (then
          (if (i32.lt_u (local.get $n) (i32.const 64))
            (then
              (local.set $x (i64.shr_s (i64.shl (local.get $x) (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $n))))
                                       (i64.extend_i32_u (i32.sub (i32.const 64) (local.get $n)))))))
          (return (call $mk_int (local.get $x)))))
      (return (call $bs.mk_u64 (local.get $x)))))
  ;; Wider than 64 bits: gather the value's bytes least significant first.
  (local.set $k (i32.wrap_i64 (i64.shr_u (i64.add (local.get $bits) (i64.const 7)) (i64.const 3))))
  (local.set $r (i32.wrap_i64 (i64.and (local.get $bits) (i64.const 7))))
  (local.set $buf (array.new_default $bytes (local.get $k)))
  (if (i32.and (local.get $flags) (i32.const 18))
    (then
      (call $bits.copy (local.get $buf) (i64.const 0) (local.get $d) (local.get $p) (local.get $bits))
      (if (local.get $r)
        (then
          (array.set $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1))
            (i32.shr_u (array.get_u $bytes (local.get $buf) (i32.sub (local.get $k) (i32.const 1)))
                       (i32.sub (i32.const 8) (local.get $r))))))
      (local.set $le (local.get $buf)))
    (else
      ;; Right-align the big-endian bits in the buffer, then reverse the bytes.
      (call $bits.copy (local.get $buf) (i64.extend_i32_u (i32.and (i32.sub (i32.const 8) (local.get $r)) (i32.const 7)))
        (local.get $d) (local.get $p) (local.get $bits))
      (local.set $le (array.new_default $bytes (local.get $k)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
          (array.set $bytes (ref.as_non_null (local.get $le)) (local.get $i)
            (array.get_u $bytes (local.get $buf) (i32.sub (i32.sub (local.get $k) (i32.const 1)) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  (call $bs.int_of_le_bytes (ref.as_non_null (local.get $le)) (i32.wrap_i64 (local.get $bits))
    (i32.ne (i32.and (local.get $flags) (i32.const 4)) (i32.const 0))))

;; A float segment of 16, 32 or 64 bits; FAIL when the bits are not a finite float. A
;; segment of 0 bits matches nothing and is 0.0 (as on the VM).
(func $bs_get_float (param $v eqref) (param $bits i64) (param $flags i32) (result eqref)
  (local $c (ref null $mctx)) (local $x i64) (local $f f64) (local $n i32)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  (if (i64.eqz (local.get $bits)) (then (return (struct.new $float (f64.const 0)))))
  (if (i32.eqz (i32.or (i32.or (i64.eq (local.get $bits) (i64.const 64)) (i64.eq (local.get $bits) (i64.const 32)))
                       (i64.eq (local.get $bits) (i64.const 16))))
    (then (return (call $fail_badarg))))
  (if (i64.gt_s (local.get $bits) (call $bs.left (ref.as_non_null (local.get $c)))) (then (return (call $fail_badarg))))
  (local.set $n (i32.wrap_i64 (local.get $bits)))
  (local.set $x (call $bits.get_u64 (struct.get $mctx $data (local.get $c)) (struct.get $mctx $pos (local.get $c)) (local.get $n)))
  (if (i32.and (local.get $flags) (i32.const 18))
    (then (local.set $x (call $bits.stream_to_le (local.get $x) (local.get $n)))))
  (if (i32.eq (local.get $n) (i32.const 64))
    (then (local.set $f (f64.reinterpret_i64 (local.get $x))))
    (else
      (if (i32.eq (local.get $n) (i32.const 32))
        (then (local.set $f (f64.promote_f32 (f32.reinterpret_i32 (i32.wrap_i64 (local.get $x))))))
        (else (local.set $f (call $bs.f16_to_f64 (i32.wrap_i64 (local.get $x))))))))
  ;; Infinities and NaNs do not match.
  (if (f64.ne (f64.sub (local.get $f) (local.get $f)) (f64.const 0)) (then (return (call $fail_badarg))))
  (struct.set $mctx $pos (local.get $c) (i64.add (struct.get $mctx $pos (local.get $c)) (local.get $bits)))
  (struct.new $float (local.get $f)))

;; A binary segment: `bits` bits, or (bits = -1) all the rest, whose size must then be a
;; multiple of `unit`.
(func $bs_get_binary (param $v eqref) (param $bits i64) (param $unit i32) (result eqref)
  (local $c (ref null $mctx)) (local $left i64) (local $p i64)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  (local.set $left (call $bs.left (ref.as_non_null (local.get $c))))
  (if (i64.eq (local.get $bits) (i64.const -1))
    (then
      (if (i32.gt_u (local.get $unit) (i32.const 1))
        (then
          (if (i64.ne (i64.rem_u (local.get $left) (i64.extend_i32_u (local.get $unit))) (i64.const 0))
            (then (return (call $fail_badarg))))))
      (local.set $bits (local.get $left))))
  (if (i32.or (i64.lt_s (local.get $bits) (i64.const 0)) (i64.gt_s (local.get $bits) (local.get $left)))
    (then (return (call $fail_badarg))))
  (local.set $p (struct.get $mctx $pos (local.get $c)))
  (struct.set $mctx $pos (local.get $c) (i64.add (local.get $p) (local.get $bits)))
  (call $bs.sub (struct.get $mctx $data (local.get $c)) (local.get $p) (local.get $bits)
    (i64.eq (i64.add (local.get $p) (local.get $bits)) (struct.get $mctx $end (local.get $c)))))

;; Skips `bits` bits, or (bits = -1) the rest when its size is a multiple of `unit`.
(func $bs_skip_bits (param $v eqref) (param $bits i64) (param $unit i32) (result i32)
  (local $c (ref null $mctx)) (local $left i64)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (i32.const 0))))
  (local.set $left (call $bs.left (ref.as_non_null (local.get $c))))
  (if (i64.eq (local.get $bits) (i64.const -1))
    (then
      (if (i32.gt_u (local.get $unit) (i32.const 1))
        (then
          (if (i64.ne (i64.rem_u (local.get $left) (i64.extend_i32_u (local.get $unit))) (i64.const 0))
            (then (return (i32.const 0))))))
      (local.set $bits (local.get $left))))
  (if (i32.or (i64.lt_s (local.get $bits) (i64.const 0)) (i64.gt_s (local.get $bits) (local.get $left)))
    (then (return (i32.const 0))))
  (struct.set $mctx $pos (local.get $c) (i64.add (struct.get $mctx $pos (local.get $c)) (local.get $bits)))
  (i32.const 1))

;; Whether exactly `bits` bits remain.
(func $bs_test_tail (param $v eqref) (param $bits i64) (result i32)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (i32.const 0))))
  (i64.eq (call $bs.left (ref.as_non_null (local.get $c))) (local.get $bits)))

;; Whether the bits remaining are a multiple of `unit`.
(func $bs_test_unit (param $v eqref) (param $unit i32) (result i32)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (i32.const 0))))
  (if (i32.le_u (local.get $unit) (i32.const 1)) (then (return (i32.const 1))))
  (i64.eqz (i64.rem_u (call $bs.left (ref.as_non_null (local.get $c))) (i64.extend_i32_u (local.get $unit)))))

;; Whether the next `bits` bits equal those of the string table `strings` at byte `off`;
;; they are skipped when they do.
(func $bs_match_string (param $v eqref) (param $strings eqref) (param $off i32) (param $bits i64) (result i32)
  (local $c (ref null $mctx)) (local $s (ref $bin))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (i32.const 0))))
  (if (i32.eqz (ref.test (ref $bin) (local.get $strings))) (then (return (i32.const 0))))
  (local.set $s (ref.cast (ref $bin) (local.get $strings)))
  (if (i64.gt_s (local.get $bits) (call $bs.left (ref.as_non_null (local.get $c)))) (then (return (i32.const 0))))
  (if (i64.gt_u (i64.add (i64.shl (i64.extend_i32_u (local.get $off)) (i64.const 3)) (local.get $bits))
                (call $bs.bit_size (local.get $s)))
    (then (return (i32.const 0))))
  (if (i32.eqz (call $bits.equal (struct.get $mctx $data (local.get $c)) (struct.get $mctx $pos (local.get $c))
        (struct.get $bin $data (local.get $s))
        (i64.shl (i64.extend_i32_u (i32.add (struct.get $bin $off (local.get $s)) (local.get $off))) (i64.const 3))
        (local.get $bits)))
    (then (return (i32.const 0))))
  (struct.set $mctx $pos (local.get $c) (i64.add (struct.get $mctx $pos (local.get $c)) (local.get $bits)))
  (i32.const 1))

;; Decodes one UTF-8 character at the context's position: the code point, with its length
;; in bits in $bs.utf_bits, or -1 when the bytes are not valid UTF-8 as the VM decides
;; (no overlong forms, no surrogates, nothing above U+10FFFF).
(global $bs.utf_bits (mut i64) (i64.const 0))
;; The UTF-8 character at a context's position (see above).
(func $bs.utf8_at (param $c (ref $mctx)) (result i32)
  (local $d (ref $bytes)) (local $p i64) (local $left i64) (local $a i32) (local $b i32) (local $x i32) (local $y i32)
  (local $cp i32)
  (local.set $d (struct.get $mctx $data (local.get $c)))
  (local.set $p (struct.get $mctx $pos (local.get $c)))
  (local.set $left (call $bs.left (local.get $c)))
  (if (i64.lt_s (local.get $left) (i64.const 8)) (then (return (i32.const -1))))
  (local.set $a (call $bits.get8 (local.get $d) (local.get $p)))
  (if (i32.lt_u (local.get $a) (i32.const 0x80))
    (then (global.set $bs.utf_bits (i64.const 8)) (return (local.get $a))))
  (if (i32.lt_u (local.get $a) (i32.const 0xc0)) (then (return (i32.const -1))))
  (if (i32.lt_u (local.get $a) (i32.const 0xe0))
    (then
      (if (i64.lt_s (local.get $left) (i64.const 16)) (then (return (i32.const -1))))
      (local.set $b (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 8))))
      (if (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
      (local.set $cp (i32.or (i32.shl (i32.and (local.get $a) (i32.const 0x1f)) (i32.const 6))
                             (i32.and (local.get $b) (i32.const 0x3f))))
      (if (i32.lt_u (local.get $cp) (i32.const 0x80)) (then (return (i32.const -1))))
      (global.set $bs.utf_bits (i64.const 16))
      (return (local.get $cp))))
  (if (i32.lt_u (local.get $a) (i32.const 0xf0))
    (then
      (if (i64.lt_s (local.get $left) (i64.const 24)) (then (return (i32.const -1))))
      (local.set $b (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 8))))
      (local.set $x (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 16))))
      (if (i32.ne (i32.and (i32.and (local.get $b) (local.get $x)) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
      (if (i32.ne (i32.and (i32.or (local.get $b) (local.get $x)) (i32.const 0x40)) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $cp (i32.or (i32.or (i32.shl (i32.and (local.get $a) (i32.const 0x0f)) (i32.const 12))
                                     (i32.shl (i32.and (local.get $b) (i32.const 0x3f)) (i32.const 6)))
                             (i32.and (local.get $x) (i32.const 0x3f))))
      (if (i32.lt_u (local.get $cp) (i32.const 0x800)) (then (return (i32.const -1))))
      (if (i32.and (i32.ge_u (local.get $cp) (i32.const 0xd800)) (i32.le_u (local.get $cp) (i32.const 0xdfff)))
        (then (return (i32.const -1))))
      (global.set $bs.utf_bits (i64.const 24))
      (return (local.get $cp))))
  (if (i32.lt_u (local.get $a) (i32.const 0xf8))
    (then
      (if (i64.lt_s (local.get $left) (i64.const 32)) (then (return (i32.const -1))))
      (local.set $b (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 8))))
      (local.set $x (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 16))))
      (local.set $y (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 24))))
      (if (i32.ne (i32.and (i32.and (i32.and (local.get $b) (local.get $x)) (local.get $y)) (i32.const 0xc0)) (i32.const 0x80))
        (then (return (i32.const -1))))
      (if (i32.ne (i32.and (i32.or (i32.or (local.get $b) (local.get $x)) (local.get $y)) (i32.const 0x40)) (i32.const 0))
        (then (return (i32.const -1))))
      (local.set $cp (i32.or (i32.or (i32.shl (i32.and (local.get $a) (i32.const 0x07)) (i32.const 18))
                                     (i32.shl (i32.and (local.get $b) (i32.const 0x3f)) (i32.const 12)))
                             (i32.or (i32.shl (i32.and (local.get $x) (i32.const 0x3f)) (i32.const 6))
                                     (i32.and (local.get $y) (i32.const 0x3f)))))
      (if (i32.or (i32.lt_u (local.get $cp) (i32.const 0x10000)) (i32.gt_u (local.get $cp) (i32.const 0x10ffff)))
        (then (return (i32.const -1))))
      (global.set $bs.utf_bits (i64.const 32))
      (return (local.get $cp))))
  (i32.const -1))

;; One UTF-16 character (two or four bytes), as $bs.utf8_at.
(func $bs.utf16_at (param $c (ref $mctx)) (param $flags i32) (result i32)
  (local $d (ref $bytes)) (local $p i64) (local $left i64) (local $w i32) (local $w2 i32) (local $little i32)
  (local.set $d (struct.get $mctx $data (local.get $c)))
  (local.set $p (struct.get $mctx $pos (local.get $c)))
  (local.set $left (call $bs.left (local.get $c)))
  (local.set $little (i32.and (local.get $flags) (i32.const 18)))
  (if (i64.lt_s (local.get $left) (i64.const 16)) (then (return (i32.const -1))))
  (local.set $w (call $bs.u16 (local.get $d) (local.get $p) (local.get $little)))
  (if (i32.or (i32.lt_u (local.get $w) (i32.const 0xd800)) (i32.gt_u (local.get $w) (i32.const 0xdfff)))
    (then (global.set $bs.utf_bits (i64.const 16)) (return (local.get $w))))
  (if (i32.gt_u (local.get $w) (i32.const 0xdbff)) (then (return (i32.const -1))))
  (if (i64.lt_s (local.get $left) (i64.const 32)) (then (return (i32.const -1))))
  (local.set $w2 (call $bs.u16 (local.get $d) (i64.add (local.get $p) (i64.const 16)) (local.get $little)))
  (if (i32.or (i32.lt_u (local.get $w2) (i32.const 0xdc00)) (i32.gt_u (local.get $w2) (i32.const 0xdfff)))
    (then (return (i32.const -1))))
  (global.set $bs.utf_bits (i64.const 32))
  (i32.add (i32.const 0x10000)
    (i32.or (i32.shl (i32.and (local.get $w) (i32.const 0x3ff)) (i32.const 10))
            (i32.and (local.get $w2) (i32.const 0x3ff)))))

;; The 16 bits at `p`, big- or little-endian.
(func $bs.u16 (param $d (ref $bytes)) (param $p i64) (param $little i32) (result i32)
  (local $a i32) (local $b i32)
  (local.set $a (call $bits.get8 (local.get $d) (local.get $p)))
  (local.set $b (call $bits.get8 (local.get $d) (i64.add (local.get $p) (i64.const 8))))
  (if (result i32) (local.get $little)
    (then (i32.or (i32.shl (local.get $b) (i32.const 8)) (local.get $a)))
    (else (i32.or (i32.shl (local.get $a) (i32.const 8)) (local.get $b)))))

;; One UTF-32 character, as $bs.utf8_at.
(func $bs.utf32_at (param $c (ref $mctx)) (param $flags i32) (result i32)
  (local $x i64) (local $cp i32)
  (if (i64.lt_s (call $bs.left (local.get $c)) (i64.const 32)) (then (return (i32.const -1))))
  (local.set $x (call $bits.get_u64 (struct.get $mctx $data (local.get $c)) (struct.get $mctx $pos (local.get $c)) (i32.const 32)))
  (if (i32.and (local.get $flags) (i32.const 18))
    (then (local.set $x (call $bits.stream_to_le (local.get $x) (i32.const 32)))))
  (if (i64.gt_u (local.get $x) (i64.const 0x10ffff)) (then (return (i32.const -1))))
  (local.set $cp (i32.wrap_i64 (local.get $x)))
  (if (i32.and (i32.ge_u (local.get $cp) (i32.const 0xd800)) (i32.le_u (local.get $cp) (i32.const 0xdfff)))
    (then (return (i32.const -1))))
  (global.set $bs.utf_bits (i64.const 32))
  (local.get $cp))

;; Moves past a decoded character; returns it as a term, or FAIL when it was invalid.
(func $bs.took (param $c (ref $mctx)) (param $cp i32) (result eqref)
  (if (i32.lt_s (local.get $cp) (i32.const 0)) (then (return (call $fail_badarg))))
  (struct.set $mctx $pos (local.get $c) (i64.add (struct.get $mctx $pos (local.get $c)) (global.get $bs.utf_bits)))
  (ref.i31 (local.get $cp)))

;; A utf8 segment: the code point, or FAIL (no match).
(func $bs_get_utf8 (param $v eqref) (result eqref)
  (local $c (ref null $mctx)) (local $p i64) (local $b i32)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  ;; Fast path: an ASCII byte at an aligned position.
  (local.set $p (struct.get $mctx $pos (local.get $c)))
  (if (i32.and (i64.eqz (i64.and (local.get $p) (i64.const 7)))
               (i64.le_s (i64.add (local.get $p) (i64.const 8)) (struct.get $mctx $end (local.get $c))))
    (then
      (local.set $b (array.get_u $bytes (struct.get $mctx $data (local.get $c)) (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3)))))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then
          (struct.set $mctx $pos (local.get $c) (i64.add (local.get $p) (i64.const 8)))
          (return (ref.i31 (local.get $b)))))))
  (call $bs.took (ref.as_non_null (local.get $c)) (call $bs.utf8_at (ref.as_non_null (local.get $c)))))

;; A utf16 segment: the code point, or FAIL.
(func $bs_get_utf16 (param $v eqref) (param $flags i32) (result eqref)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  (call $bs.took (ref.as_non_null (local.get $c)) (call $bs.utf16_at (ref.as_non_null (local.get $c)) (local.get $flags))))

;; A utf32 segment: the code point, or FAIL.
(func $bs_get_utf32 (param $v eqref) (param $flags i32) (result eqref)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (call $fail_badarg))))
  (call $bs.took (ref.as_non_null (local.get $c)) (call $bs.utf32_at (ref.as_non_null (local.get $c)) (local.get $flags))))

;; Skips a utf8 segment: 1, or 0 when there is no valid character.
(func $bs_skip_utf8 (param $v eqref) (result i32)
  (i32.eqz (call $is_fail (call $bs_get_utf8 (local.get $v)))))

;; Skips a utf16 segment: 1 or 0.
(func $bs_skip_utf16 (param $v eqref) (param $flags i32) (result i32)
  (i32.eqz (call $is_fail (call $bs_get_utf16 (local.get $v) (local.get $flags)))))

;; Skips a utf32 segment: 1 or 0.
(func $bs_skip_utf32 (param $v eqref) (param $flags i32) (result i32)
  (i32.eqz (call $is_fail (call $bs_get_utf32 (local.get $v) (local.get $flags)))))

;; The rest of the context as a binary (zero-copy when aligned); the position stays.
(func $bs_get_tail (param $v eqref) (result eqref)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (local.get $v))))
  (call $bs.sub (struct.get $mctx $data (local.get $c)) (struct.get $mctx $pos (local.get $c))
    (call $bs.left (ref.as_non_null (local.get $c))) (i32.const 1)))

;; The context's position, as an integer term (for bs_set_position).
(func $bs_get_position (param $v eqref) (result eqref)
  (local $c (ref null $mctx))
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return (ref.i31 (i32.const 0)))))
  (call $mk_int (struct.get $mctx $pos (local.get $c))))

;; Restores a position taken by bs_get_position.
(func $bs_set_position (param $v eqref) (param $pos eqref)
  (local $c (ref null $mctx)) (local $p i64)
  (local.set $c (call $bs.ctx (local.get $v)))
  (if (ref.is_null (local.get $c)) (then (return)))
  (if (i32.eqz (call $is_integer (local.get $pos))) (then (return)))
  (if (ref.test (ref $bigint) (local.get $pos)) (then (return)))
  (local.set $p (call $int_i64 (local.get $pos)))
  (if (i32.or (i64.lt_s (local.get $p) (i64.const 0)) (i64.gt_s (local.get $p) (struct.get $mctx $end (local.get $c))))
    (then (return)))
  (struct.set $mctx $pos (local.get $c) (local.get $p)))

;; is_binary: a bitstring with no trailing bits.
(func $is_binary (param $v eqref) (result i32)
  (if (result i32) (ref.test (ref $bin) (local.get $v))
    (then (i32.eqz (struct.get $bin $bits (ref.cast (ref $bin) (local.get $v)))))
    (else (i32.const 0))))
