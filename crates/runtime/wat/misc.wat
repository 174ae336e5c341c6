;; misc.wat — BIFs that fit nowhere else: the emulator's own term printer (erlang:display/1,
;; display_string/1, display_nl/0, and the text of fun_to_list/1), the node and
;; distribution BIFs of a non-distributed node, unique_integer/0,1, system_info/1,
;; function_exported/3, module_loaded/1, get_module_info/1,2, nif_error/1,2, the dt_*
;; tracing BIFs, erts_internal:term_type/1, persistent_term, the os environment, and a few
;; constants the standard library asks for (io:printable_range/0, ...).
;;
;; Conventions: BIFs take and return eqref and fail by returning $FAIL (docs/ABI.md §3).
;;
;; Facts about the program that only the compiler knows come through hook functions
;; (`$hook:*`), declared here with a conservative placeholder body that the compiler
;; replaces (docs/ABI.md §1). See each hook's comment for its exact contract.

;; ---- the print buffer --------------------------------------------------------------------

;; Text being built by the printer: bytes pb[0..pb_len).
(global $pb (mut (ref $bytes)) (array.new_fixed $bytes 0))
(global $pb_len (mut i32) (i32.const 0))

;; Empties the print buffer.
(func $pb_reset
  (if (i32.lt_u (array.len (global.get $pb)) (i32.const 256))
    (then (global.set $pb (array.new_default $bytes (i32.const 256)))))
  (global.set $pb_len (i32.const 0)))

;; Makes room for `n` more bytes.
(func $pb_reserve (param $n i32)
  (local $cap i32) (local $new (ref $bytes))
  (local.set $cap (array.len (global.get $pb)))
  (if (i32.le_u (i32.add (global.get $pb_len) (local.get $n)) (local.get $cap)) (then (return)))
  (loop $grow
    (local.set $cap (i32.add (i32.shl (local.get $cap) (i32.const 1)) (i32.const 64)))
    (br_if $grow (i32.gt_u (i32.add (global.get $pb_len) (local.get $n)) (local.get $cap))))
  (local.set $new (array.new_default $bytes (local.get $cap)))
  (array.copy $bytes $bytes (local.get $new) (i32.const 0) (global.get $pb) (i32.const 0) (global.get $pb_len))
  (global.set $pb (local.get $new)))

;; Appends one byte.
(func $pb_u8 (param $b i32)
  (call $pb_reserve (i32.const 1))
  (array.set $bytes (global.get $pb) (global.get $pb_len) (local.get $b))
  (global.set $pb_len (i32.add (global.get $pb_len) (i32.const 1))))

;; Appends `len` bytes of `d` from `off`.
(func $pb_bytes (param $d (ref $bytes)) (param $off i32) (param $len i32)
  (call $pb_reserve (local.get $len))
  (array.copy $bytes $bytes (global.get $pb) (global.get $pb_len) (local.get $d) (local.get $off) (local.get $len))
  (global.set $pb_len (i32.add (global.get $pb_len) (local.get $len))))

;; Appends the whole bytes of a binary.
(func $pb_bin (param $b (ref $bin))
  (call $pb_bytes (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b))))

;; Appends up to 8 ASCII characters packed little-endian in `s` (first character in the
;; low byte), `n` of them.
(func $pb_ascii (param $s i64) (param $n i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (call $pb_u8 (i32.wrap_i64 (i64.and (local.get $s) (i64.const 0xff))))
      (local.set $s (i64.shr_u (local.get $s) (i64.const 8)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))))

;; Appends an unsigned decimal number.
(func $pb_uint (param $v i64)
  (local $digits (ref $bytes)) (local $n i32)
  (local.set $digits (array.new_default $bytes (i32.const 20)))
  (loop $next
    (array.set $bytes (local.get $digits) (local.get $n)
      (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
    (br_if $next (i64.ne (local.get $v) (i64.const 0))))
  (block $done
    (loop $out
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (call $pb_u8 (array.get_u $bytes (local.get $digits) (local.get $n)))
      (br $out))))

;; Appends a number in lowercase hexadecimal, without leading zeros.
(func $pb_hex (param $v i32)
  (local $shift i32) (local $d i32) (local $started i32)
  (local.set $shift (i32.const 28))
  (loop $next
    (local.set $d (i32.and (i32.shr_u (local.get $v) (local.get $shift)) (i32.const 15)))
    (if (i32.or (i32.or (local.get $started) (local.get $d)) (i32.eqz (local.get $shift)))
      (then
        (local.set $started (i32.const 1))
        (call $pb_u8 (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))))
    (local.set $shift (i32.sub (local.get $shift) (i32.const 4)))
    (br_if $next (i32.ge_s (local.get $shift) (i32.const 0)))))

;; Appends a three-digit octal escape: \ooo.
(func $pb_octal (param $c i32)
  (call $pb_u8 (i32.const 92))
  (call $pb_u8 (i32.add (i32.const 48) (i32.and (i32.shr_u (local.get $c) (i32.const 6)) (i32.const 7))))
  (call $pb_u8 (i32.add (i32.const 48) (i32.and (i32.shr_u (local.get $c) (i32.const 3)) (i32.const 7))))
  (call $pb_u8 (i32.add (i32.const 48) (i32.and (local.get $c) (i32.const 7)))))

;; The buffer's bytes as a list of byte values.
(func $pb_to_list (result eqref)
  (local $i i32) (local $acc eqref)
  (local.set $i (global.get $pb_len))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons (ref.i31 (array.get_u $bytes (global.get $pb) (local.get $i))) (local.get $acc)))
      (br $next)))
  (local.get $acc))

;; ---- the emulator's term printer (erts_printf "%T", erl_printf_term.c) ------------------

