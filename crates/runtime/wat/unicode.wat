;; unicode.wat — the BIFs unicode:characters_to_binary/2, unicode:characters_to_list/2 and
;; unicode:bin_is_7bit/1 (characters_to_binary/1,3 and characters_to_list/1 are Erlang code
;; in stdlib that calls these).
;;
;; For the latin1/unicode/utf8 input encodings this follows erl_unicode.c: a structural
;; pass over the whole input first (anything but integers, binaries and nested lists with
;; a binary or [] tail is badarg), then a conversion pass whose {error, Converted, Rest}
;; and {incomplete, Converted, Rest} terms are built exactly as the VM's: Rest is the list
;; cell (or sub-binary) where conversion stopped, wrapped as [Rest | Tail] once per list
;; level it was nested in; a UTF-8 sequence cut at the end of a binary is carried over to
;; the next binary, and when it cannot be completed the bytes carried are put in front of
;; Rest. A list holding just one binary is treated as that binary by characters_to_binary.
;; The VM's trapping (when a conversion runs out of reductions) can change the shape of
;; Rest for inputs of tens of thousands of characters; we never trap.
;;
;; For the utf16/utf32 input encodings the VM traps to Erlang code
;; (unicode:characters_to_binary_int/2, characters_to_list_int/2); $uc.ml_map reproduces
;; that code's results, including its splitting of binaries over 8192 bytes and its
;; "bytes still missing" rules (cbv/2).
;;
;; Helpers are named `$uc.*`. The output goes to a growable buffer ($uc.buf, $uc.len).

(global $uc.buf (mut (ref null $bytes)) (ref.null $bytes))
(global $uc.len (mut i32) (i32.const 0))
;; Bytes of a UTF-8 sequence cut at the end of a binary (at most 3, room for 4).
(global $uc.left (mut (ref null $bytes)) (ref.null $bytes))
(global $uc.nleft (mut i32) (i32.const 0))
;; Where a conversion stopped (a term), set when a conversion reports an error.
(global $uc.rest (mut eqref) (ref.null none))
;; What $uc.scan found at the position it returns: 0 the end, 1 a sequence cut short,
;; 2 an invalid sequence.
(global $uc.state (mut i32) (i32.const 0))

;; ---- the output buffer ------------------------------------------------------------------

;; Starts a conversion: an empty output buffer, nothing carried over.
(func $uc.reset
  (if (ref.is_null (global.get $uc.buf)) (then (global.set $uc.buf (array.new_default $bytes (i32.const 256)))))
  (global.set $uc.len (i32.const 0))
  (global.set $uc.nleft (i32.const 0))
  (global.set $uc.left (array.new_default $bytes (i32.const 8)))
  (global.set $uc.rest (ref.null none)))

;; Makes room for `n` more bytes in the output buffer.
(func $uc.reserve (param $n i32)
  (local $cap i32) (local $new (ref $bytes))
  (local.set $cap (array.len (ref.as_non_null (global.get $uc.buf))))
  (if (i32.le_u (i32.add (global.get $uc.len) (local.get $n)) (local.get $cap)) (then (return)))
  (local.set $cap (i32.add (i32.shl (local.get $cap) (i32.const 1)) (local.get $n)))
  (local.set $new (array.new_default $bytes (local.get $cap)))
  (array.copy $bytes $bytes (local.get $new) (i32.const 0) (ref.as_non_null (global.get $uc.buf)) (i32.const 0) (global.get $uc.len))
  (global.set $uc.buf (local.get $new)))

;; Appends d[off..off+n] to the output buffer.
(func $uc.put_bytes (param $d (ref $bytes)) (param $off i32) (param $n i32)
  (call $uc.reserve (local.get $n))
  (array.copy $bytes $bytes (ref.as_non_null (global.get $uc.buf)) (global.get $uc.len) (local.get $d) (local.get $off) (local.get $n))
  (global.set $uc.len (i32.add (global.get $uc.len) (local.get $n))))

;; Appends the UTF-8 encoding of a valid code point.
(func $uc.put_cp (param $c i32)
  (local $n i32) (local $w i64) (local $buf (ref $bytes))
  (local.set $n (call $bs.utf8_len (local.get $c)))
  (call $uc.reserve (local.get $n))
  (local.set $buf (ref.as_non_null (global.get $uc.buf)))
  (local.set $w (call $bs.utf8_word (local.get $c)))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (array.set $bytes (local.get $buf) (global.get $uc.len)
        (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.extend_i32_u (i32.shl (local.get $n) (i32.const 3))))))
      (global.set $uc.len (i32.add (global.get $uc.len) (i32.const 1)))
      (br $next))))

;; The buffer as a fresh binary.
(func $uc.take (result (ref $bin))
  (call $bin_copy (ref.as_non_null (global.get $uc.buf)) (i32.const 0) (global.get $uc.len)))

;; The code points of the valid UTF-8 in d[p..e], in front of `tail`.
(func $uc.utf8_list (param $d (ref $bytes)) (param $p i32) (param $e i32) (param $tail eqref) (result eqref)
  (local $i i32) (local $b i32) (local $cp i32) (local $shift i32)
  (local.set $i (local.get $e))
  (block $end
    (loop $next
      (br_if $end (i32.le_u (local.get $i) (local.get $p)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $b (array.get_u $bytes (local.get $d) (local.get $i)))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then (local.set $tail (struct.new $cons (ref.i31 (local.get $b)) (local.get $tail))) (br $next)))
      ;; Gather continuation bytes back to the lead byte.
      (local.set $cp (i32.const 0))
      (local.set $shift (i32.const 0))
      (block $lead
        (loop $cont
          (br_if $lead (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80)))
          (local.set $cp (i32.or (local.get $cp) (i32.shl (i32.and (local.get $b) (i32.const 0x3f)) (local.get $shift))))
          (local.set $shift (i32.add (local.get $shift) (i32.const 6)))
          (br_if $lead (i32.le_u (local.get $i) (local.get $p)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $b (array.get_u $bytes (local.get $d) (local.get $i)))
          (br $cont)))
      (local.set $b (i32.and (local.get $b) (i32.shr_u (i32.const 0x3f) (i32.div_u (local.get $shift) (i32.const 6)))))
      (local.set $cp (i32.or (local.get $cp) (i32.shl (local.get $b) (local.get $shift))))
      (local.set $tail (struct.new $cons (ref.i31 (local.get $cp)) (local.get $tail)))
      (br $next)))
  (local.get $tail))

