;; etf.wat — the external term format: erlang:term_to_binary/1,2 and binary_to_term/1,2,
;; byte for byte as OTP 25 writes and reads it.
;;
;; OTP 25's choices, checked against the VM: version byte 131; integers 0..255 as
;; SMALL_INTEGER_EXT, other 32-bit ones as INTEGER_EXT, larger as SMALL_BIG_EXT or
;; LARGE_BIG_EXT; floats as NEW_FLOAT_EXT (FLOAT_EXT "%.20e" with {minor_version, 0});
;; atoms as ATOM_EXT in latin-1 whenever every character is below 256 (even short ones),
;; else SMALL_ATOM_UTF8_EXT/ATOM_UTF8_EXT (always UTF-8 with {minor_version, 2});
;; proper lists of at most 65535 integers 0..255 as STRING_EXT; tuples as
;; SMALL_TUPLE_EXT/LARGE_TUPLE_EXT; binaries as BINARY_EXT and BIT_BINARY_EXT.
;;
;; Both directions are iterative (an explicit work stack), so a deeply nested term never
;; exhausts the wasm stack. The decoder checks every length against the input and fails
;; with badarg, never traps.
;;
;; Maps (MAP_EXT 116) both ways; `fun M:F/A` (EXPORT_EXT 113) both ways; this node's pids,
;; ports and references both ways (as nonode@nohost, creation 0; <0.N.0> decodes to the
;; live process N when there is one).
;; Not here yet, each failing with badarg at a named stub:
;;   TODO(fun)   local funs (NEW_FUN_EXT 112) both ways;
;;   remote pids, ports and references (another node, or a pid serial other than 0).
;; `compressed` output and compressed input (tag 80) go through the zlib the VM links
;; (zlib.wat over the native layer).
;;
;; Output goes to a growable buffer ($ob, $ob_pos); input is read from ($ib, $ip, $iend).

(global $ob (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $ob_pos (mut i32) (i32.const 0))

;; ---- output buffer ------------------------------------------------------------------------

;; Makes room for `n` more bytes.
(func $ob_reserve (param $n i32)
  (local $cap i32) (local $new (ref $bytes))
  (local.set $cap (array.len (global.get $ob)))
  (if (i32.le_u (i32.add (global.get $ob_pos) (local.get $n)) (local.get $cap)) (then (return)))
  (local.set $cap (i32.add (i32.shl (local.get $cap) (i32.const 1)) (i32.add (local.get $n) (i32.const 64))))
  (local.set $new (array.new_default $bytes (local.get $cap)))
  (array.copy $bytes $bytes (local.get $new) (i32.const 0) (global.get $ob) (i32.const 0) (global.get $ob_pos))
  (global.set $ob (local.get $new)))

(func $ob_u8 (param $b i32)
  (call $ob_reserve (i32.const 1))
  (array.set $bytes (global.get $ob) (global.get $ob_pos) (local.get $b))
  (global.set $ob_pos (i32.add (global.get $ob_pos) (i32.const 1))))

(func $ob_u16 (param $v i32)
  (call $ob_u8 (i32.shr_u (local.get $v) (i32.const 8)))
  (call $ob_u8 (local.get $v)))

(func $ob_u32 (param $v i32)
  (call $ob_u16 (i32.shr_u (local.get $v) (i32.const 16)))
  (call $ob_u16 (local.get $v)))

;; Appends src[off..off+len].
(func $ob_bytes (param $src (ref $bytes)) (param $off i32) (param $len i32)
  (call $ob_reserve (local.get $len))
  (array.copy $bytes $bytes (global.get $ob) (global.get $ob_pos) (local.get $src) (local.get $off) (local.get $len))
  (global.set $ob_pos (i32.add (global.get $ob_pos) (local.get $len))))

;; The buffer's contents as a fresh binary; empties the buffer.
(func $ob_take (result (ref $bin))
  (local $b (ref $bin))
  (local.set $b (call $bin_copy (global.get $ob) (i32.const 0) (global.get $ob_pos)))
  (global.set $ob_pos (i32.const 0))
  (if (i32.gt_u (array.len (global.get $ob)) (i32.const 65536))
    (then (global.set $ob (array.new_fixed $bytes 0))))
  (local.get $b))

;; ---- UTF-8 --------------------------------------------------------------------------------

;; The number of characters in the valid UTF-8 d[off..off+len], or -1 when it is not
;; valid UTF-8 (overlong forms, surrogates and code points above 10FFFF are invalid).
(func $utf8_count (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $i i32) (local $end i32) (local $n i32) (local $b i32) (local $cp i32) (local $k i32) (local $c i32)
  (local.set $i (local.get $off))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $b (array.get_u $bytes (local.get $d) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $b) (i32.const 0x80)))
      (if (i32.lt_u (local.get $b) (i32.const 0xc2)) (then (return (i32.const -1))))
      (if (i32.lt_u (local.get $b) (i32.const 0xe0))
        (then (local.set $k (i32.const 1)) (local.set $cp (i32.and (local.get $b) (i32.const 0x1f))))
        (else (if (i32.lt_u (local.get $b) (i32.const 0xf0))
          (then (local.set $k (i32.const 2)) (local.set $cp (i32.and (local.get $b) (i32.const 0x0f))))
          (else (if (i32.lt_u (local.get $b) (i32.const 0xf5))
            (then (local.set $k (i32.const 3)) (local.set $cp (i32.and (local.get $b) (i32.const 0x07))))
            (else (return (i32.const -1))))))))
      (if (i32.gt_u (i32.add (local.get $i) (local.get $k)) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (local.get $k))
      (block $cdone
        (loop $cont
          (br_if $cdone (i32.eqz (local.get $c)))
          (local.set $b (array.get_u $bytes (local.get $d) (local.get $i)))
          (if (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const -1))))
          (local.set $cp (i32.or (i32.shl (local.get $cp) (i32.const 6)) (i32.and (local.get $b) (i32.const 0x3f))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.sub (local.get $c) (i32.const 1)))
          (br $cont)))
      ;; overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF
      (if (i32.and (i32.eq (local.get $k) (i32.const 2)) (i32.lt_u (local.get $cp) (i32.const 0x800))) (then (return (i32.const -1))))
      (if (i32.and (i32.eq (local.get $k) (i32.const 3)) (i32.lt_u (local.get $cp) (i32.const 0x10000))) (then (return (i32.const -1))))
      (if (i32.gt_u (local.get $cp) (i32.const 0x10ffff)) (then (return (i32.const -1))))
      (if (i32.eq (i32.and (local.get $cp) (i32.const 0xfffff800)) (i32.const 0xd800)) (then (return (i32.const -1))))
      (br $next)))
  (local.get $n))

