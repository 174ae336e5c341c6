;; atom_bif.wat — the atom BIFs (atom_to_list/1, atom_to_binary/2, list_to_atom/1,
;; list_to_existing_atom/1, binary_to_atom/2, binary_to_existing_atom/2) and the type-test
;; BIFs called as functions (is_atom/1, is_integer/1, ...: true/false).
;;
;; Atom names are UTF-8 in the atom table (atom.wat). A name holds at most 255 characters
;; (the VM's MAX_ATOM_CHARACTERS); a longer one is `system_limit` when creating an atom and
;; `badarg` when looking one up. Like the VM, the scans stop at the 256th character before
;; checking it, so `[$a × 255, bad]` is system_limit while `[bad, $a × 300]` is badarg;
;; a binary of more than 4 × 255 bytes is system_limit before any byte is looked at.
;;
;; BIFs take and return eqref and fail by returning $FAIL (docs/ABI.md §3).

(global $MAX_ATOM_CHARS i32 (i32.const 255))

;; Scratch buffer for names being built: 4 bytes per character at most.
(global $atom_buf (mut (ref null $bytes)) (ref.null none))

(func $atom_scratch (result (ref $bytes))
  (block $have (result (ref $bytes))
    (br_on_non_null $have (global.get $atom_buf))
    (global.set $atom_buf (array.new_default $bytes (i32.const 1024)))
    (ref.as_non_null (global.get $atom_buf))))

;; Writes the UTF-8 encoding of code point `cp` (valid) at `buf[pos..]`; the new position.
(func $utf8_put (param $buf (ref $bytes)) (param $pos i32) (param $cp i32) (result i32)
  (if (i32.lt_u (local.get $cp) (i32.const 0x80))
    (then
      (array.set $bytes (local.get $buf) (local.get $pos) (local.get $cp))
      (return (i32.add (local.get $pos) (i32.const 1)))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x800))
    (then
      (array.set $bytes (local.get $buf) (local.get $pos)
        (i32.or (i32.const 0xc0) (i32.shr_u (local.get $cp) (i32.const 6))))
      (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 1))
        (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3f))))
      (return (i32.add (local.get $pos) (i32.const 2)))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
    (then
      (array.set $bytes (local.get $buf) (local.get $pos)
        (i32.or (i32.const 0xe0) (i32.shr_u (local.get $cp) (i32.const 12))))
      (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 1))
        (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3f))))
      (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 2))
        (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3f))))
      (return (i32.add (local.get $pos) (i32.const 3)))))
  (array.set $bytes (local.get $buf) (local.get $pos)
    (i32.or (i32.const 0xf0) (i32.shr_u (local.get $cp) (i32.const 18))))
  (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 1))
    (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 12)) (i32.const 0x3f))))
  (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 2))
    (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3f))))
  (array.set $bytes (local.get $buf) (i32.add (local.get $pos) (i32.const 3))
    (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3f))))
  (i32.add (local.get $pos) (i32.const 4)))