;; ---- UTF-8 validation ---------------------------------------------------------------------

;; How many bytes a sequence starting with `b` has, by its lead byte (the VM's classes:
;; 0xF0..0xF7 all claim 4); -1 for a continuation byte or 0xF8..0xFF.
(func $uc.class (param $b i32) (result i32)
  (if (i32.lt_u (local.get $b) (i32.const 0x80)) (then (return (i32.const 1))))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xe0)) (i32.const 0xc0)) (then (return (i32.const 2))))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xf0)) (i32.const 0xe0)) (then (return (i32.const 3))))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xf8)) (i32.const 0xf0)) (then (return (i32.const 4))))
  (i32.const -1))

;; Whether the `n`-byte sequence at d[p] (its class, all bytes present) is valid: no
;; overlong form, no surrogate, nothing above U+10FFFF.
(func $uc.valid_seq (param $d (ref $bytes)) (param $p i32) (param $n i32) (result i32)
  (local $a i32) (local $b i32) (local $c i32) (local $x i32)
  (local.set $a (array.get_u $bytes (local.get $d) (local.get $p)))
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 1))))
  (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 1))))
  (if (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 0))))
  (if (i32.eq (local.get $n) (i32.const 2)) (then (return (i32.ge_u (local.get $a) (i32.const 0xc2)))))
  (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 2))))
  (if (i32.ne (i32.and (local.get $c) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 0))))
  (if (i32.eq (local.get $n) (i32.const 3))
    (then
      (if (i32.and (i32.eq (local.get $a) (i32.const 0xe0)) (i32.lt_u (local.get $b) (i32.const 0xa0))) (then (return (i32.const 0))))
      (return (i32.eqz (i32.and (i32.eq (i32.and (local.get $a) (i32.const 0x0f)) (i32.const 0x0d))
                                (i32.ne (i32.and (local.get $b) (i32.const 0x20)) (i32.const 0)))))))
  (local.set $x (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 3))))
  (if (i32.ne (i32.and (local.get $x) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 0))))
  (if (i32.and (i32.eq (local.get $a) (i32.const 0xf0)) (i32.lt_u (local.get $b) (i32.const 0x90))) (then (return (i32.const 0))))
  (if (i32.gt_u (i32.and (local.get $a) (i32.const 7)) (i32.const 4)) (then (return (i32.const 0))))
  (if (i32.and (i32.eq (i32.and (local.get $a) (i32.const 7)) (i32.const 4))
               (i32.gt_u (i32.and (local.get $b) (i32.const 0x3f)) (i32.const 0x0f)))
    (then (return (i32.const 0))))
  (i32.const 1))

;; The end of the valid UTF-8 prefix of d[p..e]; $uc.state says what stopped it.
(func $uc.scan (param $d (ref $bytes)) (param $p i32) (param $e i32) (result i32)
  (local $n i32)
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $p) (local.get $e)))
      (if (i32.lt_u (array.get_u $bytes (local.get $d) (local.get $p)) (i32.const 0x80))
        (then (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $next)))
      (local.set $n (call $uc.class (array.get_u $bytes (local.get $d) (local.get $p))))
      (if (i32.lt_s (local.get $n) (i32.const 0))
        (then (global.set $uc.state (i32.const 2)) (return (local.get $p))))
      (if (i32.gt_u (local.get $n) (i32.sub (local.get $e) (local.get $p)))
        (then (global.set $uc.state (i32.const 1)) (return (local.get $p))))
      (if (i32.eqz (call $uc.valid_seq (local.get $d) (local.get $p) (local.get $n)))
        (then (global.set $uc.state (i32.const 2)) (return (local.get $p))))
      (local.set $p (i32.add (local.get $p) (local.get $n)))
      (br $next)))
  (global.set $uc.state (i32.const 0))
  (local.get $p))

;; The VM's check_leftovers: 0 when the `n` (1..3) bytes at d[p] may still become a valid
;; sequence (an incomplete input), -1 when they cannot (an error).
(func $uc.check_leftovers (param $d (ref $bytes)) (param $p i32) (param $n i32) (result i32)
  (local $a i32) (local $c1 i32) (local $c2 i32)
  (local.set $a (array.get_u $bytes (local.get $d) (local.get $p)))
  (if (i32.gt_u (local.get $n) (i32.const 1))
    (then (local.set $c1 (i32.eq (i32.and (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 1))) (i32.const 0xc0)) (i32.const 0x80)))))
  (if (i32.gt_u (local.get $n) (i32.const 2))
    (then (local.set $c2 (i32.eq (i32.and (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 2))) (i32.const 0xc0)) (i32.const 0x80)))))
  (if (i32.eq (i32.and (local.get $a) (i32.const 0xe0)) (i32.const 0xc0)) (then (return (i32.const 0))))
  (if (i32.eq (i32.and (local.get $a) (i32.const 0xf0)) (i32.const 0xe0))
    (then
      (if (i32.or (i32.lt_u (local.get $n) (i32.const 2)) (i32.and (i32.lt_u (local.get $n) (i32.const 3)) (local.get $c1)))
        (then (return (i32.const 0))))
      (return (i32.const -1))))
  (if (i32.eq (i32.and (local.get $a) (i32.const 0xf8)) (i32.const 0xf0))
    (then
      (if (i32.or (i32.or (i32.lt_u (local.get $n) (i32.const 2)) (i32.and (i32.lt_u (local.get $n) (i32.const 3)) (local.get $c1)))
                  (i32.and (i32.lt_u (local.get $n) (i32.const 4)) (i32.and (local.get $c1) (local.get $c2))))
        (then (return (i32.const 0))))))
  (i32.const -1))