;; Latin-1 letter classes of the printer: lowercase a-z, ß-ÿ but ÷; uppercase A-Z, À-Þ but ×.
(func $pt_is_lower (param $c i32) (result i32)
  (i32.or (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (i32.and (i32.and (i32.ge_u (local.get $c) (i32.const 223)) (i32.le_u (local.get $c) (i32.const 255)))
                   (i32.ne (local.get $c) (i32.const 247)))))

(func $pt_is_upper (param $c i32) (result i32)
  (i32.or (i32.and (i32.ge_u (local.get $c) (i32.const 65)) (i32.le_u (local.get $c) (i32.const 90)))
          (i32.and (i32.and (i32.ge_u (local.get $c) (i32.const 192)) (i32.le_u (local.get $c) (i32.const 222)))
                   (i32.ne (local.get $c) (i32.const 215)))))

;; The Latin-1 character the printer sees at byte `c1` (followed by `c2`) of a UTF-8 name:
;; ASCII as is; a two-byte sequence decoded; a continuation byte as 'a'; the lead byte of
;; a longer sequence as 0 (which always needs quotes).
(func $pt_latin1_char (param $c1 i32) (param $c2 i32) (result i32)
  (if (i32.eqz (i32.and (local.get $c1) (i32.const 0x80))) (then (return (local.get $c1))))
  (if (i32.eq (i32.and (local.get $c1) (i32.const 0xe0)) (i32.const 0xc0))
    (then (return (i32.or (i32.shl (i32.and (local.get $c1) (i32.const 0x1f)) (i32.const 6))
                          (i32.and (local.get $c2) (i32.const 0x3f))))))
  (if (i32.eq (i32.and (local.get $c1) (i32.const 0xc0)) (i32.const 0x80)) (then (return (i32.const 97))))
  (i32.const 0))

;; Appends an atom's name, quoted and escaped when the emulator's printer would.
(func $pb_atom (param $a (ref $atom))
  (local $name (ref $bin)) (local $d (ref $bytes)) (local $off i32) (local $n i32) (local $i i32)
  (local $c i32) (local $lc i32) (local $quote i32) (local $next i32) (local $k i32)
  (local.set $name (call $atom_name (local.get $a)))
  (local.set $d (struct.get $bin $data (local.get $name)))
  (local.set $off (struct.get $bin $off (local.get $name)))
  (local.set $n (struct.get $bin $size (local.get $name)))
  (if (i32.eqz (local.get $n)) (then (call $pb_ascii (i64.const 0x2727) (i32.const 2)) (return)))
  ;; does it need quotes?
  (block $decided
    (loop $scan
      (br_if $decided (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (local.set $next (if (result i32) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
        (then (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (i32.add (local.get $i) (i32.const 1)))))
        (else (i32.const 0))))
      (local.set $lc (call $pt_latin1_char (local.get $c) (local.get $next)))
      (if (i32.eqz (local.get $i))
        (then
          (if (i32.eqz (call $pt_is_lower (local.get $lc)))
            (then (local.set $quote (i32.const 1)) (br $decided))))
        (else
          (if (i32.eqz (i32.or (i32.or (call $pt_is_lower (local.get $lc)) (call $pt_is_upper (local.get $lc)))
                               (i32.or (i32.and (i32.ge_u (local.get $lc) (i32.const 48)) (i32.le_u (local.get $lc) (i32.const 57)))
                                       (i32.eq (local.get $lc) (i32.const 95)))))
            (then (local.set $quote (i32.const 1)) (br $decided)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (if (local.get $quote) (then (call $pb_u8 (i32.const 39))))
  (local.set $i (i32.const 0))
  (block $done
    (loop $out
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (block $emitted
        (if (i32.eq (local.get $c) (i32.const 39)) (then (call $pb_ascii (i64.const 0x275c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 92)) (then (call $pb_ascii (i64.const 0x5c5c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 10)) (then (call $pb_ascii (i64.const 0x6e5c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 12)) (then (call $pb_ascii (i64.const 0x665c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 9)) (then (call $pb_ascii (i64.const 0x745c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 13)) (then (call $pb_ascii (i64.const 0x725c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 8)) (then (call $pb_ascii (i64.const 0x625c) (i32.const 2)) (br $emitted)))
        (if (i32.eq (local.get $c) (i32.const 11)) (then (call $pb_ascii (i64.const 0x765c) (i32.const 2)) (br $emitted)))
        (if (i32.lt_u (local.get $c) (i32.const 32)) (then (call $pb_octal (local.get $c)) (br $emitted)))
        (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (call $pb_u8 (local.get $c)) (br $emitted)))
        ;; a multi-byte character; U+0080..U+009F are printed as octal escapes
        (if (i32.and (i32.eq (local.get $c) (i32.const 0xc2))
                     (i32.lt_u (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))) (i32.const 0xa0)))
          (then
            (call $pb_octal (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $emitted)))
        (local.set $k (select (i32.const 2)
          (select (i32.const 3) (i32.const 4) (i32.eq (i32.and (local.get $c) (i32.const 0xf0)) (i32.const 0xe0)))
          (i32.eq (i32.and (local.get $c) (i32.const 0xe0)) (i32.const 0xc0))))
        (call $pb_bytes (local.get $d) (i32.sub (i32.add (local.get $off) (local.get $i)) (i32.const 1)) (local.get $k))
        (local.set $i (i32.add (local.get $i) (i32.sub (local.get $k) (i32.const 1)))))
      (br $out)))
  (if (local.get $quote) (then (call $pb_u8 (i32.const 39)))))

;; Appends a fun as the emulator prints it: `#Fun<Mod.Index.Uniq>` for a local fun (the
;; module's name raw, unquoted), `fun M:F/A` (names quoted as atoms) for an external one.
(func $pb_fun (param $f (ref $fun))
  (local $info (ref $funinfo))
  (local.set $info (struct.get $fun $info (local.get $f)))
  (if (struct.get $funinfo $kind (local.get $info))
    (then
      (call $pb_ascii (i64.const 0x206e7566) (i32.const 4)) ;; "fun "
      (call $pb_atom (struct.get $funinfo $module (local.get $info)))
      (call $pb_u8 (i32.const 58))
      (call $pb_atom (struct.get $funinfo $name (local.get $info)))
      (call $pb_u8 (i32.const 47))
      (call $pb_uint (i64.extend_i32_u (struct.get $funinfo $arity (local.get $info))))
      (return)))
  (call $pb_ascii (i64.const 0x3c6e754623) (i32.const 5)) ;; "#Fun<"
  (call $pb_bin (call $atom_name (struct.get $funinfo $module (local.get $info))))
  (call $pb_u8 (i32.const 46))
  (call $pb_uint (i64.extend_i32_u (struct.get $funinfo $index (local.get $info))))
  (call $pb_u8 (i32.const 46))
  (call $pb_uint (i64.extend_i32_u (struct.get $funinfo $uniq (local.get $info))))
  (call $pb_u8 (i32.const 62)))

;; Whether the list `l` prints as a string: a proper, non-empty list of bytes none of which
;; is a control character other than \s \n \t \r (Latin-1 controls include 127..159).
(func $pt_printable_list (param $l eqref) (result i32)
  (local $c (ref $cons)) (local $h eqref) (local $v i32)
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (i32.const 0))))
      (local.set $h (struct.get $cons $hd (local.get $c)))
      (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (i32.const 0))))
      (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $h))))
      (if (i32.gt_u (local.get $v) (i32.const 255)) (then (return (i32.const 0))))
      (if (i32.or (i32.or (i32.lt_u (local.get $v) (i32.const 32)) (i32.eq (local.get $v) (i32.const 127)))
                  (i32.and (i32.ge_u (local.get $v) (i32.const 128)) (i32.lt_u (local.get $v) (i32.const 160))))
        (then
          (if (i32.eqz (i32.or (i32.or (i32.eq (local.get $v) (i32.const 32)) (i32.eq (local.get $v) (i32.const 10)))
                               (i32.or (i32.eq (local.get $v) (i32.const 9)) (i32.eq (local.get $v) (i32.const 13)))))
            (then (return (i32.const 0))))))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (i32.const 1))

;; Appends a binary: <<"text">> when every byte is printable ASCII, else <<1,2,3:4>>.
(func $pb_binary (param $b (ref $bin))
  (local $d (ref $bytes)) (local $off i32) (local $n i32) (local $bits i32) (local $i i32) (local $c i32)
  (local $printable i32)
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $n (struct.get $bin $size (local.get $b)))
  (local.set $bits (struct.get $bin $bits (local.get $b)))
  (call $pb_ascii (i64.const 0x3c3c) (i32.const 2))
  (local.set $printable (i32.and (i32.eqz (local.get $bits)) (i32.ne (local.get $n) (i32.const 0))))
  (block $checked
    (loop $next
      (br_if $checked (i32.or (i32.eqz (local.get $printable)) (i32.ge_u (local.get $i) (local.get $n))))
      (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (if (i32.or (i32.lt_u (local.get $c) (i32.const 32)) (i32.ge_u (local.get $c) (i32.const 127)))
        (then (local.set $printable (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $i (i32.const 0))
  (if (local.get $printable)
    (then
      (call $pb_u8 (i32.const 34))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
          (if (i32.eq (local.get $c) (i32.const 34)) (then (call $pb_u8 (i32.const 92))))
          (call $pb_u8 (local.get $c))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $pb_u8 (i32.const 34)))
    (else
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (local.get $i) (then (call $pb_u8 (i32.const 44))))
          (call $pb_uint (i64.extend_i32_u (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (if (local.get $bits)
        (then
          (if (local.get $n) (then (call $pb_u8 (i32.const 44))))
          (call $pb_uint (i64.extend_i32_u
            (i32.shr_u (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $n)))
                       (i32.sub (i32.const 8) (local.get $bits)))))
          (call $pb_u8 (i32.const 58))
          (call $pb_uint (i64.extend_i32_u (local.get $bits)))))))
  (call $pb_ascii (i64.const 0x3e3e) (i32.const 2)))

;; Appends a node of a hash-trie map as the emulator prints its internal structure:
;; `<bitmap>{...}` for an inner node, the cons `[K|V]` for a leaf, a list of leaves for a
;; collision.
(func $pb_hnode (param $n eqref)
  (local $node (ref $hnode)) (local $kids (ref $tuple)) (local $i i32) (local $leaf (ref $hleaf))
  (if (ref.test (ref $hleaf) (local.get $n))
    (then
      ;; the VM's leaf is the cons [K|V], printed by the list rules ([K|[1]] is [K,1])
      (local.set $leaf (ref.cast (ref $hleaf) (local.get $n)))
      (call $pb_term (struct.new $cons (struct.get $hleaf $k (local.get $leaf)) (struct.get $hleaf $v (local.get $leaf))))
      (return)))
  (if (ref.test (ref $hcoll) (local.get $n))
    (then
      (local.set $kids (struct.get $hcoll $leaves (ref.cast (ref $hcoll) (local.get $n))))
      (call $pb_u8 (i32.const 91))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
          (if (local.get $i) (then (call $pb_u8 (i32.const 44))))
          (call $pb_hnode (array.get $tuple (local.get $kids) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $pb_u8 (i32.const 93))
      (return)))
  (local.set $node (ref.cast (ref $hnode) (local.get $n)))
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (call $pb_u8 (i32.const 60))
  (call $pb_hex (struct.get $hnode $bitmap (local.get $node)))
  (call $pb_ascii (i64.const 0x7b3e) (i32.const 2))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
      (if (local.get $i) (then (call $pb_u8 (i32.const 44))))
      (call $pb_hnode (array.get $tuple (local.get $kids) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $pb_u8 (i32.const 125)))

;; Appends a term as erlang:display/1 prints it. Nesting recurses; list tails and tuple
;; elements are iterated.
(func $pb_term (param $t eqref)
  (local $c (ref $cons)) (local $h eqref) (local $v i32) (local $tup (ref $tuple)) (local $i i32)
  (local $fm (ref $fmap)) (local $keys (ref $tuple)) (local $vals (ref $tuple))
  (if (ref.is_null (local.get $t)) (then (call $pb_ascii (i64.const 0x5d5b) (i32.const 2)) (return)))
  (if (call $is_integer (local.get $t)) (then (call $pb_bin (call $int_to_text (local.get $t) (i32.const 10))) (return)))
  (if (ref.test (ref $float) (local.get $t))
    (then (call $pb_bin (call $fmt_scientific (struct.get $float $v (ref.cast (ref $float) (local.get $t))) (i32.const 6)))
          (return)))
  (if (ref.test (ref $atom) (local.get $t)) (then (call $pb_atom (ref.cast (ref $atom) (local.get $t))) (return)))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (if (call $pt_printable_list (local.get $t))
        (then
          (call $pb_u8 (i32.const 34))
          (block $done
            (loop $next
              (br_if $done (ref.is_null (local.get $t)))
              (local.set $c (ref.cast (ref $cons) (local.get $t)))
              (local.set $v (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (local.get $c)))))
              (if (i32.eq (local.get $v) (i32.const 10))
                (then (call $pb_ascii (i64.const 0x6e5c) (i32.const 2)))
                (else
                  (if (i32.eq (local.get $v) (i32.const 34)) (then (call $pb_u8 (i32.const 92))))
                  (call $pb_u8 (local.get $v))))
              (local.set $t (struct.get $cons $tl (local.get $c)))
              (br $next)))
          (call $pb_u8 (i32.const 34))
          (return)))
      (call $pb_u8 (i32.const 91))
      (loop $next
        (local.set $c (ref.cast (ref $cons) (local.get $t)))
        (call $pb_term (struct.get $cons $hd (local.get $c)))
        (local.set $t (struct.get $cons $tl (local.get $c)))
        (if (ref.test (ref $cons) (local.get $t)) (then (call $pb_u8 (i32.const 44)) (br $next))))
      (if (i32.eqz (ref.is_null (local.get $t)))
        (then (call $pb_u8 (i32.const 124)) (call $pb_term (local.get $t))))
      (call $pb_u8 (i32.const 93))
      (return)))
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (call $pb_u8 (i32.const 123))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
          (if (local.get $i) (then (call $pb_u8 (i32.const 44))))
          (call $pb_term (array.get $tuple (local.get $tup) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $pb_u8 (i32.const 125))
      (return)))
  (if (ref.test (ref $bin) (local.get $t)) (then (call $pb_binary (ref.cast (ref $bin) (local.get $t))) (return)))
  (if (ref.test (ref $fun) (local.get $t)) (then (call $pb_fun (ref.cast (ref $fun) (local.get $t))) (return)))
  (if (ref.test (ref $fmap) (local.get $t))
    (then
      (local.set $fm (ref.cast (ref $fmap) (local.get $t)))
      (local.set $keys (struct.get $fmap $keys (local.get $fm)))
      (local.set $vals (struct.get $fmap $vals (local.get $fm)))
      (call $pb_ascii (i64.const 0x7b23) (i32.const 2))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $keys))))
          (if (local.get $i) (then (call $pb_u8 (i32.const 44))))
          (call $pb_term (array.get $tuple (local.get $keys) (local.get $i)))
          (call $pb_ascii (i64.const 0x3e3d) (i32.const 2))
          (call $pb_term (array.get $tuple (local.get $vals) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $pb_u8 (i32.const 125))
      (return)))
  (if (ref.test (ref $hmap) (local.get $t))
    (then
      (call $pb_u8 (i32.const 35))
      (call $pb_hnode (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $t))))
      (return)))
  (if (ref.test (ref $pid) (local.get $t))
    (then
      (call $pb_ascii (i64.const 0x2e303c) (i32.const 3))
      (call $pb_uint (i64.extend_i32_u (struct.get $pid $num (ref.cast (ref $pid) (local.get $t)))))
      (call $pb_ascii (i64.const 0x3e302e) (i32.const 3))
      (return)))
  (if (ref.test (ref $port) (local.get $t))
    (then
      (call $pb_ascii (i64.const 0x2e303c74726f5023) (i32.const 8)) ;; "#Port<0."
      (call $pb_uint (i64.extend_i32_u (struct.get $port $num (ref.cast (ref $port) (local.get $t)))))
      (call $pb_u8 (i32.const 62))
      (return)))
  (if (ref.test (ref $ref) (local.get $t))
    (then
      ;; as erlang:ref_to_list/1 numbers it (process.wat)
      (call $pb_ascii (i64.const 0x2e303c66655223) (i32.const 7)) ;; "#Ref<0."
      (call $pb_ascii (i64.const 0x2e302e30) (i32.const 4)) ;; "0.0."
      (call $pb_uint (struct.get $ref $n (ref.cast (ref $ref) (local.get $t))))
      (call $pb_u8 (i32.const 62))
      (return))))

;; ---- display ------------------------------------------------------------------------------

;; Writes pb[0..pb_len) to the host file descriptor `fd`, turning each "\n" into "\r\n" as
;; the emulator's output does, through the staging area at the start of linear memory.
;; TODO(lead): switch to io.wat's $host_write_bytes once it exists, so that this output and
;; the I/O servers' stay in order if they ever buffer.
(func $pb_flush_to (param $fd i32)
  (local $i i32) (local $n i32) (local $c i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $pb_len)))
      (local.set $c (array.get_u $bytes (global.get $pb) (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 10))
        (then
          (i32.store8 (local.get $n) (i32.const 13))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (i32.store8 (local.get $n) (local.get $c))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.ge_u (local.get $n) (i32.sub (global.get $staging_size) (i32.const 2)))
        (then (call $host.write (local.get $fd) (i32.const 0) (local.get $n)) (local.set $n (i32.const 0))))
      (br $next)))
  (if (local.get $n) (then (call $host.write (local.get $fd) (i32.const 0) (local.get $n)))))

;; erlang:display/1: the term and a newline on standard output; returns true.
(func $erlang:display/1 (param $t eqref) (result eqref)
  (call $pb_reset)
  (call $pb_term (local.get $t))
  (call $pb_u8 (i32.const 10))
  (call $pb_flush_to (i32.const 1))
  (global.get $atom.true))

;; erlang:display_string/1: a proper list of characters, UTF-8 encoded, on standard error.
(func $erlang:display_string/1 (param $l eqref) (result eqref)
  (local $c (ref $cons)) (local $h eqref) (local $cp i32) (local $buf (ref $bytes)) (local $n i32)
  (call $pb_reset)
  (local.set $buf (array.new_default $bytes (i32.const 4)))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (local.set $h (struct.get $cons $hd (local.get $c)))
      (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (call $fail_badarg))))
      (local.set $cp (i31.get_s (ref.cast (ref i31) (local.get $h))))
      (if (i32.gt_u (local.get $cp) (i32.const 0x10ffff)) (then (return (call $fail_badarg))))
      (local.set $n (call $utf8_put (local.get $buf) (i32.const 0) (local.get $cp)))
      (call $pb_bytes (local.get $buf) (i32.const 0) (local.get $n))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (call $pb_flush_to (i32.const 2))
  (global.get $atom.true))

