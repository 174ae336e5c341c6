;; zlib.wat — the zlib format (RFC 1950) around DEFLATE (RFC 1951), for the external term
;; format's compressed terms (tag 80).
;;
;; Inflate accepts what zlib's uncompress() accepts: a 2-byte header (method 8, a window
;; of at most 32 KiB, no preset dictionary, the check bits), stored, fixed and dynamic
;; blocks, and the Adler-32 of the output after the last block. Codes are checked as zlib
;; checks them: an over-subscribed code is an error, an incomplete one too unless it is a
;; single code of length 1; a dynamic block without an end-of-block code is an error; a
;; length/distance pair may reach back over everything inflated so far. Decoding is
;; canonical Huffman, one bit at a time (the counts/symbols tables of RFC 1951 §3.2.2).

(global $zlib_end (mut i32) (i32.const 0))

;; The input being read: bytes $zi_d[$zi_pos..$zi_end], bits buffered in $zi_bits.
(global $zi_d (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $zi_pos (mut i32) (i32.const 0))
(global $zi_end (mut i32) (i32.const 0))
(global $zi_bits (mut i32) (i32.const 0))
(global $zi_nbits (mut i32) (i32.const 0))

;; The output: exactly the size the caller expects.
(global $zo (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $zo_pos (mut i32) (i32.const 0))

;; Code tables: per code, the number of codes of each length 0..15 and the symbols in
;; canonical order.
(global $zh_lcount (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zh_lsym (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zh_dcount (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zh_dsym (mut (ref $limbs)) (array.new_fixed $limbs 0))

;; `n` bits (n <= 24), least significant first; -1 when the input ends.
(func $zi_need (param $n i32) (result i32)
  (local $v i32)
  (block $ok
    (loop $more
      (br_if $ok (i32.ge_u (global.get $zi_nbits) (local.get $n)))
      (if (i32.ge_u (global.get $zi_pos) (global.get $zi_end)) (then (return (i32.const -1))))
      (global.set $zi_bits (i32.or (global.get $zi_bits)
        (i32.shl (array.get_u $bytes (global.get $zi_d) (global.get $zi_pos)) (global.get $zi_nbits))))
      (global.set $zi_pos (i32.add (global.get $zi_pos) (i32.const 1)))
      (global.set $zi_nbits (i32.add (global.get $zi_nbits) (i32.const 8)))
      (br $more)))
  (local.set $v (i32.and (global.get $zi_bits) (i32.sub (i32.shl (i32.const 1) (local.get $n)) (i32.const 1))))
  (global.set $zi_bits (i32.shr_u (global.get $zi_bits) (local.get $n)))
  (global.set $zi_nbits (i32.sub (global.get $zi_nbits) (local.get $n)))
  (local.get $v))

;; Builds the counts and symbols of a canonical code from lens[off..off+n]; returns 0
;; when the code is usable (complete, or a single code of length 1), -1 otherwise.
(func $zh_build (param $lens (ref $limbs)) (param $off i32) (param $n i32) (param $count (ref $limbs)) (param $sym (ref $limbs)) (result i32)
  (local $i i32) (local $len i32) (local $left i32) (local $offs (ref $limbs)) (local $max i32)
  (array.fill $limbs (local.get $count) (i32.const 0) (i32.const 0) (i32.const 16))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $len (array.get $limbs (local.get $lens) (i32.add (local.get $off) (local.get $i))))
      (array.set $limbs (local.get $count) (local.get $len)
        (i32.add (array.get $limbs (local.get $count) (local.get $len)) (i32.const 1)))
      (if (i32.gt_u (local.get $len) (local.get $max)) (then (local.set $max (local.get $len))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  ;; over-subscribed or incomplete?
  (local.set $left (i32.const 1))
  (local.set $len (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.gt_u (local.get $len) (i32.const 15)))
      (local.set $left (i32.sub (i32.shl (local.get $left) (i32.const 1)) (array.get $limbs (local.get $count) (local.get $len))))
      (if (i32.lt_s (local.get $left) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $next)))
  ;; offsets of each length in the symbol table, then the symbols
  (local.set $offs (array.new_default $limbs (i32.const 16)))
  (local.set $len (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $len) (i32.const 15)))
      (array.set $limbs (local.get $offs) (i32.add (local.get $len) (i32.const 1))
        (i32.add (array.get $limbs (local.get $offs) (local.get $len)) (array.get $limbs (local.get $count) (local.get $len))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $next)))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $len (array.get $limbs (local.get $lens) (i32.add (local.get $off) (local.get $i))))
      (if (local.get $len)
        (then
          (array.set $limbs (local.get $sym) (array.get $limbs (local.get $offs) (local.get $len)) (local.get $i))
          (array.set $limbs (local.get $offs) (local.get $len)
            (i32.add (array.get $limbs (local.get $offs) (local.get $len)) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  ;; (no codes at all is fine too: decoding with them fails, as zlib's empty table does)
  (if (i32.and (i32.gt_s (local.get $left) (i32.const 0)) (i32.gt_u (local.get $max) (i32.const 1)))
    (then (return (i32.const -1))))
  (i32.const 0))

;; Decodes one symbol with a code's tables; -1 on end of input or an unused code.
(func $zh_decode (param $count (ref $limbs)) (param $sym (ref $limbs)) (result i32)
  (local $code i32) (local $first i32) (local $index i32) (local $len i32) (local $n i32) (local $b i32)
  (local.set $len (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.gt_u (local.get $len) (i32.const 15)))
      (local.set $b (call $zi_need (i32.const 1)))
      (if (i32.lt_s (local.get $b) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $code (i32.or (local.get $code) (local.get $b)))
      (local.set $n (array.get $limbs (local.get $count) (local.get $len)))
      (if (i32.lt_s (i32.sub (local.get $code) (local.get $first)) (local.get $n))
        (then (return (array.get $limbs (local.get $sym)
          (i32.add (local.get $index) (i32.sub (local.get $code) (local.get $first)))))))
      (local.set $index (i32.add (local.get $index) (local.get $n)))
      (local.set $first (i32.shl (i32.add (local.get $first) (local.get $n)) (i32.const 1)))
      (local.set $code (i32.shl (local.get $code) (i32.const 1)))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $next)))
  (i32.const -1))

(global $z_lbase (ref $limbs) (array.new_fixed $limbs 29
  (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10)
  (i32.const 11) (i32.const 13) (i32.const 15) (i32.const 17) (i32.const 19) (i32.const 23) (i32.const 27) (i32.const 31)
  (i32.const 35) (i32.const 43) (i32.const 51) (i32.const 59) (i32.const 67) (i32.const 83) (i32.const 99) (i32.const 115)
  (i32.const 131) (i32.const 163) (i32.const 195) (i32.const 227) (i32.const 258)))
(global $z_lext (ref $limbs) (array.new_fixed $limbs 29
  (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
  (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2)
  (i32.const 3) (i32.const 3) (i32.const 3) (i32.const 3) (i32.const 4) (i32.const 4) (i32.const 4) (i32.const 4)
  (i32.const 5) (i32.const 5) (i32.const 5) (i32.const 5) (i32.const 0)))
(global $z_dbase (ref $limbs) (array.new_fixed $limbs 30
  (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 7) (i32.const 9) (i32.const 13)
  (i32.const 17) (i32.const 25) (i32.const 33) (i32.const 49) (i32.const 65) (i32.const 97) (i32.const 129) (i32.const 193)
  (i32.const 257) (i32.const 385) (i32.const 513) (i32.const 769) (i32.const 1025) (i32.const 1537) (i32.const 2049)
  (i32.const 3073) (i32.const 4097) (i32.const 6145) (i32.const 8193) (i32.const 12289) (i32.const 16385) (i32.const 24577)))
(global $z_dext (ref $limbs) (array.new_fixed $limbs 30
  (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 2)
  (i32.const 3) (i32.const 3) (i32.const 4) (i32.const 4) (i32.const 5) (i32.const 5) (i32.const 6) (i32.const 6)
  (i32.const 7) (i32.const 7) (i32.const 8) (i32.const 8) (i32.const 9) (i32.const 9) (i32.const 10) (i32.const 10)
  (i32.const 11) (i32.const 11) (i32.const 12) (i32.const 12) (i32.const 13) (i32.const 13)))
;; The order code length code lengths are sent in.
(global $z_clorder (ref $limbs) (array.new_fixed $limbs 19
  (i32.const 16) (i32.const 17) (i32.const 18) (i32.const 0) (i32.const 8) (i32.const 7) (i32.const 9) (i32.const 6)
  (i32.const 10) (i32.const 5) (i32.const 11) (i32.const 4) (i32.const 12) (i32.const 3) (i32.const 13) (i32.const 2)
  (i32.const 14) (i32.const 1) (i32.const 15)))

;; Inflates one block's codes with the current tables; 0 at its end-of-block, -1 on error.
(func $zi_codes (result i32)
  (local $s i32) (local $len i32) (local $dist i32) (local $e i32) (local $i i32)
  (loop $next
    (local.set $s (call $zh_decode (global.get $zh_lcount) (global.get $zh_lsym)))
    (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.lt_u (local.get $s) (i32.const 256))
      (then
        (if (i32.ge_u (global.get $zo_pos) (array.len (global.get $zo))) (then (return (i32.const -1))))
        (array.set $bytes (global.get $zo) (global.get $zo_pos) (local.get $s))
        (global.set $zo_pos (i32.add (global.get $zo_pos) (i32.const 1)))
        (br $next)))
    (if (i32.eq (local.get $s) (i32.const 256)) (then (return (i32.const 0))))
    (local.set $s (i32.sub (local.get $s) (i32.const 257)))
    (if (i32.ge_u (local.get $s) (i32.const 29)) (then (return (i32.const -1))))
    (local.set $e (call $zi_need (array.get $limbs (global.get $z_lext) (local.get $s))))
    (if (i32.lt_s (local.get $e) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $len (i32.add (array.get $limbs (global.get $z_lbase) (local.get $s)) (local.get $e)))
    (local.set $s (call $zh_decode (global.get $zh_dcount) (global.get $zh_dsym)))
    (if (i32.or (i32.lt_s (local.get $s) (i32.const 0)) (i32.ge_s (local.get $s) (i32.const 30))) (then (return (i32.const -1))))
    (local.set $e (call $zi_need (array.get $limbs (global.get $z_dext) (local.get $s))))
    (if (i32.lt_s (local.get $e) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $dist (i32.add (array.get $limbs (global.get $z_dbase) (local.get $s)) (local.get $e)))
    (if (i32.gt_u (local.get $dist) (global.get $zo_pos)) (then (return (i32.const -1))))
    (if (i32.gt_u (i32.add (global.get $zo_pos) (local.get $len)) (array.len (global.get $zo))) (then (return (i32.const -1))))
    ;; byte by byte: the source may overlap what is being written
    (local.set $i (i32.const 0))
    (block $copied
      (loop $copy
        (br_if $copied (i32.ge_u (local.get $i) (local.get $len)))
        (array.set $bytes (global.get $zo) (global.get $zo_pos)
          (array.get_u $bytes (global.get $zo) (i32.sub (global.get $zo_pos) (local.get $dist))))
        (global.set $zo_pos (i32.add (global.get $zo_pos) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (br $next))
  (unreachable))

;; The fixed codes of RFC 1951 §3.2.6.
(func $zi_fixed (result i32)
  (local $lens (ref $limbs)) (local $i i32)
  (local.set $lens (array.new_default $limbs (i32.const 320)))
  (array.fill $limbs (local.get $lens) (i32.const 0) (i32.const 8) (i32.const 144))
  (array.fill $limbs (local.get $lens) (i32.const 144) (i32.const 9) (i32.const 112))
  (array.fill $limbs (local.get $lens) (i32.const 256) (i32.const 7) (i32.const 24))
  (array.fill $limbs (local.get $lens) (i32.const 280) (i32.const 8) (i32.const 8))
  (array.fill $limbs (local.get $lens) (i32.const 288) (i32.const 5) (i32.const 30))
  (drop (call $zh_build (local.get $lens) (i32.const 0) (i32.const 288) (global.get $zh_lcount) (global.get $zh_lsym)))
  ;; the fixed distance code has 30 of 32 codes: incomplete, and allowed
  (drop (call $zh_build (local.get $lens) (i32.const 288) (i32.const 30) (global.get $zh_dcount) (global.get $zh_dsym)))
  (call $zi_codes))

;; A dynamic block's code lengths, then its codes.
(func $zi_dynamic (result i32)
  (local $nlen i32) (local $ndist i32) (local $ncode i32) (local $i i32) (local $lens (ref $limbs))
  (local $s i32) (local $len i32) (local $rep i32) (local $v i32)
  (local.set $nlen (call $zi_need (i32.const 5)))
  (local.set $ndist (call $zi_need (i32.const 5)))
  (local.set $ncode (call $zi_need (i32.const 4)))
  (if (i32.lt_s (local.get $ncode) (i32.const 0)) (then (return (i32.const -1))))
  (local.set $nlen (i32.add (local.get $nlen) (i32.const 257)))
  (local.set $ndist (i32.add (local.get $ndist) (i32.const 1)))
  (local.set $ncode (i32.add (local.get $ncode) (i32.const 4)))
  (if (i32.or (i32.gt_u (local.get $nlen) (i32.const 286)) (i32.gt_u (local.get $ndist) (i32.const 30)))
    (then (return (i32.const -1))))
  (local.set $lens (array.new_default $limbs (i32.const 320)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $ncode)))
      (local.set $v (call $zi_need (i32.const 3)))
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (i32.const -1))))
      (array.set $limbs (local.get $lens) (array.get $limbs (global.get $z_clorder) (local.get $i)) (local.get $v))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  ;; the code length code must be complete (zlib)
  (if (call $zh_build (local.get $lens) (i32.const 0) (i32.const 19) (global.get $zh_lcount) (global.get $zh_lsym))
    (then (return (i32.const -1))))
  (if (call $zh_complete (global.get $zh_lcount)) (then) (else (return (i32.const -1))))
  (array.fill $limbs (local.get $lens) (i32.const 0) (i32.const 0) (i32.const 320))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.add (local.get $nlen) (local.get $ndist))))
      (local.set $s (call $zh_decode (global.get $zh_lcount) (global.get $zh_lsym)))
      (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.lt_u (local.get $s) (i32.const 16))
        (then
          (array.set $limbs (local.get $lens) (local.get $i) (local.get $s))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.set $len (i32.const 0))
      (if (i32.eq (local.get $s) (i32.const 16))
        (then
          (if (i32.eqz (local.get $i)) (then (return (i32.const -1))))
          (local.set $len (array.get $limbs (local.get $lens) (i32.sub (local.get $i) (i32.const 1))))
          (local.set $rep (call $zi_need (i32.const 2)))
          (if (i32.lt_s (local.get $rep) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $rep (i32.add (local.get $rep) (i32.const 3)))))
      (if (i32.eq (local.get $s) (i32.const 17))
        (then
          (local.set $rep (call $zi_need (i32.const 3)))
          (if (i32.lt_s (local.get $rep) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $rep (i32.add (local.get $rep) (i32.const 3)))))
      (if (i32.eq (local.get $s) (i32.const 18))
        (then
          (local.set $rep (call $zi_need (i32.const 7)))
          (if (i32.lt_s (local.get $rep) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $rep (i32.add (local.get $rep) (i32.const 11)))))
      (if (i32.gt_u (i32.add (local.get $i) (local.get $rep)) (i32.add (local.get $nlen) (local.get $ndist)))
        (then (return (i32.const -1))))
      (array.fill $limbs (local.get $lens) (local.get $i) (local.get $len) (local.get $rep))
      (local.set $i (i32.add (local.get $i) (local.get $rep)))
      (br $next)))
  ;; an end-of-block code is required
  (if (i32.eqz (array.get $limbs (local.get $lens) (i32.const 256))) (then (return (i32.const -1))))
  (if (call $zh_build (local.get $lens) (i32.const 0) (local.get $nlen) (global.get $zh_lcount) (global.get $zh_lsym))
    (then (return (i32.const -1))))
  (if (call $zh_build (local.get $lens) (local.get $nlen) (local.get $ndist) (global.get $zh_dcount) (global.get $zh_dsym))
    (then (return (i32.const -1))))
  (call $zi_codes))

;; Whether a code's counts use every code (no code left over).
(func $zh_complete (param $count (ref $limbs)) (result i32)
  (local $left i32) (local $len i32)
  (local.set $left (i32.const 1))
  (local.set $len (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.gt_u (local.get $len) (i32.const 15)))
      (local.set $left (i32.sub (i32.shl (local.get $left) (i32.const 1)) (array.get $limbs (local.get $count) (local.get $len))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $next)))
  (i32.eqz (local.get $left)))

;; Adler-32 of d[off..off+len].
(func $adler32 (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $a i32) (local $b i32) (local $i i32) (local $end i32) (local $k i32)
  (local.set $a (i32.const 1))
  (local.set $i (local.get $off))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      ;; at most 3800 bytes between reductions keeps b below 2^32
      (local.set $k (i32.add (local.get $i) (i32.const 3800)))
      (if (i32.gt_u (local.get $k) (local.get $end)) (then (local.set $k (local.get $end))))
      (block $chunk
        (loop $byte
          (br_if $chunk (i32.ge_u (local.get $i) (local.get $k)))
          (local.set $a (i32.add (local.get $a) (array.get_u $bytes (local.get $d) (local.get $i))))
          (local.set $b (i32.add (local.get $b) (local.get $a)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $byte)))
      (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
      (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
      (br $next)))
  (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a)))

;; Inflates the zlib stream d[start..end] into exactly `size` bytes; null when the stream
;; is corrupt or inflates to another size. Sets $zlib_end past the stream.
(func $zlib_inflate (param $d (ref $bytes)) (param $start i32) (param $end i32) (param $size i32) (result (ref null $bytes))
  (local $cmf i32) (local $flg i32) (local $final i32) (local $type i32) (local $r i32) (local $len i32) (local $nlen i32)
  (local $check i32)
  ;; DEFLATE expands at most 1032-fold; a larger claimed size is corrupt (and must not be
  ;; allocated)
  (if (i32.lt_s (local.get $size) (i32.const 0)) (then (return (ref.null none))))
  (if (i64.gt_u (i64.extend_i32_u (local.get $size))
                (i64.add (i64.mul (i64.extend_i32_u (i32.sub (local.get $end) (local.get $start))) (i64.const 1032)) (i64.const 64)))
    (then (return (ref.null none))))
  (if (i32.lt_u (i32.sub (local.get $end) (local.get $start)) (i32.const 2)) (then (return (ref.null none))))
  (local.set $cmf (array.get_u $bytes (local.get $d) (local.get $start)))
  (local.set $flg (array.get_u $bytes (local.get $d) (i32.add (local.get $start) (i32.const 1))))
  (if (i32.ne (i32.and (local.get $cmf) (i32.const 15)) (i32.const 8)) (then (return (ref.null none))))
  (if (i32.gt_u (i32.shr_u (local.get $cmf) (i32.const 4)) (i32.const 7)) (then (return (ref.null none))))
  (if (i32.rem_u (i32.or (i32.shl (local.get $cmf) (i32.const 8)) (local.get $flg)) (i32.const 31)) (then (return (ref.null none))))
  (if (i32.and (local.get $flg) (i32.const 0x20)) (then (return (ref.null none))))
  (global.set $zi_d (local.get $d))
  (global.set $zi_pos (i32.add (local.get $start) (i32.const 2)))
  (global.set $zi_end (local.get $end))
  (global.set $zi_bits (i32.const 0))
  (global.set $zi_nbits (i32.const 0))
  (global.set $zo (array.new_default $bytes (local.get $size)))
  (global.set $zo_pos (i32.const 0))
  (global.set $zh_lcount (array.new_default $limbs (i32.const 16)))
  (global.set $zh_lsym (array.new_default $limbs (i32.const 288)))
  (global.set $zh_dcount (array.new_default $limbs (i32.const 16)))
  (global.set $zh_dsym (array.new_default $limbs (i32.const 32)))
  (block $bad
    (loop $block
      (local.set $final (call $zi_need (i32.const 1)))
      (local.set $type (call $zi_need (i32.const 2)))
      (br_if $bad (i32.lt_s (local.get $type) (i32.const 0)))
      (if (i32.eqz (local.get $type))
        (then
          ;; stored: byte-aligned LEN, NLEN, then LEN bytes
          (global.set $zi_bits (i32.const 0))
          (global.set $zi_nbits (i32.const 0))
          (br_if $bad (i32.gt_u (i32.add (global.get $zi_pos) (i32.const 4)) (global.get $zi_end)))
          (local.set $len (i32.or (array.get_u $bytes (local.get $d) (global.get $zi_pos))
            (i32.shl (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 1))) (i32.const 8))))
          (local.set $nlen (i32.or (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 2)))
            (i32.shl (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 3))) (i32.const 8))))
          (br_if $bad (i32.ne (local.get $len) (i32.xor (local.get $nlen) (i32.const 0xffff))))
          (global.set $zi_pos (i32.add (global.get $zi_pos) (i32.const 4)))
          (br_if $bad (i32.gt_u (i32.add (global.get $zi_pos) (local.get $len)) (global.get $zi_end)))
          (br_if $bad (i32.gt_u (i32.add (global.get $zo_pos) (local.get $len)) (local.get $size)))
          (array.copy $bytes $bytes (global.get $zo) (global.get $zo_pos) (local.get $d) (global.get $zi_pos) (local.get $len))
          (global.set $zi_pos (i32.add (global.get $zi_pos) (local.get $len)))
          (global.set $zo_pos (i32.add (global.get $zo_pos) (local.get $len))))
        (else
          (br_if $bad (i32.eq (local.get $type) (i32.const 3)))
          (local.set $r (if (result i32) (i32.eq (local.get $type) (i32.const 1))
            (then (call $zi_fixed))
            (else (call $zi_dynamic))))
          (br_if $bad (local.get $r))))
      (br_if $block (i32.eqz (local.get $final))))
    ;; the Adler-32 of the output, big-endian, after the bits of the last byte
    (global.set $zi_bits (i32.const 0))
    (global.set $zi_nbits (i32.const 0))
    (br_if $bad (i32.gt_u (i32.add (global.get $zi_pos) (i32.const 4)) (global.get $zi_end)))
    (local.set $check (i32.or (i32.or
      (i32.shl (array.get_u $bytes (local.get $d) (global.get $zi_pos)) (i32.const 24))
      (i32.shl (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 1))) (i32.const 16)))
      (i32.or
        (i32.shl (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 2))) (i32.const 8))
        (array.get_u $bytes (local.get $d) (i32.add (global.get $zi_pos) (i32.const 3))))))
    (global.set $zi_pos (i32.add (global.get $zi_pos) (i32.const 4)))
    (br_if $bad (i32.ne (global.get $zo_pos) (local.get $size)))
    (br_if $bad (i32.ne (local.get $check) (call $adler32 (global.get $zo) (i32.const 0) (local.get $size))))
    (global.set $zlib_end (global.get $zi_pos))
    (global.set $zi_d (array.new_fixed $bytes 0))
    (return (global.get $zo)))
  (global.set $zi_d (array.new_fixed $bytes 0))
  (global.set $zo (array.new_fixed $bytes 0))
  (ref.null none))