;; Whether every character of the UTF-8 name d[off..off+len] is below 256.
(func $utf8_is_latin1 (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $i i32) (local $b i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (if (i32.ge_u (local.get $b) (i32.const 0xc4)) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; ---- term_to_binary ----------------------------------------------------------------------------

(global $etf_minor (mut i32) (i32.const 1))
;; Set by the `deterministic` option: large maps are written in key order.
(global $etf_det (mut i32) (i32.const 0))
(global $es_obj (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $es_tag (mut (ref $limbs)) (array.new_fixed $limbs 0))

;; Pushes a work item on the encoder's stack: tag 0 encode `t`, tag 1 continue the list
;; whose next cell is `t`. `sp` is the stack depth; returns the new depth.
(func $es_push (param $sp i32) (param $t eqref) (param $tag i32) (result i32)
  (local $n i32) (local $o (ref $tuple)) (local $g (ref $limbs))
  (local.set $n (array.len (global.get $es_obj)))
  (if (i32.ge_u (local.get $sp) (local.get $n))
    (then
      (local.set $n (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 32)))
      (local.set $o (array.new $tuple (ref.null none) (local.get $n)))
      (local.set $g (array.new_default $limbs (local.get $n)))
      (array.copy $tuple $tuple (local.get $o) (i32.const 0) (global.get $es_obj) (i32.const 0) (local.get $sp))
      (array.copy $limbs $limbs (local.get $g) (i32.const 0) (global.get $es_tag) (i32.const 0) (local.get $sp))
      (global.set $es_obj (local.get $o))
      (global.set $es_tag (local.get $g))))
  (array.set $tuple (global.get $es_obj) (local.get $sp) (local.get $t))
  (array.set $limbs (global.get $es_tag) (local.get $sp) (local.get $tag))
  (i32.add (local.get $sp) (i32.const 1)))

;; Writes an atom: latin-1 ATOM_EXT when it can (minor version < 2), else UTF-8.
(func $etf_put_atom (param $a (ref $atom))
  (local $name (ref $bin)) (local $d (ref $bytes)) (local $off i32) (local $len i32) (local $i i32) (local $b i32) (local $n i32)
  (local.set $name (call $atom_name (local.get $a)))
  (local.set $d (struct.get $bin $data (local.get $name)))
  (local.set $off (struct.get $bin $off (local.get $name)))
  (local.set $len (struct.get $bin $size (local.get $name)))
  (if (i32.and (i32.lt_u (global.get $etf_minor) (i32.const 2))
               (call $utf8_is_latin1 (local.get $d) (local.get $off) (local.get $len)))
    (then
      ;; count characters, then transcode
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (select (i32.const 2) (i32.const 1) (i32.ge_u (local.get $b) (i32.const 0xc0)))))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $next)))
      (call $ob_u8 (i32.const 100))
      (call $ob_u16 (local.get $n))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
          (if (i32.ge_u (local.get $b) (i32.const 0xc0))
            (then
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $b (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
                (i32.and (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))) (i32.const 0x3f))))))
          (call $ob_u8 (local.get $b))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return)))
  (if (i32.lt_u (local.get $len) (i32.const 256))
    (then (call $ob_u8 (i32.const 119)) (call $ob_u8 (local.get $len)))
    (else (call $ob_u8 (i32.const 118)) (call $ob_u16 (local.get $len))))
  (call $ob_bytes (local.get $d) (local.get $off) (local.get $len)))