;; erlang:display_nl/0: a newline on standard error.
(func $erlang:display_nl/0 (result eqref)
  (call $pb_reset)
  (call $pb_u8 (i32.const 10))
  (call $pb_flush_to (i32.const 2))
  (global.get $atom.true))

;; ---- constant text -------------------------------------------------------------------------

;; The strings system_info/1 answers, back to back (offsets in $misc_str's callers).
(data $misc_text "2513.1.5BEAMx86_64-pc-linux-gnu2.163.3Erlang/OTP 25 [erts-13.1.5] [source] [64-bit] [smp:2:2] [ds:2:2:10] [async-threads:1] [jit:ns]\0a")

;; The ASCII text misc_text[off..off+len) as a list of characters.
(func $misc_str (param $off i32) (param $len i32) (result eqref)
  (local $b (ref $bytes))
  (local.set $b (array.new_data $bytes $misc_text (local.get $off) (local.get $len)))
  (call $utf8_to_list (local.get $b) (i32.const 0) (local.get $len)))

;; ---- nodes -------------------------------------------------------------------------------

;; erlang:node/0: a non-distributed node.
(func $erlang:node/0 (result eqref)
  (global.get $atom.nonode@nohost))

;; erlang:node/1: the node of a pid, port or reference (always this one).
(func $erlang:node/1 (param $t eqref) (result eqref)
  (if (i32.or (ref.test (ref $pid) (local.get $t))
        (i32.or (ref.test (ref $port) (local.get $t)) (ref.test (ref $ref) (local.get $t))))
    (then (return (global.get $atom.nonode@nohost))))
  (call $fail_badarg))

;; erlang:nodes/0: no connected nodes.
(func $erlang:nodes/0 (result eqref)
  (ref.null none))

;; Whether `t` names a node type of nodes/1: 0 no, 1 yes and it includes this node (this,
;; known), 2 yes and it does not (visible, hidden, connected).
(func $node_type (param $t eqref) (result i32)
  (if (i32.or (ref.eq (local.get $t) (global.get $atom.this)) (ref.eq (local.get $t) (global.get $atom.known)))
    (then (return (i32.const 1))))
  (if (i32.or (ref.eq (local.get $t) (global.get $atom.visible))
        (i32.or (ref.eq (local.get $t) (global.get $atom.hidden)) (ref.eq (local.get $t) (global.get $atom.connected))))
    (then (return (i32.const 2))))
  (i32.const 0))

;; erlang:nodes/1: a node type or a list of them; only `this`/`known` list this node.
(func $erlang:nodes/1 (param $arg eqref) (result eqref)
  (local $k i32) (local $self i32) (local $c (ref $cons))
  (if (ref.test (ref $atom) (local.get $arg))
    (then
      (local.set $k (call $node_type (local.get $arg)))
      (if (i32.eqz (local.get $k)) (then (return (call $fail_badarg))))
      (if (i32.eq (local.get $k) (i32.const 1))
        (then (return (struct.new $cons (global.get $atom.nonode@nohost) (ref.null none)))))
      (return (ref.null none))))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $arg)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $arg))
        (return (call $fail_badarg))))
      (local.set $k (call $node_type (struct.get $cons $hd (local.get $c))))
      (if (i32.eqz (local.get $k)) (then (return (call $fail_badarg))))
      (if (i32.eq (local.get $k) (i32.const 1)) (then (local.set $self (i32.const 1))))
      (local.set $arg (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (if (local.get $self)
    (then (return (struct.new $cons (global.get $atom.nonode@nohost) (ref.null none)))))
  (ref.null none))

;; erlang:nodes/2: [{Node, Info}] for the nodes of nodes/1 (only this one can appear);
;; InfoOpts is a map of `connection_id` and `node_type` to booleans, and Info holds the
;; items asked for (this node: connection_id undefined, node_type this).
(func $erlang:nodes/2 (param $arg eqref) (param $opts eqref) (result eqref)
  (local $nodes eqref) (local $n i32) (local $found i32) (local $v eqref) (local $cid i32) (local $typ i32)
  (local $ks (ref $tuple)) (local $vs (ref $tuple))
  (local.set $n (call $map_size (local.get $opts)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $v (call $map_lookup (local.get $opts) (global.get $atom.connection_id)))
  (if (i32.eqz (ref.eq (local.get $v) (global.get $map_absent)))
    (then
      (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $fail_badarg))))
      (local.set $found (i32.add (local.get $found) (i32.const 1)))
      (local.set $cid (ref.eq (local.get $v) (global.get $atom.true)))))
  (local.set $v (call $map_lookup (local.get $opts) (global.get $atom.node_type)))
  (if (i32.eqz (ref.eq (local.get $v) (global.get $map_absent)))
    (then
      (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $fail_badarg))))
      (local.set $found (i32.add (local.get $found) (i32.const 1)))
      (local.set $typ (ref.eq (local.get $v) (global.get $atom.true)))))
  (if (i32.ne (local.get $found) (local.get $n)) (then (return (call $fail_badarg))))
  (local.set $nodes (call $erlang:nodes/1 (local.get $arg)))
  (if (i32.eqz (ref.test (ref $cons) (local.get $nodes))) (then (return (local.get $nodes))))
  (local.set $ks (array.new $tuple (ref.null none) (i32.add (local.get $cid) (local.get $typ))))
  (local.set $vs (array.new $tuple (ref.null none) (i32.add (local.get $cid) (local.get $typ))))
  (if (local.get $cid)
    (then
      (array.set $tuple (local.get $ks) (i32.const 0) (global.get $atom.connection_id))
      (array.set $tuple (local.get $vs) (i32.const 0) (global.get $atom.undefined))))
  (if (local.get $typ)
    (then
      (array.set $tuple (local.get $ks) (local.get $cid) (global.get $atom.node_type))
      (array.set $tuple (local.get $vs) (local.get $cid) (global.get $atom.this))))
  (struct.new $cons
    (call $tuple2 (global.get $atom.nonode@nohost) (call $map_from_kv (local.get $ks) (local.get $vs)))
    (ref.null none)))

;; erlang:is_alive/0
(func $erlang:is_alive/0 (result eqref)
  (global.get $atom.false))

;; net_kernel:dflag_unicode_io/1: true for any pid (this node does Unicode I/O).
(func $net_kernel:dflag_unicode_io/1 (param $p eqref) (result eqref)
  (if (ref.test (ref $pid) (local.get $p)) (then (return (global.get $atom.true))))
  (call $fail_badarg))

;; ---- unique integers -----------------------------------------------------------------------

;; The one counter behind unique_integer/0,1. The VM keeps a monotonic counter (values
;; counter + MIN_SMALL, or counter + 1 when positive) and per-scheduler ones whose value
;; is (n << 4 | 2) on this machine's first scheduler (+ MIN_SMALL, or + 1): we mimic both.
(global $unique_mono (mut i64) (i64.const 0))
(global $unique_sched (mut i64) (i64.const 0))
(global $MIN_SMALL i64 (i64.const -576460752303423488))

;; erlang:unique_integer/0
(func $erlang:unique_integer/0 (result eqref)
  (local $v i64)
  (local.set $v (i64.or (i64.shl (global.get $unique_sched) (i64.const 4)) (i64.const 2)))
  (global.set $unique_sched (i64.add (global.get $unique_sched) (i64.const 1)))
  (call $mk_int (i64.add (local.get $v) (global.get $MIN_SMALL))))

