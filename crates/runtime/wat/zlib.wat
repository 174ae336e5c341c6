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