;; Writes an integer term.
(func $etf_put_int (param $t eqref)
  (local $v i64) (local $x (ref $bigint)) (local $m (ref $limbs)) (local $nb i32) (local $i i32)
  (if (i32.eqz (ref.test (ref $bigint) (local.get $t)))
    (then
      (local.set $v (call $int_i64 (local.get $t)))
      (if (i64.lt_u (local.get $v) (i64.const 256))
        (then (call $ob_u8 (i32.const 97)) (call $ob_u8 (i32.wrap_i64 (local.get $v))) (return)))
      (if (i64.eq (local.get $v) (i64.extend_i32_s (i32.wrap_i64 (local.get $v))))
        (then (call $ob_u8 (i32.const 98)) (call $ob_u32 (i32.wrap_i64 (local.get $v))) (return)))))
  (local.set $x (call $to_big (local.get $t)))
  (local.set $m (struct.get $bigint $mag (local.get $x)))
  ;; the magnitude's length in bytes
  (local.set $nb (i32.shr_u (i32.add (call $mag_bitlen (local.get $m) (array.len (local.get $m))) (i32.const 7)) (i32.const 3)))
  (if (i32.lt_u (local.get $nb) (i32.const 256))
    (then (call $ob_u8 (i32.const 110)) (call $ob_u8 (local.get $nb)))
    (else (call $ob_u8 (i32.const 111)) (call $ob_u32 (local.get $nb))))
  (call $ob_u8 (struct.get $bigint $neg (local.get $x)))
  (call $ob_reserve (local.get $nb))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
      (call $ob_u8 (i32.shr_u (array.get $limbs (local.get $m) (i32.shr_u (local.get $i) (i32.const 2)))
        (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Writes a float: NEW_FLOAT_EXT, or FLOAT_EXT ("%.20e", zero-padded to 31 bytes) when the
;; minor version is 0.
(func $etf_put_float (param $f f64)
  (local $s (ref $bin)) (local $bits i64)
  (if (i32.eqz (global.get $etf_minor))
    (then
      (local.set $s (call $fmt_scientific (local.get $f) (i32.const 20)))
      (call $ob_u8 (i32.const 99))
      (call $ob_bytes (struct.get $bin $data (local.get $s)) (struct.get $bin $off (local.get $s)) (struct.get $bin $size (local.get $s)))
      (call $ob_reserve (i32.sub (i32.const 31) (struct.get $bin $size (local.get $s))))
      (array.fill $bytes (global.get $ob) (global.get $ob_pos) (i32.const 0) (i32.sub (i32.const 31) (struct.get $bin $size (local.get $s))))
      (global.set $ob_pos (i32.add (global.get $ob_pos) (i32.sub (i32.const 31) (struct.get $bin $size (local.get $s)))))
      (return)))
  (local.set $bits (i64.reinterpret_f64 (local.get $f)))
  (call $ob_u8 (i32.const 70))
  (call $ob_u32 (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
  (call $ob_u32 (i32.wrap_i64 (local.get $bits))))

;; Writes a binary or bitstring.
(func $etf_put_bin (param $b (ref $bin))
  (local $size i32) (local $bits i32) (local $last i32)
  (local.set $size (struct.get $bin $size (local.get $b)))
  (local.set $bits (struct.get $bin $bits (local.get $b)))
  (if (i32.eqz (local.get $bits))
    (then
      (call $ob_u8 (i32.const 109))
      (call $ob_u32 (local.get $size))
      (call $ob_bytes (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (local.get $size))
      (return)))
  (call $ob_u8 (i32.const 77))
  (call $ob_u32 (i32.add (local.get $size) (i32.const 1)))
  (call $ob_u8 (local.get $bits))
  (call $ob_bytes (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (local.get $size))
  (local.set $last (array.get_u $bytes (struct.get $bin $data (local.get $b))
    (i32.add (struct.get $bin $off (local.get $b)) (local.get $size))))
  (call $ob_u8 (i32.and (local.get $last) (i32.shl (i32.const 0xff) (i32.sub (i32.const 8) (local.get $bits))))))

;; Whether the list starting at cell `c` is proper, of at most 65535 elements, all
;; integers 0..255 (the VM then writes STRING_EXT). Returns the length, or -1.
(func $etf_string_len (param $c eqref) (result i32)
  (local $n i32) (local $cell (ref $cons)) (local $h eqref)
  (loop $next
    (if (ref.is_null (local.get $c)) (then (return (local.get $n))))
    (if (i32.eqz (ref.test (ref $cons) (local.get $c))) (then (return (i32.const -1))))
    (local.set $cell (ref.cast (ref $cons) (local.get $c)))
    (local.set $h (struct.get $cons $hd (local.get $cell)))
    (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (i32.const -1))))
    (if (i32.gt_u (i31.get_s (ref.cast (ref i31) (local.get $h))) (i32.const 255)) (then (return (i32.const -1))))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (if (i32.gt_u (local.get $n) (i32.const 65535)) (then (return (i32.const -1))))
    (local.set $c (struct.get $cons $tl (local.get $cell)))
    (br $next))
  (unreachable))

;; The number of cells of the list starting at `c` (proper or not).
(func $list_cells (param $c eqref) (result i32)
  (local $n i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $c))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $c (struct.get $cons $tl (ref.cast (ref $cons) (local.get $c))))
      (br $next)))
  (local.get $n))

;; Appends the encoding of `t` (without the version byte) to the output buffer; 0 when
;; the term holds something this file cannot encode yet (see the header).
(func $etf_encode (param $root eqref) (result i32)
  (local $sp i32) (local $t eqref) (local $tag i32) (local $n i32) (local $i i32)
  (local $kv (ref $tuple)) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $rev i32) (local $j i32)
  (local $tup (ref $tuple)) (local $cell (ref $cons)) (local $info (ref $funinfo))
  (local.set $sp (call $es_push (i32.const 0) (local.get $root) (i32.const 0)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
      (local.set $t (array.get $tuple (global.get $es_obj) (local.get $sp)))
      (local.set $tag (array.get $limbs (global.get $es_tag) (local.get $sp)))
      (array.set $tuple (global.get $es_obj) (local.get $sp) (ref.null none))
      (if (local.get $tag)
        (then
          ;; the list continues at cell t: its head first, then the rest
          (local.set $cell (ref.cast (ref $cons) (local.get $t)))
          (if (ref.test (ref $cons) (struct.get $cons $tl (local.get $cell)))
            (then (local.set $sp (call $es_push (local.get $sp) (struct.get $cons $tl (local.get $cell)) (i32.const 1))))
            (else (local.set $sp (call $es_push (local.get $sp) (struct.get $cons $tl (local.get $cell)) (i32.const 0)))))
          (local.set $sp (call $es_push (local.get $sp) (struct.get $cons $hd (local.get $cell)) (i32.const 0)))
          (br $next)))
      (if (ref.is_null (local.get $t)) (then (call $ob_u8 (i32.const 106)) (br $next)))
      (if (call $is_integer (local.get $t)) (then (call $etf_put_int (local.get $t)) (br $next)))
      (if (ref.test (ref $atom) (local.get $t))
        (then (call $etf_put_atom (ref.cast (ref $atom) (local.get $t))) (br $next)))
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $n (call $etf_string_len (local.get $t)))
          (if (i32.ge_s (local.get $n) (i32.const 0))
            (then
              (call $ob_u8 (i32.const 107))
              (call $ob_u16 (local.get $n))
              (call $ob_reserve (local.get $n))
              (block $sdone
                (loop $snext
                  (br_if $sdone (ref.is_null (local.get $t)))
                  (local.set $cell (ref.cast (ref $cons) (local.get $t)))
                  (call $ob_u8 (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (local.get $cell)))))
                  (local.set $t (struct.get $cons $tl (local.get $cell)))
                  (br $snext)))
              (br $next)))
          (call $ob_u8 (i32.const 108))
          (call $ob_u32 (call $list_cells (local.get $t)))
          (local.set $sp (call $es_push (local.get $sp) (local.get $t) (i32.const 1)))
          (br $next)))
      (if (ref.test (ref $tuple) (local.get $t))
        (then
          (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
          (local.set $n (array.len (local.get $tup)))
          (if (i32.lt_u (local.get $n) (i32.const 256))
            (then (call $ob_u8 (i32.const 104)) (call $ob_u8 (local.get $n)))
            (else (call $ob_u8 (i32.const 105)) (call $ob_u32 (local.get $n))))
          (local.set $i (local.get $n))
          (block $tdone
            (loop $tnext
              (br_if $tdone (i32.eqz (local.get $i)))
              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
              (local.set $sp (call $es_push (local.get $sp) (array.get $tuple (local.get $tup) (local.get $i)) (i32.const 0)))
              (br $tnext)))
          (br $next)))
      (if (ref.test (ref $float) (local.get $t))
        (then (call $etf_put_float (struct.get $float $v (ref.cast (ref $float) (local.get $t)))) (br $next)))
      (if (ref.test (ref $bin) (local.get $t))
        (then (call $etf_put_bin (ref.cast (ref $bin) (local.get $t))) (br $next)))
      (if (ref.test (ref $fun) (local.get $t))
        (then
          (local.set $info (struct.get $fun $info (ref.cast (ref $fun) (local.get $t))))
          (if (i32.eq (struct.get $funinfo $kind (local.get $info)) (i32.const 1))
            (then
              (call $ob_u8 (i32.const 113))
              (call $etf_put_atom (struct.get $funinfo $module (local.get $info)))
              (call $etf_put_atom (struct.get $funinfo $name (local.get $info)))
              (call $etf_put_int (ref.i31 (struct.get $funinfo $arity (local.get $info))))
              (br $next)))
          ;; TODO(fun): NEW_FUN_EXT for local funs.
          (return (i32.const 0))))
      (if (call $is_map (local.get $t))
        (then
          ;; MAP_EXT: a flatmap's pairs in key order; a trie's in the reverse of its
          ;; iteration order (the VM's encoder pops them off a stack), or in key order
          ;; with `deterministic`. Pushed so that they pop in that order, key first.
          (local.set $rev (i32.eqz (i32.or (ref.test (ref $fmap) (local.get $t)) (global.get $etf_det))))
          (local.set $kv (if (result (ref $tuple)) (local.get $rev)
            (then (call $map_entries (local.get $t)))
            (else (call $map_sorted_kv (local.get $t)))))
          (local.set $ks (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))))
          (local.set $vs (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))))
          (local.set $n (array.len (local.get $ks)))
          (call $ob_u8 (i32.const 116))
          (call $ob_u32 (local.get $n))
          (local.set $i (i32.const 0))
          (block $mdone
            (loop $mnext
              (br_if $mdone (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $j (if (result i32) (local.get $rev)
                (then (local.get $i))
                (else (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $i)))))
              (local.set $sp (call $es_push (local.get $sp) (array.get $tuple (local.get $vs) (local.get $j)) (i32.const 0)))
              (local.set $sp (call $es_push (local.get $sp) (array.get $tuple (local.get $ks) (local.get $j)) (i32.const 0)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $mnext)))
          (br $next)))
      ;; pids, ports and references of this node (nonode@nohost, creation 0): NEW_PID_EXT
      ;; <0.N.0>, NEW_PORT_EXT, NEWER_REFERENCE_EXT with three words (the reference's
      ;; number, low word first)
      (if (ref.test (ref $pid) (local.get $t))
        (then
          (call $ob_u8 (i32.const 88))
          (call $etf_put_atom (global.get $atom.nonode@nohost))
          (call $ob_u32 (struct.get $pid $num (ref.cast (ref $pid) (local.get $t))))
          (call $ob_u32 (i32.const 0))
          (call $ob_u32 (i32.const 0))
          (br $next)))
      (if (ref.test (ref $port) (local.get $t))
        (then
          (call $ob_u8 (i32.const 89))
          (call $etf_put_atom (global.get $atom.nonode@nohost))
          (call $ob_u32 (struct.get $port $num (ref.cast (ref $port) (local.get $t))))
          (call $ob_u32 (i32.const 0))
          (br $next)))
      (if (ref.test (ref $ref) (local.get $t))
        (then
          (call $ob_u8 (i32.const 90))
          (call $ob_u16 (i32.const 3))
          (call $etf_put_atom (global.get $atom.nonode@nohost))
          (call $ob_u32 (i32.const 0))
          (call $ob_u32 (i32.wrap_i64 (struct.get $ref $n (ref.cast (ref $ref) (local.get $t)))))
          (call $ob_u32 (i32.wrap_i64 (i64.shr_u (struct.get $ref $n (ref.cast (ref $ref) (local.get $t))) (i64.const 32))))
          (call $ob_u32 (i32.const 0))
          (br $next)))
      (return (i32.const 0))))
  (i32.const 1))