;; ---- latin1/utf8 input: the structural pass -----------------------------------------------

;; Whether an integer term is a small integer on the VM (60-bit).
(func $uc.is_small (param $v eqref) (result i32)
  (local $x i64)
  (if (ref.test (ref i31) (local.get $v)) (then (return (i32.const 1))))
  (if (i32.eqz (ref.test (ref $int64) (local.get $v))) (then (return (i32.const 0))))
  (local.set $x (struct.get $int64 $v (ref.cast (ref $int64) (local.get $v))))
  (i32.and (i64.ge_s (local.get $x) (i64.const -576460752303423488)) (i64.le_s (local.get $x) (i64.const 576460752303423487))))

;; The VM's utf8_need as a check: whether `t` is made of small integers, binaries and
;; nested lists with [] or binary tails, up to the first integer that is not small on
;; the VM (a bignum): OTP 25 stops looking there, as the conversion will stop there too.
(func $uc.need (param $t eqref) (result i32)
  (local $stack (ref null $tuple)) (local $sp i32) (local $h eqref)
  (if (ref.is_null (local.get $t)) (then (return (i32.const 1))))
  (if (ref.test (ref $bin) (local.get $t)) (then (return (call $is_binary (local.get $t)))))
  (if (i32.eqz (ref.test (ref $cons) (local.get $t))) (then (return (i32.const 0))))
  (loop $walk
    (block $pop
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t))))
          (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
          (br_if $walk (call $uc.is_small (local.get $h)))
          (if (call $is_integer (local.get $h)) (then (return (i32.const 1))))
          (br_if $walk (ref.is_null (local.get $h)))
          (if (ref.test (ref $cons) (local.get $h))
            (then
              (local.set $stack (call $bin.push (local.get $stack) (local.get $sp) (local.get $t)))
              (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
              (local.set $t (local.get $h))
              (br $walk)))
          (if (call $is_binary (local.get $h)) (then (br $walk)))
          (return (i32.const 0))))
      (br_if $pop (ref.is_null (local.get $t)))
      (br_if $pop (call $is_binary (local.get $t)))
      (return (i32.const 0)))
    (if (local.get $sp)
      (then
        (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
        (local.set $t (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp)))
        (br $walk))))
  (i32.const 1))

;; ---- latin1/utf8 input: the conversion pass -----------------------------------------------