;; Decodes one strict UTF-8 character at d[pos..end): returns (cp << 3) | length, or -1
;; when the bytes there are not a valid, shortest-form, non-surrogate character.
(func $utf8_next (param $d (ref $bytes)) (param $pos i32) (param $end i32) (result i32)
  (local $b i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $cp i32)
  (local.set $b (array.get_u $bytes (local.get $d) (local.get $pos)))
  (if (i32.lt_u (local.get $b) (i32.const 0x80))
    (then (return (i32.or (i32.shl (local.get $b) (i32.const 3)) (i32.const 1)))))
  (if (i32.lt_u (local.get $b) (i32.const 0xc2)) (then (return (i32.const -1))))
  (if (i32.ge_u (i32.add (local.get $pos) (i32.const 1)) (local.get $end)) (then (return (i32.const -1))))
  (local.set $c1 (i32.xor (array.get_u $bytes (local.get $d) (i32.add (local.get $pos) (i32.const 1))) (i32.const 0x80)))
  (if (i32.gt_u (local.get $c1) (i32.const 0x3f)) (then (return (i32.const -1))))
  (if (i32.lt_u (local.get $b) (i32.const 0xe0))
    (then
      (return (i32.or (i32.shl (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
                                       (local.get $c1)) (i32.const 3))
                      (i32.const 2)))))
  (if (i32.ge_u (i32.add (local.get $pos) (i32.const 2)) (local.get $end)) (then (return (i32.const -1))))
  (local.set $c2 (i32.xor (array.get_u $bytes (local.get $d) (i32.add (local.get $pos) (i32.const 2))) (i32.const 0x80)))
  (if (i32.gt_u (local.get $c2) (i32.const 0x3f)) (then (return (i32.const -1))))
  (if (i32.lt_u (local.get $b) (i32.const 0xf0))
    (then
      (local.set $cp (i32.or (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x0f)) (i32.const 12))
                                     (i32.shl (local.get $c1) (i32.const 6)))
                             (local.get $c2)))
      (if (i32.lt_u (local.get $cp) (i32.const 0x800)) (then (return (i32.const -1))))
      (if (i32.eq (i32.and (local.get $cp) (i32.const 0xf800)) (i32.const 0xd800)) (then (return (i32.const -1))))
      (return (i32.or (i32.shl (local.get $cp) (i32.const 3)) (i32.const 3)))))
  (if (i32.gt_u (local.get $b) (i32.const 0xf4)) (then (return (i32.const -1))))
  (if (i32.ge_u (i32.add (local.get $pos) (i32.const 3)) (local.get $end)) (then (return (i32.const -1))))
  (local.set $c3 (i32.xor (array.get_u $bytes (local.get $d) (i32.add (local.get $pos) (i32.const 3))) (i32.const 0x80)))
  (if (i32.gt_u (local.get $c3) (i32.const 0x3f)) (then (return (i32.const -1))))
  (local.set $cp (i32.or (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x07)) (i32.const 18))
                                 (i32.shl (local.get $c1) (i32.const 12)))
                         (i32.or (i32.shl (local.get $c2) (i32.const 6)) (local.get $c3))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x10000)) (then (return (i32.const -1))))
  (if (i32.gt_u (local.get $cp) (i32.const 0x10ffff)) (then (return (i32.const -1))))
  (i32.or (i32.shl (local.get $cp) (i32.const 3)) (i32.const 4)))

;; The code points of the (valid) UTF-8 bytes d[off..off+len) as a list.
(func $utf8_to_list (param $d (ref $bytes)) (param $off i32) (param $len i32) (result eqref)
  (local $pos i32) (local $end i32) (local $r i32) (local $head eqref) (local $last (ref null $cons))
  (local $c (ref $cons)) (local $b i32)
  (local.set $pos (local.get $off))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
      (local.set $b (array.get_u $bytes (local.get $d) (local.get $pos)))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then (local.set $r (i32.or (i32.shl (local.get $b) (i32.const 3)) (i32.const 1))))
        (else (local.set $r (call $utf8_next (local.get $d) (local.get $pos) (local.get $end)))))
      ;; the atom table holds valid UTF-8; a bad byte would only stop the loop
      (if (i32.lt_s (local.get $r) (i32.const 0)) (then (br $done)))
      (local.set $c (struct.new $cons (ref.i31 (i32.shr_u (local.get $r) (i32.const 3))) (ref.null none)))
      (if (ref.is_null (local.get $last))
        (then (local.set $head (local.get $c)))
        (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $c))))
      (local.set $last (local.get $c))
      (local.set $pos (i32.add (local.get $pos) (i32.and (local.get $r) (i32.const 7))))
      (br $next)))
  (local.get $head))

;; erlang:atom_to_list/1
(func $erlang:atom_to_list/1 (param $a eqref) (result eqref)
  (local $name (ref $bin))
  (if (i32.eqz (ref.test (ref $atom) (local.get $a))) (then (return (call $fail_badarg))))
  (local.set $name (call $atom_name (ref.cast (ref $atom) (local.get $a))))
  (call $utf8_to_list (struct.get $bin $data (local.get $name)) (struct.get $bin $off (local.get $name))
    (struct.get $bin $size (local.get $name))))

;; Which encoding an argument names: 0 latin1, 1 utf8 or unicode, -1 neither.
(func $atom_encoding (param $e eqref) (result i32)
  (if (ref.eq (local.get $e) (global.get $atom.utf8)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $e) (global.get $atom.unicode)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $e) (global.get $atom.latin1)) (then (return (i32.const 0))))
  (i32.const -1))