;; The options of term_to_binary/2: sets $etf_minor; returns the compression level
;; (0 none), or -1 for a bad option list.
(func $etf_options (param $opts eqref) (result i32)
  (local $o eqref) (local $t (ref $tuple)) (local $level i32) (local $v i32)
  (global.set $etf_minor (i32.const 1))
  (global.set $etf_det (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $opts)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $opts))) (then (return (i32.const -1))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
      (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
      (if (ref.eq (local.get $o) (global.get $atom.compressed)) (then (local.set $level (i32.const 6)) (br $next)))
      (if (ref.eq (local.get $o) (global.get $atom.deterministic)) (then (global.set $etf_det (i32.const 1)) (br $next)))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (i32.const -1))))
      (local.set $t (ref.cast (ref $tuple) (local.get $o)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const -1))))
      (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $t) (i32.const 1)))) (then (return (i32.const -1))))
      (local.set $v (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $t) (i32.const 1)))))
      (if (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.compressed))
        (then
          (if (i32.gt_u (local.get $v) (i32.const 9)) (then (return (i32.const -1))))
          (local.set $level (local.get $v))
          (br $next)))
      (if (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.minor_version))
        (then
          (if (i32.gt_u (local.get $v) (i32.const 2)) (then (return (i32.const -1))))
          (global.set $etf_minor (local.get $v))
          (br $next)))
      (return (i32.const -1))))
  (local.get $level))

;; erlang:term_to_binary/2
(func $erlang:term_to_binary/2 (param $t eqref) (param $opts eqref) (result eqref)
  (local $level i32) (local $z (ref null $bytes)) (local $n i32)
  (local.set $level (call $etf_options (local.get $opts)))
  (if (i32.lt_s (local.get $level) (i32.const 0)) (then (return (call $fail (global.get $atom.badarg)))))
  (global.set $ob_pos (i32.const 0))
  (call $ob_u8 (i32.const 131))
  (if (i32.eqz (call $etf_encode (local.get $t)))
    (then
      (global.set $ob_pos (i32.const 0))
      (return (call $fail (global.get $atom.badarg)))))
  ;; compressed: tag 80, the uncompressed size and zlib's stream of the term's bytes, when
  ;; that is no longer than the uncompressed bytes (as on the VM); else the uncompressed bytes
  (if (local.get $level)
    (then
      ;; erl_zlib_compress2 into a buffer of the uncompressed size less 5: no compression
      ;; when the stream would not fit
      (local.set $n (i32.sub (global.get $ob_pos) (i32.const 1)))
      (local.set $z (call $zlib_compress (global.get $ob) (i32.const 1) (local.get $n)
        (select (i32.sub (local.get $n) (i32.const 5)) (i32.const 0) (i32.ge_s (local.get $n) (i32.const 5)))
        (local.get $level)))
      (if (i32.eqz (ref.is_null (local.get $z)))
        (then
          (global.set $ob_pos (i32.const 1))
          (call $ob_u8 (i32.const 80))
          (call $ob_u32 (local.get $n))
          (call $ob_bytes (ref.as_non_null (local.get $z)) (i32.const 0) (array.len (ref.as_non_null (local.get $z))))))))
  (call $ob_take))

;; erlang:term_to_binary/1
(func $erlang:term_to_binary/1 (param $t eqref) (result eqref)
  (call $erlang:term_to_binary/2 (local.get $t) (ref.null none)))

;; erlang:external_size/2: the size of term_to_binary(T, Opts) uncompressed. The VM takes
;; only {minor_version, 0 | 1} here; anything else (even `compressed`) is badarg.
(func $erlang:external_size/2 (param $t eqref) (param $opts eqref) (result eqref)
  (local $o eqref) (local $tp (ref $tuple)) (local $l eqref) (local $n i32)
  (local.set $l (local.get $opts))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $tp (ref.cast (ref $tuple) (local.get $o)))
      (if (i32.ne (array.len (local.get $tp)) (i32.const 2)) (then (return (call $fail (global.get $atom.badarg)))))
      (if (i32.eqz (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.minor_version)))
        (then (return (call $fail (global.get $atom.badarg)))))
      (if (i32.eqz (i32.or (ref.eq (array.get $tuple (local.get $tp) (i32.const 1)) (ref.i31 (i32.const 0)))
                           (ref.eq (array.get $tuple (local.get $tp) (i32.const 1)) (ref.i31 (i32.const 1)))))
        (then (return (call $fail (global.get $atom.badarg)))))
      (br $next)))
  (if (i32.lt_s (call $etf_options (local.get $opts)) (i32.const 0)) (then (return (call $fail (global.get $atom.badarg)))))
  (global.set $ob_pos (i32.const 0))
  (call $ob_u8 (i32.const 131))
  (if (i32.eqz (call $etf_encode (local.get $t)))
    (then
      (global.set $ob_pos (i32.const 0))
      (return (call $fail (global.get $atom.badarg)))))
  (local.set $n (global.get $ob_pos))
  (global.set $ob_pos (i32.const 0))
  (call $mk_int (i64.extend_i32_u (local.get $n))))

;; erlang:external_size/1
(func $erlang:external_size/1 (param $t eqref) (result eqref)
  (call $erlang:external_size/2 (local.get $t) (ref.null none)))

;; ---- binary_to_term -------------------------------------------------------------------------