;; Converts one binary (the VM's do_build_utf8 on a binary, with copy_utf8_bin and its
;; carried-over bytes); 1 on an error, with the rest of the binary in $uc.rest.
(func $uc.build_bin (param $b (ref $bin)) (param $latin1 i32) (result i32)
  (local $d (ref $bytes)) (local $p i32) (local $e i32) (local $i i32) (local $x i32) (local $need i32) (local $from i32)
  (local $q i32) (local $left (ref $bytes))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $p (struct.get $bin $off (local.get $b)))
  (local.set $e (i32.add (local.get $p) (struct.get $bin $size (local.get $b))))
  (if (local.get $latin1)
    (then
      (call $uc.reserve (i32.shl (struct.get $bin $size (local.get $b)) (i32.const 1)))
      (local.set $i (local.get $p))
      (block $end
        (loop $next
          (br_if $end (i32.ge_u (local.get $i) (local.get $e)))
          (local.set $x (array.get_u $bytes (local.get $d) (local.get $i)))
          (if (i32.lt_u (local.get $x) (i32.const 0x80))
            (then
              (array.set $bytes (ref.as_non_null (global.get $uc.buf)) (global.get $uc.len) (local.get $x))
              (global.set $uc.len (i32.add (global.get $uc.len) (i32.const 1))))
            (else
              (array.set $bytes (ref.as_non_null (global.get $uc.buf)) (global.get $uc.len)
                (i32.or (i32.const 0xc0) (i32.shr_u (local.get $x) (i32.const 6))))
              (array.set $bytes (ref.as_non_null (global.get $uc.buf)) (i32.add (global.get $uc.len) (i32.const 1))
                (i32.or (i32.const 0x80) (i32.and (local.get $x) (i32.const 0x3f))))
              (global.set $uc.len (i32.add (global.get $uc.len) (i32.const 2)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (i32.const 0))))
  (local.set $left (ref.as_non_null (global.get $uc.left)))
  (if (global.get $uc.nleft)
    (then
      ;; Complete the sequence carried over from the previous binary.
      (local.set $need (call $uc.class (array.get_u $bytes (local.get $left) (i32.const 0))))
      (local.set $from (i32.sub (local.get $need) (global.get $uc.nleft)))
      (if (i32.lt_u (i32.sub (local.get $e) (local.get $p)) (local.get $from))
        (then
          (array.copy $bytes $bytes (local.get $left) (global.get $uc.nleft) (local.get $d) (local.get $p) (i32.sub (local.get $e) (local.get $p)))
          (global.set $uc.nleft (i32.add (global.get $uc.nleft) (i32.sub (local.get $e) (local.get $p))))
          (return (i32.const 0))))
      (array.copy $bytes $bytes (local.get $left) (global.get $uc.nleft) (local.get $d) (local.get $p) (local.get $from))
      (if (i32.eqz (call $uc.valid_seq (local.get $left) (i32.const 0) (local.get $need)))
        (then
          (global.set $uc.rest (call $bs.sub_bytes (local.get $b) (local.get $p)))
          (return (i32.const 1))))
      (call $uc.put_bytes (local.get $left) (i32.const 0) (local.get $need))
      (global.set $uc.nleft (i32.const 0))
      (local.set $p (i32.add (local.get $p) (local.get $from)))))
  (local.set $q (call $uc.scan (local.get $d) (local.get $p) (local.get $e)))
  (call $uc.put_bytes (local.get $d) (local.get $p) (i32.sub (local.get $q) (local.get $p)))
  (if (i32.eq (global.get $uc.state) (i32.const 1))
    (then
      ;; Carry the cut sequence over to the next binary.
      (global.set $uc.nleft (i32.sub (local.get $e) (local.get $q)))
      (array.copy $bytes $bytes (local.get $left) (i32.const 0) (local.get $d) (local.get $q) (global.get $uc.nleft))
      (return (i32.const 0))))
  (if (i32.eq (global.get $uc.state) (i32.const 2))
    (then
      (global.set $uc.rest (call $bs.sub_bytes (local.get $b) (local.get $q)))
      (return (i32.const 1))))
  (i32.const 0))

;; The bytes of `b` from absolute data index `at` to its end, zero-copy.
(func $bs.sub_bytes (param $b (ref $bin)) (param $at i32) (result (ref $bin))
  (struct.new $bin (struct.get $bin $data (local.get $b)) (local.get $at)
    (i32.sub (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))) (local.get $at))
    (i32.const 0) (ref.null $wcursor)))

;; The VM's do_build_utf8 over a term that passed $uc.need: converts into the buffer;
;; returns 1 on an error with the rest of the input (shaped as the VM shapes it) in
;; $uc.rest.
(func $uc.build (param $t eqref) (param $latin1 i32) (result i32)
  (local $stack (ref null $tuple)) (local $sp i32) (local $c (ref $cons)) (local $h eqref) (local $x i64)
  (local $rest eqref)
  (if (ref.is_null (local.get $t)) (then (return (i32.const 0))))
  (if (ref.test (ref $bin) (local.get $t))
    (then (return (call $uc.build_bin (ref.cast (ref $bin) (local.get $t)) (local.get $latin1)))))
  (block $error
    (loop $outer
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (block $list_end
            (loop $inner
              (local.set $h (struct.get $cons $hd (local.get $c)))
              (if (call $is_integer (local.get $h))
                (then
                  (if (global.get $uc.nleft) (then (local.set $rest (local.get $c)) (br $error)))
                  (if (ref.test (ref $bigint) (local.get $h)) (then (local.set $rest (local.get $c)) (br $error)))
                  (local.set $x (call $int_i64 (local.get $h)))
                  (if (i32.and (local.get $latin1) (i64.gt_u (local.get $x) (i64.const 255)))
                    (then (local.set $rest (local.get $c)) (br $error)))
                  (if (i32.or (i64.ge_u (local.get $x) (i64.const 0x110000))
                              (i32.and (i64.ge_u (local.get $x) (i64.const 0xd800)) (i64.le_u (local.get $x) (i64.const 0xdfff))))
                    (then (local.set $rest (local.get $c)) (br $error)))
                  (call $uc.put_cp (i32.wrap_i64 (local.get $x)))
                  (local.set $t (struct.get $cons $tl (local.get $c)))
                  (br_if $list_end (i32.eqz (ref.test (ref $cons) (local.get $t))))
                  (local.set $c (ref.cast (ref $cons) (local.get $t)))
                  (br $inner)))
              (if (ref.is_null (local.get $h))
                (then
                  (local.set $t (struct.get $cons $tl (local.get $c)))
                  (br_if $list_end (i32.eqz (ref.test (ref $cons) (local.get $t))))
                  (local.set $c (ref.cast (ref $cons) (local.get $t)))
                  (br $inner)))
              (if (ref.test (ref $cons) (local.get $h))
                (then
                  (local.set $stack (call $bin.push (local.get $stack) (local.get $sp) (struct.get $cons $tl (local.get $c))))
                  (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
                  (local.set $t (local.get $h))
                  (local.set $c (ref.cast (ref $cons) (local.get $h)))
                  (br $inner)))
              (if (ref.test (ref $bin) (local.get $h))
                (then
                  (if (call $uc.build_bin (ref.cast (ref $bin) (local.get $h)) (local.get $latin1))
                    (then
                      (local.set $rest (struct.new $cons (global.get $uc.rest) (struct.get $cons $tl (local.get $c))))
                      (br $error)))
                  (local.set $t (struct.get $cons $tl (local.get $c)))
                  (br_if $list_end (i32.eqz (ref.test (ref $cons) (local.get $t))))
                  (local.set $c (ref.cast (ref $cons) (local.get $t)))
                  (br $inner)))
              (local.set $rest (local.get $c))
              (br $error)))))
      ;; An improper tail (or a tail pushed by an outer level).
      (if (i32.eqz (i32.or (ref.is_null (local.get $t)) (ref.test (ref $cons) (local.get $t))))
        (then
          (if (ref.test (ref $bin) (local.get $t))
            (then
              (if (call $uc.build_bin (ref.cast (ref $bin) (local.get $t)) (local.get $latin1))
                (then (local.set $rest (global.get $uc.rest)) (br $error))))
            (else (local.set $rest (local.get $t)) (br $error)))))
      (if (local.get $sp)
        (then
          (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
          (local.set $t (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp)))
          (br $outer))))
    (return (i32.const 0)))
  ;; The rest: wrapped once per pending outer level.
  (block $end
    (loop $wrap
      (br_if $end (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
      (local.set $rest (struct.new $cons (local.get $rest) (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp))))
      (br $wrap)))
  (global.set $uc.rest (local.get $rest))
  (i32.const 1))

;; 1 for latin1, 0 for unicode/utf8, -1 for any other encoding term.
(func $uc.latin1 (param $enc eqref) (result i32)
  (if (ref.eq (local.get $enc) (global.get $atom.latin1)) (then (return (i32.const 1))))
  (if (i32.or (ref.eq (local.get $enc) (global.get $atom.unicode)) (ref.eq (local.get $enc) (global.get $atom.utf8)))
    (then (return (i32.const 0))))
  (i32.const -1))

;; The carried-over bytes as a binary.
(func $uc.leftover_bin (result (ref $bin))
  (call $bin_copy (ref.as_non_null (global.get $uc.left)) (i32.const 0) (global.get $uc.nleft)))

;; After a conversion pass: the error/incomplete tuple with `converted`, or null when the
;; conversion succeeded. `err` is the pass's result.
(func $uc.outcome (param $err i32) (param $converted eqref) (result eqref)
  (local $lb (ref $bin))
  (if (local.get $err)
    (then
      (if (global.get $uc.nleft)
        (then
          (global.set $uc.rest (struct.new $cons (call $uc.leftover_bin)
            (struct.new $cons (global.get $uc.rest) (ref.null none))))))
      (return (call $tuple3 (global.get $atom.error) (local.get $converted) (global.get $uc.rest)))))
  (if (global.get $uc.nleft)
    (then
      (local.set $lb (call $uc.leftover_bin))
      (return (call $tuple3
        (select (result eqref) (global.get $atom.error) (global.get $atom.incomplete)
          (call $uc.check_leftovers (struct.get $bin $data (local.get $lb)) (i32.const 0) (global.get $uc.nleft)))
        (local.get $converted) (local.get $lb)))))
  (ref.null none))

;; unicode:characters_to_binary(Data, InEncoding): UTF-8 out.
(func $unicode:characters_to_binary/2 (param $data eqref) (param $enc eqref) (result eqref)
  (local $latin1 i32) (local $subject eqref) (local $b (ref $bin)) (local $err i32) (local $r eqref) (local $out (ref $bin))
  (local.set $latin1 (call $uc.latin1 (local.get $enc)))
  (if (i32.lt_s (local.get $latin1) (i32.const 0))
    (then (return_call $uc.characters_to_binary_wide (local.get $data) (local.get $enc))))
  (local.set $subject (local.get $data))
  (if (ref.test (ref $cons) (local.get $data))
    (then
      (if (i32.and (ref.test (ref $bin) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $data))))
                   (ref.is_null (struct.get $cons $tl (ref.cast (ref $cons) (local.get $data)))))
        (then (local.set $subject (struct.get $cons $hd (ref.cast (ref $cons) (local.get $data))))))))
  (if (i32.eqz (call $uc.need (local.get $subject))) (then (return (call $fail_badarg))))
  (if (ref.test (ref $bin) (local.get $subject))
    (then
      ;; Nothing to convert: the binary itself.
      (local.set $b (ref.cast (ref $bin) (local.get $subject)))
      (if (local.get $latin1)
        (then
          (if (call $uc.is_7bit (local.get $b)) (then (return (local.get $subject)))))
        (else
          (drop (call $uc.scan (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
            (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b)))))
          (if (i32.eqz (global.get $uc.state)) (then (return (local.get $subject))))))))
  (call $uc.reset)
  (local.set $err (call $uc.build (local.get $subject) (local.get $latin1)))
  (local.set $out (call $uc.take))
  (local.set $r (call $uc.outcome (local.get $err) (local.get $out)))
  (if (ref.is_null (local.get $r)) (then (return (local.get $out))))
  (local.get $r))