;; erlang:unique_integer/1: options a proper list of `positive` and `monotonic`.
(func $erlang:unique_integer/1 (param $opts eqref) (result eqref)
  (local $pos i32) (local $mono i32) (local $c (ref $cons)) (local $o eqref) (local $v i64)
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $opts)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $opts))
        (return (call $fail_badarg))))
      (local.set $o (struct.get $cons $hd (local.get $c)))
      (if (ref.eq (local.get $o) (global.get $atom.positive))
        (then (local.set $pos (i32.const 1)))
        (else
          (if (ref.eq (local.get $o) (global.get $atom.monotonic))
            (then (local.set $mono (i32.const 1)))
            (else (return (call $fail_badarg))))))
      (local.set $opts (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (if (local.get $mono)
    (then
      (local.set $v (global.get $unique_mono))
      (global.set $unique_mono (i64.add (local.get $v) (i64.const 1))))
    (else
      (local.set $v (i64.or (i64.shl (global.get $unique_sched) (i64.const 4)) (i64.const 2)))
      (global.set $unique_sched (i64.add (global.get $unique_sched) (i64.const 1)))))
  (if (local.get $pos) (then (return (call $mk_int (i64.add (local.get $v) (i64.const 1))))))
  (call $mk_int (i64.add (local.get $v) (global.get $MIN_SMALL))))

;; ---- system_info and system_flag -----------------------------------------------------------

;; Settings system_flag/2 can change, with the VM's defaults. The exception code may read
;; $backtrace_depth for the length of stack traces.
(global $backtrace_depth (mut i32) (i32.const 8))
(global $sf_schedulers_online (mut i32) (i32.const 2))
(global $sf_fullsweep_after (mut i32) (i32.const 65535))
(global $sf_min_heap_size (mut i32) (i32.const 233))
(global $sf_min_bin_vheap_size (mut i32) (i32.const 46422))
(global $sf_trace_control_word (mut i32) (i32.const 0))

;; erlang:system_info/1 for the items the standard library and common programs ask, with
;; the values of the reference VM on this machine (2 schedulers). Others are badarg.
(func $erlang:system_info/1 (param $item eqref) (result eqref)
  (local $t (ref $tuple))
  (if (ref.test (ref $tuple) (local.get $item))
    (then
      (local.set $t (ref.cast (ref $tuple) (local.get $item)))
      (if (i32.and (i32.eq (array.len (local.get $t)) (i32.const 2))
            (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.wordsize)))
        (then
          (if (i32.or (ref.eq (array.get $tuple (local.get $t) (i32.const 1)) (global.get $atom.internal))
                      (ref.eq (array.get $tuple (local.get $t) (i32.const 1)) (global.get $atom.external)))
            (then (return (ref.i31 (i32.const 8)))))))
      (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref $atom) (local.get $item))) (then (return (call $fail_badarg))))
  (if (ref.eq (local.get $item) (global.get $atom.otp_release)) (then (return (call $misc_str (i32.const 0) (i32.const 2)))))
  (if (ref.eq (local.get $item) (global.get $atom.version)) (then (return (call $misc_str (i32.const 2) (i32.const 6)))))
  (if (ref.eq (local.get $item) (global.get $atom.machine)) (then (return (call $misc_str (i32.const 8) (i32.const 4)))))
  (if (ref.eq (local.get $item) (global.get $atom.system_architecture))
    (then (return (call $misc_str (i32.const 12) (i32.const 19)))))
  (if (ref.eq (local.get $item) (global.get $atom.nif_version)) (then (return (call $misc_str (i32.const 31) (i32.const 4)))))
  (if (ref.eq (local.get $item) (global.get $atom.driver_version)) (then (return (call $misc_str (i32.const 35) (i32.const 3)))))
  (if (ref.eq (local.get $item) (global.get $atom.system_version)) (then (return (call $misc_str (i32.const 38) (i32.const 95)))))
  (if (ref.eq (local.get $item) (global.get $atom.wordsize)) (then (return (ref.i31 (i32.const 8)))))
  (if (i32.or (ref.eq (local.get $item) (global.get $atom.schedulers))
        (i32.or (ref.eq (local.get $item) (global.get $atom.logical_processors))
          (i32.or (ref.eq (local.get $item) (global.get $atom.logical_processors_available))
            (i32.or (ref.eq (local.get $item) (global.get $atom.logical_processors_online))
                    (ref.eq (local.get $item) (global.get $atom.dirty_cpu_schedulers))))))
    (then (return (ref.i31 (i32.const 2)))))
  (if (ref.eq (local.get $item) (global.get $atom.schedulers_online)) (then (return (ref.i31 (global.get $sf_schedulers_online)))))
  (if (ref.eq (local.get $item) (global.get $atom.dirty_io_schedulers)) (then (return (ref.i31 (i32.const 10)))))
  (if (ref.eq (local.get $item) (global.get $atom.scheduler_id)) (then (return (ref.i31 (i32.const 1)))))
  (if (ref.eq (local.get $item) (global.get $atom.thread_pool_size)) (then (return (ref.i31 (i32.const 1)))))
  (if (ref.eq (local.get $item) (global.get $atom.endian)) (then (return (global.get $atom.little))))
  (if (ref.eq (local.get $item) (global.get $atom.os_type))
    (then (return (call $tuple2 (global.get $atom.unix) (global.get $atom.linux)))))
  (if (ref.eq (local.get $item) (global.get $atom.os_version))
    (then (return (call $tuple3 (ref.i31 (i32.const 6)) (ref.i31 (i32.const 18)) (ref.i31 (i32.const 44))))))
  (if (ref.eq (local.get $item) (global.get $atom.creation)) (then (return (ref.i31 (i32.const 0)))))
  (if (ref.eq (local.get $item) (global.get $atom.process_limit)) (then (return (ref.i31 (i32.const 262144)))))
  (if (ref.eq (local.get $item) (global.get $atom.atom_limit)) (then (return (ref.i31 (i32.const 1048576)))))
  (if (ref.eq (local.get $item) (global.get $atom.atom_count)) (then (return (ref.i31 (global.get $atom_count)))))
  (if (ref.eq (local.get $item) (global.get $atom.port_limit)) (then (return (ref.i31 (i32.const 65536)))))
  (if (ref.eq (local.get $item) (global.get $atom.ets_limit)) (then (return (ref.i31 (i32.const 8192)))))
  (if (ref.eq (local.get $item) (global.get $atom.compat_rel)) (then (return (ref.i31 (i32.const 25)))))
  (if (ref.eq (local.get $item) (global.get $atom.context_reductions)) (then (return (ref.i31 (i32.const 4000)))))
  (if (ref.eq (local.get $item) (global.get $atom.dist_buf_busy_limit)) (then (return (ref.i31 (i32.const 1048576)))))
  (if (ref.eq (local.get $item) (global.get $atom.trace_control_word)) (then (return (ref.i31 (global.get $sf_trace_control_word)))))
  (if (i32.or (ref.eq (local.get $item) (global.get $atom.threads))
        (i32.or (ref.eq (local.get $item) (global.get $atom.smp_support))
          (i32.or (ref.eq (local.get $item) (global.get $atom.kernel_poll))
                  (ref.eq (local.get $item) (global.get $atom.eager_check_io)))))
    (then (return (global.get $atom.true))))
  (if (i32.or (ref.eq (local.get $item) (global.get $atom.debug_compiled))
        (i32.or (ref.eq (local.get $item) (global.get $atom.break_ignored))
                (ref.eq (local.get $item) (global.get $atom.port_parallelism))))
    (then (return (global.get $atom.false))))
  (if (i32.or (ref.eq (local.get $item) (global.get $atom.build_type)) (ref.eq (local.get $item) (global.get $atom.emu_type)))
    (then (return (global.get $atom.opt))))
  (if (ref.eq (local.get $item) (global.get $atom.emu_flavor)) (then (return (global.get $atom.jit))))
  (if (ref.eq (local.get $item) (global.get $atom.time_warp_mode)) (then (return (global.get $atom.no_time_warp))))
  (if (ref.eq (local.get $item) (global.get $atom.heap_type)) (then (return (global.get $atom.private))))
  (if (ref.eq (local.get $item) (global.get $atom.multi_scheduling)) (then (return (global.get $atom.enabled))))
  (if (ref.eq (local.get $item) (global.get $atom.tolerant_timeofday)) (then (return (global.get $atom.enabled))))
  (if (ref.eq (local.get $item) (global.get $atom.scheduler_bind_type)) (then (return (global.get $atom.unbound))))
  (if (ref.eq (local.get $item) (global.get $atom.dist_ctrl)) (then (return (ref.null none))))
  (if (ref.eq (local.get $item) (global.get $atom.fullsweep_after))
    (then (return (call $tuple2 (local.get $item) (ref.i31 (global.get $sf_fullsweep_after))))))
  (if (ref.eq (local.get $item) (global.get $atom.min_heap_size))
    (then (return (call $tuple2 (local.get $item) (ref.i31 (global.get $sf_min_heap_size))))))
  (if (ref.eq (local.get $item) (global.get $atom.min_bin_vheap_size))
    (then (return (call $tuple2 (local.get $item) (ref.i31 (global.get $sf_min_bin_vheap_size))))))
  (if (ref.eq (local.get $item) (global.get $atom.sequential_tracer))
    (then (return (call $tuple2 (local.get $item) (global.get $atom.false)))))
  (if (ref.eq (local.get $item) (global.get $atom.max_heap_size))
    (then (return (call $map_from_kv
      (array.new_fixed $tuple 3 (global.get $atom.error_logger) (global.get $atom.kill) (global.get $atom.size))
      (array.new_fixed $tuple 3 (global.get $atom.true) (global.get $atom.true) (ref.i31 (i32.const 0)))))))
  (if (ref.eq (local.get $item) (global.get $atom.cpu_topology))
    (then (return (struct.new $cons
      (call $tuple2 (global.get $atom.processor)
        (struct.new $cons (call $tuple2 (global.get $atom.core) (call $tuple2 (global.get $atom.logical) (ref.i31 (i32.const 0))))
          (struct.new $cons (call $tuple2 (global.get $atom.core) (call $tuple2 (global.get $atom.logical) (ref.i31 (i32.const 1))))
            (ref.null none))))
      (ref.null none)))))
  (if (ref.eq (local.get $item) (global.get $atom.c_compiler_used))
    (then (return (call $tuple2 (global.get $atom.gnuc)
      (call $tuple3 (ref.i31 (i32.const 12)) (ref.i31 (i32.const 2)) (ref.i31 (i32.const 0)))))))
  (call $fail_badarg))

;; The heap size the VM rounds a requested size `n` up to (erl_gc.c's table: 12, 38, then
;; each the sum of the two before plus one for 23 sizes, then 20% growth).
(func $next_heap_size (param $n i32) (result i32)
  (local $a i32) (local $b i32) (local $c i32) (local $i i32)
  (local.set $a (i32.const 12))
  (local.set $b (i32.const 38))
  (if (i32.le_s (local.get $n) (local.get $a)) (then (return (local.get $a))))
  (local.set $i (i32.const 1))
  (loop $next
    (if (i32.le_s (local.get $n) (local.get $b)) (then (return (local.get $b))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (local.set $c (if (result i32) (i32.lt_u (local.get $i) (i32.const 23))
      (then (i32.add (i32.add (local.get $a) (local.get $b)) (i32.const 1)))
      (else (i32.add (local.get $b) (i32.div_u (local.get $b) (i32.const 5))))))
    (local.set $a (local.get $b))
    (local.set $b (local.get $c))
    ;; past the i31 range the size would not be representable: stop at the last one
    (if (i32.lt_s (local.get $b) (local.get $a)) (then (return (local.get $a))))
    (br $next))
  (unreachable))

;; The new value of an integer system flag: a small non-negative integer, or -1.
(func $flag_value (param $v eqref) (result i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (i32.const -1))))
  (i31.get_s (ref.cast (ref i31) (local.get $v))))

;; erlang:system_flag/2 for the flags that change nothing observable here but their own
;; value; returns the old value. Others are badarg.
(func $erlang:system_flag/2 (param $flag eqref) (param $value eqref) (result eqref)
  (local $v i32) (local $old i32)
  (local.set $v (call $flag_value (local.get $value)))
  (if (ref.eq (local.get $flag) (global.get $atom.backtrace_depth))
    (then
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $old (global.get $backtrace_depth))
      ;; the VM caps the depth at 64
      (global.set $backtrace_depth (select (local.get $v) (i32.const 64) (i32.le_u (local.get $v) (i32.const 64))))
      (return (ref.i31 (local.get $old)))))
  (if (ref.eq (local.get $flag) (global.get $atom.schedulers_online))
    (then
      (if (i32.or (i32.lt_s (local.get $v) (i32.const 1)) (i32.gt_s (local.get $v) (i32.const 2)))
        (then (return (call $fail_badarg))))
      (local.set $old (global.get $sf_schedulers_online))
      (global.set $sf_schedulers_online (local.get $v))
      (return (ref.i31 (local.get $old)))))
  (if (ref.eq (local.get $flag) (global.get $atom.fullsweep_after))
    (then
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $old (global.get $sf_fullsweep_after))
      (global.set $sf_fullsweep_after (local.get $v))
      (return (ref.i31 (local.get $old)))))
  (if (ref.eq (local.get $flag) (global.get $atom.min_heap_size))
    (then
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $old (global.get $sf_min_heap_size))
      (global.set $sf_min_heap_size (call $next_heap_size (local.get $v)))
      (return (ref.i31 (local.get $old)))))
  (if (ref.eq (local.get $flag) (global.get $atom.min_bin_vheap_size))
    (then
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $old (global.get $sf_min_bin_vheap_size))
      (global.set $sf_min_bin_vheap_size (call $next_heap_size (local.get $v)))
      (return (ref.i31 (local.get $old)))))
  (if (ref.eq (local.get $flag) (global.get $atom.trace_control_word))
    (then
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $old (global.get $sf_trace_control_word))
      (global.set $sf_trace_control_word (local.get $v))
      (return (ref.i31 (local.get $old)))))
  (call $fail_badarg))

;; ---- modules of the program ------------------------------------------------------------------

;; The compiler replaces this body: 1 when M:F/A is exported by a module of the program
;; (module_info/0,1 included) or is a BIF of the reference VM (erlang:length/1,
;; erts_internal:map_next/3, ...), else 0. Every module of the program counts as loaded.
(func $hook:function_exported (param $m (ref $atom)) (param $f (ref $atom)) (param $arity i32) (result i32)
  (i32.const 0))

;; The compiler replaces this body: 1 when M is a module of the program (or `erlang`, or
;; another preloaded module whose BIFs the runtime implements), else 0.
(func $hook:module_loaded (param $m (ref $atom)) (result i32)
  (ref.eq (local.get $m) (global.get $atom.erlang)))

;; erlang:function_exported/3
(func $erlang:function_exported/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $n i32)
  (if (i32.eqz (i32.and (ref.test (ref $atom) (local.get $m)) (ref.test (ref $atom) (local.get $f))))
    (then (return (call $fail_badarg))))
  (if (ref.test (ref i31) (local.get $a))
    (then (local.set $n (i31.get_s (ref.cast (ref i31) (local.get $a)))))
    (else
      ;; a VM small integer beyond i31 is a valid arity no function has; a bignum is badarg
      (if (i32.eqz (ref.test (ref $int64) (local.get $a))) (then (return (call $fail_badarg))))
      (if (i64.ne (struct.get $int64 $v (ref.cast (ref $int64) (local.get $a)))
                  (i64.shr_s (i64.shl (struct.get $int64 $v (ref.cast (ref $int64) (local.get $a))) (i64.const 4)) (i64.const 4)))
        (then (return (call $fail_badarg))))
      (return (global.get $atom.false))))
  (if (i32.gt_u (local.get $n) (i32.const 255)) (then (return (global.get $atom.false))))
  (call $bool (call $hook:function_exported (ref.cast (ref $atom) (local.get $m)) (ref.cast (ref $atom) (local.get $f))
    (local.get $n))))

;; erlang:module_loaded/1
(func $erlang:module_loaded/1 (param $m eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $m))) (then (return (call $fail_badarg))))
  (call $bool (call $hook:module_loaded (ref.cast (ref $atom) (local.get $m)))))