;; erlang:atom_to_binary/2. The UTF-8 form shares the atom table's bytes (binaries are
;; immutable and the name's binary has no write cursor); latin1 fails on a character
;; above 255.
(func $erlang:atom_to_binary/2 (param $a eqref) (param $enc eqref) (result eqref)
  (local $name (ref $bin)) (local $e i32) (local $d (ref $bytes)) (local $off i32) (local $len i32)
  (local $i i32) (local $b i32) (local $n i32) (local $out (ref $bytes))
  (if (i32.eqz (ref.test (ref $atom) (local.get $a))) (then (return (call $fail_badarg))))
  (local.set $e (call $atom_encoding (local.get $enc)))
  (if (i32.lt_s (local.get $e) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $name (call $atom_name (ref.cast (ref $atom) (local.get $a))))
  (if (local.get $e) (then (return (local.get $name))))
  ;; latin1: count the characters; any lead byte above 0xC3 means a character > 255
  (local.set $d (struct.get $bin $data (local.get $name)))
  (local.set $off (struct.get $bin $off (local.get $name)))
  (local.set $len (struct.get $bin $size (local.get $name)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (if (i32.ge_u (local.get $b) (i32.const 0xc4)) (then (return (call $fail_badarg))))
      (if (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80))
        (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.eq (local.get $n) (local.get $len)) (then (return (local.get $name))))
  (local.set $out (array.new_default $bytes (local.get $n)))
  (local.set $i (i32.const 0))
  (local.set $n (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $b (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (if (i32.lt_u (local.get $b) (i32.const 0x80))
        (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
        (else
          (local.set $b (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
            (i32.and (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (i32.add (local.get $i) (i32.const 1))))
                     (i32.const 0x3f))))
          (local.set $i (i32.add (local.get $i) (i32.const 2)))))
      (array.set $bytes (local.get $out) (local.get $n) (local.get $b))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
  (call $bin_of (local.get $out)))

;; Converts the binary argument `b` of binary_to_atom/binary_to_existing_atom to a UTF-8
;; name in (data, off, len) globals below. Returns 0 on success, or the failure code:
;; 1 badarg, 2 system_limit.
(global $name_data (mut (ref null $bytes)) (ref.null none))
(global $name_off (mut i32) (i32.const 0))
(global $name_len (mut i32) (i32.const 0))

(func $binary_atom_name (param $b eqref) (param $enc eqref) (result i32)
  (local $bin (ref $bin)) (local $e i32) (local $d (ref $bytes)) (local $off i32) (local $len i32)
  (local $end i32) (local $i i32) (local $n i32) (local $r i32) (local $b8 i32) (local $buf (ref $bytes))
  (local $hi i32)
  (local.set $bin (block $is (result (ref $bin))
    (br_on_cast $is eqref (ref $bin) (local.get $b))
    (return (i32.const 1))))
  (if (struct.get $bin $bits (local.get $bin)) (then (return (i32.const 1))))
  (local.set $e (call $atom_encoding (local.get $enc)))
  (if (i32.lt_s (local.get $e) (i32.const 0)) (then (return (i32.const 1))))
  (local.set $d (struct.get $bin $data (local.get $bin)))
  (local.set $off (struct.get $bin $off (local.get $bin)))
  (local.set $len (struct.get $bin $size (local.get $bin)))
  (local.set $end (i32.add (local.get $off) (local.get $len)))
  (if (i32.eqz (local.get $e))
    (then
      ;; latin1: one character per byte; bytes above 127 become two UTF-8 bytes
      (if (i32.gt_u (local.get $len) (global.get $MAX_ATOM_CHARS)) (then (return (i32.const 2))))
      (local.set $i (local.get $off))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $hi (i32.or (local.get $hi) (array.get_u $bytes (local.get $d) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (if (i32.lt_u (local.get $hi) (i32.const 0x80))
        (then
          (global.set $name_data (local.get $d))
          (global.set $name_off (local.get $off))
          (global.set $name_len (local.get $len))
          (return (i32.const 0))))
      (local.set $buf (call $atom_scratch))
      (local.set $i (local.get $off))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $n (call $utf8_put (local.get $buf) (local.get $n)
            (array.get_u $bytes (local.get $d) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (global.set $name_data (local.get $buf))
      (global.set $name_off (i32.const 0))
      (global.set $name_len (local.get $n))
      (return (i32.const 0))))
  ;; utf8: at most 4 bytes per character, then a strict scan counting characters
  (if (i32.gt_u (local.get $len) (i32.mul (global.get $MAX_ATOM_CHARS) (i32.const 4)))
    (then (return (i32.const 2))))
  (local.set $i (local.get $off))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (if (i32.ge_u (local.get $n) (global.get $MAX_ATOM_CHARS)) (then (return (i32.const 2))))
      (local.set $b8 (array.get_u $bytes (local.get $d) (local.get $i)))
      (if (i32.lt_u (local.get $b8) (i32.const 0x80))
        (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
        (else
          (local.set $r (call $utf8_next (local.get $d) (local.get $i) (local.get $end)))
          (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.and (local.get $r) (i32.const 7))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
  (global.set $name_data (local.get $d))
  (global.set $name_off (local.get $off))
  (global.set $name_len (local.get $len))
  (i32.const 0))

;; erlang:binary_to_atom/2
(func $erlang:binary_to_atom/2 (param $b eqref) (param $enc eqref) (result eqref)
  (local $r i32)
  (local.set $r (call $binary_atom_name (local.get $b) (local.get $enc)))
  (if (i32.eq (local.get $r) (i32.const 2)) (then (return (call $fail (global.get $atom.system_limit)))))
  (if (local.get $r) (then (return (call $fail_badarg))))
  (call $atom_intern (ref.as_non_null (global.get $name_data)) (global.get $name_off) (global.get $name_len)))

;; erlang:binary_to_existing_atom/2: every failure, a too-long name included, is badarg.
(func $erlang:binary_to_existing_atom/2 (param $b eqref) (param $enc eqref) (result eqref)
  (local $id i32)
  (if (call $binary_atom_name (local.get $b) (local.get $enc)) (then (return (call $fail_badarg))))
  (local.set $id (call $atom_find_existing (ref.as_non_null (global.get $name_data)) (global.get $name_off) (global.get $name_len)))
  (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atom_get (local.get $id)))

;; Encodes the character list `l` as UTF-8 into the scratch buffer: the byte length, or
;; -1 (badarg) or -2 (system_limit).
(func $list_atom_name (param $l eqref) (result i32)
  (local $buf (ref $bytes)) (local $n i32) (local $pos i32) (local $c (ref $cons)) (local $h eqref)
  (local $cp i32)
  (local.set $buf (call $atom_scratch))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (i32.const -1))))
      (if (i32.ge_u (local.get $n) (global.get $MAX_ATOM_CHARS)) (then (return (i32.const -2))))
      (local.set $h (struct.get $cons $hd (local.get $c)))
      (if (i32.eqz (ref.test (ref i31) (local.get $h))) (then (return (i32.const -1))))
      (local.set $cp (i31.get_s (ref.cast (ref i31) (local.get $h))))
      (if (i32.gt_u (local.get $cp) (i32.const 0x10ffff)) (then (return (i32.const -1))))
      (if (i32.eq (i32.and (local.get $cp) (i32.const 0x1ff800)) (i32.const 0xd800)) (then (return (i32.const -1))))
      (local.set $pos (call $utf8_put (local.get $buf) (local.get $pos) (local.get $cp)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (local.get $pos))

;; erlang:list_to_atom/1
(func $erlang:list_to_atom/1 (param $l eqref) (result eqref)
  (local $len i32)
  (local.set $len (call $list_atom_name (local.get $l)))
  (if (i32.eq (local.get $len) (i32.const -2)) (then (return (call $fail (global.get $atom.system_limit)))))
  (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atom_intern (call $atom_scratch) (i32.const 0) (local.get $len)))

;; erlang:list_to_existing_atom/1
(func $erlang:list_to_existing_atom/1 (param $l eqref) (result eqref)
  (local $len i32) (local $id i32)
  (local.set $len (call $list_atom_name (local.get $l)))
  (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $id (call $atom_find_existing (call $atom_scratch) (i32.const 0) (local.get $len)))
  (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $atom_get (local.get $id)))

;; ---- type tests as BIFs -------------------------------------------------------------

;; erlang:is_atom/1
(func $erlang:is_atom/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $atom) (local.get $t))))

;; erlang:is_integer/1
(func $erlang:is_integer/1 (param $t eqref) (result eqref)
  (call $bool (call $is_integer (local.get $t))))

;; erlang:is_float/1
(func $erlang:is_float/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $float) (local.get $t))))

;; erlang:is_number/1
(func $erlang:is_number/1 (param $t eqref) (result eqref)
  (call $bool (call $is_number (local.get $t))))

;; erlang:is_boolean/1
(func $erlang:is_boolean/1 (param $t eqref) (result eqref)
  (call $bool (call $is_boolean (local.get $t))))

;; erlang:is_list/1: [] or a cons.
(func $erlang:is_list/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref null $cons) (local.get $t))))

;; erlang:is_tuple/1
(func $erlang:is_tuple/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $tuple) (local.get $t))))

;; erlang:is_pid/1
(func $erlang:is_pid/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $pid) (local.get $t))))

;; erlang:is_port/1
(func $erlang:is_port/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $port) (local.get $t))))

;; erlang:is_reference/1
(func $erlang:is_reference/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $ref) (local.get $t))))

;; erlang:is_function/1
(func $erlang:is_function/1 (param $t eqref) (result eqref)
  (call $bool (ref.test (ref $fun) (local.get $t))))