;; unicode:characters_to_list(Data, InEncoding): code points out.
(func $unicode:characters_to_list/2 (param $data eqref) (param $enc eqref) (result eqref)
  (local $latin1 i32) (local $b (ref $bin)) (local $d (ref $bytes)) (local $p i32) (local $e i32) (local $q i32)
  (local $list eqref) (local $err i32) (local $r eqref) (local $state i32)
  (local.set $latin1 (call $uc.latin1 (local.get $enc)))
  (if (i32.lt_s (local.get $latin1) (i32.const 0))
    (then (return_call $uc.characters_to_list_wide (local.get $data) (local.get $enc))))
  (if (i32.and (ref.test (ref $bin) (local.get $data)) (i32.eqz (local.get $latin1)))
    (then
      ;; A UTF-8 binary: decode the valid prefix; the rest is an error or incomplete.
      (local.set $b (ref.cast (ref $bin) (local.get $data)))
      (if (struct.get $bin $bits (local.get $b)) (then (return (call $fail_badarg))))
      (local.set $d (struct.get $bin $data (local.get $b)))
      (local.set $p (struct.get $bin $off (local.get $b)))
      (local.set $e (i32.add (local.get $p) (struct.get $bin $size (local.get $b))))
      (local.set $q (call $uc.scan (local.get $d) (local.get $p) (local.get $e)))
      (local.set $state (global.get $uc.state))
      (local.set $list (call $uc.utf8_list (local.get $d) (local.get $p) (local.get $q) (ref.null none)))
      (if (i32.eqz (local.get $state)) (then (return (local.get $list))))
      (if (i32.eq (local.get $state) (i32.const 1))
        (then
          (if (i32.eqz (call $uc.check_leftovers (local.get $d) (local.get $q) (i32.sub (local.get $e) (local.get $q))))
            (then (return (call $tuple3 (global.get $atom.incomplete) (local.get $list) (call $bs.sub_bytes (local.get $b) (local.get $q)))))))) 
      (return (call $tuple3 (global.get $atom.error) (local.get $list) (call $bs.sub_bytes (local.get $b) (local.get $q))))))
  (if (i32.eqz (call $uc.need (local.get $data))) (then (return (call $fail_badarg))))
  (call $uc.reset)
  (local.set $err (call $uc.build (local.get $data) (local.get $latin1)))
  (local.set $list (call $uc.utf8_list (ref.as_non_null (global.get $uc.buf)) (i32.const 0) (global.get $uc.len) (ref.null none)))
  (local.set $r (call $uc.outcome (local.get $err) (local.get $list)))
  (if (ref.is_null (local.get $r)) (then (return (local.get $list))))
  (local.get $r))