;; The hook's item number of a get_module_info/2 item atom, -1 for `native`, -2 for none.
(func $module_info_item (param $i eqref) (result i32)
  (if (ref.eq (local.get $i) (global.get $atom.module)) (then (return (i32.const 0))))
  (if (ref.eq (local.get $i) (global.get $atom.exports)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $i) (global.get $atom.attributes)) (then (return (i32.const 2))))
  (if (ref.eq (local.get $i) (global.get $atom.compile)) (then (return (i32.const 3))))
  (if (ref.eq (local.get $i) (global.get $atom.md5)) (then (return (i32.const 4))))
  (if (ref.eq (local.get $i) (global.get $atom.functions)) (then (return (i32.const 5))))
  (if (ref.eq (local.get $i) (global.get $atom.nifs)) (then (return (i32.const 6))))
  (if (ref.eq (local.get $i) (global.get $atom.native)) (then (return (i32.const -1))))
  (i32.const -2))

;; erlang:get_module_info/2: badarg for an unknown item or a module not in the program.
(func $erlang:get_module_info/2 (param $m eqref) (param $item eqref) (result eqref)
  (local $k i32) (local $r eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $m))) (then (return (call $fail_badarg))))
  (local.set $k (call $module_info_item (local.get $item)))
  (if (i32.eq (local.get $k) (i32.const -2)) (then (return (call $fail_badarg))))
  ;; the module must exist whatever the item
  (local.set $r (call $hook:module_info (ref.cast (ref $atom) (local.get $m)) (i32.const 0)))
  (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
  (if (i32.eq (local.get $k) (i32.const -1)) (then (return (global.get $atom.false))))
  (local.set $r (call $hook:module_info (ref.cast (ref $atom) (local.get $m)) (local.get $k)))
  (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
  (local.get $r))

;; erlang:get_module_info/1: [{module, M}, {exports, ...}, {attributes, ...}, {compile, ...},
;; {md5, ...}].
(func $erlang:get_module_info/1 (param $m eqref) (result eqref)
  (local $k i32) (local $acc eqref) (local $r eqref) (local $name eqref)
  (if (i32.eqz (ref.test (ref $atom) (local.get $m))) (then (return (call $fail_badarg))))
  (local.set $k (i32.const 4))
  (loop $next
    (local.set $r (call $hook:module_info (ref.cast (ref $atom) (local.get $m)) (local.get $k)))
    (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
    (local.set $name
      (select (result eqref) (global.get $atom.module)
        (select (result eqref) (global.get $atom.exports)
          (select (result eqref) (global.get $atom.attributes)
            (select (result eqref) (global.get $atom.compile) (global.get $atom.md5) (i32.eq (local.get $k) (i32.const 3)))
            (i32.eq (local.get $k) (i32.const 2)))
          (i32.eq (local.get $k) (i32.const 1)))
        (i32.eqz (local.get $k))))
    (local.set $acc (struct.new $cons (call $tuple2 (local.get $name) (local.get $r)) (local.get $acc)))
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (br_if $next (i32.ge_s (local.get $k) (i32.const 0))))
  (local.get $acc))

;; erlang:nif_error/1: raises error:Reason with this BIF's frame (as the VM's stub does).
(func $erlang:nif_error/1 (param $r eqref) (result eqref)
  (call $fail (local.get $r)))

;; erlang:nif_error/2: the same; the arguments only appear in the frame.
(func $erlang:nif_error/2 (param $r eqref) (param $args eqref) (result eqref)
  (call $fail (local.get $r)))

;; ---- dynamic tracing (a VM built without DTrace) ----------------------------------------------

;; erlang:dt_spread_tag/1: true for a boolean.
(func $erlang:dt_spread_tag/1 (param $b eqref) (result eqref)
  (if (call $is_boolean (local.get $b)) (then (return (global.get $atom.true))))
  (call $fail_badarg))

;; erlang:dt_restore_tag/1: true for `true` (what dt_spread_tag/1 returned), else badarg.
(func $erlang:dt_restore_tag/1 (param $t eqref) (result eqref)
  (if (ref.eq (local.get $t) (global.get $atom.true)) (then (return (global.get $atom.true))))
  (call $fail_badarg))

;; erlang:dt_get_tag/0
(func $erlang:dt_get_tag/0 (result eqref)
  (global.get $atom.undefined))

;; erlang:dt_get_tag_data/0
(func $erlang:dt_get_tag_data/0 (result eqref)
  (global.get $atom.undefined))

;; erlang:dt_put_tag/1
(func $erlang:dt_put_tag/1 (param $t eqref) (result eqref)
  (global.get $atom.undefined))

;; erlang:dt_prepend_vm_tag_data/1: its argument.
(func $erlang:dt_prepend_vm_tag_data/1 (param $t eqref) (result eqref)
  (local.get $t))

;; erlang:dt_append_vm_tag_data/1: its argument.
(func $erlang:dt_append_vm_tag_data/1 (param $t eqref) (result eqref)
  (local.get $t))

;; ---- erts_internal:term_type/1 ------------------------------------------------------------------

;; erts_internal:term_type/1: the VM's internal type name of a term. Integers are named by
;; the VM's own representation (fixnum: 60-bit). Binaries by size as list_to_binary/1
;; makes them (heap_binary up to 64 bytes, refc_binary beyond), bitstrings sub_binary;
;; the VM also answers sub_binary for slices and for binaries built by appending.
(func $erts_internal:term_type/1 (param $t eqref) (result eqref)
  (local $v i64)
  (if (ref.is_null (local.get $t)) (then (return (global.get $atom.nil))))
  (if (ref.test (ref i31) (local.get $t)) (then (return (global.get $atom.fixnum))))
  (if (ref.test (ref $int64) (local.get $t))
    (then
      (local.set $v (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))
      (if (i64.eq (local.get $v) (i64.shr_s (i64.shl (local.get $v) (i64.const 4)) (i64.const 4)))
        (then (return (global.get $atom.fixnum))))
      (return (global.get $atom.bignum))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (global.get $atom.bignum))))
  (if (ref.test (ref $float) (local.get $t)) (then (return (global.get $atom.hfloat))))
  (if (ref.test (ref $atom) (local.get $t)) (then (return (global.get $atom.atom))))
  (if (ref.test (ref $cons) (local.get $t)) (then (return (global.get $atom.list))))
  (if (ref.test (ref $tuple) (local.get $t)) (then (return (global.get $atom.tuple))))
  (if (ref.test (ref $bin) (local.get $t))
    (then
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $t))) (then (return (global.get $atom.sub_binary))))
      ;; the VM keeps binaries of up to 64 bytes on the heap, larger ones reference-counted
      (if (i32.gt_u (struct.get $bin $size (ref.cast (ref $bin) (local.get $t))) (i32.const 64))
        (then (return (global.get $atom.refc_binary))))
      (return (global.get $atom.heap_binary))))
  (if (ref.test (ref $fmap) (local.get $t)) (then (return (global.get $atom.flatmap))))
  (if (ref.test (ref $hmap) (local.get $t))
    (then
      ;; an inner node from erts_internal:map_hashmap_children/1 (map.wat)
      (if (i32.lt_s (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $t))) (i32.const 0))
        (then (return (global.get $atom.hashmap_node))))
      (return (global.get $atom.hashmap))))
  (if (ref.test (ref $fun) (local.get $t))
    (then
      (if (struct.get $funinfo $kind (struct.get $fun $info (ref.cast (ref $fun) (local.get $t))))
        (then (return (global.get $atom.export))))
      (return (global.get $atom.fun))))
  (if (ref.test (ref $pid) (local.get $t)) (then (return (global.get $atom.pid))))
  (if (ref.test (ref $port) (local.get $t)) (then (return (global.get $atom.port))))
  (if (ref.test (ref $ref) (local.get $t)) (then (return (global.get $atom.reference))))
  (global.get $atom.unknown))

;; ---- persistent_term ------------------------------------------------------------------------

;; The store: keys and values in insertion order, pt_count of them. Terms are immutable,
;; so values are shared, never copied. Lookup is a linear scan with `=:=` (after a
;; pointer test): programs keep few persistent terms.
(global $pt_keys (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $pt_vals (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $pt_count (mut i32) (i32.const 0))

;; The index of `k` in the store, or -1.
(func $pt_find (param $k eqref) (result i32)
  (local $i i32) (local $x eqref)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $pt_count)))
      (local.set $x (array.get $tuple (global.get $pt_keys) (local.get $i)))
      (if (ref.eq (local.get $x) (local.get $k)) (then (return (local.get $i))))
      (if (call $eq_exact (local.get $x) (local.get $k)) (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const -1))

;; persistent_term:get/1: badarg for a missing key.
(func $persistent_term:get/1 (param $k eqref) (result eqref)
  (local $i i32)
  (local.set $i (call $pt_find (local.get $k)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (call $fail_badarg))))
  (array.get $tuple (global.get $pt_vals) (local.get $i)))

;; persistent_term:get/2
(func $persistent_term:get/2 (param $k eqref) (param $default eqref) (result eqref)
  (local $i i32)
  (local.set $i (call $pt_find (local.get $k)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (local.get $default))))
  (array.get $tuple (global.get $pt_vals) (local.get $i)))

;; persistent_term:put/2
(func $persistent_term:put/2 (param $k eqref) (param $v eqref) (result eqref)
  (local $i i32) (local $n i32) (local $grown (ref $tuple))
  (local.set $i (call $pt_find (local.get $k)))
  (if (i32.ge_s (local.get $i) (i32.const 0))
    (then
      (array.set $tuple (global.get $pt_vals) (local.get $i) (local.get $v))
      (return (global.get $atom.ok))))
  (local.set $n (array.len (global.get $pt_keys)))
  (if (i32.ge_u (global.get $pt_count) (local.get $n))
    (then
      (local.set $n (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 8)))
      (local.set $grown (array.new $tuple (ref.null none) (local.get $n)))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $pt_keys) (i32.const 0) (global.get $pt_count))
      (global.set $pt_keys (local.get $grown))
      (local.set $grown (array.new $tuple (ref.null none) (local.get $n)))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $pt_vals) (i32.const 0) (global.get $pt_count))
      (global.set $pt_vals (local.get $grown))))
  (array.set $tuple (global.get $pt_keys) (global.get $pt_count) (local.get $k))
  (array.set $tuple (global.get $pt_vals) (global.get $pt_count) (local.get $v))
  (global.set $pt_count (i32.add (global.get $pt_count) (i32.const 1)))
  (global.get $atom.ok))

;; persistent_term:erase/1: true when the key was there.
(func $persistent_term:erase/1 (param $k eqref) (result eqref)
  (local $i i32) (local $rest i32)
  (local.set $i (call $pt_find (local.get $k)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (global.get $atom.false))))
  (global.set $pt_count (i32.sub (global.get $pt_count) (i32.const 1)))
  (local.set $rest (i32.sub (global.get $pt_count) (local.get $i)))
  (array.copy $tuple $tuple (global.get $pt_keys) (local.get $i) (global.get $pt_keys) (i32.add (local.get $i) (i32.const 1)) (local.get $rest))
  (array.copy $tuple $tuple (global.get $pt_vals) (local.get $i) (global.get $pt_vals) (i32.add (local.get $i) (i32.const 1)) (local.get $rest))
  (array.set $tuple (global.get $pt_keys) (global.get $pt_count) (ref.null none))
  (array.set $tuple (global.get $pt_vals) (global.get $pt_count) (ref.null none))
  (global.get $atom.true))

;; persistent_term:get/0: [{Key, Value}] (the VM's order is its hash table's; ours is
;; insertion order).
(func $persistent_term:get/0 (result eqref)
  (local $i i32) (local $acc eqref)
  (local.set $i (global.get $pt_count))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons
        (call $tuple2 (array.get $tuple (global.get $pt_keys) (local.get $i)) (array.get $tuple (global.get $pt_vals) (local.get $i)))
        (local.get $acc)))
      (br $next)))
  (local.get $acc))

;; ---- the os environment ------------------------------------------------------------------------