(global $ib (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $ip (mut i32) (i32.const 0))
(global $iend (mut i32) (i32.const 0))
(global $etf_safe (mut i32) (i32.const 0))

;; Whether `n` more input bytes are there.
(func $in_has (param $n i32) (result i32)
  (i32.le_u (local.get $n) (i32.sub (global.get $iend) (global.get $ip))))

;; The next input byte (the caller has checked $in_has).
(func $in_u8 (result i32)
  (local $b i32)
  (local.set $b (array.get_u $bytes (global.get $ib) (global.get $ip)))
  (global.set $ip (i32.add (global.get $ip) (i32.const 1)))
  (local.get $b))

(func $in_u16 (result i32)
  (i32.or (i32.shl (call $in_u8) (i32.const 8)) (call $in_u8)))

(func $in_u32 (result i32)
  (i32.or (i32.shl (call $in_u16) (i32.const 16)) (call $in_u16)))

;; Reads an atom name of `len` bytes, latin-1 (`utf8` = 0) or UTF-8; null when invalid or,
;; under `safe`, unknown.
(func $in_atom (param $len i32) (param $utf8 i32) (result (ref null $atom))
  (local $d (ref null $bytes)) (local $off i32) (local $n i32) (local $i i32) (local $b i32) (local $o i32) (local $id i32)
  (if (i32.eqz (call $in_has (local.get $len))) (then (return (ref.null none))))
  (local.set $off (global.get $ip))
  (global.set $ip (i32.add (global.get $ip) (local.get $len)))
  (if (local.get $utf8)
    (then
      (local.set $n (call $utf8_count (global.get $ib) (local.get $off) (local.get $len)))
      (if (i32.or (i32.lt_s (local.get $n) (i32.const 0)) (i32.gt_s (local.get $n) (i32.const 255)))
        (then (return (ref.null none))))
      (local.set $d (global.get $ib)))
    (else
      (if (i32.gt_u (local.get $len) (i32.const 255)) (then (return (ref.null none))))
      ;; latin-1 to UTF-8
      (local.set $d (array.new_default $bytes (i32.shl (local.get $len) (i32.const 1))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $b (array.get_u $bytes (global.get $ib) (i32.add (local.get $off) (local.get $i))))
          (if (i32.lt_u (local.get $b) (i32.const 0x80))
            (then (array.set $bytes (ref.as_non_null (local.get $d)) (local.get $o) (local.get $b)))
            (else
              (array.set $bytes (ref.as_non_null (local.get $d)) (local.get $o) (i32.or (i32.const 0xc0) (i32.shr_u (local.get $b) (i32.const 6))))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (array.set $bytes (ref.as_non_null (local.get $d)) (local.get $o) (i32.or (i32.const 0x80) (i32.and (local.get $b) (i32.const 0x3f))))))
          (local.set $o (i32.add (local.get $o) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.set $off (i32.const 0))
      (local.set $len (local.get $o))))
  (if (global.get $etf_safe)
    (then
      (local.set $id (call $atom_find_existing (ref.as_non_null (local.get $d)) (local.get $off) (local.get $len)))
      (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (ref.null none))))
      (return (call $atom_get (local.get $id)))))
  (call $atom_intern (ref.as_non_null (local.get $d)) (local.get $off) (local.get $len)))

;; Reads a bignum's sign and `n` magnitude bytes; null on short input or a value beyond
;; the VM's largest bignum.
(func $in_big (param $n i32) (result eqref)
  (local $r eqref) (local $neg i32) (local $m (ref $limbs)) (local $i i32) (local $nl i32)
  (if (i32.eqz (call $in_has (i32.add (local.get $n) (i32.const 1)))) (then (return (ref.null none))))
  (local.set $neg (i32.ne (call $in_u8) (i32.const 0)))
  (local.set $nl (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
  (if (i32.gt_u (local.get $nl) (i32.add (global.get $BIG_MAX_LIMBS) (i32.const 2)))
    (then (return (ref.null none))))
  (local.set $m (array.new_default $limbs (local.get $nl)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $limbs (local.get $m) (i32.shr_u (local.get $i) (i32.const 2))
        (i32.or (array.get $limbs (local.get $m) (i32.shr_u (local.get $i) (i32.const 2)))
          (i32.shl (call $in_u8) (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $r (call $big_make (local.get $neg) (local.get $m) (local.get $nl)))
  (if (call $is_fail (local.get $r)) (then (return (ref.null none))))
  (local.get $r))

;; A fresh binary of `n` input bytes whose last byte holds `bits` bits (0: all 8).
(func $in_binary (param $n i32) (param $bits i32) (result (ref $bin))
  (local $data (ref $bytes)) (local $size i32)
  (local.set $data (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $data) (i32.const 0) (global.get $ib) (global.get $ip) (local.get $n))
  (global.set $ip (i32.add (global.get $ip) (local.get $n)))
  (if (i32.eqz (local.get $bits))
    (then (return (struct.new $bin (local.get $data) (i32.const 0) (local.get $n) (i32.const 0) (ref.null $wcursor)))))
  (local.set $size (i32.sub (local.get $n) (i32.const 1)))
  ;; keep only the used high bits of the last byte
  (array.set $bytes (local.get $data) (local.get $size)
    (i32.and (array.get_u $bytes (local.get $data) (local.get $size))
      (i32.shl (i32.const 0xff) (i32.sub (i32.const 8) (local.get $bits)))))
  (struct.new $bin (local.get $data) (i32.const 0) (local.get $size) (i32.and (local.get $bits) (i32.const 7)) (ref.null $wcursor)))

;; Decoder frames. A frame fills the holes of one compound term: kind 0 a tuple (obj, the
;; next index `a`, the arity `b`), kind 1 a list (obj the current cell, `a` elements
;; still to read; when `a` is 0 the next term is the tail).
(global $ds_obj (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $ds_a (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $ds_b (mut (ref $limbs)) (array.new_fixed $limbs 0))

;; Pushes a decoder frame at depth `sp`; returns the new depth.
(func $ds_push (param $sp i32) (param $obj eqref) (param $a i32) (param $b i32) (result i32)
  (local $n i32) (local $o (ref $tuple)) (local $x (ref $limbs)) (local $y (ref $limbs))
  (local.set $n (array.len (global.get $ds_obj)))
  (if (i32.ge_u (local.get $sp) (local.get $n))
    (then
      (local.set $n (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 32)))
      (local.set $o (array.new $tuple (ref.null none) (local.get $n)))
      (local.set $x (array.new_default $limbs (local.get $n)))
      (local.set $y (array.new_default $limbs (local.get $n)))
      (array.copy $tuple $tuple (local.get $o) (i32.const 0) (global.get $ds_obj) (i32.const 0) (local.get $sp))
      (array.copy $limbs $limbs (local.get $x) (i32.const 0) (global.get $ds_a) (i32.const 0) (local.get $sp))
      (array.copy $limbs $limbs (local.get $y) (i32.const 0) (global.get $ds_b) (i32.const 0) (local.get $sp))
      (global.set $ds_obj (local.get $o))
      (global.set $ds_a (local.get $x))
      (global.set $ds_b (local.get $y))))
  (array.set $tuple (global.get $ds_obj) (local.get $sp) (local.get $obj))
  (array.set $limbs (global.get $ds_a) (local.get $sp) (local.get $a))
  (array.set $limbs (global.get $ds_b) (local.get $sp) (local.get $b))
  (i32.add (local.get $sp) (i32.const 1)))

;; Decodes one term from the input ($ib at $ip up to $iend, after the version byte), or
;; returns $FAIL (badarg) on malformed input.
(func $etf_decode (result eqref)
  (local $sp i32) (local $root eqref) (local $v eqref) (local $tag i32) (local $n i32) (local $i i32)
  (local $obj eqref) (local $a i32) (local $b i32) (local $cell (ref $cons)) (local $tup (ref $tuple))
  (local $push i32) (local $bits i32) (local $lst eqref) (local $bits64 i64) (local $s (ref $bin)) (local $f f64)
  (block $bad
    (loop $term
      ;; decode one term into $v; a compound term also sets $push to its frame kind + 1
      (local.set $push (i32.const 0))
      (br_if $bad (i32.eqz (call $in_has (i32.const 1))))
      (local.set $tag (call $in_u8))
      (block $placed
        (block $small_int
          (if (i32.eq (local.get $tag) (i32.const 97))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 1))))
              (local.set $v (ref.i31 (call $in_u8)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 98))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $v (call $mk_int (i64.extend_i32_s (call $in_u32))))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 106))
            (then (local.set $v (ref.null none)) (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 100)) (i32.eq (local.get $tag) (i32.const 118)))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 2))))
              (local.set $v (call $in_atom (call $in_u16) (i32.eq (local.get $tag) (i32.const 118))))
              (br_if $bad (ref.is_null (local.get $v)))
              (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 115)) (i32.eq (local.get $tag) (i32.const 119)))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 1))))
              (local.set $v (call $in_atom (call $in_u8) (i32.eq (local.get $tag) (i32.const 119))))
              (br_if $bad (ref.is_null (local.get $v)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 70))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 8))))
              (local.set $bits64 (i64.or (i64.shl (i64.extend_i32_u (call $in_u32)) (i64.const 32))
                                         (i64.extend_i32_u (call $in_u32))))
              (local.set $f (f64.reinterpret_i64 (local.get $bits64)))
              (br_if $bad (i32.eqz (call $f64_finite (local.get $f))))
              (local.set $v (struct.new $float (local.get $f)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 99))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 31))))
              (local.set $v (call $etf_float_ext (global.get $ib) (global.get $ip)))
              (global.set $ip (i32.add (global.get $ip) (i32.const 31)))
              (br_if $bad (ref.is_null (local.get $v)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 110))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 1))))
              (local.set $v (call $in_big (call $in_u8)))
              (br_if $bad (ref.is_null (local.get $v)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 111))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $n (call $in_u32))
              (br_if $bad (i32.lt_s (local.get $n) (i32.const 0)))
              (local.set $v (call $in_big (local.get $n)))
              (br_if $bad (ref.is_null (local.get $v)))
              (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 104)) (i32.eq (local.get $tag) (i32.const 105)))
            (then
              (if (i32.eq (local.get $tag) (i32.const 104))
                (then
                  (br_if $bad (i32.eqz (call $in_has (i32.const 1))))
                  (local.set $n (call $in_u8)))
                (else
                  (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
                  (local.set $n (call $in_u32))))
              ;; each element takes at least one byte
              (br_if $bad (i32.eqz (call $in_has (local.get $n))))
              (local.set $v (array.new $tuple (ref.null none) (local.get $n)))
              (if (local.get $n) (then (local.set $push (i32.const 1))))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 107))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 2))))
              (local.set $n (call $in_u16))
              (br_if $bad (i32.eqz (call $in_has (local.get $n))))
              (local.set $v (ref.null none))
              (local.set $i (local.get $n))
              (block $sdone
                (loop $snext
                  (br_if $sdone (i32.eqz (local.get $i)))
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (local.set $v (struct.new $cons
                    (ref.i31 (array.get_u $bytes (global.get $ib) (i32.add (global.get $ip) (local.get $i))))
                    (local.get $v)))
                  (br $snext)))
              (global.set $ip (i32.add (global.get $ip) (local.get $n)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 108))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $n (call $in_u32))
              (br_if $bad (i32.lt_s (local.get $n) (i32.const 0)))
              ;; n elements and the tail, each at least one byte
              (br_if $bad (i32.eqz (call $in_has (i32.add (local.get $n) (i32.const 1)))))
              (if (i32.eqz (local.get $n))
                (then (br $term)))  ;; an empty LIST_EXT is just its tail
              (local.set $v (struct.new $cons (ref.null none) (ref.null none)))
              (local.set $push (i32.const 2))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 109))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $n (call $in_u32))
              (br_if $bad (i32.lt_s (local.get $n) (i32.const 0)))
              (br_if $bad (i32.eqz (call $in_has (local.get $n))))
              (local.set $v (call $in_binary (local.get $n) (i32.const 0)))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 77))
            (then
              (br_if $bad (i32.eqz (call $in_has (i32.const 5))))
              (local.set $n (call $in_u32))
              (local.set $bits (call $in_u8))
              (br_if $bad (i32.lt_s (local.get $n) (i32.const 0)))
              (br_if $bad (i32.eqz (call $in_has (local.get $n))))
              (if (i32.eqz (local.get $n))
                (then (br_if $bad (local.get $bits)))
                (else (br_if $bad (i32.or (i32.eqz (local.get $bits)) (i32.gt_u (local.get $bits) (i32.const 8))))))
              (local.set $v (call $in_binary (local.get $n) (i32.and (local.get $bits) (i32.const 7))))
              (br $placed)))
          (if (i32.eq (local.get $tag) (i32.const 116))
            (then
              ;; MAP_EXT: the 2n keys and values are read into a tuple whose frame has a
              ;; negative size; the map is built, and placed, when the last one is read
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $n (call $in_u32))
              (br_if $bad (i32.lt_s (local.get $n) (i32.const 0)))
              (if (i32.eqz (local.get $n))
                (then (local.set $v (call $map_from_kv (array.new_fixed $tuple 0) (array.new_fixed $tuple 0))) (br $placed)))
              (br_if $bad (i32.gt_u (local.get $n) (i32.const 0x3fffffff)))
              (local.set $n (i32.shl (local.get $n) (i32.const 1)))
              (br_if $bad (i32.eqz (call $in_has (local.get $n))))
              (local.set $sp (call $ds_push (local.get $sp) (array.new $tuple (ref.null none) (local.get $n))
                (i32.const 0) (i32.sub (i32.const 0) (local.get $n))))
              (br $term)))
          (if (i32.eq (local.get $tag) (i32.const 113))
            (then
              ;; EXPORT_EXT: module and function atoms, the arity as SMALL_INTEGER_EXT
              (local.set $obj (call $in_atom_term))
              (br_if $bad (ref.is_null (local.get $obj)))
              (local.set $lst (call $in_atom_term))
              (br_if $bad (ref.is_null (local.get $lst)))
              (br_if $bad (i32.eqz (call $in_has (i32.const 2))))
              (br_if $bad (i32.ne (call $in_u8) (i32.const 97)))
              (local.set $n (call $in_u8))
              ;; under `safe`, only a function that exists (the VM: an export entry)
              (if (global.get $etf_safe)
                (then (br_if $bad (i32.eqz (call $hook:function_exported (ref.cast (ref $atom) (local.get $obj))
                  (ref.cast (ref $atom) (local.get $lst)) (local.get $n))))))
              (local.set $v (call $hook:make_fun (ref.cast (ref $atom) (local.get $obj)) (ref.cast (ref $atom) (local.get $lst))
                (local.get $n)))
              (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 88)) (i32.eq (local.get $tag) (i32.const 103)))
            (then
              ;; NEW_PID_EXT / PID_EXT: only this node's pids (serial and creation 0)
              (br_if $bad (i32.eqz (call $etf_local_node)))
              (br_if $bad (i32.eqz (call $in_has (i32.const 8))))
              (local.set $n (call $in_u32))
              (br_if $bad (call $in_u32))
              (if (i32.eq (local.get $tag) (i32.const 88))
                (then (br_if $bad (i32.eqz (call $in_has (i32.const 4)))) (br_if $bad (call $in_u32)))
                (else (br_if $bad (i32.eqz (call $in_has (i32.const 1)))) (br_if $bad (call $in_u8))))
              (local.set $v (call $etf_pid (local.get $n)))
              (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 89)) (i32.eq (local.get $tag) (i32.const 102)))
            (then
              ;; NEW_PORT_EXT / PORT_EXT
              (br_if $bad (i32.eqz (call $etf_local_node)))
              (br_if $bad (i32.eqz (call $in_has (i32.const 4))))
              (local.set $n (call $in_u32))
              (if (i32.eq (local.get $tag) (i32.const 89))
                (then (br_if $bad (i32.eqz (call $in_has (i32.const 4)))) (br_if $bad (call $in_u32)))
                (else (br_if $bad (i32.eqz (call $in_has (i32.const 1)))) (br_if $bad (call $in_u8))))
              (local.set $v (struct.new $port (local.get $n)))
              (br $placed)))
          (if (i32.or (i32.eq (local.get $tag) (i32.const 90)) (i32.eq (local.get $tag) (i32.const 114)))
            (then
              ;; NEWER_REFERENCE_EXT / NEW_REFERENCE_EXT: 1 to 5 words, the number in the
              ;; first two
              (br_if $bad (i32.eqz (call $in_has (i32.const 2))))
              (local.set $n (call $in_u16))
              (br_if $bad (i32.or (i32.eqz (local.get $n)) (i32.gt_u (local.get $n) (i32.const 5))))
              (br_if $bad (i32.eqz (call $etf_local_node)))
              (if (i32.eq (local.get $tag) (i32.const 90))
                (then (br_if $bad (i32.eqz (call $in_has (i32.const 4)))) (br_if $bad (call $in_u32)))
                (else (br_if $bad (i32.eqz (call $in_has (i32.const 1)))) (br_if $bad (call $in_u8))))
              (br_if $bad (i32.eqz (call $in_has (i32.shl (local.get $n) (i32.const 2)))))
              (local.set $bits64 (i64.extend_i32_u (call $in_u32)))
              (if (i32.gt_u (local.get $n) (i32.const 1))
                (then (local.set $bits64 (i64.or (local.get $bits64) (i64.shl (i64.extend_i32_u (call $in_u32)) (i64.const 32))))))
              (local.set $i (i32.const 2))
              (block $wdone
                (loop $wnext
                  (br_if $wdone (i32.ge_u (local.get $i) (local.get $n)))
                  (drop (call $in_u32))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $wnext)))
              (local.set $v (struct.new $ref (local.get $bits64)))
              (br $placed)))
          ;; TODO(fun) 112; remote pids, ports and references (other nodes), REFERENCE_EXT
          ;; 101 and V4_PORT_EXT 120.
          (br $bad))
        (unreachable))
      ;; place $v in the innermost hole
      (loop $place
      (if (i32.eqz (local.get $sp))
        (then (local.set $root (local.get $v)))
        (else
          (local.set $i (i32.sub (local.get $sp) (i32.const 1)))
          (local.set $obj (array.get $tuple (global.get $ds_obj) (local.get $i)))
          (local.set $a (array.get $limbs (global.get $ds_a) (local.get $i)))
          (local.set $b (array.get $limbs (global.get $ds_b) (local.get $i)))
          (if (i32.eqz (local.get $b))
            (then
              ;; a list: a is the number of elements still to read; 0 means this is the tail
              (local.set $cell (ref.cast (ref $cons) (local.get $obj)))
              (if (i32.eqz (local.get $a))
                (then
                  (struct.set $cons $tl (local.get $cell) (local.get $v))
                  (local.set $sp (local.get $i)))
                (else
                  (struct.set $cons $hd (local.get $cell) (local.get $v))
                  (local.set $a (i32.sub (local.get $a) (i32.const 1)))
                  (if (local.get $a)
                    (then
                      (local.set $lst (struct.new $cons (ref.null none) (ref.null none)))
                      (struct.set $cons $tl (local.get $cell) (local.get $lst))
                      (array.set $tuple (global.get $ds_obj) (local.get $i) (local.get $lst))))
                  (array.set $limbs (global.get $ds_a) (local.get $i) (local.get $a)))))
            (else
              ;; a tuple: fill index a of |b|; b < 0 is a map's keys and values
              (local.set $tup (ref.cast (ref $tuple) (local.get $obj)))
              (array.set $tuple (local.get $tup) (local.get $a) (local.get $v))
              (local.set $a (i32.add (local.get $a) (i32.const 1)))
              (array.set $limbs (global.get $ds_a) (local.get $i) (local.get $a))
              ;; (a map frame stays until its last key or value is complete: see below)
              (if (i32.ge_s (local.get $b) (i32.const 0))
                (then
                  (if (i32.ge_u (local.get $a) (local.get $b))
                    (then (local.set $sp (local.get $i))))))))))
      ;; a compound term opens its own frame
      (if (i32.eq (local.get $push) (i32.const 1))
        (then (local.set $sp (call $ds_push (local.get $sp) (local.get $v) (i32.const 0) (local.get $n)))))
      (if (i32.eq (local.get $push) (i32.const 2))
        (then (local.set $sp (call $ds_push (local.get $sp) (local.get $v) (local.get $n) (i32.const 0)))))
      ;; a map frame on top with every key and value read (and complete, since nothing is
      ;; above it) becomes its map, which is placed in turn
      (if (local.get $sp)
        (then
          (local.set $i (i32.sub (local.get $sp) (i32.const 1)))
          (local.set $b (array.get $limbs (global.get $ds_b) (local.get $i)))
          (if (i32.lt_s (local.get $b) (i32.const 0))
            (then
              (if (i32.ge_u (array.get $limbs (global.get $ds_a) (local.get $i)) (i32.sub (i32.const 0) (local.get $b)))
                (then
                  (local.set $sp (local.get $i))
                  (local.set $v (call $etf_build_map (ref.cast (ref $tuple) (array.get $tuple (global.get $ds_obj) (local.get $i)))))
                  (array.set $tuple (global.get $ds_obj) (local.get $i) (ref.null none))
                  (br_if $bad (ref.test (ref $fail) (local.get $v)))
                  (local.set $push (i32.const 0))
                  (br $place)))))))
      )
      (br_if $term (local.get $sp))
      ;; clear the frames' references so the decoded term is not kept alive
      (array.fill $tuple (global.get $ds_obj) (i32.const 0) (ref.null none) (array.len (global.get $ds_obj)))
      (return (local.get $root))))
  (array.fill $tuple (global.get $ds_obj) (i32.const 0) (ref.null none) (array.len (global.get $ds_obj)))
  (call $fail (global.get $atom.badarg)))