;; Whether every byte of a binary is below 0x80.
(func $uc.is_7bit (param $b (ref $bin)) (result i32)
  (local $d (ref $bytes)) (local $i i32) (local $e i32)
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $i (struct.get $bin $off (local.get $b)))
  (local.set $e (i32.add (local.get $i) (struct.get $bin $size (local.get $b))))
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $i) (local.get $e)))
      (if (i32.ge_u (array.get_u $bytes (local.get $d) (local.get $i)) (i32.const 0x80)) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; unicode:bin_is_7bit(Term): a binary with every byte below 0x80.
(func $unicode:bin_is_7bit/1 (param $v eqref) (result eqref)
  (if (i32.eqz (call $is_binary (local.get $v))) (then (return (global.get $atom.false))))
  (call $bool (call $uc.is_7bit (ref.cast (ref $bin) (local.get $v)))))

;; ---- utf16/utf32 input: unicode:characters_to_binary_int/2 ---------------------------------

;; The input encoding: 1 utf16 big, 2 utf16 little, 3 utf32 big, 4 utf32 little; 0 when the
;; term is none of utf16, utf32, {utf16|utf32, big|little}.
(func $uc.wide_enc (param $e eqref) (result i32)
  (local $t (ref $tuple)) (local $a eqref) (local $end eqref) (local $base i32)
  (if (ref.eq (local.get $e) (global.get $atom.utf16)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $e) (global.get $atom.utf32)) (then (return (i32.const 3))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $e))) (then (return (i32.const 0))))
  (local.set $t (ref.cast (ref $tuple) (local.get $e)))
  (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i32.const 0))))
  (local.set $a (array.get $tuple (local.get $t) (i32.const 0)))
  (local.set $end (array.get $tuple (local.get $t) (i32.const 1)))
  (if (ref.eq (local.get $a) (global.get $atom.utf16)) (then (local.set $base (i32.const 1))))
  (if (ref.eq (local.get $a) (global.get $atom.utf32)) (then (local.set $base (i32.const 3))))
  (if (i32.eqz (local.get $base)) (then (return (i32.const 0))))
  (if (ref.eq (local.get $end) (global.get $atom.big)) (then (return (local.get $base))))
  (if (ref.eq (local.get $end) (global.get $atom.little)) (then (return (i32.add (local.get $base) (i32.const 1)))))
  (i32.const 0))

;; A pending incomplete unit: the bytes so far, and how many more the input needs.
(global $uc.pend (mut (ref null $bin)) (ref.null $bin))
(global $uc.missing (mut i32) (i32.const 0))

;; The cbv/2 of stdlib's unicode.erl: how many bytes the undecodable tail d[p..e] of a
;; binary lacks to become a character, or 0 when it never can (an error).
(func $uc.cbv (param $enc i32) (param $d (ref $bytes)) (param $p i32) (param $e i32) (result i32)
  (local $n i32) (local $a i32) (local $b i32) (local $c i32)
  (local.set $n (i32.sub (local.get $e) (local.get $p)))
  (if (i32.gt_u (local.get $n) (i32.const 3)) (then (return (i32.const 0))))
  (local.set $a (array.get_u $bytes (local.get $d) (local.get $p)))
  (if (i32.ge_u (local.get $n) (i32.const 2)) (then (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 1))))))
  (if (i32.ge_u (local.get $n) (i32.const 3)) (then (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 2))))))
  (if (i32.eq (local.get $enc) (i32.const 1))
    (then
      ;; utf16 big
      (if (i32.eq (local.get $n) (i32.const 1))
        (then
          (if (i32.or (i32.le_u (local.get $a) (i32.const 215)) (i32.ge_u (local.get $a) (i32.const 224))) (then (return (i32.const 1))))
          (if (i32.eq (i32.shr_u (local.get $a) (i32.const 2)) (i32.const 54)) (then (return (i32.const 3))))
          (return (i32.const 0))))
      (if (i32.ne (i32.shr_u (local.get $a) (i32.const 2)) (i32.const 54)) (then (return (i32.const 0))))
      (if (i32.eq (local.get $n) (i32.const 2)) (then (return (i32.const 2))))
      (return (select (i32.const 1) (i32.const 0) (i32.eq (i32.shr_u (local.get $c) (i32.const 2)) (i32.const 55))))))
  (if (i32.eq (local.get $enc) (i32.const 2))
    (then
      ;; utf16 little
      (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 1))))
      (if (i32.ne (i32.shr_u (local.get $b) (i32.const 2)) (i32.const 54)) (then (return (i32.const 0))))
      (return (select (i32.const 2) (i32.const 1) (i32.eq (local.get $n) (i32.const 2))))))
  (if (i32.eq (local.get $enc) (i32.const 3))
    (then
      ;; utf32 big
      (if (local.get $a) (then (return (i32.const 0))))
      (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 3))))
      (if (i32.gt_u (local.get $b) (i32.const 16)) (then (return (i32.const 0))))
      (if (i32.eq (local.get $n) (i32.const 2)) (then (return (i32.const 2))))
      (if (i32.or (i32.gt_u (local.get $b) (i32.const 0))
                  (i32.or (i32.le_u (local.get $c) (i32.const 215)) (i32.ge_u (local.get $c) (i32.const 224))))
        (then (return (i32.const 1))))
      (return (i32.const 0))))
  ;; utf32 little
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 3))))
  (if (i32.eq (local.get $n) (i32.const 2)) (then (return (i32.const 2))))
  (if (i32.and (i32.and (i32.eq (local.get $b) (i32.const 255)) (i32.eqz (local.get $c)))
               (i32.ge_u (local.get $a) (i32.const 254)))
    (then (return (i32.const 0))))
  (if (i32.and (i32.le_u (local.get $c) (i32.const 16))
               (i32.or (i32.gt_u (local.get $c) (i32.const 0))
                       (i32.or (i32.le_u (local.get $b) (i32.const 215)) (i32.ge_u (local.get $b) (i32.const 224)))))
    (then (return (i32.const 1))))
  (i32.const 0))