;; The environment: names and values as flat character lists, in insertion order. It
;; starts empty; the host's start-up passes the real one through $os_env_add_entry.
(global $env_keys (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $env_vals (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $env_count (mut i32) (i32.const 0))

;; Flattens a deep list of characters (1..0x10FFFF; no NUL; no '=' when `is_name`) into a
;; fresh flat list, or returns $FAIL (badarg).
(func $env_string (param $t eqref) (param $is_name i32) (result eqref)
  (local $stack eqref) (local $head eqref) (local $last (ref null $cons)) (local $c (ref $cons))
  (local $h eqref) (local $v i32) (local $new (ref $cons))
  (block $done
    (loop $next
      (if (ref.is_null (local.get $t))
        (then
          ;; the end of a (sub)list: resume the enclosing one
          (br_if $done (ref.is_null (local.get $stack)))
          (local.set $t (struct.get $cons $hd (ref.cast (ref $cons) (local.get $stack))))
          (local.set $stack (struct.get $cons $tl (ref.cast (ref $cons) (local.get $stack))))
          (br $next)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $t))
        (return (call $fail_badarg))))
      (local.set $h (struct.get $cons $hd (local.get $c)))
      (local.set $t (struct.get $cons $tl (local.get $c)))
      (if (ref.test (ref null $cons) (local.get $h))
        (then
          (local.set $stack (struct.new $cons (local.get $t) (local.get $stack)))
          (local.set $t (local.get $h))
          (br $next)))
      (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (call $fail_badarg))))
      (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $h))))
      (if (i32.or (i32.eqz (local.get $v)) (i32.gt_u (local.get $v) (i32.const 0x10ffff)))
        (then (return (call $fail_badarg))))
      (if (i32.and (local.get $is_name) (i32.eq (local.get $v) (i32.const 61)))
        (then (return (call $fail_badarg))))
      (local.set $new (struct.new $cons (local.get $h) (ref.null none)))
      (if (ref.is_null (local.get $last))
        (then (local.set $head (local.get $new)))
        (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $new))))
      (local.set $last (local.get $new))
      (br $next)))
  (local.get $head))

;; The index of the (flat) name `k` in the environment, or -1.
(func $env_find (param $k eqref) (result i32)
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $env_count)))
      (if (call $eq_exact (array.get $tuple (global.get $env_keys) (local.get $i)) (local.get $k))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const -1))

;; Sets variable `k` to `v` (both flat lists), replacing an existing value in place.
(func $env_set (param $k eqref) (param $v eqref)
  (local $i i32) (local $n i32) (local $grown (ref $tuple))
  (local.set $i (call $env_find (local.get $k)))
  (if (i32.ge_s (local.get $i) (i32.const 0))
    (then (array.set $tuple (global.get $env_vals) (local.get $i) (local.get $v)) (return)))
  (local.set $n (array.len (global.get $env_keys)))
  (if (i32.ge_u (global.get $env_count) (local.get $n))
    (then
      (local.set $n (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 16)))
      (local.set $grown (array.new $tuple (ref.null none) (local.get $n)))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $env_keys) (i32.const 0) (global.get $env_count))
      (global.set $env_keys (local.get $grown))
      (local.set $grown (array.new $tuple (ref.null none) (local.get $n)))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $env_vals) (i32.const 0) (global.get $env_count))
      (global.set $env_vals (local.get $grown))))
  (array.set $tuple (global.get $env_keys) (global.get $env_count) (local.get $k))
  (array.set $tuple (global.get $env_vals) (global.get $env_count) (local.get $v))
  (global.set $env_count (i32.add (global.get $env_count) (i32.const 1))))

;; For the host's start-up: adds one `NAME=VALUE` entry given as UTF-8 bytes (split at the
;; first '='; an entry without one is ignored).
(func $os_env_add_entry (param $b (ref $bin))
  (local $d (ref $bytes)) (local $off i32) (local $n i32) (local $i i32)
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $n (struct.get $bin $size (local.get $b)))
  (block $found
    (loop $scan
      (if (i32.ge_u (local.get $i) (local.get $n)) (then (return)))
      (br_if $found (i32.eq (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))) (i32.const 61)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (call $env_set
    (call $utf8_to_list (local.get $d) (local.get $off) (local.get $i))
    (call $utf8_to_list (local.get $d) (i32.add (i32.add (local.get $off) (local.get $i)) (i32.const 1))
      (i32.sub (i32.sub (local.get $n) (local.get $i)) (i32.const 1)))))

;; os:set_signal(Signal, Option): the signals the VM lets a program handle, and how. The
;; hosts deliver no signals to a program, so a handled signal never arrives (kernel's
;; signal server, erl_signal_server, still runs: docs/LIMITATIONS.md).
(func $os:set_signal/2 (param $sig eqref) (param $opt eqref) (result eqref)
  (if (i32.eqz (i32.or (ref.eq (local.get $opt) (global.get $atom.handle))
                 (i32.or (ref.eq (local.get $opt) (global.get $atom.default))
                         (ref.eq (local.get $opt) (global.get $atom.ignore)))))
    (then (return (call $fail_badarg))))
  (if (i32.or (ref.eq (local.get $sig) (global.get $atom.sighup))
       (i32.or (ref.eq (local.get $sig) (global.get $atom.sigquit))
        (i32.or (ref.eq (local.get $sig) (global.get $atom.sigabrt))
         (i32.or (ref.eq (local.get $sig) (global.get $atom.sigalrm))
          (i32.or (ref.eq (local.get $sig) (global.get $atom.sigterm))
           (i32.or (ref.eq (local.get $sig) (global.get $atom.sigusr1))
            (i32.or (ref.eq (local.get $sig) (global.get $atom.sigusr2))
             (i32.or (ref.eq (local.get $sig) (global.get $atom.sigchld))
              (i32.or (ref.eq (local.get $sig) (global.get $atom.sigstop))
                      (ref.eq (local.get $sig) (global.get $atom.sigtstp)))))))))))
    (then (return (global.get $atom.ok))))
  (call $fail_badarg))

;; os:getpid/0: the operating-system process id of the process the program runs in, as a
;; string of digits, as the VM answers its own. The host tells it through the file system
;; (the link /proc/self names it); a host without one (a browser, workerd) has no process
;; id to give, and the call fails as an unsupported BIF does.
(func $os:getpid/0 (result eqref)
  (local $r i32)
  (call $stage_reserve (i32.const 10))
  ;; "/proc/self"
  (i64.store (i32.const 0) (i64.const 0x65732f636f72702f))
  (i32.store16 (i32.const 8) (i32.const 0x666c))
  (local.set $r (call $host.file_readlink (i32.const 0) (i32.const 10)))
  (if (i32.le_s (local.get $r) (i32.const 0))
    (then (call $raise_unsupported
      (call $tuple3 (global.get $atom.os) (global.get $atom.getpid) (ref.i31 (i32.const 0))))))
  (call $bin_to_charlist (call $bin_from_memory (i32.const 0) (local.get $r))))

;; os:getenv/1: the value as a string, or false.
(func $os:getenv/1 (param $name eqref) (result eqref)
  (local $k eqref) (local $i i32)
  (local.set $k (call $env_string (local.get $name) (i32.const 1)))
  (if (call $is_fail (local.get $k)) (then (return (local.get $k))))
  (local.set $i (call $env_find (local.get $k)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (global.get $atom.false))))
  (array.get $tuple (global.get $env_vals) (local.get $i)))

;; os:putenv/2
(func $os:putenv/2 (param $name eqref) (param $value eqref) (result eqref)
  (local $k eqref) (local $v eqref)
  (local.set $k (call $env_string (local.get $name) (i32.const 1)))
  (if (call $is_fail (local.get $k)) (then (return (local.get $k))))
  (local.set $v (call $env_string (local.get $value) (i32.const 0)))
  (if (call $is_fail (local.get $v)) (then (return (local.get $v))))
  (call $env_set (local.get $k) (local.get $v))
  (global.get $atom.true))

;; os:unsetenv/1
(func $os:unsetenv/1 (param $name eqref) (result eqref)
  (local $k eqref) (local $i i32) (local $rest i32)
  (local.set $k (call $env_string (local.get $name) (i32.const 1)))
  (if (call $is_fail (local.get $k)) (then (return (local.get $k))))
  (local.set $i (call $env_find (local.get $k)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (global.get $atom.true))))
  (global.set $env_count (i32.sub (global.get $env_count) (i32.const 1)))
  (local.set $rest (i32.sub (global.get $env_count) (local.get $i)))
  (array.copy $tuple $tuple (global.get $env_keys) (local.get $i) (global.get $env_keys) (i32.add (local.get $i) (i32.const 1)) (local.get $rest))
  (array.copy $tuple $tuple (global.get $env_vals) (local.get $i) (global.get $env_vals) (i32.add (local.get $i) (i32.const 1)) (local.get $rest))
  (global.get $atom.true))

;; os:env/0: [{Name, Value}] in insertion order.
(func $os:env/0 (result eqref)
  (local $i i32) (local $acc eqref)
  (local.set $i (global.get $env_count))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons
        (call $tuple2 (array.get $tuple (global.get $env_keys) (local.get $i)) (array.get $tuple (global.get $env_vals) (local.get $i)))
        (local.get $acc)))
      (br $next)))
  (local.get $acc))

;; ---- constants the standard library asks for -------------------------------------------------------

;; io:printable_range/0: latin1, the VM's default (also under `elixir`).
(func $io:printable_range/0 (result eqref)
  (global.get $atom.latin1))

;; file:native_name_encoding/0
(func $file:native_name_encoding/0 (result eqref)
  (global.get $atom.utf8))

;; ---- checksums: crc32, adler32, md5 (erl_bif_chksum.c) ---------------------------------------

;; The bytes of an iodata argument as a binary, or $FAIL (badarg; bitstrings included).
(func $chk_bytes (param $data eqref) (result eqref)
  (call $erlang:iolist_to_binary/1 (local.get $data)))

;; An unsigned 32-bit integer argument, or -1 (as i64) when it is not one.
(func $u32_arg (param $t eqref) (result i64)
  (local $v i64)
  (if (i32.eqz (call $is_integer (local.get $t))) (then (return (i64.const -1))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (i64.const -1))))
  (local.set $v (call $int_i64 (local.get $t)))
  (if (i64.gt_u (local.get $v) (i64.const 0xffffffff)) (then (return (i64.const -1))))
  (local.get $v))

;; The CRC-32 table (reflected polynomial 0xEDB88320), built on first use.
(global $crc_table (mut (ref null $limbs)) (ref.null none))

(func $crc_table (result (ref $limbs))
  (local $t (ref $limbs)) (local $n i32) (local $c i32) (local $k i32)
  (block $have (result (ref $limbs))
    (br_on_non_null $have (global.get $crc_table))
    (local.set $t (array.new_default $limbs (i32.const 256)))
    (loop $next
      (local.set $c (local.get $n))
      (local.set $k (i32.const 0))
      (loop $bit
        (local.set $c (if (result i32) (i32.and (local.get $c) (i32.const 1))
          (then (i32.xor (i32.shr_u (local.get $c) (i32.const 1)) (i32.const 0xedb88320)))
          (else (i32.shr_u (local.get $c) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $bit (i32.lt_u (local.get $k) (i32.const 8))))
      (array.set $limbs (local.get $t) (local.get $n) (local.get $c))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $n) (i32.const 256))))
    (global.set $crc_table (local.get $t))
    (local.get $t)))