;; ---- deflate ----------------------------------------------------------------------------------
;;
;; term_to_binary(T, [compressed]) must give the VM's bytes, so this is zlib's own deflate
;; (1.2.x, deflateInit(level): a 32 KiB window, memLevel 8, the default strategy) step for
;; step: the rolling hash and hash chains, longest_match with the level's chain and length
;; limits, deflate_fast (levels 1-3) and deflate_slow's lazy matching (4-9), blocks of at
;; most 16383 symbols, and per block the cheapest of stored, fixed and dynamic codes with
;; zlib's Huffman construction (its heap order and depth tie-break, its length-limiting).
;; Positions are absolute in the input; $zd_offset is how far zlib's sliding window would
;; have moved, which decides which hash entries zlib would have dropped.

(global $zd_in (mut (ref $bytes)) (array.new_fixed $bytes 0))   ;; input + 258 zero bytes
(global $zd_n (mut i32) (i32.const 0))                           ;; input length
(global $zd_head (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_prev (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_ins_h (mut i32) (i32.const 0))
(global $zd_strstart (mut i32) (i32.const 0))
(global $zd_lookahead (mut i32) (i32.const 0))
(global $zd_loaded (mut i32) (i32.const 0))     ;; input bytes zlib has read into its window
(global $zd_offset (mut i32) (i32.const 0))     ;; absolute position of window index 0
(global $zd_block_start (mut i32) (i32.const 0))
(global $zd_match_start (mut i32) (i32.const 0))
(global $zd_prev_length (mut i32) (i32.const 0))
;; the level's parameters
(global $zd_good (mut i32) (i32.const 0))
(global $zd_lazy (mut i32) (i32.const 0))
(global $zd_nice (mut i32) (i32.const 0))
(global $zd_chain (mut i32) (i32.const 0))
;; the block's symbols: dist 0 for a literal lc, else a match of length lc + 3
(global $zd_sym_lc (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_sym_dist (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_sym_n (mut i32) (i32.const 0))
;; trees: frequencies, lengths, codes, parents; 573 = 2 * 286 + 1 entries
(global $zd_lfreq (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_llen (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_lcode (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_dfreq (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_dlen (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_dcode (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_bfreq (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_blen (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_bcode (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_dad (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_heap (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_depth (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_heap_len (mut i32) (i32.const 0))
(global $zd_heap_max (mut i32) (i32.const 0))
(global $zd_bl_count (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_opt_len (mut i32) (i32.const 0))
(global $zd_static_len (mut i32) (i32.const 0))
(global $zd_lmax (mut i32) (i32.const 0))
(global $zd_dmax (mut i32) (i32.const 0))
;; static tables (built once)
(global $zd_length_code (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_dist_code (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_base_length (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_base_dist (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_sllen (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_slcode (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_sdlen (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_sdcode (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $zd_blbits (ref $limbs) (array.new_fixed $limbs 19
  (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
  (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
  (i32.const 2) (i32.const 3) (i32.const 7)))
;; the output
(global $zd_out (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $zd_out_pos (mut i32) (i32.const 0))
(global $zd_bb (mut i32) (i32.const 0))
(global $zd_bn (mut i32) (i32.const 0))

(func $zd_byte (param $b i32)
  (local $n (ref $bytes))
  (if (i32.ge_u (global.get $zd_out_pos) (array.len (global.get $zd_out)))
    (then
      (local.set $n (array.new_default $bytes (i32.add (i32.shl (array.len (global.get $zd_out)) (i32.const 1)) (i32.const 64))))
      (array.copy $bytes $bytes (local.get $n) (i32.const 0) (global.get $zd_out) (i32.const 0) (global.get $zd_out_pos))
      (global.set $zd_out (local.get $n))))
  (array.set $bytes (global.get $zd_out) (global.get $zd_out_pos) (local.get $b))
  (global.set $zd_out_pos (i32.add (global.get $zd_out_pos) (i32.const 1))))

;; Sends `len` bits of `v`, least significant first.
(func $zd_bits (param $v i32) (param $len i32)
  (global.set $zd_bb (i32.or (global.get $zd_bb) (i32.shl (local.get $v) (global.get $zd_bn))))
  (global.set $zd_bn (i32.add (global.get $zd_bn) (local.get $len)))
  (loop $more
    (if (i32.ge_u (global.get $zd_bn) (i32.const 8))
      (then
        (call $zd_byte (i32.and (global.get $zd_bb) (i32.const 255)))
        (global.set $zd_bb (i32.shr_u (global.get $zd_bb) (i32.const 8)))
        (global.set $zd_bn (i32.sub (global.get $zd_bn) (i32.const 8)))
        (br $more)))))

;; bi_windup: the pending bits, padded to a byte.
(func $zd_windup
  (if (global.get $zd_bn) (then (call $zd_byte (i32.and (global.get $zd_bb) (i32.const 255)))))
  (global.set $zd_bb (i32.const 0))
  (global.set $zd_bn (i32.const 0)))

(func $zd_reverse (param $code i32) (param $len i32) (result i32)
  (local $r i32)
  (loop $more
    (local.set $r (i32.or (local.get $r) (i32.and (local.get $code) (i32.const 1))))
    (local.set $code (i32.shr_u (local.get $code) (i32.const 1)))
    (local.set $r (i32.shl (local.get $r) (i32.const 1)))
    (local.set $len (i32.sub (local.get $len) (i32.const 1)))
    (br_if $more (i32.gt_s (local.get $len) (i32.const 0))))
  (i32.shr_u (local.get $r) (i32.const 1)))

;; gen_codes: canonical codes (bit-reversed) from the lengths of tree[0..max_code] and
;; the counts in $zd_bl_count.
(func $zd_gen_codes (param $len (ref $limbs)) (param $code (ref $limbs)) (param $max_code i32)
  (local $next (ref $limbs)) (local $c i32) (local $bits i32) (local $n i32) (local $l i32)
  (local.set $next (array.new_default $limbs (i32.const 16)))
  (local.set $bits (i32.const 1))
  (loop $b
    (local.set $c (i32.shl (i32.add (local.get $c) (array.get $limbs (global.get $zd_bl_count) (i32.sub (local.get $bits) (i32.const 1))))
      (i32.const 1)))
    (array.set $limbs (local.get $next) (local.get $bits) (local.get $c))
    (local.set $bits (i32.add (local.get $bits) (i32.const 1)))
    (br_if $b (i32.le_u (local.get $bits) (i32.const 15))))
  (block $done
    (loop $each
      (br_if $done (i32.gt_s (local.get $n) (local.get $max_code)))
      (local.set $l (array.get $limbs (local.get $len) (local.get $n)))
      (if (local.get $l)
        (then
          (array.set $limbs (local.get $code) (local.get $n)
            (call $zd_reverse (array.get $limbs (local.get $next) (local.get $l)) (local.get $l)))
          (array.set $limbs (local.get $next) (local.get $l) (i32.add (array.get $limbs (local.get $next) (local.get $l)) (i32.const 1)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each))))

;; The static tables (trees.c tr_static_init).
(global $zd_ready (mut i32) (i32.const 0))
(func $zd_init_static
  (local $code i32) (local $len i32) (local $n i32) (local $dist i32) (local $lc (ref $limbs)) (local $dc (ref $limbs))
  (local $bl (ref $limbs)) (local $bd (ref $limbs)) (local $k i32)
  (if (global.get $zd_ready) (then (return)))
  (local.set $lc (array.new_default $limbs (i32.const 256)))
  (local.set $dc (array.new_default $limbs (i32.const 512)))
  (local.set $bl (array.new_default $limbs (i32.const 29)))
  (local.set $bd (array.new_default $limbs (i32.const 30)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $code) (i32.const 28)))
      (array.set $limbs (local.get $bl) (local.get $code) (local.get $len))
      (local.set $k (i32.shl (i32.const 1) (array.get $limbs (global.get $z_lext) (local.get $code))))
      (local.set $n (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $n) (local.get $k)))
        (array.set $limbs (local.get $lc) (local.get $len) (local.get $code))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $n2)))
      (local.set $code (i32.add (local.get $code) (i32.const 1)))
      (br $next)))
  (array.set $limbs (local.get $lc) (i32.sub (local.get $len) (i32.const 1)) (local.get $code))
  (local.set $code (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $code) (i32.const 16)))
      (array.set $limbs (local.get $bd) (local.get $code) (local.get $dist))
      (local.set $k (i32.shl (i32.const 1) (array.get $limbs (global.get $z_dext) (local.get $code))))
      (local.set $n (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $n) (local.get $k)))
        (array.set $limbs (local.get $dc) (local.get $dist) (local.get $code))
        (local.set $dist (i32.add (local.get $dist) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $n2)))
      (local.set $code (i32.add (local.get $code) (i32.const 1)))
      (br $next)))
  (local.set $dist (i32.shr_u (local.get $dist) (i32.const 7)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $code) (i32.const 30)))
      (array.set $limbs (local.get $bd) (local.get $code) (i32.shl (local.get $dist) (i32.const 7)))
      (local.set $k (i32.shl (i32.const 1) (i32.sub (array.get $limbs (global.get $z_dext) (local.get $code)) (i32.const 7))))
      (local.set $n (i32.const 0))
      (block $d2 (loop $n2
        (br_if $d2 (i32.ge_u (local.get $n) (local.get $k)))
        (array.set $limbs (local.get $dc) (i32.add (i32.const 256) (local.get $dist)) (local.get $code))
        (local.set $dist (i32.add (local.get $dist) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $n2)))
      (local.set $code (i32.add (local.get $code) (i32.const 1)))
      (br $next)))
  (global.set $zd_length_code (local.get $lc))
  (global.set $zd_dist_code (local.get $dc))
  (global.set $zd_base_length (local.get $bl))
  (global.set $zd_base_dist (local.get $bd))
  ;; the fixed trees
  (global.set $zd_sllen (array.new_default $limbs (i32.const 288)))
  (global.set $zd_slcode (array.new_default $limbs (i32.const 288)))
  (array.fill $limbs (global.get $zd_sllen) (i32.const 0) (i32.const 8) (i32.const 144))
  (array.fill $limbs (global.get $zd_sllen) (i32.const 144) (i32.const 9) (i32.const 112))
  (array.fill $limbs (global.get $zd_sllen) (i32.const 256) (i32.const 7) (i32.const 24))
  (array.fill $limbs (global.get $zd_sllen) (i32.const 280) (i32.const 8) (i32.const 8))
  (global.set $zd_bl_count (array.new_default $limbs (i32.const 16)))
  (array.set $limbs (global.get $zd_bl_count) (i32.const 7) (i32.const 24))
  (array.set $limbs (global.get $zd_bl_count) (i32.const 8) (i32.const 152))
  (array.set $limbs (global.get $zd_bl_count) (i32.const 9) (i32.const 112))
  (call $zd_gen_codes (global.get $zd_sllen) (global.get $zd_slcode) (i32.const 287))
  (global.set $zd_sdlen (array.new $limbs (i32.const 5) (i32.const 30)))
  (global.set $zd_sdcode (array.new_default $limbs (i32.const 30)))
  (local.set $n (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $n) (i32.const 30)))
      (array.set $limbs (global.get $zd_sdcode) (local.get $n) (call $zd_reverse (local.get $n) (i32.const 5)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
  (global.set $zd_ready (i32.const 1)))

;; smaller(n, m): by frequency, then by depth.
(func $zd_smaller (param $freq (ref $limbs)) (param $n i32) (param $m i32) (result i32)
  (local $fn i32) (local $fm i32)
  (local.set $fn (array.get $limbs (local.get $freq) (local.get $n)))
  (local.set $fm (array.get $limbs (local.get $freq) (local.get $m)))
  (i32.or (i32.lt_u (local.get $fn) (local.get $fm))
    (i32.and (i32.eq (local.get $fn) (local.get $fm))
      (i32.le_u (array.get $limbs (global.get $zd_depth) (local.get $n)) (array.get $limbs (global.get $zd_depth) (local.get $m))))))

(func $zd_downheap (param $freq (ref $limbs)) (param $k i32)
  (local $v i32) (local $j i32) (local $h (ref $limbs))
  (local.set $h (global.get $zd_heap))
  (local.set $v (array.get $limbs (local.get $h) (local.get $k)))
  (local.set $j (i32.shl (local.get $k) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.gt_s (local.get $j) (global.get $zd_heap_len)))
      (if (i32.lt_s (local.get $j) (global.get $zd_heap_len))
        (then
          (if (call $zd_smaller (local.get $freq) (array.get $limbs (local.get $h) (i32.add (local.get $j) (i32.const 1)))
                (array.get $limbs (local.get $h) (local.get $j)))
            (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))))
      (br_if $done (call $zd_smaller (local.get $freq) (local.get $v) (array.get $limbs (local.get $h) (local.get $j))))
      (array.set $limbs (local.get $h) (local.get $k) (array.get $limbs (local.get $h) (local.get $j)))
      (local.set $k (local.get $j))
      (local.set $j (i32.shl (local.get $j) (i32.const 1)))
      (br $next)))
  (array.set $limbs (local.get $h) (local.get $k) (local.get $v)))

;; build_tree + gen_bitlen + gen_codes for one tree of `elems` symbols (static lengths
;; `slen` or null, extra bits `extra` from symbol `base`, lengths at most `maxlen`);
;; returns max_code. Adds to $zd_opt_len and $zd_static_len.
(func $zd_build_tree (param $freq (ref $limbs)) (param $len (ref $limbs)) (param $code (ref $limbs)) (param $slen (ref null $limbs))
                     (param $elems i32) (param $extra (ref $limbs)) (param $base i32) (param $maxlen i32) (result i32)
  (local $n i32) (local $m i32) (local $max_code i32) (local $node i32) (local $h (ref $limbs)) (local $depth (ref $limbs))
  (local $dn i32) (local $dm i32) (local $bits i32) (local $overflow i32) (local $xbits i32) (local $f i32) (local $hh i32)
  (local $cnt i32)
  (local.set $h (global.get $zd_heap))
  (local.set $depth (global.get $zd_depth))
  (global.set $zd_heap_len (i32.const 0))
  (global.set $zd_heap_max (i32.const 573))
  (local.set $max_code (i32.const -1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $n) (local.get $elems)))
      (if (array.get $limbs (local.get $freq) (local.get $n))
        (then
          (global.set $zd_heap_len (i32.add (global.get $zd_heap_len) (i32.const 1)))
          (array.set $limbs (local.get $h) (global.get $zd_heap_len) (local.get $n))
          (local.set $max_code (local.get $n))
          (array.set $limbs (local.get $depth) (local.get $n) (i32.const 0)))
        (else (array.set $limbs (local.get $len) (local.get $n) (i32.const 0))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
  ;; at least two codes of nonzero frequency
  (block $done
    (loop $next
      (br_if $done (i32.ge_s (global.get $zd_heap_len) (i32.const 2)))
      (if (i32.lt_s (local.get $max_code) (i32.const 2))
        (then
          (local.set $max_code (i32.add (local.get $max_code) (i32.const 1)))
          (local.set $node (local.get $max_code)))
        (else (local.set $node (i32.const 0))))
      (global.set $zd_heap_len (i32.add (global.get $zd_heap_len) (i32.const 1)))
      (array.set $limbs (local.get $h) (global.get $zd_heap_len) (local.get $node))
      (array.set $limbs (local.get $freq) (local.get $node) (i32.const 1))
      (array.set $limbs (local.get $depth) (local.get $node) (i32.const 0))
      (global.set $zd_opt_len (i32.sub (global.get $zd_opt_len) (i32.const 1)))
      (if (i32.eqz (ref.is_null (local.get $slen)))
        (then (global.set $zd_static_len (i32.sub (global.get $zd_static_len)
          (array.get $limbs (ref.as_non_null (local.get $slen)) (local.get $node))))))
      (br $next)))
  (local.set $n (i32.shr_u (global.get $zd_heap_len) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.lt_s (local.get $n) (i32.const 1)))
      (call $zd_downheap (local.get $freq) (local.get $n))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (local.set $node (local.get $elems))
  (loop $combine
    ;; pqremove
    (local.set $n (array.get $limbs (local.get $h) (i32.const 1)))
    (array.set $limbs (local.get $h) (i32.const 1) (array.get $limbs (local.get $h) (global.get $zd_heap_len)))
    (global.set $zd_heap_len (i32.sub (global.get $zd_heap_len) (i32.const 1)))
    (call $zd_downheap (local.get $freq) (i32.const 1))
    (local.set $m (array.get $limbs (local.get $h) (i32.const 1)))
    (global.set $zd_heap_max (i32.sub (global.get $zd_heap_max) (i32.const 1)))
    (array.set $limbs (local.get $h) (global.get $zd_heap_max) (local.get $n))
    (global.set $zd_heap_max (i32.sub (global.get $zd_heap_max) (i32.const 1)))
    (array.set $limbs (local.get $h) (global.get $zd_heap_max) (local.get $m))
    (array.set $limbs (local.get $freq) (local.get $node)
      (i32.add (array.get $limbs (local.get $freq) (local.get $n)) (array.get $limbs (local.get $freq) (local.get $m))))
    (local.set $dn (array.get $limbs (local.get $depth) (local.get $n)))
    (local.set $dm (array.get $limbs (local.get $depth) (local.get $m)))
    (array.set $limbs (local.get $depth) (local.get $node)
      (i32.add (select (local.get $dn) (local.get $dm) (i32.ge_u (local.get $dn) (local.get $dm))) (i32.const 1)))
    (array.set $limbs (global.get $zd_dad) (local.get $n) (local.get $node))
    (array.set $limbs (global.get $zd_dad) (local.get $m) (local.get $node))
    (array.set $limbs (local.get $h) (i32.const 1) (local.get $node))
    (local.set $node (i32.add (local.get $node) (i32.const 1)))
    (call $zd_downheap (local.get $freq) (i32.const 1))
    (br_if $combine (i32.ge_s (global.get $zd_heap_len) (i32.const 2))))
  (global.set $zd_heap_max (i32.sub (global.get $zd_heap_max) (i32.const 1)))
  (array.set $limbs (local.get $h) (global.get $zd_heap_max) (array.get $limbs (local.get $h) (i32.const 1)))
  ;; gen_bitlen
  (array.fill $limbs (global.get $zd_bl_count) (i32.const 0) (i32.const 0) (i32.const 16))
  (array.set $limbs (local.get $len) (array.get $limbs (local.get $h) (global.get $zd_heap_max)) (i32.const 0))
  (local.set $hh (i32.add (global.get $zd_heap_max) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $hh) (i32.const 573)))
      (local.set $n (array.get $limbs (local.get $h) (local.get $hh)))
      (local.set $bits (i32.add (array.get $limbs (local.get $len) (array.get $limbs (global.get $zd_dad) (local.get $n))) (i32.const 1)))
      (if (i32.gt_s (local.get $bits) (local.get $maxlen))
        (then (local.set $bits (local.get $maxlen)) (local.set $overflow (i32.add (local.get $overflow) (i32.const 1)))))
      (array.set $limbs (local.get $len) (local.get $n) (local.get $bits))
      (if (i32.le_s (local.get $n) (local.get $max_code))
        (then
          (array.set $limbs (global.get $zd_bl_count) (local.get $bits)
            (i32.add (array.get $limbs (global.get $zd_bl_count) (local.get $bits)) (i32.const 1)))
          (local.set $xbits (i32.const 0))
          (if (i32.ge_s (local.get $n) (local.get $base))
            (then (local.set $xbits (array.get $limbs (local.get $extra) (i32.sub (local.get $n) (local.get $base))))))
          (local.set $f (array.get $limbs (local.get $freq) (local.get $n)))
          (global.set $zd_opt_len (i32.add (global.get $zd_opt_len) (i32.mul (local.get $f) (i32.add (local.get $bits) (local.get $xbits)))))
          (if (i32.eqz (ref.is_null (local.get $slen)))
            (then (global.set $zd_static_len (i32.add (global.get $zd_static_len)
              (i32.mul (local.get $f) (i32.add (array.get $limbs (ref.as_non_null (local.get $slen)) (local.get $n)) (local.get $xbits)))))))))
      (local.set $hh (i32.add (local.get $hh) (i32.const 1)))
      (br $next)))
  (if (local.get $overflow)
    (then
      (loop $fix
        (local.set $bits (i32.sub (local.get $maxlen) (i32.const 1)))
        (block $found (loop $down
          (br_if $found (array.get $limbs (global.get $zd_bl_count) (local.get $bits)))
          (local.set $bits (i32.sub (local.get $bits) (i32.const 1)))
          (br $down)))
        (array.set $limbs (global.get $zd_bl_count) (local.get $bits)
          (i32.sub (array.get $limbs (global.get $zd_bl_count) (local.get $bits)) (i32.const 1)))
        (array.set $limbs (global.get $zd_bl_count) (i32.add (local.get $bits) (i32.const 1))
          (i32.add (array.get $limbs (global.get $zd_bl_count) (i32.add (local.get $bits) (i32.const 1))) (i32.const 2)))
        (array.set $limbs (global.get $zd_bl_count) (local.get $maxlen)
          (i32.sub (array.get $limbs (global.get $zd_bl_count) (local.get $maxlen)) (i32.const 1)))
        (local.set $overflow (i32.sub (local.get $overflow) (i32.const 2)))
        (br_if $fix (i32.gt_s (local.get $overflow) (i32.const 0))))
      (local.set $hh (i32.const 573))
      (local.set $bits (local.get $maxlen))
      (block $done
        (loop $each_bits
          (br_if $done (i32.eqz (local.get $bits)))
          (local.set $cnt (array.get $limbs (global.get $zd_bl_count) (local.get $bits)))
          (block $d2
            (loop $each
              (br_if $d2 (i32.eqz (local.get $cnt)))
              (local.set $hh (i32.sub (local.get $hh) (i32.const 1)))
              (local.set $m (array.get $limbs (local.get $h) (local.get $hh)))
              (br_if $each (i32.gt_s (local.get $m) (local.get $max_code)))
              (if (i32.ne (array.get $limbs (local.get $len) (local.get $m)) (local.get $bits))
                (then
                  (global.set $zd_opt_len (i32.add (global.get $zd_opt_len)
                    (i32.mul (i32.sub (local.get $bits) (array.get $limbs (local.get $len) (local.get $m)))
                             (array.get $limbs (local.get $freq) (local.get $m)))))
                  (array.set $limbs (local.get $len) (local.get $m) (local.get $bits))))
              (local.set $cnt (i32.sub (local.get $cnt) (i32.const 1)))
              (br $each)))
          (local.set $bits (i32.sub (local.get $bits) (i32.const 1)))
          (br $each_bits)))))
  (call $zd_gen_codes (local.get $len) (local.get $code) (local.get $max_code))
  (local.get $max_code))

;; scan_tree (mode 0: count the code length codes' frequencies) and send_tree (mode 1).
(func $zd_scan_tree (param $len (ref $limbs)) (param $max_code i32) (param $send i32)
  (local $n i32) (local $prevlen i32) (local $curlen i32) (local $nextlen i32) (local $count i32) (local $max_count i32)
  (local $min_count i32)
  (local.set $prevlen (i32.const -1))
  (local.set $nextlen (array.get $limbs (local.get $len) (i32.const 0)))
  (local.set $max_count (i32.const 7))
  (local.set $min_count (i32.const 4))
  (if (i32.eqz (local.get $nextlen)) (then (local.set $max_count (i32.const 138)) (local.set $min_count (i32.const 3))))
  (if (i32.eqz (local.get $send))
    (then (array.set $limbs (local.get $len) (i32.add (local.get $max_code) (i32.const 1)) (i32.const 0xffff))))
  (block $done
    (loop $next
      (br_if $done (i32.gt_s (local.get $n) (local.get $max_code)))
      (local.set $curlen (local.get $nextlen))
      (local.set $nextlen (array.get $limbs (local.get $len) (i32.add (local.get $n) (i32.const 1))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (if (i32.and (i32.lt_s (local.get $count) (local.get $max_count)) (i32.eq (local.get $curlen) (local.get $nextlen)))
        (then (br $next)))
      (if (i32.lt_s (local.get $count) (local.get $min_count))
        (then
          (if (local.get $send)
            (then
              (loop $rep
                (call $zd_send_bl (local.get $curlen))
                (local.set $count (i32.sub (local.get $count) (i32.const 1)))
                (br_if $rep (local.get $count))))
            (else (call $zd_bl_add (local.get $curlen) (local.get $count)))))
        (else
          (if (local.get $curlen)
            (then
              (if (i32.ne (local.get $curlen) (local.get $prevlen))
                (then
                  (if (local.get $send)
                    (then (call $zd_send_bl (local.get $curlen)) (local.set $count (i32.sub (local.get $count) (i32.const 1))))
                    (else (call $zd_bl_add (local.get $curlen) (i32.const 1))))))
              (if (local.get $send)
                (then (call $zd_send_bl (i32.const 16)) (call $zd_bits (i32.sub (local.get $count) (i32.const 3)) (i32.const 2)))
                (else (call $zd_bl_add (i32.const 16) (i32.const 1)))))
            (else
              (if (i32.le_s (local.get $count) (i32.const 10))
                (then
                  (if (local.get $send)
                    (then (call $zd_send_bl (i32.const 17)) (call $zd_bits (i32.sub (local.get $count) (i32.const 3)) (i32.const 3)))
                    (else (call $zd_bl_add (i32.const 17) (i32.const 1)))))
                (else
                  (if (local.get $send)
                    (then (call $zd_send_bl (i32.const 18)) (call $zd_bits (i32.sub (local.get $count) (i32.const 11)) (i32.const 7)))
                    (else (call $zd_bl_add (i32.const 18) (i32.const 1))))))))))
      (local.set $count (i32.const 0))
      (local.set $prevlen (local.get $curlen))
      (if (i32.eqz (local.get $nextlen))
        (then (local.set $max_count (i32.const 138)) (local.set $min_count (i32.const 3)))
        (else
          (if (i32.eq (local.get $curlen) (local.get $nextlen))
            (then (local.set $max_count (i32.const 6)) (local.set $min_count (i32.const 3)))
            (else (local.set $max_count (i32.const 7)) (local.set $min_count (i32.const 4))))))
      (br $next))))

(func $zd_bl_add (param $s i32) (param $k i32)
  (array.set $limbs (global.get $zd_bfreq) (local.get $s) (i32.add (array.get $limbs (global.get $zd_bfreq) (local.get $s)) (local.get $k))))

(func $zd_send_bl (param $s i32)
  (call $zd_bits (array.get $limbs (global.get $zd_bcode) (local.get $s)) (array.get $limbs (global.get $zd_blen) (local.get $s))))

;; compress_block with the given literal/length and distance codes.
(func $zd_compress_block (param $lcode (ref $limbs)) (param $llen (ref $limbs)) (param $dcode (ref $limbs)) (param $dlen (ref $limbs))
  (local $i i32) (local $lc i32) (local $dist i32) (local $code i32) (local $extra i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $zd_sym_n)))
      (local.set $lc (array.get $limbs (global.get $zd_sym_lc) (local.get $i)))
      (local.set $dist (array.get $limbs (global.get $zd_sym_dist) (local.get $i)))
      (if (i32.eqz (local.get $dist))
        (then (call $zd_bits (array.get $limbs (local.get $lcode) (local.get $lc)) (array.get $limbs (local.get $llen) (local.get $lc))))
        (else
          (local.set $code (array.get $limbs (global.get $zd_length_code) (local.get $lc)))
          (call $zd_bits (array.get $limbs (local.get $lcode) (i32.add (local.get $code) (i32.const 257)))
                         (array.get $limbs (local.get $llen) (i32.add (local.get $code) (i32.const 257))))
          (local.set $extra (array.get $limbs (global.get $z_lext) (local.get $code)))
          (if (local.get $extra)
            (then (call $zd_bits (i32.sub (local.get $lc) (array.get $limbs (global.get $zd_base_length) (local.get $code))) (local.get $extra))))
          (local.set $dist (i32.sub (local.get $dist) (i32.const 1)))
          (local.set $code (call $zd_d_code (local.get $dist)))
          (call $zd_bits (array.get $limbs (local.get $dcode) (local.get $code)) (array.get $limbs (local.get $dlen) (local.get $code)))
          (local.set $extra (array.get $limbs (global.get $z_dext) (local.get $code)))
          (if (local.get $extra)
            (then (call $zd_bits (i32.sub (local.get $dist) (array.get $limbs (global.get $zd_base_dist) (local.get $code))) (local.get $extra))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $zd_bits (array.get $limbs (local.get $lcode) (i32.const 256)) (array.get $limbs (local.get $llen) (i32.const 256))))

(func $zd_d_code (param $dist i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $dist) (i32.const 256))
    (then (array.get $limbs (global.get $zd_dist_code) (local.get $dist)))
    (else (array.get $limbs (global.get $zd_dist_code) (i32.add (i32.const 256) (i32.shr_u (local.get $dist) (i32.const 7)))))))

;; init_block
(func $zd_init_block
  (array.fill $limbs (global.get $zd_lfreq) (i32.const 0) (i32.const 0) (i32.const 573))
  (array.fill $limbs (global.get $zd_dfreq) (i32.const 0) (i32.const 0) (i32.const 61))
  (array.fill $limbs (global.get $zd_bfreq) (i32.const 0) (i32.const 0) (i32.const 39))
  (array.set $limbs (global.get $zd_lfreq) (i32.const 256) (i32.const 1))
  (global.set $zd_opt_len (i32.const 0))
  (global.set $zd_static_len (i32.const 0))
  (global.set $zd_sym_n (i32.const 0)))

;; The order of the code length codes.
(global $zd_bl_order (ref $limbs) (array.new_fixed $limbs 19
  (i32.const 16) (i32.const 17) (i32.const 18) (i32.const 0) (i32.const 8) (i32.const 7) (i32.const 9) (i32.const 6)
  (i32.const 10) (i32.const 5) (i32.const 11) (i32.const 4) (i32.const 12) (i32.const 3) (i32.const 13) (i32.const 2)
  (i32.const 14) (i32.const 1) (i32.const 15)))

;; _tr_flush_block: the block of input [start, start + stored_len) (start < 0: no longer in
;; zlib's window, so never stored).
(func $zd_flush_block (param $start i32) (param $stored_len i32) (param $last i32)
  (local $max_blindex i32) (local $opt_lenb i32) (local $static_lenb i32) (local $i i32) (local $lmax i32) (local $dmax i32)
  (local.set $lmax (call $zd_build_tree (global.get $zd_lfreq) (global.get $zd_llen) (global.get $zd_lcode) (global.get $zd_sllen)
    (i32.const 286) (global.get $z_lext) (i32.const 257) (i32.const 15)))
  (local.set $dmax (call $zd_build_tree (global.get $zd_dfreq) (global.get $zd_dlen) (global.get $zd_dcode) (global.get $zd_sdlen)
    (i32.const 30) (global.get $z_dext) (i32.const 0) (i32.const 15)))
  ;; build_bl_tree
  (call $zd_scan_tree (global.get $zd_llen) (local.get $lmax) (i32.const 0))
  (call $zd_scan_tree (global.get $zd_dlen) (local.get $dmax) (i32.const 0))
  (drop (call $zd_build_tree (global.get $zd_bfreq) (global.get $zd_blen) (global.get $zd_bcode) (ref.null none)
    (i32.const 19) (global.get $zd_blbits) (i32.const 0) (i32.const 7)))
  (local.set $max_blindex (i32.const 18))
  (block $found
    (loop $next
      (br_if $found (i32.lt_s (local.get $max_blindex) (i32.const 3)))
      (br_if $found (array.get $limbs (global.get $zd_blen) (array.get $limbs (global.get $zd_bl_order) (local.get $max_blindex))))
      (local.set $max_blindex (i32.sub (local.get $max_blindex) (i32.const 1)))
      (br $next)))
  (global.set $zd_opt_len (i32.add (global.get $zd_opt_len) (i32.add (i32.mul (i32.const 3) (i32.add (local.get $max_blindex) (i32.const 1))) (i32.const 14))))
  (local.set $opt_lenb (i32.shr_u (i32.add (global.get $zd_opt_len) (i32.const 10)) (i32.const 3)))
  (local.set $static_lenb (i32.shr_u (i32.add (global.get $zd_static_len) (i32.const 10)) (i32.const 3)))
  (if (i32.le_u (local.get $static_lenb) (local.get $opt_lenb)) (then (local.set $opt_lenb (local.get $static_lenb))))
  (if (i32.and (i32.le_u (i32.add (local.get $stored_len) (i32.const 4)) (local.get $opt_lenb)) (i32.ge_s (local.get $start) (i32.const 0)))
    (then
      ;; a stored block
      (call $zd_bits (local.get $last) (i32.const 3))
      (call $zd_windup)
      (call $zd_byte (i32.and (local.get $stored_len) (i32.const 255)))
      (call $zd_byte (i32.shr_u (local.get $stored_len) (i32.const 8)))
      (call $zd_byte (i32.xor (i32.and (local.get $stored_len) (i32.const 255)) (i32.const 255)))
      (call $zd_byte (i32.xor (i32.shr_u (local.get $stored_len) (i32.const 8)) (i32.const 255)))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $stored_len)))
          (call $zd_byte (array.get_u $bytes (global.get $zd_in) (i32.add (local.get $start) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next))))
    (else
      (if (i32.eq (local.get $static_lenb) (local.get $opt_lenb))
        (then
          (call $zd_bits (i32.add (i32.const 2) (local.get $last)) (i32.const 3))
          (call $zd_compress_block (global.get $zd_slcode) (global.get $zd_sllen) (global.get $zd_sdcode) (global.get $zd_sdlen)))
        (else
          (call $zd_bits (i32.add (i32.const 4) (local.get $last)) (i32.const 3))
          ;; send_all_trees
          (call $zd_bits (i32.sub (i32.add (local.get $lmax) (i32.const 1)) (i32.const 257)) (i32.const 5))
          (call $zd_bits (local.get $dmax) (i32.const 5))
          (call $zd_bits (i32.sub (i32.add (local.get $max_blindex) (i32.const 1)) (i32.const 4)) (i32.const 4))
          (local.set $i (i32.const 0))
          (block $done
            (loop $next
              (br_if $done (i32.gt_s (local.get $i) (local.get $max_blindex)))
              (call $zd_bits (array.get $limbs (global.get $zd_blen) (array.get $limbs (global.get $zd_bl_order) (local.get $i))) (i32.const 3))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
          (call $zd_scan_tree (global.get $zd_llen) (local.get $lmax) (i32.const 1))
          (call $zd_scan_tree (global.get $zd_dlen) (local.get $dmax) (i32.const 1))
          (call $zd_compress_block (global.get $zd_lcode) (global.get $zd_llen) (global.get $zd_dcode) (global.get $zd_dlen))))))
  (call $zd_init_block)
  (if (local.get $last) (then (call $zd_windup))))

;; FLUSH_BLOCK at strstart.
(func $zd_flush (param $last i32)
  (local $bs i32)
  (local.set $bs (global.get $zd_block_start))
  (call $zd_flush_block
    (select (local.get $bs) (i32.const -1) (i32.ge_s (i32.sub (local.get $bs) (global.get $zd_offset)) (i32.const 0)))
    (i32.sub (global.get $zd_strstart) (local.get $bs)) (local.get $last))
  (global.set $zd_block_start (global.get $zd_strstart)))

;; _tr_tally: records a literal (dist 0) or a match; true when the block is full.
(func $zd_tally (param $dist i32) (param $lc i32) (result i32)
  (array.set $limbs (global.get $zd_sym_lc) (global.get $zd_sym_n) (local.get $lc))
  (array.set $limbs (global.get $zd_sym_dist) (global.get $zd_sym_n) (local.get $dist))
  (global.set $zd_sym_n (i32.add (global.get $zd_sym_n) (i32.const 1)))
  (if (i32.eqz (local.get $dist))
    (then (array.set $limbs (global.get $zd_lfreq) (local.get $lc) (i32.add (array.get $limbs (global.get $zd_lfreq) (local.get $lc)) (i32.const 1))))
    (else
      (local.set $lc (i32.add (array.get $limbs (global.get $zd_length_code) (local.get $lc)) (i32.const 257)))
      (array.set $limbs (global.get $zd_lfreq) (local.get $lc) (i32.add (array.get $limbs (global.get $zd_lfreq) (local.get $lc)) (i32.const 1)))
      (local.set $dist (call $zd_d_code (i32.sub (local.get $dist) (i32.const 1))))
      (array.set $limbs (global.get $zd_dfreq) (local.get $dist) (i32.add (array.get $limbs (global.get $zd_dfreq) (local.get $dist)) (i32.const 1)))))
  (i32.eq (global.get $zd_sym_n) (i32.const 16383)))

;; UPDATE_HASH with the byte at `pos`.
(func $zd_update_hash (param $pos i32)
  (global.set $zd_ins_h (i32.and (i32.xor (i32.shl (global.get $zd_ins_h) (i32.const 5))
    (array.get_u $bytes (global.get $zd_in) (local.get $pos))) (i32.const 0x7fff))))

;; INSERT_STRING at `pos`: returns the previous head of its hash chain.
(func $zd_insert (param $pos i32) (result i32)
  (local $h i32)
  (call $zd_update_hash (i32.add (local.get $pos) (i32.const 2)))
  (local.set $h (array.get $limbs (global.get $zd_head) (global.get $zd_ins_h)))
  (array.set $limbs (global.get $zd_prev) (i32.and (local.get $pos) (i32.const 0x7fff)) (local.get $h))
  (array.set $limbs (global.get $zd_head) (global.get $zd_ins_h) (local.get $pos))
  (local.get $h))

;; fill_window, as far as it shows: the input zlib would have read, and its window slides.
(func $zd_fill
  (local $more i32) (local $n i32)
  (loop $again
    (local.set $more (i32.sub (i32.sub (i32.const 65536) (global.get $zd_lookahead)) (i32.sub (global.get $zd_strstart) (global.get $zd_offset))))
    (if (i32.ge_u (i32.sub (global.get $zd_strstart) (global.get $zd_offset)) (i32.const 65274))
      (then
        (global.set $zd_offset (i32.add (global.get $zd_offset) (i32.const 32768)))
        (local.set $more (i32.add (local.get $more) (i32.const 32768)))))
    (if (i32.ge_u (global.get $zd_loaded) (global.get $zd_n)) (then (return)))
    (local.set $n (i32.sub (global.get $zd_n) (global.get $zd_loaded)))
    (if (i32.gt_u (local.get $n) (local.get $more)) (then (local.set $n (local.get $more))))
    (global.set $zd_loaded (i32.add (global.get $zd_loaded) (local.get $n)))
    (global.set $zd_lookahead (i32.add (global.get $zd_lookahead) (local.get $n)))
    (if (i32.ge_u (global.get $zd_lookahead) (i32.const 3))
      (then
        (global.set $zd_ins_h (array.get_u $bytes (global.get $zd_in) (global.get $zd_strstart)))
        (call $zd_update_hash (i32.add (global.get $zd_strstart) (i32.const 1)))))
    (br_if $again (i32.and (i32.lt_u (global.get $zd_lookahead) (i32.const 262))
                           (i32.lt_u (global.get $zd_loaded) (global.get $zd_n))))))

;; longest_match from the chain head `cur`.
(func $zd_longest_match (param $cur i32) (result i32)
  (local $chain i32) (local $scan i32) (local $best i32) (local $nice i32) (local $limit i32) (local $strend i32)
  (local $end1 i32) (local $end0 i32) (local $m i32) (local $s i32) (local $len i32) (local $d (ref $bytes))
  (local.set $d (global.get $zd_in))
  (local.set $chain (global.get $zd_chain))
  (local.set $scan (global.get $zd_strstart))
  (local.set $best (global.get $zd_prev_length))
  (local.set $nice (global.get $zd_nice))
  (local.set $limit (i32.sub (global.get $zd_strstart) (i32.const 32506)))
  (if (i32.lt_s (local.get $limit) (global.get $zd_offset)) (then (local.set $limit (global.get $zd_offset))))
  (local.set $strend (i32.add (local.get $scan) (i32.const 258)))
  (local.set $end1 (array.get_u $bytes (local.get $d) (i32.add (local.get $scan) (i32.sub (local.get $best) (i32.const 1)))))
  (local.set $end0 (array.get_u $bytes (local.get $d) (i32.add (local.get $scan) (local.get $best))))
  (if (i32.ge_u (global.get $zd_prev_length) (global.get $zd_good)) (then (local.set $chain (i32.shr_u (local.get $chain) (i32.const 2)))))
  (if (i32.gt_u (local.get $nice) (global.get $zd_lookahead)) (then (local.set $nice (global.get $zd_lookahead))))
  (block $stop
    (loop $next
      (local.set $m (local.get $cur))
      (block $skip
        (br_if $skip (i32.ne (array.get_u $bytes (local.get $d) (i32.add (local.get $m) (local.get $best))) (local.get $end0)))
        (br_if $skip (i32.ne (array.get_u $bytes (local.get $d) (i32.add (local.get $m) (i32.sub (local.get $best) (i32.const 1)))) (local.get $end1)))
        (br_if $skip (i32.ne (array.get_u $bytes (local.get $d) (local.get $m)) (array.get_u $bytes (local.get $d) (local.get $scan))))
        (br_if $skip (i32.ne (array.get_u $bytes (local.get $d) (i32.add (local.get $m) (i32.const 1)))
                             (array.get_u $bytes (local.get $d) (i32.add (local.get $scan) (i32.const 1)))))
        ;; scan[2] is not compared: the hash equality makes it equal (zlib's assumption)
        (local.set $s (i32.add (local.get $scan) (i32.const 2)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (block $mismatch
          (loop $cmp
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br_if $mismatch (i32.ge_u (local.get $s) (local.get $strend)))
            (br_if $cmp (i32.eq (array.get_u $bytes (local.get $d) (local.get $s)) (array.get_u $bytes (local.get $d) (local.get $m))))))
        (if (i32.gt_u (local.get $s) (local.get $strend)) (then (local.set $s (local.get $strend))))
        (local.set $len (i32.sub (i32.const 258) (i32.sub (local.get $strend) (local.get $s))))
        (if (i32.gt_s (local.get $len) (local.get $best))
          (then
            (global.set $zd_match_start (local.get $cur))
            (local.set $best (local.get $len))
            (br_if $stop (i32.ge_s (local.get $len) (local.get $nice)))
            (local.set $end1 (array.get_u $bytes (local.get $d) (i32.add (local.get $scan) (i32.sub (local.get $best) (i32.const 1)))))
            (local.set $end0 (array.get_u $bytes (local.get $d) (i32.add (local.get $scan) (local.get $best)))))))
      (local.set $cur (array.get $limbs (global.get $zd_prev) (i32.and (local.get $cur) (i32.const 0x7fff))))
      (br_if $stop (i32.le_s (local.get $cur) (local.get $limit)))
      (local.set $chain (i32.sub (local.get $chain) (i32.const 1)))
      (br_if $next (local.get $chain))))
  (if (result i32) (i32.le_u (local.get $best) (global.get $zd_lookahead))
    (then (local.get $best))
    (else (global.get $zd_lookahead))))

;; Whether a hash chain head is a position zlib still has (its window coordinate above 0).
(func $zd_valid (param $pos i32) (result i32)
  (i32.gt_s (local.get $pos) (global.get $zd_offset)))

;; deflate_slow (levels 4-9): lazy matching.
(func $zd_slow
  (local $hash_head i32) (local $match_length i32) (local $prev_match i32) (local $available i32) (local $max_insert i32)
  (local $bflush i32) (local $prev_length i32)
  (local.set $match_length (i32.const 2))
  (loop $next
    (if (i32.lt_u (global.get $zd_lookahead) (i32.const 262))
      (then
        (call $zd_fill)))
    (if (i32.eqz (global.get $zd_lookahead))
      (then
        (if (local.get $available)
          (then
            (drop (call $zd_tally (i32.const 0)
              (array.get_u $bytes (global.get $zd_in) (i32.sub (global.get $zd_strstart) (i32.const 1)))))))
        (call $zd_flush (i32.const 1))
        (return)))
    (local.set $hash_head (i32.const 0))
    (if (i32.ge_u (global.get $zd_lookahead) (i32.const 3))
      (then (local.set $hash_head (call $zd_insert (global.get $zd_strstart)))))
    (local.set $prev_length (local.get $match_length))
    (global.set $zd_prev_length (local.get $match_length))
    (local.set $prev_match (global.get $zd_match_start))
    (local.set $match_length (i32.const 2))
    (if (i32.and (call $zd_valid (local.get $hash_head))
          (i32.and (i32.lt_u (local.get $prev_length) (global.get $zd_lazy))
                   (i32.le_u (i32.sub (global.get $zd_strstart) (local.get $hash_head)) (i32.const 32506))))
      (then
        (local.set $match_length (call $zd_longest_match (local.get $hash_head)))
        (if (i32.and (i32.eq (local.get $match_length) (i32.const 3))
                     (i32.gt_u (i32.sub (global.get $zd_strstart) (global.get $zd_match_start)) (i32.const 4096)))
          (then (local.set $match_length (i32.const 2))))))
    (if (i32.and (i32.ge_u (local.get $prev_length) (i32.const 3)) (i32.le_u (local.get $match_length) (local.get $prev_length)))
      (then
        (local.set $max_insert (i32.sub (i32.add (global.get $zd_strstart) (global.get $zd_lookahead)) (i32.const 3)))
        (local.set $bflush (call $zd_tally (i32.sub (i32.sub (global.get $zd_strstart) (i32.const 1)) (local.get $prev_match))
          (i32.sub (local.get $prev_length) (i32.const 3))))
        (global.set $zd_lookahead (i32.sub (global.get $zd_lookahead) (i32.sub (local.get $prev_length) (i32.const 1))))
        (local.set $prev_length (i32.sub (local.get $prev_length) (i32.const 2)))
        (loop $ins
          (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))
          (if (i32.le_u (global.get $zd_strstart) (local.get $max_insert))
            (then (drop (call $zd_insert (global.get $zd_strstart)))))
          (local.set $prev_length (i32.sub (local.get $prev_length) (i32.const 1)))
          (br_if $ins (local.get $prev_length)))
        (local.set $available (i32.const 0))
        (local.set $match_length (i32.const 2))
        (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))
        (if (local.get $bflush) (then (call $zd_flush (i32.const 0))))
        (br $next)))
    (if (local.get $available)
      (then
        (local.set $bflush (call $zd_tally (i32.const 0)
          (array.get_u $bytes (global.get $zd_in) (i32.sub (global.get $zd_strstart) (i32.const 1)))))
        (if (local.get $bflush) (then (call $zd_flush (i32.const 0))))
        (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))
        (global.set $zd_lookahead (i32.sub (global.get $zd_lookahead) (i32.const 1)))
        (br $next)))
    (local.set $available (i32.const 1))
    (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))
    (global.set $zd_lookahead (i32.sub (global.get $zd_lookahead) (i32.const 1)))
    (br $next)))

;; deflate_fast (levels 1-3): greedy matching.
(func $zd_fast
  (local $hash_head i32) (local $match_length i32) (local $bflush i32)
  (loop $next
    (if (i32.lt_u (global.get $zd_lookahead) (i32.const 262))
      (then (call $zd_fill)))
    (if (i32.eqz (global.get $zd_lookahead))
      (then (call $zd_flush (i32.const 1)) (return)))
    (local.set $hash_head (i32.const 0))
    (if (i32.ge_u (global.get $zd_lookahead) (i32.const 3))
      (then (local.set $hash_head (call $zd_insert (global.get $zd_strstart)))))
    (if (i32.and (call $zd_valid (local.get $hash_head))
                 (i32.le_u (i32.sub (global.get $zd_strstart) (local.get $hash_head)) (i32.const 32506)))
      (then (local.set $match_length (call $zd_longest_match (local.get $hash_head)))))
    (if (i32.ge_u (local.get $match_length) (i32.const 3))
      (then
        (local.set $bflush (call $zd_tally (i32.sub (global.get $zd_strstart) (global.get $zd_match_start))
          (i32.sub (local.get $match_length) (i32.const 3))))
        (global.set $zd_lookahead (i32.sub (global.get $zd_lookahead) (local.get $match_length)))
        (if (i32.and (i32.le_u (local.get $match_length) (global.get $zd_lazy)) (i32.ge_u (global.get $zd_lookahead) (i32.const 3)))
          (then
            (local.set $match_length (i32.sub (local.get $match_length) (i32.const 1)))
            (loop $ins
              (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))
              (drop (call $zd_insert (global.get $zd_strstart)))
              (local.set $match_length (i32.sub (local.get $match_length) (i32.const 1)))
              (br_if $ins (local.get $match_length)))
            (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1))))
          (else
            (global.set $zd_strstart (i32.add (global.get $zd_strstart) (local.get $match_length)))
            (local.set $match_length (i32.const 0))
            (global.set $zd_ins_h (array.get_u $bytes (global.get $zd_in) (global.get $zd_strstart)))
            (call $zd_update_hash (i32.add (global.get $zd_strstart) (i32.const 1))))))
      (else
        (local.set $bflush (call $zd_tally (i32.const 0) (array.get_u $bytes (global.get $zd_in) (global.get $zd_strstart))))
        (global.set $zd_lookahead (i32.sub (global.get $zd_lookahead) (i32.const 1)))
        (global.set $zd_strstart (i32.add (global.get $zd_strstart) (i32.const 1)))))
    (if (local.get $bflush) (then (call $zd_flush (i32.const 0))))
    (br $next)))

;; The zlib stream of d[off..off+len] at `level` (1-9), as zlib's compress2() writes it.
(func $zlib_deflate (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $level i32) (result (ref $bytes))
  (local $cfg i32) (local $adler i32) (local $out (ref $bytes)) (local $hdr i32)
  (call $zd_init_static)
  (global.set $zd_in (array.new_default $bytes (i32.add (local.get $len) (i32.const 300))))
  (array.copy $bytes $bytes (global.get $zd_in) (i32.const 0) (local.get $d) (local.get $off) (local.get $len))
  (global.set $zd_n (local.get $len))
  (global.set $zd_head (array.new_default $limbs (i32.const 32768)))
  (global.set $zd_prev (array.new_default $limbs (i32.const 32768)))
  (global.set $zd_sym_lc (array.new_default $limbs (i32.const 16384)))
  (global.set $zd_sym_dist (array.new_default $limbs (i32.const 16384)))
  (global.set $zd_lfreq (array.new_default $limbs (i32.const 573)))
  (global.set $zd_llen (array.new_default $limbs (i32.const 573)))
  (global.set $zd_lcode (array.new_default $limbs (i32.const 573)))
  (global.set $zd_dfreq (array.new_default $limbs (i32.const 61)))
  (global.set $zd_dlen (array.new_default $limbs (i32.const 61)))
  (global.set $zd_dcode (array.new_default $limbs (i32.const 61)))
  (global.set $zd_bfreq (array.new_default $limbs (i32.const 39)))
  (global.set $zd_blen (array.new_default $limbs (i32.const 39)))
  (global.set $zd_bcode (array.new_default $limbs (i32.const 39)))
  (global.set $zd_dad (array.new_default $limbs (i32.const 573)))
  (global.set $zd_heap (array.new_default $limbs (i32.const 573)))
  (global.set $zd_depth (array.new_default $limbs (i32.const 573)))
  (global.set $zd_out (array.new_default $bytes (i32.add (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 64))))
  (global.set $zd_out_pos (i32.const 0))
  (global.set $zd_bb (i32.const 0))
  (global.set $zd_bn (i32.const 0))
  (global.set $zd_ins_h (i32.const 0))
  (global.set $zd_strstart (i32.const 0))
  (global.set $zd_lookahead (i32.const 0))
  (global.set $zd_loaded (i32.const 0))
  (global.set $zd_offset (i32.const 0))
  (global.set $zd_block_start (i32.const 0))
  (global.set $zd_match_start (i32.const 0))
  (global.set $zd_prev_length (i32.const 2))
  (call $zd_init_block)
  ;; zlib's configuration table: good, lazy, nice, chain
  (local.set $cfg (array.get $limbs (array.new_fixed $limbs 10
    (i32.const 0) (i32.const 0x04040804) (i32.const 0x04051008) (i32.const 0x04062020) (i32.const 0x04041010)
    (i32.const 0x08102020) (i32.const 0x08108080) (i32.const 0x08208080) (i32.const 0x20800000) (i32.const 0x20ff0000))
    (local.get $level)))
  (global.set $zd_good (i32.shr_u (local.get $cfg) (i32.const 24)))
  (global.set $zd_lazy (i32.and (i32.shr_u (local.get $cfg) (i32.const 16)) (i32.const 255)))
  (global.set $zd_nice (i32.and (i32.shr_u (local.get $cfg) (i32.const 8)) (i32.const 255)))
  (global.set $zd_chain (i32.and (local.get $cfg) (i32.const 255)))
  ;; the entries that do not fit a byte
  (if (i32.eq (local.get $level) (i32.const 7)) (then (global.set $zd_chain (i32.const 256))))
  (if (i32.eq (local.get $level) (i32.const 8))
    (then (global.set $zd_lazy (i32.const 128)) (global.set $zd_nice (i32.const 258)) (global.set $zd_chain (i32.const 1024))))
  (if (i32.eq (local.get $level) (i32.const 9))
    (then (global.set $zd_lazy (i32.const 258)) (global.set $zd_nice (i32.const 258)) (global.set $zd_chain (i32.const 4096))))
  ;; the header: method 8, 32 KiB window, the level's flags, the check bits
  (local.set $hdr (i32.or (i32.const 0x7800)
    (i32.shl (if (result i32) (i32.lt_u (local.get $level) (i32.const 2)) (then (i32.const 0))
               (else (if (result i32) (i32.lt_u (local.get $level) (i32.const 6)) (then (i32.const 1))
                 (else (if (result i32) (i32.eq (local.get $level) (i32.const 6)) (then (i32.const 2)) (else (i32.const 3)))))))
             (i32.const 6))))
  (local.set $hdr (i32.add (local.get $hdr) (i32.sub (i32.const 31) (i32.rem_u (local.get $hdr) (i32.const 31)))))
  (call $zd_byte (i32.shr_u (local.get $hdr) (i32.const 8)))
  (call $zd_byte (i32.and (local.get $hdr) (i32.const 255)))
  (if (i32.lt_u (local.get $level) (i32.const 4)) (then (call $zd_fast)) (else (call $zd_slow)))
  (local.set $adler (call $adler32 (local.get $d) (local.get $off) (local.get $len)))
  (call $zd_byte (i32.shr_u (local.get $adler) (i32.const 24)))
  (call $zd_byte (i32.and (i32.shr_u (local.get $adler) (i32.const 16)) (i32.const 255)))
  (call $zd_byte (i32.and (i32.shr_u (local.get $adler) (i32.const 8)) (i32.const 255)))
  (call $zd_byte (i32.and (local.get $adler) (i32.const 255)))
  (local.set $out (array.new_default $bytes (global.get $zd_out_pos)))
  (array.copy $bytes $bytes (local.get $out) (i32.const 0) (global.get $zd_out) (i32.const 0) (global.get $zd_out_pos))
  ;; drop the big buffers
  (global.set $zd_in (array.new_fixed $bytes 0))
  (global.set $zd_out (array.new_fixed $bytes 0))
  (global.set $zd_head (array.new_fixed $limbs 0))
  (global.set $zd_prev (array.new_fixed $limbs 0))
  (local.get $out))