;; The i_trans function of one binary: decodes its characters into the buffer; a tail that
;; cannot be decoded becomes the pending incomplete unit (returns 0) or an error (returns
;; 1, with the tail in $uc.rest).
(func $uc.decode_wide (param $b (ref $bin)) (param $enc i32) (result i32)
  (local $c (ref $mctx)) (local $cp i32) (local $flags i32) (local $p i32) (local $e i32) (local $need i32)
  (local.set $c (ref.cast (ref $mctx) (call $bs_start_match (local.get $b))))
  (local.set $flags (select (i32.const 2) (i32.const 0) (i32.eqz (i32.and (local.get $enc) (i32.const 1)))))
  (block $end
    (loop $next
      (br_if $end (i64.eqz (call $bs.left (local.get $c))))
      (if (i32.le_u (local.get $enc) (i32.const 2))
        (then (local.set $cp (call $bs.utf16_at (local.get $c) (local.get $flags))))
        (else (local.set $cp (call $bs.utf32_at (local.get $c) (local.get $flags)))))
      (br_if $end (i32.lt_s (local.get $cp) (i32.const 0)))
      (call $uc.put_cp (local.get $cp))
      (struct.set $mctx $pos (local.get $c) (i64.add (struct.get $mctx $pos (local.get $c)) (global.get $bs.utf_bits)))
      (br $next)))
  (if (i64.eqz (call $bs.left (local.get $c))) (then (return (i32.const 0))))
  (local.set $p (i32.wrap_i64 (i64.shr_u (struct.get $mctx $pos (local.get $c)) (i64.const 3))))
  (local.set $e (i32.wrap_i64 (i64.shr_u (struct.get $mctx $end (local.get $c)) (i64.const 3))))
  (local.set $need (call $uc.cbv (local.get $enc) (struct.get $bin $data (local.get $b)) (local.get $p) (local.get $e)))
  (if (local.get $need)
    (then
      (global.set $uc.pend (call $bs.sub_bytes (local.get $b) (local.get $p)))
      (global.set $uc.missing (local.get $need))
      (return (i32.const 0))))
  (global.set $uc.rest (call $bs.sub_bytes (local.get $b) (local.get $p)))
  (i32.const 1))

;; <<A/binary, B/binary>>.
(func $uc.concat (param $a (ref $bin)) (param $b (ref $bin)) (result (ref $bin))
  (local $d (ref $bytes))
  (local.set $d (array.new_default $bytes (i32.add (struct.get $bin $size (local.get $a)) (struct.get $bin $size (local.get $b)))))
  (array.copy $bytes $bytes (local.get $d) (i32.const 0) (struct.get $bin $data (local.get $a)) (struct.get $bin $off (local.get $a))
    (struct.get $bin $size (local.get $a)))
  (array.copy $bytes $bytes (local.get $d) (struct.get $bin $size (local.get $a)) (struct.get $bin $data (local.get $b))
    (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b)))
  (call $bin_of (local.get $d)))