;; The CRC-32 of binary `b` continuing from `crc`, as a term.
(func $crc32_of (param $crc i32) (param $b (ref $bin)) (result eqref)
  (local $t (ref $limbs)) (local $d (ref $bytes)) (local $i i32) (local $end i32)
  (local.set $t (call $crc_table))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $i (struct.get $bin $off (local.get $b)))
  (local.set $end (i32.add (local.get $i) (struct.get $bin $size (local.get $b))))
  (local.set $crc (i32.xor (local.get $crc) (i32.const -1)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $crc (i32.xor (i32.shr_u (local.get $crc) (i32.const 8))
        (array.get $limbs (local.get $t)
          (i32.and (i32.xor (local.get $crc) (array.get_u $bytes (local.get $d) (local.get $i))) (i32.const 0xff)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $mk_int (i64.extend_i32_u (i32.xor (local.get $crc) (i32.const -1)))))

;; erlang:crc32/1
(func $erlang:crc32/1 (param $data eqref) (result eqref)
  (local $b eqref)
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (call $crc32_of (i32.const 0) (ref.cast (ref $bin) (local.get $b))))

;; erlang:crc32/2: continues from OldCrc.
(func $erlang:crc32/2 (param $old eqref) (param $data eqref) (result eqref)
  (local $c i64) (local $b eqref)
  (local.set $c (call $u32_arg (local.get $old)))
  (if (i64.lt_s (local.get $c) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (call $crc32_of (i32.wrap_i64 (local.get $c)) (ref.cast (ref $bin) (local.get $b))))

;; a(x) * b(x) modulo the CRC-32 polynomial, reflected (zlib's multmodp).
(func $crc_multmodp (param $a i32) (param $b i32) (result i32)
  (local $m i32) (local $p i32)
  (local.set $m (i32.const 0x80000000))
  (loop $next
    (if (i32.and (local.get $a) (local.get $m))
      (then
        (local.set $p (i32.xor (local.get $p) (local.get $b)))
        (if (i32.eqz (i32.and (local.get $a) (i32.sub (local.get $m) (i32.const 1)))) (then (return (local.get $p))))))
    (local.set $m (i32.shr_u (local.get $m) (i32.const 1)))
    (local.set $b (if (result i32) (i32.and (local.get $b) (i32.const 1))
      (then (i32.xor (i32.shr_u (local.get $b) (i32.const 1)) (i32.const 0xedb88320)))
      (else (i32.shr_u (local.get $b) (i32.const 1)))))
    (br_if $next (local.get $m)))
  (local.get $p))

;; x^(8 n) modulo the CRC-32 polynomial (zlib's x2nmodp(n, 3)).
(func $crc_x8nmodp (param $n i64) (result i32)
  (local $p i32) (local $sq i32) (local $k i32)
  (local.set $p (i32.const 0x80000000))
  ;; sq = x^(2^k) for k = 3: square x (0x40000000) three times
  (local.set $sq (i32.const 0x40000000))
  (local.set $sq (call $crc_multmodp (local.get $sq) (local.get $sq)))
  (local.set $sq (call $crc_multmodp (local.get $sq) (local.get $sq)))
  (local.set $sq (call $crc_multmodp (local.get $sq) (local.get $sq)))
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $n)))
      (if (i32.wrap_i64 (i64.and (local.get $n) (i64.const 1)))
        (then (local.set $p (call $crc_multmodp (local.get $sq) (local.get $p)))))
      (local.set $n (i64.shr_u (local.get $n) (i64.const 1)))
      (local.set $sq (call $crc_multmodp (local.get $sq) (local.get $sq)))
      (br $next)))
  (local.get $p))

;; erlang:crc32_combine/3: the CRC of the concatenation, from both CRCs and the length of
;; the second part (an unsigned 32-bit integer).
(func $erlang:crc32_combine/3 (param $c1 eqref) (param $c2 eqref) (param $len eqref) (result eqref)
  (local $a i64) (local $b i64) (local $n i64)
  (local.set $a (call $u32_arg (local.get $c1)))
  (local.set $b (call $u32_arg (local.get $c2)))
  (local.set $n (call $u32_arg (local.get $len)))
  (if (i32.or (i64.lt_s (local.get $a) (i64.const 0)) (i32.or (i64.lt_s (local.get $b) (i64.const 0)) (i64.lt_s (local.get $n) (i64.const 0))))
    (then (return (call $fail_badarg))))
  (call $mk_int (i64.extend_i32_u (i32.xor
    (call $crc_multmodp (call $crc_x8nmodp (local.get $n)) (i32.wrap_i64 (local.get $a)))
    (i32.wrap_i64 (local.get $b))))))

;; The Adler-32 of binary `b` continuing from `adler`, as a term.
(func $adler32_of (param $adler i32) (param $b (ref $bin)) (result eqref)
  (local $s1 i32) (local $s2 i32) (local $d (ref $bytes)) (local $i i32) (local $end i32) (local $chunk i32)
  (local.set $s1 (i32.and (local.get $adler) (i32.const 0xffff)))
  (local.set $s2 (i32.shr_u (local.get $adler) (i32.const 16)))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $i (struct.get $bin $off (local.get $b)))
  (local.set $end (i32.add (local.get $i) (struct.get $bin $size (local.get $b))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      ;; at most 5552 bytes between reductions keep the sums within 32 bits (zlib's NMAX)
      (local.set $chunk (i32.add (local.get $i) (i32.const 5552)))
      (if (i32.gt_u (local.get $chunk) (local.get $end)) (then (local.set $chunk (local.get $end))))
      (block $run
        (loop $byte
          (br_if $run (i32.ge_u (local.get $i) (local.get $chunk)))
          (local.set $s1 (i32.add (local.get $s1) (array.get_u $bytes (local.get $d) (local.get $i))))
          (local.set $s2 (i32.add (local.get $s2) (local.get $s1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $byte)))
      (local.set $s1 (i32.rem_u (local.get $s1) (i32.const 65521)))
      (local.set $s2 (i32.rem_u (local.get $s2) (i32.const 65521)))
      (br $next)))
  ;; zlib reduces a starting value at or above the modulus even when no byte follows
  (local.set $s1 (i32.rem_u (local.get $s1) (i32.const 65521)))
  (local.set $s2 (i32.rem_u (local.get $s2) (i32.const 65521)))
  (call $mk_int (i64.extend_i32_u (i32.or (local.get $s1) (i32.shl (local.get $s2) (i32.const 16))))))

;; erlang:adler32/1
(func $erlang:adler32/1 (param $data eqref) (result eqref)
  (local $b eqref)
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (call $adler32_of (i32.const 1) (ref.cast (ref $bin) (local.get $b))))

;; erlang:adler32/2: continues from OldAdler.
(func $erlang:adler32/2 (param $old eqref) (param $data eqref) (result eqref)
  (local $a i64) (local $b eqref)
  (local.set $a (call $u32_arg (local.get $old)))
  (if (i64.lt_s (local.get $a) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (call $adler32_of (i32.wrap_i64 (local.get $a)) (ref.cast (ref $bin) (local.get $b))))

;; erlang:adler32_combine/3 (zlib's formula; a zero length gives the first checksum).
(func $erlang:adler32_combine/3 (param $c1 eqref) (param $c2 eqref) (param $len eqref) (result eqref)
  (local $a i64) (local $b i64) (local $n i64) (local $rem i32) (local $s1 i32) (local $s2 i32)
  (local.set $a (call $u32_arg (local.get $c1)))
  (local.set $b (call $u32_arg (local.get $c2)))
  (local.set $n (call $u32_arg (local.get $len)))
  (if (i32.or (i64.lt_s (local.get $a) (i64.const 0)) (i32.or (i64.lt_s (local.get $b) (i64.const 0)) (i64.lt_s (local.get $n) (i64.const 0))))
    (then (return (call $fail_badarg))))
  (if (i64.eqz (local.get $n)) (then (return (call $mk_int (local.get $a)))))
  (local.set $rem (i32.wrap_i64 (i64.rem_u (local.get $n) (i64.const 65521))))
  (local.set $s1 (i32.wrap_i64 (i64.and (local.get $a) (i64.const 0xffff))))
  (local.set $s2 (i32.wrap_i64 (i64.rem_u (i64.mul (i64.extend_i32_u (local.get $rem)) (i64.extend_i32_u (local.get $s1))) (i64.const 65521))))
  (local.set $s1 (i32.add (local.get $s1) (i32.add (i32.wrap_i64 (i64.and (local.get $b) (i64.const 0xffff))) (i32.const 65520))))
  (local.set $s2 (i32.add (local.get $s2)
    (i32.sub (i32.add (i32.add (i32.wrap_i64 (i64.shr_u (local.get $a) (i64.const 16))) (i32.wrap_i64 (i64.shr_u (local.get $b) (i64.const 16))))
                      (i32.const 65521))
             (local.get $rem))))
  (if (i32.ge_u (local.get $s1) (i32.const 65521)) (then (local.set $s1 (i32.sub (local.get $s1) (i32.const 65521)))))
  (if (i32.ge_u (local.get $s1) (i32.const 65521)) (then (local.set $s1 (i32.sub (local.get $s1) (i32.const 65521)))))
  (if (i32.ge_u (local.get $s2) (i32.const 131042)) (then (local.set $s2 (i32.sub (local.get $s2) (i32.const 131042)))))
  (if (i32.ge_u (local.get $s2) (i32.const 65521)) (then (local.set $s2 (i32.sub (local.get $s2) (i32.const 65521)))))
  (call $mk_int (i64.extend_i32_u (i32.or (local.get $s1) (i32.shl (local.get $s2) (i32.const 16))))))

;; MD5 (RFC 1321). A context is an 88-byte binary laid out as the VM's: the four state
;; words, the 64-bit bit count (little-endian), and the 64-byte block buffer, whose
;; bytes past the pending input are left as they were (as the RSA code leaves them). The
;; VM's md5_init/0 leaves that buffer uninitialised (it shows stray memory); ours is zeros.
(data $md5_k "\78\a4\6a\d7\56\b7\c7\e8\db\70\20\24\ee\ce\bd\c1\af\0f\7c\f5\2a\c6\87\47\13\46\30\a8\01\95\46\fd\d8\98\80\69\af\f7\44\8b\b1\5b\ff\ff\be\d7\5c\89\22\11\90\6b\93\71\98\fd\8e\43\79\a6\21\08\b4\49\62\25\1e\f6\40\b3\40\c0\51\5a\5e\26\aa\c7\b6\e9\5d\10\2f\d6\53\14\44\02\81\e6\a1\d8\c8\fb\d3\e7\e6\cd\e1\21\d6\07\37\c3\87\0d\d5\f4\ed\14\5a\45\05\e9\e3\a9\f8\a3\ef\fc\d9\02\6f\67\8a\4c\2a\8d\42\39\fa\ff\81\f6\71\87\22\61\9d\6d\0c\38\e5\fd\44\ea\be\a4\a9\cf\de\4b\60\4b\bb\f6\70\bc\bf\be\c6\7e\9b\28\fa\27\a1\ea\85\30\ef\d4\05\1d\88\04\39\d0\d4\d9\e5\99\db\e6\f8\7c\a2\1f\65\56\ac\c4\44\22\29\f4\97\ff\2a\43\a7\23\94\ab\39\a0\93\fc\c3\59\5b\65\92\cc\0c\8f\7d\f4\ef\ff\d1\5d\84\85\4f\7e\a8\6f\e0\e6\2c\fe\14\43\01\a3\a1\11\08\4e\82\7e\53\f7\35\f2\3a\bd\bb\d2\d7\2a\91\d3\86\eb")

(global $md5_k (mut (ref null $limbs)) (ref.null none))

;; The 64 MD5 constants as words.
(func $md5_consts (result (ref $limbs))
  (local $b (ref $bytes)) (local $k (ref $limbs)) (local $i i32)
  (block $have (result (ref $limbs))
    (br_on_non_null $have (global.get $md5_k))
    (local.set $b (array.new_data $bytes $md5_k (i32.const 0) (i32.const 256)))
    (local.set $k (array.new_default $limbs (i32.const 64)))
    (loop $next
      (array.set $limbs (local.get $k) (local.get $i) (call $bytes_u32le (local.get $b) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 64))))
    (global.set $md5_k (local.get $k))
    (local.get $k)))

;; Stores the little-endian word `v` at d[at..at+4].
(func $put_u32le (param $d (ref $bytes)) (param $at i32) (param $v i32)
  (array.set $bytes (local.get $d) (local.get $at) (local.get $v))
  (array.set $bytes (local.get $d) (i32.add (local.get $at) (i32.const 1)) (i32.shr_u (local.get $v) (i32.const 8)))
  (array.set $bytes (local.get $d) (i32.add (local.get $at) (i32.const 2)) (i32.shr_u (local.get $v) (i32.const 16)))
  (array.set $bytes (local.get $d) (i32.add (local.get $at) (i32.const 3)) (i32.shr_u (local.get $v) (i32.const 24))))

;; One 64-byte block at src[at..] into the state words ctx[0..16].
(func $md5_block (param $ctx (ref $bytes)) (param $src (ref $bytes)) (param $at i32)
  (local $k (ref $limbs)) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $f i32)
  (local $g i32) (local $i i32) (local $s i32) (local $round i32)
  (local.set $k (call $md5_consts))
  (local.set $a (call $bytes_u32le (local.get $ctx) (i32.const 0)))
  (local.set $b (call $bytes_u32le (local.get $ctx) (i32.const 4)))
  (local.set $c (call $bytes_u32le (local.get $ctx) (i32.const 8)))
  (local.set $d (call $bytes_u32le (local.get $ctx) (i32.const 12)))
  (loop $step
    (local.set $round (i32.shr_u (local.get $i) (i32.const 4)))
    (if (i32.eqz (local.get $round))
      (then
        (local.set $f (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))))
        (local.set $g (local.get $i))
        (local.set $s (select (i32.const 7) (select (i32.const 12) (select (i32.const 17) (i32.const 22)
          (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 2))) (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 1)))
          (i32.eqz (i32.and (local.get $i) (i32.const 3)))))))
    (if (i32.eq (local.get $round) (i32.const 1))
      (then
        (local.set $f (i32.or (i32.and (local.get $d) (local.get $b)) (i32.and (i32.xor (local.get $d) (i32.const -1)) (local.get $c))))
        (local.set $g (i32.and (i32.add (i32.mul (local.get $i) (i32.const 5)) (i32.const 1)) (i32.const 15)))
        (local.set $s (select (i32.const 5) (select (i32.const 9) (select (i32.const 14) (i32.const 20)
          (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 2))) (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 1)))
          (i32.eqz (i32.and (local.get $i) (i32.const 3)))))))
    (if (i32.eq (local.get $round) (i32.const 2))
      (then
        (local.set $f (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
        (local.set $g (i32.and (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 5)) (i32.const 15)))
        (local.set $s (select (i32.const 4) (select (i32.const 11) (select (i32.const 16) (i32.const 23)
          (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 2))) (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 1)))
          (i32.eqz (i32.and (local.get $i) (i32.const 3)))))))
    (if (i32.eq (local.get $round) (i32.const 3))
      (then
        (local.set $f (i32.xor (local.get $c) (i32.or (local.get $b) (i32.xor (local.get $d) (i32.const -1)))))
        (local.set $g (i32.and (i32.mul (local.get $i) (i32.const 7)) (i32.const 15)))
        (local.set $s (select (i32.const 6) (select (i32.const 10) (select (i32.const 15) (i32.const 21)
          (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 2))) (i32.eq (i32.and (local.get $i) (i32.const 3)) (i32.const 1)))
          (i32.eqz (i32.and (local.get $i) (i32.const 3)))))))
    (local.set $f (i32.add (i32.add (local.get $f) (local.get $a))
      (i32.add (array.get $limbs (local.get $k) (local.get $i))
               (call $bytes_u32le (local.get $src) (i32.add (local.get $at) (i32.shl (local.get $g) (i32.const 2)))))))
    (local.set $a (local.get $d))
    (local.set $d (local.get $c))
    (local.set $c (local.get $b))
    (local.set $b (i32.add (local.get $b) (i32.rotl (local.get $f) (local.get $s))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $step (i32.lt_u (local.get $i) (i32.const 64))))
  (call $put_u32le (local.get $ctx) (i32.const 0) (i32.add (call $bytes_u32le (local.get $ctx) (i32.const 0)) (local.get $a)))
  (call $put_u32le (local.get $ctx) (i32.const 4) (i32.add (call $bytes_u32le (local.get $ctx) (i32.const 4)) (local.get $b)))
  (call $put_u32le (local.get $ctx) (i32.const 8) (i32.add (call $bytes_u32le (local.get $ctx) (i32.const 8)) (local.get $c)))
  (call $put_u32le (local.get $ctx) (i32.const 12) (i32.add (call $bytes_u32le (local.get $ctx) (i32.const 12)) (local.get $d))))