;; An atom in any of its four encodings (EXPORT_EXT's module and function), or null.
(func $in_atom_term (result (ref null $atom))
  (local $tag i32)
  (if (i32.eqz (call $in_has (i32.const 2))) (then (return (ref.null none))))
  (local.set $tag (call $in_u8))
  (if (i32.or (i32.eq (local.get $tag) (i32.const 100)) (i32.eq (local.get $tag) (i32.const 118)))
    (then
      (if (i32.eqz (call $in_has (i32.const 2))) (then (return (ref.null none))))
      (return (call $in_atom (call $in_u16) (i32.eq (local.get $tag) (i32.const 118))))))
  (if (i32.or (i32.eq (local.get $tag) (i32.const 115)) (i32.eq (local.get $tag) (i32.const 119)))
    (then (return (call $in_atom (call $in_u8) (i32.eq (local.get $tag) (i32.const 119))))))
  (ref.null none))

;; Reads a node name and says whether it is this node's (nonode@nohost).
(func $etf_local_node (result i32)
  (ref.eq (call $in_atom_term) (global.get $atom.nonode@nohost)))

;; The pid <0.N.0>: the live process's own pid when there is one, else a pid no process
;; answers to.
(func $etf_pid (param $n i32) (result eqref)
  (local $p (ref null $pid))
  (local.set $p (call $live_pid_by_num (local.get $n)))
  (if (i32.eqz (ref.is_null (local.get $p))) (then (return (local.get $p))))
  (struct.new $pid (local.get $n) (ref.null none)))

;; The map of MAP_EXT's keys and values kv = {K1, V1, K2, V2, ...}; $FAIL (badarg) when a
;; key repeats.
(func $etf_build_map (param $kv (ref $tuple)) (result eqref)
  (local $n i32) (local $i i32) (local $ks (ref $tuple)) (local $vs (ref $tuple))
  (local.set $n (i32.shr_u (array.len (local.get $kv)) (i32.const 1)))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $vs (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $tuple (local.get $ks) (local.get $i) (array.get $tuple (local.get $kv) (i32.shl (local.get $i) (i32.const 1))))
      (array.set $tuple (local.get $vs) (local.get $i)
        (array.get $tuple (local.get $kv) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $map_from_kv_unique (local.get $ks) (local.get $vs)))

;; A FLOAT_EXT body (31 bytes of "%.20e" text, NUL-padded) as a float, or null.
(func $etf_float_ext (param $d (ref $bytes)) (param $off i32) (result eqref)
  (local $len i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $len) (i32.const 31)))
      (br_if $done (i32.eqz (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $len)))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $next)))
  (call $parse_float_lenient (local.get $d) (local.get $off) (local.get $len)))