;; stdlib's ml_map/3 with the utf8 output transform: 0 when `t` was consumed (a pending
;; incomplete unit may remain), 1 on an error (the rest in $uc.rest), 2 when the Erlang code
;; would raise (badarg).
(func $uc.ml_map (param $t eqref) (param $enc i32) (result i32)
  (local $c (ref $cons)) (local $h eqref) (local $tl eqref) (local $b (ref $bin)) (local $size i32) (local $x i32)
  (local $r i32)
  (loop $walk
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $t)))
        (local.set $h (struct.get $cons $hd (local.get $c)))
        (local.set $tl (struct.get $cons $tl (local.get $c)))
        (if (call $is_integer (local.get $h))
          (then
            (if (i32.eqz (ref.is_null (global.get $uc.pend)))
              (then
                (global.set $uc.rest (struct.new $cons (global.get $uc.pend) (local.get $t)))
                (return (i32.const 1))))
            (local.set $x (call $bs.code_point (local.get $h)))
            (if (i32.lt_s (local.get $x) (i32.const 0))
              (then
                (global.set $uc.rest (struct.new $cons (struct.new $cons (local.get $h) (ref.null none)) (local.get $tl)))
                (return (i32.const 1))))
            (call $uc.put_cp (local.get $x))
            (local.set $t (local.get $tl))
            (br $walk)))
        (if (call $is_binary (local.get $h))
          (then
            (local.set $b (ref.cast (ref $bin) (local.get $h)))
            (local.set $size (struct.get $bin $size (local.get $b)))
            (if (i32.eqz (ref.is_null (global.get $uc.pend)))
              (then
                (if (i32.ge_u (local.get $size) (global.get $uc.missing))
                  (then
                    (local.set $t (struct.new $cons
                      (call $uc.concat (ref.as_non_null (global.get $uc.pend)) (call $bin.sub (local.get $b) (i32.const 0) (global.get $uc.missing)))
                      (struct.new $cons
                        (call $bin.sub (local.get $b) (global.get $uc.missing) (i32.sub (local.get $size) (global.get $uc.missing)))
                        (local.get $tl))))
                    (global.set $uc.pend (ref.null $bin))
                    (br $walk)))
                (global.set $uc.pend (call $uc.concat (ref.as_non_null (global.get $uc.pend)) (local.get $b)))
                (global.set $uc.missing (i32.sub (global.get $uc.missing) (local.get $size)))
                (local.set $t (local.get $tl))
                (br $walk)))
            (if (i32.gt_u (local.get $size) (i32.const 8192))
              (then
                (local.set $t (struct.new $cons (call $bin.sub (local.get $b) (i32.const 0) (i32.const 8192))
                  (struct.new $cons (call $bin.sub (local.get $b) (i32.const 8192) (i32.sub (local.get $size) (i32.const 8192)))
                    (local.get $tl))))
                (br $walk)))
            (if (call $uc.decode_wide (local.get $b) (local.get $enc))
              (then
                (global.set $uc.rest (struct.new $cons (global.get $uc.rest) (local.get $tl)))
                (return (i32.const 1))))
            (local.set $t (local.get $tl))
            (br $walk)))
        (if (i32.or (ref.is_null (local.get $h)) (ref.test (ref $cons) (local.get $h)))
          (then
            (local.set $r (call $uc.ml_map (local.get $h) (local.get $enc)))
            (if (i32.eq (local.get $r) (i32.const 1))
              (then (global.set $uc.rest (struct.new $cons (global.get $uc.rest) (local.get $tl)))))
            (if (local.get $r) (then (return (local.get $r))))
            (local.set $t (local.get $tl))
            (br $walk)))
        (return (i32.const 2)))))
  (if (ref.is_null (local.get $t)) (then (return (i32.const 0))))
  (if (i32.eqz (call $is_binary (local.get $t))) (then (return (i32.const 2))))
  (local.set $b (ref.cast (ref $bin) (local.get $t)))
  (local.set $size (struct.get $bin $size (local.get $b)))
  (if (i32.eqz (ref.is_null (global.get $uc.pend)))
    (then
      (if (i32.ge_u (local.get $size) (global.get $uc.missing))
        (then
          (local.set $t (struct.new $cons (ref.as_non_null (global.get $uc.pend))
            (struct.new $cons (local.get $b) (ref.null none))))
          (global.set $uc.pend (ref.null $bin))
          (return_call $uc.ml_map (local.get $t) (local.get $enc))))
      (global.set $uc.pend (call $uc.concat (ref.as_non_null (global.get $uc.pend)) (local.get $b)))
      (global.set $uc.missing (i32.sub (global.get $uc.missing) (local.get $size)))
      (return (i32.const 0))))
  (if (i32.gt_u (local.get $size) (i32.const 8192))
    (then
      (return_call $uc.ml_map
        (struct.new $cons (call $bin.sub (local.get $b) (i32.const 0) (i32.const 8192))
          (struct.new $cons (call $bin.sub (local.get $b) (i32.const 8192) (i32.sub (local.get $size) (i32.const 8192)))
            (ref.null none)))
        (local.get $enc))))
  (call $uc.decode_wide (local.get $b) (local.get $enc)))

;; characters_to_binary/2 for the utf16/utf32 encodings: Bin, {error, Bin, Rest} or
;; {incomplete, Bin, Pending}; FAIL badarg for an unknown encoding or input the Erlang
;; code rejects.
(func $uc.characters_to_binary_wide (param $data eqref) (param $enc eqref) (result eqref)
  (local $e i32) (local $r i32)
  (local.set $e (call $uc.wide_enc (local.get $enc)))
  (if (i32.eqz (local.get $e)) (then (return (call $fail_badarg))))
  (call $uc.reset)
  (global.set $uc.pend (ref.null $bin))
  (local.set $r (call $uc.ml_map (local.get $data) (local.get $e)))
  (if (i32.eq (local.get $r) (i32.const 2)) (then (return (call $fail_badarg))))
  (if (i32.eq (local.get $r) (i32.const 1))
    (then (return (call $tuple3 (global.get $atom.error) (call $uc.take) (global.get $uc.rest)))))
  (if (i32.eqz (ref.is_null (global.get $uc.pend)))
    (then (return (call $tuple3 (global.get $atom.incomplete) (call $uc.take) (global.get $uc.pend)))))
  (call $uc.take))

;; characters_to_list/2 for the utf16/utf32 encodings: the binary conversion, then its
;; UTF-8 decoded (stdlib's characters_to_list_int/2).
(func $uc.characters_to_list_wide (param $data eqref) (param $enc eqref) (result eqref)
  (local $r eqref) (local $t (ref $tuple)) (local $b (ref $bin))
  (local.set $r (call $uc.characters_to_binary_wide (local.get $data) (local.get $enc)))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (if (ref.test (ref $bin) (local.get $r))
    (then
      (local.set $b (ref.cast (ref $bin) (local.get $r)))
      (return (call $uc.utf8_list (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
        (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))) (ref.null none)))))
  (local.set $t (ref.cast (ref $tuple) (local.get $r)))
  (local.set $b (ref.cast (ref $bin) (array.get $tuple (local.get $t) (i32.const 1))))
  (array.set $tuple (local.get $t) (i32.const 1)
    (call $uc.utf8_list (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
      (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))) (ref.null none)))
  (local.get $t))