;; A fresh context.
(func $md5_new (result (ref $bytes))
  (local $ctx (ref $bytes))
  (local.set $ctx (array.new_default $bytes (i32.const 88)))
  (call $put_u32le (local.get $ctx) (i32.const 0) (i32.const 0x67452301))
  (call $put_u32le (local.get $ctx) (i32.const 4) (i32.const 0xefcdab89))
  (call $put_u32le (local.get $ctx) (i32.const 8) (i32.const 0x98badcfe))
  (call $put_u32le (local.get $ctx) (i32.const 12) (i32.const 0x10325476))
  (local.get $ctx))

;; Feeds `len` bytes of `src` from `off` into the context (the RSA MD5Update).
(func $md5_feed (param $ctx (ref $bytes)) (param $src (ref $bytes)) (param $off i32) (param $len i32)
  (local $count i64) (local $index i32) (local $part i32) (local $i i32)
  (local.set $count (i64.or (i64.extend_i32_u (call $bytes_u32le (local.get $ctx) (i32.const 16)))
    (i64.shl (i64.extend_i32_u (call $bytes_u32le (local.get $ctx) (i32.const 20))) (i64.const 32))))
  (local.set $index (i32.and (i32.wrap_i64 (i64.shr_u (local.get $count) (i64.const 3))) (i32.const 63)))
  (local.set $count (i64.add (local.get $count) (i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 3))))
  (call $put_u32le (local.get $ctx) (i32.const 16) (i32.wrap_i64 (local.get $count)))
  (call $put_u32le (local.get $ctx) (i32.const 20) (i32.wrap_i64 (i64.shr_u (local.get $count) (i64.const 32))))
  (local.set $part (i32.sub (i32.const 64) (local.get $index)))
  (if (i32.ge_u (local.get $len) (local.get $part))
    (then
      (array.copy $bytes $bytes (local.get $ctx) (i32.add (i32.const 24) (local.get $index)) (local.get $src) (local.get $off) (local.get $part))
      (call $md5_block (local.get $ctx) (local.get $ctx) (i32.const 24))
      (local.set $i (local.get $part))
      (block $done
        (loop $next
          (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $len)))
          (call $md5_block (local.get $ctx) (local.get $src) (i32.add (local.get $off) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 64)))
          (br $next)))
      (local.set $index (i32.const 0))))
  (array.copy $bytes $bytes (local.get $ctx) (i32.add (i32.const 24) (local.get $index))
    (local.get $src) (i32.add (local.get $off) (local.get $i)) (i32.sub (local.get $len) (local.get $i))))

;; The digest of a context (which it pads, as MD5Final does, on a copy).
(func $md5_digest (param $ctx0 (ref $bytes)) (result eqref)
  (local $ctx (ref $bytes)) (local $bits (ref $bytes)) (local $index i32) (local $pad i32) (local $padding (ref $bytes))
  (local.set $ctx (array.new_default $bytes (i32.const 88)))
  (array.copy $bytes $bytes (local.get $ctx) (i32.const 0) (local.get $ctx0) (i32.const 0) (i32.const 88))
  (local.set $bits (array.new_default $bytes (i32.const 8)))
  (array.copy $bytes $bytes (local.get $bits) (i32.const 0) (local.get $ctx) (i32.const 16) (i32.const 8))
  (local.set $index (i32.and (i32.shr_u (call $bytes_u32le (local.get $ctx) (i32.const 16)) (i32.const 3)) (i32.const 63)))
  (local.set $pad (select (i32.sub (i32.const 56) (local.get $index)) (i32.sub (i32.const 120) (local.get $index))
    (i32.lt_u (local.get $index) (i32.const 56))))
  (local.set $padding (array.new_default $bytes (local.get $pad)))
  (array.set $bytes (local.get $padding) (i32.const 0) (i32.const 0x80))
  (call $md5_feed (local.get $ctx) (local.get $padding) (i32.const 0) (local.get $pad))
  (call $md5_feed (local.get $ctx) (local.get $bits) (i32.const 0) (i32.const 8))
  (call $bin_copy (local.get $ctx) (i32.const 0) (i32.const 16)))

;; erlang:md5/1
(func $erlang:md5/1 (param $data eqref) (result eqref)
  (local $b eqref) (local $bin (ref $bin)) (local $ctx (ref $bytes))
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (local.set $ctx (call $md5_new))
  (call $md5_feed (local.get $ctx) (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin))
    (struct.get $bin $size (local.get $bin)))
  (call $md5_digest (local.get $ctx)))

;; erlang:md5_init/0
(func $erlang:md5_init/0 (result eqref)
  (call $bin_of (call $md5_new)))

;; A context argument (an 88-byte binary) as a fresh copy of its bytes, or null.
(func $md5_ctx_arg (param $t eqref) (result (ref null $bytes))
  (local $b (ref $bin)) (local $ctx (ref $bytes))
  (local.set $b (block $is (result (ref $bin))
    (br_on_cast $is eqref (ref $bin) (local.get $t))
    (return (ref.null none))))
  (if (i32.or (struct.get $bin $bits (local.get $b)) (i32.ne (struct.get $bin $size (local.get $b)) (i32.const 88)))
    (then (return (ref.null none))))
  (local.set $ctx (array.new_default $bytes (i32.const 88)))
  (array.copy $bytes $bytes (local.get $ctx) (i32.const 0) (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (i32.const 88))
  (local.get $ctx))

;; erlang:md5_update/2: a new context.
(func $erlang:md5_update/2 (param $c eqref) (param $data eqref) (result eqref)
  (local $ctx (ref null $bytes)) (local $b eqref) (local $bin (ref $bin))
  (local.set $ctx (call $md5_ctx_arg (local.get $c)))
  (if (ref.is_null (local.get $ctx)) (then (return (call $fail_badarg))))
  (local.set $b (call $chk_bytes (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (local.get $b))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (call $md5_feed (ref.as_non_null (local.get $ctx)) (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin))
    (struct.get $bin $size (local.get $bin)))
  (call $bin_of (ref.as_non_null (local.get $ctx))))

;; erlang:md5_final/1
(func $erlang:md5_final/1 (param $c eqref) (result eqref)
  (local $ctx (ref null $bytes))
  (local.set $ctx (call $md5_ctx_arg (local.get $c)))
  (if (ref.is_null (local.get $ctx)) (then (return (call $fail_badarg))))
  (call $md5_digest (ref.as_non_null (local.get $ctx))))

;; ---- more of the system ---------------------------------------------------------------------

;; The compiler replaces this body: 1 when M:F/A is a BIF of the reference VM (its
;; erlang:is_builtin/3; crates/compiler/data/bifs.tsv), else 0.
(func $hook:is_builtin (param $m (ref $atom)) (param $f (ref $atom)) (param $arity i32) (result i32)
  (i32.const 0))

;; erlang:is_builtin/3
(func $erlang:is_builtin/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $n i32)
  (if (i32.eqz (i32.and (ref.test (ref $atom) (local.get $m)) (ref.test (ref $atom) (local.get $f))))
    (then (return (call $fail_badarg))))
  (if (ref.test (ref i31) (local.get $a))
    (then (local.set $n (i31.get_s (ref.cast (ref i31) (local.get $a)))))
    (else
      (if (i32.eqz (ref.test (ref $int64) (local.get $a))) (then (return (call $fail_badarg))))
      (if (i64.ne (struct.get $int64 $v (ref.cast (ref $int64) (local.get $a)))
                  (i64.shr_s (i64.shl (struct.get $int64 $v (ref.cast (ref $int64) (local.get $a))) (i64.const 4)) (i64.const 4)))
        (then (return (call $fail_badarg))))
      (return (global.get $atom.false))))
  (if (i32.gt_u (local.get $n) (i32.const 255)) (then (return (global.get $atom.false))))
  (call $bool (call $hook:is_builtin (ref.cast (ref $atom) (local.get $m)) (ref.cast (ref $atom) (local.get $f)) (local.get $n))))

;; erts_internal:get_creation/0: a non-distributed node has none.
(func $erts_internal:get_creation/0 (result eqref)
  (global.get $atom.undefined))

;; persistent_term:info/0: #{count => N, memory => Words}, the memory an estimate (the VM
;; counts the words of its copies).
(func $persistent_term:info/0 (result eqref)
  (call $map_from_kv
    (array.new_fixed $tuple 2 (global.get $atom.count) (global.get $atom.memory))
    (array.new_fixed $tuple 2 (ref.i31 (global.get $pt_count)) (ref.i31 (i32.mul (global.get $pt_count) (i32.const 56))))))