;; The options of binary_to_term/2: sets $etf_safe; returns 1 with `used`, 0 without, or
;; -1 for a bad option list.
(func $etf_dec_options (param $opts eqref) (result i32)
  (local $o eqref) (local $used i32)
  (global.set $etf_safe (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $opts)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $opts))) (then (return (i32.const -1))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
      (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
      (if (ref.eq (local.get $o) (global.get $atom.safe)) (then (global.set $etf_safe (i32.const 1)) (br $next)))
      (if (ref.eq (local.get $o) (global.get $atom.used)) (then (local.set $used (i32.const 1)) (br $next)))
      (return (i32.const -1))))
  (local.get $used))

;; erlang:binary_to_term/2
(func $erlang:binary_to_term/2 (param $b eqref) (param $opts eqref) (result eqref)
  (local $used i32) (local $bin (ref $bin)) (local $start i32) (local $t eqref) (local $size i32)
  (local $raw (ref null $bytes))
  (local.set $used (call $etf_dec_options (local.get $opts)))
  (if (i32.lt_s (local.get $used) (i32.const 0)) (then (return (call $fail (global.get $atom.badarg)))))
  (if (i32.eqz (ref.test (ref $bin) (local.get $b))) (then (return (call $fail (global.get $atom.badarg)))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (if (struct.get $bin $bits (local.get $bin)) (then (return (call $fail (global.get $atom.badarg)))))
  (global.set $ib (struct.get $bin $data (local.get $bin)))
  (local.set $start (struct.get $bin $off (local.get $bin)))
  (global.set $ip (local.get $start))
  (global.set $iend (i32.add (local.get $start) (struct.get $bin $size (local.get $bin))))
  (if (i32.eqz (call $in_has (i32.const 2))) (then (return (call $fail (global.get $atom.badarg)))))
  (if (i32.ne (call $in_u8) (i32.const 131)) (then (return (call $fail (global.get $atom.badarg)))))
  (if (i32.eq (array.get_u $bytes (global.get $ib) (global.get $ip)) (i32.const 80))
    (then
      ;; compressed: u32 size, then a zlib stream inflating to exactly that many bytes
      (global.set $ip (i32.add (global.get $ip) (i32.const 1)))
      (if (i32.eqz (call $in_has (i32.const 4))) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $size (call $in_u32))
      (local.set $raw (call $zlib_inflate (global.get $ib) (global.get $ip) (global.get $iend) (local.get $size)))
      (if (ref.is_null (local.get $raw)) (then (return (call $fail (global.get $atom.badarg)))))
      (local.set $start (global.get $zlib_end))
      (global.set $ib (ref.as_non_null (local.get $raw)))
      (global.set $ip (i32.const 0))
      (global.set $iend (local.get $size))
      (local.set $t (call $etf_decode))
      (if (call $is_fail (local.get $t)) (then (return (local.get $t))))
      (global.set $ib (array.new_fixed $bytes 0))
      (if (i32.eqz (local.get $used)) (then (return (local.get $t))))
      ;; `used` counts the compressed bytes
      (return (call $tuple2 (local.get $t)
        (ref.i31 (i32.sub (local.get $start) (struct.get $bin $off (local.get $bin))))))))
  (local.set $t (call $etf_decode))
  (global.set $ib (array.new_fixed $bytes 0))
  (if (call $is_fail (local.get $t)) (then (return (local.get $t))))
  (if (i32.eqz (local.get $used)) (then (return (local.get $t))))
  (call $tuple2 (local.get $t)
    (ref.i31 (i32.sub (global.get $ip) (struct.get $bin $off (local.get $bin))))))

;; erlang:binary_to_term/1
(func $erlang:binary_to_term/1 (param $b eqref) (result eqref)
  (call $erlang:binary_to_term/2 (local.get $b) (ref.null none)))
