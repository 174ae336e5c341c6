;; asn1.wat — the `asn1rt_nif` module's NIFs, as lib/asn1/c_src/asn1_erl_nif.c defines
;; them: decode_ber_tlv_raw/1 (a BER buffer into {{Tag, Value}, Rest}, Value a binary
;; when primitive and a list of TLVs when constructed), encode_ber_tlv/1 (the inverse)
;; and encode_per_complete/1 (PER completion: a buffer of bit-insertion commands into
;; the aligned bytes). asn1rt_nif.erl runs unmodified around them: a local or external
;; call to a NIF's stub resolves to the runtime function of the same name. As on the
;; VM, `encode_per_complete/1` itself is the NIF (the module's wrapper of that name is
;; replaced, so its failure comes back as {error, Code} rather than an exit).
;;
;; The decoder follows the C function by function, with its checks in the same order,
;; so a bad buffer fails with the VM's reason and position: {error, {Reason, Pos}} with
;; Reason invalid_tag, invalid_length, invalid_value or unknown, Pos the index the
;; decoder had reached. `unknown` is the C decoder's recursion limit, a stack-depth
;; bound (8192 pointer words) that on the VM's build (Debian's OTP 25.2.3, x86-64) lets
;; 585 nested TLVs decode and stops at the length byte of the 586th; it is counted here
;; in nesting levels ($asn1.max_depth).
;;
;; The encoder writes backwards into one growing byte array, as the C writes backwards
;; into chunks: a TLV's value first, then its length, then its tag. Any malformed TLV
;; gives {error, -1}, as the C's single error code.

;; The nesting level at which the VM's decoder gives up (see the header).
(global $asn1.max_depth i32 (i32.const 586))

;; The decoder's input and shared index (the C's in_buf and *ib_index).
(global $asn1.in (mut (ref null $bytes)) (ref.null none))
(global $asn1.base (mut i32) (i32.const 0))
(global $asn1.ib (mut i32) (i32.const 0))

;; The C's return codes.
;; ASN1_ERROR -1, ASN1_TAG_ERROR -3, ASN1_LEN_ERROR -4, ASN1_INDEF_LEN_ERROR -5,
;; ASN1_VALUE_ERROR -6.

;; The byte at index i of the input.
(func $asn1.at (param $i i32) (result i32)
  (array.get_u $bytes (ref.as_non_null (global.get $asn1.in)) (i32.add (global.get $asn1.base) (local.get $i))))

;; ber_decode: one TLV at $asn1.ib, within `len` bytes; the term in $asn1.term, the
;; result 0 or an error code (negative).
(global $asn1.term (mut eqref) (ref.null none))

(func $asn1.decode (param $len i32) (param $depth i32) (result i32)
  (local $b i32) (local $tag i32) (local $form i32) (local $t i32) (local $r i32)
  ;; the buffer must hold at least two bytes
  (if (i32.gt_s (i32.add (global.get $asn1.ib) (i32.const 2)) (local.get $len)) (then (return (i32.const -6))))
  ;; ber_decode_tag
  (local.set $b (call $asn1.at (global.get $asn1.ib)))
  (local.set $tag (i32.shl (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 10)))
  (local.set $form (i32.and (local.get $b) (i32.const 0x20)))
  (local.set $t (i32.and (local.get $b) (i32.const 0x1f)))
  (if (i32.lt_u (local.get $t) (i32.const 31))
    (then
      (local.set $tag (i32.or (local.get $tag) (local.get $t)))
      (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1))))
    (else
      (if (i32.gt_s (i32.add (global.get $asn1.ib) (i32.const 3)) (local.get $len)) (then (return (i32.const -6))))
      (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))
      (local.set $t (call $asn1.at (global.get $asn1.ib)))
      (if (i32.ge_u (local.get $t) (i32.const 128))
        (then
          (local.set $tag (i32.or (local.get $tag) (i32.shl (i32.and (local.get $t) (i32.const 0x7f)) (i32.const 7))))
          (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))))
      (local.set $t (call $asn1.at (global.get $asn1.ib)))
      (if (i32.ge_u (local.get $t) (i32.const 128)) (then (return (i32.const -3))))
      (local.set $tag (i32.or (local.get $tag) (local.get $t)))
      (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))))
  (if (i32.ge_s (global.get $asn1.ib) (local.get $len)) (then (return (i32.const -3))))
  (local.set $r (call $asn1.decode_value (local.get $form) (local.get $len) (local.get $depth)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
  (global.set $asn1.term (call $tuple2 (ref.i31 (local.get $tag)) (global.get $asn1.term)))
  (i32.const 0))

;; ber_decode_value: the length and value at $asn1.ib of a TLV of form `form` (0 or
;; 0x20), within `len` bytes; the value in $asn1.term.
(func $asn1.decode_value (param $form i32) (param $len i32) (param $depth i32) (result i32)
  (local $b i32) (local $n i32) (local $lol i32) (local $end i32) (local $r i32)
  (local $acc eqref)
  (if (i32.ge_s (local.get $depth) (global.get $asn1.max_depth)) (then (return (i32.const -1))))
  (local.set $b (call $asn1.at (global.get $asn1.ib)))
  (if (i32.eqz (i32.and (local.get $b) (i32.const 0x80)))
    (then (local.set $n (local.get $b)))
    (else
      (if (i32.eq (local.get $b) (i32.const 0x80))
        (then
          ;; indefinite length: TLVs up to two zero bytes
          (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))
          (if (i32.or (i32.ge_s (i32.add (global.get $asn1.ib) (i32.const 1)) (local.get $len))
                      (i32.eqz (local.get $form)))
            (then (return (i32.const -5))))
          (block $done
            (loop $next
              (br_if $done (i32.and (i32.eqz (call $asn1.at (global.get $asn1.ib)))
                                    (i32.eqz (call $asn1.at (i32.add (global.get $asn1.ib) (i32.const 1))))))
              (local.set $r (call $asn1.decode (local.get $len) (i32.add (local.get $depth) (i32.const 1))))
              (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
              (local.set $acc (struct.new $cons (global.get $asn1.term) (local.get $acc)))
              (if (i32.ge_s (i32.add (global.get $asn1.ib) (i32.const 1)) (local.get $len)) (then (return (i32.const -5))))
              (br $next)))
          (global.set $asn1.term (call $list_reverse_onto (local.get $acc) (ref.null none)))
          (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 2)))
          (return (i32.const 0))))
      ;; long definite length: `lol` length bytes, big-endian, fitting in 32 bits
      (local.set $lol (i32.and (local.get $b) (i32.const 0x7f)))
      (if (i32.gt_u (local.get $lol) (i32.sub (local.get $len) (i32.add (global.get $asn1.ib) (i32.const 1))))
        (then (return (i32.const -4))))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $lol)))
          (local.set $lol (i32.sub (local.get $lol) (i32.const 1)))
          (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))
          (if (i32.ge_u (local.get $n) (i32.const 0x1000000)) (then (return (i32.const -4))))
          (local.set $n (i32.add (i32.shl (local.get $n) (i32.const 8)) (call $asn1.at (global.get $asn1.ib))))
          (br $next)))))
  (if (i32.gt_u (local.get $n) (i32.sub (local.get $len) (i32.add (global.get $asn1.ib) (i32.const 1))))
    (then (return (i32.const -6))))
  (global.set $asn1.ib (i32.add (global.get $asn1.ib) (i32.const 1)))
  (if (local.get $form)
    (then
      (local.set $end (i32.add (global.get $asn1.ib) (local.get $n)))
      (if (i32.gt_s (local.get $end) (local.get $len)) (then (return (i32.const -4))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_s (global.get $asn1.ib) (local.get $end)))
          (local.set $r (call $asn1.decode (local.get $end) (i32.add (local.get $depth) (i32.const 1))))
          (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
          (local.set $acc (struct.new $cons (global.get $asn1.term) (local.get $acc)))
          (br $next)))
      (global.set $asn1.term (call $list_reverse_onto (local.get $acc) (ref.null none))))
    (else
      (if (i32.gt_s (i32.add (global.get $asn1.ib) (local.get $n)) (local.get $len)) (then (return (i32.const -4))))
      (global.set $asn1.term (call $bin_copy (ref.as_non_null (global.get $asn1.in))
        (i32.add (global.get $asn1.base) (global.get $asn1.ib)) (local.get $n)))
      (global.set $asn1.ib (i32.add (global.get $asn1.ib) (local.get $n)))))
  (i32.const 0))

;; asn1rt_nif:decode_ber_tlv_raw(IoData) -> {{Tag, Value}, Rest} | {error, {Reason, Pos}}
(func $asn1rt_nif:decode_ber_tlv_raw/1 (param $data eqref) (result eqref)
  (local $b eqref) (local $bin (ref $bin)) (local $r i32) (local $size i32) (local $term eqref) (local $why eqref)
  (local.set $b (call $erlang:iolist_to_binary/1 (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (local.set $size (struct.get $bin $size (local.get $bin)))
  (global.set $asn1.in (struct.get $bin $data (local.get $bin)))
  (global.set $asn1.base (struct.get $bin $off (local.get $bin)))
  (global.set $asn1.ib (i32.const 0))
  (local.set $r (call $asn1.decode (local.get $size) (i32.const 1)))
  (local.set $term (global.get $asn1.term))
  (global.set $asn1.term (ref.null none))
  (global.set $asn1.in (ref.null none))
  (if (i32.lt_s (local.get $r) (i32.const 0))
    (then
      (local.set $why (global.get $atom.unknown))
      (if (i32.eq (local.get $r) (i32.const -3)) (then (local.set $why (global.get $atom.invalid_tag))))
      (if (i32.or (i32.eq (local.get $r) (i32.const -4)) (i32.eq (local.get $r) (i32.const -5)))
        (then (local.set $why (global.get $atom.invalid_length))))
      (if (i32.eq (local.get $r) (i32.const -6)) (then (local.set $why (global.get $atom.invalid_value))))
      (return (call $tuple2 (global.get $atom.error)
        (call $tuple2 (local.get $why) (ref.i31 (global.get $asn1.ib)))))))
  (call $tuple2 (local.get $term)
    (call $bin_copy (struct.get $bin $data (local.get $bin))
      (i32.add (struct.get $bin $off (local.get $bin)) (global.get $asn1.ib))
      (i32.sub (local.get $size) (global.get $asn1.ib)))))

;; ---- BER encoding ------------------------------------------------------------------------

;; The output, written backwards: bytes [pos, len) of $asn1.out are the encoding so far.
(global $asn1.out (mut (ref null $bytes)) (ref.null none))
(global $asn1.pos (mut i32) (i32.const 0))

;; Makes room for `n` more bytes below $asn1.pos, moving what is written to the end of a
;; larger array when needed.
(func $asn1.room (param $n i32)
  (local $old (ref $bytes)) (local $new (ref $bytes)) (local $used i32) (local $size i32)
  (if (i32.ge_u (global.get $asn1.pos) (local.get $n)) (then (return)))
  (local.set $old (ref.as_non_null (global.get $asn1.out)))
  (local.set $used (i32.sub (array.len (local.get $old)) (global.get $asn1.pos)))
  (local.set $size (i32.add (i32.mul (array.len (local.get $old)) (i32.const 2)) (local.get $n)))
  (local.set $new (array.new_default $bytes (local.get $size)))
  (array.copy $bytes $bytes (local.get $new) (i32.sub (local.get $size) (local.get $used))
    (local.get $old) (global.get $asn1.pos) (local.get $used))
  (global.set $asn1.out (local.get $new))
  (global.set $asn1.pos (i32.sub (local.get $size) (local.get $used))))

;; Writes one byte in front of the output.
(func $asn1.put (param $b i32)
  (call $asn1.room (i32.const 1))
  (global.set $asn1.pos (i32.sub (global.get $asn1.pos) (i32.const 1)))
  (array.set $bytes (ref.as_non_null (global.get $asn1.out)) (global.get $asn1.pos) (local.get $b)))

;; ber_encode_length: the length `n` in front of the output; the bytes written.
(func $asn1.put_length (param $n i32) (result i32)
  (local $k i32)
  (if (i32.lt_u (local.get $n) (i32.const 128))
    (then (call $asn1.put (local.get $n)) (return (i32.const 1))))
  (loop $next
    (call $asn1.put (i32.and (local.get $n) (i32.const 0xff)))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (local.set $n (i32.shr_u (local.get $n) (i32.const 8)))
    (br_if $next (local.get $n)))
  (call $asn1.put (i32.or (local.get $k) (i32.const 0x80)))
  (i32.add (local.get $k) (i32.const 1)))

;; The value of a term enif_get_uint accepts (a non-negative integer below 2^32), as
;; i64, or -1.
(func $asn1.uint (param $t eqref) (result i64)
  (local $v i64)
  (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $t)) (ref.test (ref $int64) (local.get $t))))
    (then (return (i64.const -1))))
  (local.set $v (call $int_i64 (local.get $t)))
  (if (i32.or (i64.lt_s (local.get $v) (i64.const 0)) (i64.gt_s (local.get $v) (i64.const 0xffffffff)))
    (then (return (i64.const -1))))
  (local.get $v))

;; ber_encode: the TLV `t` in front of the output; the bytes written, or -1.
(func $asn1.encode (param $t eqref) (result i32)
  (local $tv (ref $tuple)) (local $v eqref) (local $form i32) (local $count i32) (local $n i32)
  (local $bin (ref $bin)) (local $elems (ref $tuple)) (local $i i32) (local $tag i64)
  (local $head i32) (local $no i32)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (i32.const -1))))
  (local.set $tv (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.lt_u (array.len (local.get $tv)) (i32.const 2)) (then (return (i32.const -1))))
  (local.set $v (array.get $tuple (local.get $tv) (i32.const 1)))
  (if (i32.or (ref.is_null (local.get $v)) (ref.test (ref $cons) (local.get $v)))
    (then
      (local.set $form (i32.const 0x20))
      (local.set $n (call $list_length (local.get $v)))
      (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.eqz (local.get $n))
        (then
          (call $asn1.put (i32.const 0))
          (local.set $count (i32.const 1)))
        (else
          (local.set $elems (ref.cast (ref $tuple) (call $list_to_tuple_unchecked (local.get $v))))
          (local.set $i (local.get $n))
          (loop $next
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (local.set $n (call $asn1.encode (array.get $tuple (local.get $elems) (local.get $i))))
            (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $count (i32.add (local.get $count) (local.get $n)))
            (br_if $next (local.get $i)))
          (local.set $count (i32.add (local.get $count) (call $asn1.put_length (local.get $count)))))))
    (else
      (if (i32.eqz (ref.test (ref $bin) (local.get $v))) (then (return (i32.const -1))))
      (local.set $bin (ref.cast (ref $bin) (local.get $v)))
      (if (struct.get $bin $bits (local.get $bin)) (then (return (i32.const -1))))
      (local.set $n (struct.get $bin $size (local.get $bin)))
      (call $asn1.room (local.get $n))
      (global.set $asn1.pos (i32.sub (global.get $asn1.pos) (local.get $n)))
      (array.copy $bytes $bytes (ref.as_non_null (global.get $asn1.out)) (global.get $asn1.pos)
        (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin)) (local.get $n))
      (local.set $count (i32.add (local.get $n) (call $asn1.put_length (local.get $n))))))
  ;; ber_encode_tag: class from bits 16-17, number from bits 0-15
  (local.set $tag (call $asn1.uint (array.get $tuple (local.get $tv) (i32.const 0))))
  (if (i64.lt_s (local.get $tag) (i64.const 0)) (then (return (i32.const -1))))
  (local.set $head (i32.or (local.get $form)
    (i32.shr_u (i32.and (i32.wrap_i64 (local.get $tag)) (i32.const 0x30000)) (i32.const 10))))
  (local.set $no (i32.and (i32.wrap_i64 (local.get $tag)) (i32.const 0xffff)))
  (if (i32.le_u (local.get $no) (i32.const 30))
    (then
      (call $asn1.put (i32.or (local.get $head) (local.get $no)))
      (return (i32.add (local.get $count) (i32.const 1)))))
  (call $asn1.put (i32.and (local.get $no) (i32.const 127)))
  (local.set $count (i32.add (local.get $count) (i32.const 1)))
  (local.set $no (i32.shr_u (local.get $no) (i32.const 7)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $no)))
      (call $asn1.put (i32.or (i32.and (local.get $no) (i32.const 127)) (i32.const 0x80)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $no (i32.shr_u (local.get $no) (i32.const 7)))
      (br $next)))
  (call $asn1.put (i32.or (local.get $head) (i32.const 0x1f)))
  (i32.add (local.get $count) (i32.const 1)))

;; asn1rt_nif:encode_ber_tlv(Tlv) -> binary() | {error, -1}
(func $asn1rt_nif:encode_ber_tlv/1 (param $tlv eqref) (result eqref)
  (local $n i32) (local $out (ref $bytes))
  (global.set $asn1.out (array.new_default $bytes (i32.const 64)))
  (global.set $asn1.pos (i32.const 64))
  (local.set $n (call $asn1.encode (local.get $tlv)))
  (local.set $out (ref.as_non_null (global.get $asn1.out)))
  (global.set $asn1.out (ref.null none))
  (if (i32.lt_s (local.get $n) (i32.const 0))
    (then (return (call $tuple2 (global.get $atom.error) (ref.i31 (i32.const -1))))))
  (call $bin_copy (local.get $out) (global.get $asn1.pos) (local.get $n)))

;; ---- PER completion ----------------------------------------------------------------------
;;
;; encode_per_complete/1 follows per_complete() and its helpers step by step: the input
;; is a stream of commands (0/1 a bit, 2 align, 10 some low bits of a byte, 20/21 octets
;; aligned, 30/31 octets less unused bits, 40-43 bits given one per byte, 45-47 leading
;; bits of octets), the output a bit cursor ($per.p, $per.unused: free low bits of the
;; current byte). The C tracks the input by two means that can disagree (a count of
;; bytes left and a pointer; 45-47 with fewer bits than octets advance the pointer
;; less than the count), and the size of the binary it returns by its own estimate of
;; the space used; both are kept here as the C keeps them, so the result is the VM's for
;; every command stream the VM handles without reading past its input. Reading past the
;; input (a command whose operands are missing; the VM reads whatever memory follows)
;; reads zero bytes here.

(global $per.in (mut (ref null $bytes)) (ref.null none))
(global $per.base (mut i32) (i32.const 0))
(global $per.len (mut i32) (i32.const 0))
(global $per.ip (mut i32) (i32.const 0))
(global $per.out (mut (ref null $bytes)) (ref.null none))
(global $per.p (mut i32) (i32.const 0))
(global $per.unused (mut i32) (i32.const 8))

;; *++in_ptr
(func $per.next (result i32)
  (global.set $per.ip (i32.add (global.get $per.ip) (i32.const 1)))
  (if (i32.ge_u (global.get $per.ip) (global.get $per.len)) (then (return (i32.const 0))))
  (array.get_u $bytes (ref.as_non_null (global.get $per.in)) (i32.add (global.get $per.base) (global.get $per.ip))))

;; The output array, grown to hold index $per.p.
(func $per.buf (result (ref $bytes))
  (local $old (ref $bytes)) (local $new (ref $bytes))
  (local.set $old (ref.as_non_null (global.get $per.out)))
  (if (i32.lt_u (global.get $per.p) (array.len (local.get $old))) (then (return (local.get $old))))
  (local.set $new (array.new_default $bytes (i32.add (i32.mul (array.len (local.get $old)) (i32.const 2)) (i32.const 16))))
  (array.copy $bytes $bytes (local.get $new) (i32.const 0) (local.get $old) (i32.const 0) (array.len (local.get $old)))
  (global.set $per.out (local.get $new))
  (local.get $new))

;; *ptr = v
(func $per.set (param $v i32)
  (array.set $bytes (call $per.buf) (global.get $per.p) (local.get $v)))

;; *ptr = *ptr | v
(func $per.or (param $v i32)
  (local $b (ref $bytes))
  (local.set $b (call $per.buf))
  (array.set $bytes (local.get $b) (global.get $per.p)
    (i32.or (array.get_u $bytes (local.get $b) (global.get $per.p)) (local.get $v))))

;; *++ptr = 0x00
(func $per.adv
  (global.set $per.p (i32.add (global.get $per.p) (i32.const 1)))
  (call $per.set (i32.const 0)))

;; One bit (0 or 1), as cases 0 and 1 and per_insert_octets_as_bits do.
(func $per.bit (param $one i32)
  (if (i32.eq (global.get $per.unused) (i32.const 1))
    (then
      (if (local.get $one) (then (call $per.or (i32.const 1))))
      (global.set $per.unused (i32.const 8))
      (call $per.adv))
    (else
      (if (local.get $one)
        (then (call $per.or (i32.shl (i32.const 1) (i32.sub (global.get $per.unused) (i32.const 1))))))
      (global.set $per.unused (i32.sub (global.get $per.unused) (i32.const 1))))))

;; per_insert_least_sign_bits
(func $per.least_sign_bits (param $n i32) (param $val i32) (result i32)
  (local $u i32)
  (local.set $u (global.get $per.unused))
  (if (i32.lt_s (local.get $n) (local.get $u))
    (then
      (call $per.or (i32.shl (local.get $val) (i32.sub (local.get $u) (local.get $n))))
      (global.set $per.unused (i32.sub (local.get $u) (local.get $n)))
      (return (i32.const 0))))
  (if (i32.eq (local.get $n) (local.get $u))
    (then
      (call $per.or (local.get $val))
      (global.set $per.unused (i32.const 8))
      (call $per.adv)
      (return (i32.const 1))))
  (call $per.or (i32.shr_s (local.get $val) (i32.sub (local.get $n) (local.get $u))))
  (call $per.adv)
  (call $per.or (i32.shl (local.get $val) (i32.sub (i32.const 8) (i32.sub (local.get $n) (local.get $u)))))
  (global.set $per.unused (i32.sub (i32.const 8) (i32.sub (local.get $n) (local.get $u))))
  (i32.const 1))

;; per_insert_most_sign_bits
(func $per.most_sign_bits (param $n i32) (param $val i32)
  (local $u i32)
  (local.set $u (global.get $per.unused))
  (call $per.or (i32.shr_s (local.get $val) (i32.sub (i32.const 8) (local.get $u))))
  (if (i32.lt_s (local.get $n) (local.get $u))
    (then (global.set $per.unused (i32.sub (local.get $u) (local.get $n))) (return)))
  (call $per.adv)
  (if (i32.eq (local.get $n) (local.get $u))
    (then (global.set $per.unused (i32.const 8)) (return)))
  (call $per.or (i32.shl (local.get $val) (local.get $u)))
  (global.set $per.unused (i32.sub (i32.const 8) (i32.sub (local.get $n) (local.get $u)))))

;; per_pad_bits
(func $per.pad_bits (param $n i32) (result i32)
  (local $ret i32)
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (if (i32.eq (global.get $per.unused) (i32.const 1))
        (then
          (global.set $per.unused (i32.const 8))
          (call $per.adv)
          (local.set $ret (i32.add (local.get $ret) (i32.const 1))))
        (else (global.set $per.unused (i32.sub (global.get $per.unused) (i32.const 1)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (local.get $ret))

;; per_insert_octets: aligns, then copies n bytes.
(func $per.octets (param $n i32) (result i32)
  (local $ret i32)
  (if (i32.ne (global.get $per.unused) (i32.const 8))
    (then
      (call $per.adv)
      (local.set $ret (i32.const 1))
      (global.set $per.unused (i32.const 8))))
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (call $per.set (call $per.next))
      (call $per.adv)
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (local.get $ret))

;; per_insert_octets_unaligned: copies n bytes at the bit cursor, which it leaves as it was
;; (the C takes `unused` by value).
(func $per.octets_unaligned (param $n i32) (result i32)
  (local $k i32) (local $val i32) (local $u i32)
  (local.set $k (local.get $n))
  (local.set $u (global.get $per.unused))
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $k) (i32.const 0)))
      (local.set $val (call $per.next))
      (if (i32.eq (local.get $u) (i32.const 8))
        (then
          (call $per.set (local.get $val))
          (call $per.adv))
        (else
          (call $per.or (i32.shr_u (local.get $val) (i32.sub (i32.const 8) (local.get $u))))
          (call $per.adv)
          (call $per.set (i32.shl (local.get $val) (local.get $u)))))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $next)))
  (local.get $n))

;; per_insert_octets_except_unused
(func $per.octets_except_unused (param $n i32) (param $in_unused i32) (result i32)
  (local $ret i32) (local $val i32) (local $bits i32) (local $u i32)
  (if (i32.eqz (local.get $in_unused))
    (then (return (call $per.octets_unaligned (local.get $n)))))
  ;; the C's per_insert_octets_unaligned returns its count, so no octets at all is its
  ;; ASN1_ERROR (-1)
  (local.set $ret (call $per.octets_unaligned (i32.sub (local.get $n) (i32.const 1))))
  (if (i32.eq (local.get $ret) (i32.const -1)) (then (return (i32.const -1))))
  (local.set $val (call $per.next))
  (local.set $bits (i32.sub (i32.const 8) (local.get $in_unused)))
  (local.set $u (global.get $per.unused))
  (call $per.or (i32.shr_s (local.get $val) (i32.sub (i32.const 8) (local.get $u))))
  (if (i32.lt_s (local.get $bits) (local.get $u))
    (then
      (global.set $per.unused (i32.sub (local.get $u) (local.get $bits)))
      (return (local.get $ret))))
  (call $per.adv)
  (local.set $ret (i32.add (local.get $ret) (i32.const 1)))
  (if (i32.eq (local.get $bits) (local.get $u))
    (then
      (global.set $per.unused (i32.const 8))
      (return (local.get $ret))))
  (call $per.or (i32.shl (local.get $val) (local.get $u)))
  (global.set $per.unused (i32.sub (i32.const 8) (i32.sub (local.get $bits) (local.get $u))))
  (local.get $ret))

;; per_insert_octets_as_bits: n bytes each 0 or 1, as bits; -1 for any other byte. The
;; C's result is (bits used before + bytes left) / 8, always 0 on success.
(func $per.octets_as_bits (param $n i32) (result i32)
  (local $b i32)
  (block $done
    (loop $next
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (local.set $b (call $per.next))
      (if (i32.gt_u (local.get $b) (i32.const 1)) (then (return (i32.const -1))))
      (call $per.bit (local.get $b))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (i32.const 0))

;; per_insert_octets_as_bits_exact_len
(func $per.octets_as_bits_exact_len (param $desired i32) (param $n i32) (result i32)
  (local $ret i32)
  (if (i32.le_s (local.get $desired) (local.get $n))
    (then
      (local.set $ret (call $per.octets_as_bits (local.get $desired)))
      (if (i32.lt_s (local.get $ret) (i32.const 0)) (then (return (i32.const -1))))
      (global.set $per.ip (i32.add (global.get $per.ip) (i32.sub (local.get $n) (local.get $desired))))
      (return (local.get $ret))))
  (local.set $ret (call $per.octets_as_bits (local.get $n)))
  (if (i32.lt_s (local.get $ret) (i32.const 0)) (then (return (i32.const -1))))
  (i32.add (local.get $ret) (call $per.pad_bits (i32.sub (local.get $desired) (local.get $n)))))

;; CEIL(X, 8) as the C macro computes it, ((X - 1) / 8 + 1) in int arithmetic.
(func $per.ceil8 (param $x i32) (result i32)
  (i32.add (i32.div_s (i32.sub (local.get $x) (i32.const 1)) (i32.const 8)) (i32.const 1)))

;; per_insert_bits_as_bits
(func $per.bits_as_bits (param $desired i32) (param $n i32) (result i32)
  (if (i32.eq (local.get $desired) (i32.mul (local.get $n) (i32.const 8)))
    (then (return (call $per.octets_unaligned (local.get $n)))))
  (if (i32.lt_s (local.get $desired) (i32.mul (local.get $n) (i32.const 8)))
    (then
      (drop (call $per.octets_unaligned (i32.div_s (local.get $desired) (i32.const 8))))
      (call $per.most_sign_bits (i32.rem_s (local.get $desired) (i32.const 8)) (call $per.next))
      (return (call $per.ceil8 (local.get $desired)))))
  (drop (call $per.octets_unaligned (local.get $n)))
  (drop (call $per.pad_bits (i32.sub (local.get $desired) (i32.mul (local.get $n) (i32.const 8)))))
  (call $per.ceil8 (local.get $desired)))

;; per_complete: the completed length, or -1; the bytes in $per.out, the size of the
;; binary the C returns in $per.size.
(global $per.size (mut i32) (i32.const 0))

(func $per.complete (result i32)
  (local $counter i32) (local $space i32) (local $size i32) (local $cmd i32)
  (local $n i32) (local $desired i32) (local $in_unused i32) (local $ret i32)
  (local $needed i32) (local $pad i32) (local $hdr i32)
  (local.set $counter (global.get $per.len))
  (local.set $space (global.get $per.len))
  (local.set $size (global.get $per.len))
  (global.set $per.ip (i32.const -1))
  (global.set $per.p (i32.const 0))
  (global.set $per.unused (i32.const 8))
  (call $per.set (i32.const 0))
  (block $end
    (loop $next
      (br_if $end (i32.le_s (local.get $counter) (i32.const 0)))
      (local.set $counter (i32.sub (local.get $counter) (i32.const 1)))
      (local.set $cmd (call $per.next))
      (block $cmd_done
        ;; 0, 1: one bit
        (if (i32.le_u (local.get $cmd) (i32.const 1))
          (then
            (if (i32.eq (global.get $per.unused) (i32.const 1))
              (then (local.set $space (i32.sub (local.get $space) (i32.const 1)))))
            (call $per.bit (local.get $cmd))
            (br $cmd_done)))
        ;; 2: align
        (if (i32.eq (local.get $cmd) (i32.const 2))
          (then
            (if (i32.ne (global.get $per.unused) (i32.const 8))
              (then
                (call $per.adv)
                (local.set $space (i32.sub (local.get $space) (i32.const 1)))
                (global.set $per.unused (i32.const 8))))
            (br $cmd_done)))
        ;; 10: the low N bits of the next byte
        (if (i32.eq (local.get $cmd) (i32.const 10))
          (then
            (local.set $n (call $per.next))
            (local.set $counter (i32.sub (local.get $counter) (i32.const 2)))
            (local.set $space (i32.sub (local.get $space)
              (call $per.least_sign_bits (local.get $n) (call $per.next))))
            (br $cmd_done)))
        ;; 20, 21: N octets, aligned
        (if (i32.or (i32.eq (local.get $cmd) (i32.const 20)) (i32.eq (local.get $cmd) (i32.const 21)))
          (then
            (local.set $n (call $per.next))
            (local.set $hdr (i32.const 1))
            (if (i32.eq (local.get $cmd) (i32.const 21))
              (then
                (local.set $n (i32.or (i32.shl (local.get $n) (i32.const 8)) (call $per.next)))
                (local.set $hdr (i32.const 2))))
            (local.set $counter (i32.sub (local.get $counter) (i32.add (local.get $hdr) (local.get $n))))
            (if (i32.lt_s (local.get $counter) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $space (i32.sub (local.get $space) (call $per.octets (local.get $n))))
            (br $cmd_done)))
        ;; 30, 31: N octets less the last's unused bits
        (if (i32.or (i32.eq (local.get $cmd) (i32.const 30)) (i32.eq (local.get $cmd) (i32.const 31)))
          (then
            (local.set $in_unused (call $per.next))
            (local.set $n (call $per.next))
            (local.set $hdr (i32.const 2))
            (if (i32.eq (local.get $cmd) (i32.const 31))
              (then
                (local.set $n (i32.or (i32.shl (local.get $n) (i32.const 8)) (call $per.next)))
                (local.set $hdr (i32.const 3))))
            (local.set $counter (i32.sub (local.get $counter) (i32.add (local.get $hdr) (local.get $n))))
            (if (i32.lt_s (local.get $counter) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $ret (call $per.octets_except_unused (local.get $n) (local.get $in_unused)))
            (if (i32.lt_s (local.get $ret) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $space (i32.sub (local.get $space) (local.get $ret)))
            (br $cmd_done)))
        ;; 40-43: bits given one per byte, to an exact length; 45-47: leading bits of octets
        (if (i32.or (i32.and (i32.ge_u (local.get $cmd) (i32.const 40)) (i32.le_u (local.get $cmd) (i32.const 43)))
                    (i32.and (i32.ge_u (local.get $cmd) (i32.const 45)) (i32.le_u (local.get $cmd) (i32.const 47))))
          (then
            (local.set $desired (call $per.next))
            (local.set $hdr (i32.const 2))
            (if (i32.or (i32.or (i32.eq (local.get $cmd) (i32.const 42)) (i32.eq (local.get $cmd) (i32.const 43)))
                        (i32.or (i32.eq (local.get $cmd) (i32.const 46)) (i32.eq (local.get $cmd) (i32.const 47))))
              (then
                (local.set $desired (i32.or (i32.shl (local.get $desired) (i32.const 8)) (call $per.next)))
                (local.set $hdr (i32.add (local.get $hdr) (i32.const 1)))))
            (local.set $n (call $per.next))
            (if (i32.or (i32.or (i32.eq (local.get $cmd) (i32.const 41)) (i32.eq (local.get $cmd) (i32.const 43)))
                        (i32.eq (local.get $cmd) (i32.const 47)))
              (then
                (local.set $n (i32.or (i32.shl (local.get $n) (i32.const 8)) (call $per.next)))
                (local.set $hdr (i32.add (local.get $hdr) (i32.const 1)))))
            ;; the C's estimate of the memory it needs for padding
            (if (i32.eq (local.get $cmd) (i32.const 40))
              (then
                (local.set $pad (i32.sub (i32.sub (local.get $desired) (local.get $n)) (global.get $per.unused)))
                (local.set $needed (select (call $per.ceil8 (local.get $pad)) (i32.const 0)
                  (i32.gt_s (local.get $pad) (i32.const 0)))))
              (else
                (local.set $needed (i32.sub (call $per.ceil8 (i32.sub (local.get $desired) (global.get $per.unused)))
                  (local.get $n)))))
            (if (i32.lt_s (i32.sub (local.get $space) (local.get $counter)) (local.get $needed))
              (then
                (local.set $size (i32.add (local.get $size) (local.get $needed)))
                (local.set $space (i32.add (local.get $space) (local.get $needed)))))
            (local.set $counter (i32.sub (local.get $counter) (i32.add (local.get $hdr) (local.get $n))))
            (if (i32.lt_s (local.get $counter) (i32.const 0)) (then (return (i32.const -1))))
            (if (i32.le_u (local.get $cmd) (i32.const 43))
              (then (local.set $ret (call $per.octets_as_bits_exact_len (local.get $desired) (local.get $n))))
              (else (local.set $ret (call $per.bits_as_bits (local.get $desired) (local.get $n)))))
            (if (i32.lt_s (local.get $ret) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $space (i32.sub (local.get $space) (local.get $ret)))
            (br $cmd_done)))
        (return (i32.const -1)))
      (br $next)))
  (global.set $per.size (local.get $size))
  (if (i32.and (i32.eq (global.get $per.unused) (i32.const 8)) (i32.ne (global.get $per.p) (i32.const 0)))
    (then (return (global.get $per.p))))
  (i32.add (global.get $per.p) (i32.const 1)))

;; asn1rt_nif:encode_per_complete(IoData) -> binary() | {error, $1}
(func $asn1rt_nif:encode_per_complete/1 (param $data eqref) (result eqref)
  (local $b eqref) (local $bin (ref $bin)) (local $n i32) (local $out (ref $bytes))
  (local.set $b (call $erlang:iolist_to_binary/1 (local.get $data)))
  (if (call $is_fail (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $bin (ref.cast (ref $bin) (local.get $b)))
  (if (i32.eqz (struct.get $bin $size (local.get $bin)))
    (then (return (call $bin_of (array.new_default $bytes (i32.const 0))))))
  (global.set $per.in (struct.get $bin $data (local.get $bin)))
  (global.set $per.base (struct.get $bin $off (local.get $bin)))
  (global.set $per.len (struct.get $bin $size (local.get $bin)))
  (global.set $per.out (array.new_default $bytes (i32.add (struct.get $bin $size (local.get $bin)) (i32.const 8))))
  (local.set $n (call $per.complete))
  (local.set $out (ref.as_non_null (global.get $per.out)))
  (global.set $per.in (ref.null none))
  (global.set $per.out (ref.null none))
  (if (i32.lt_s (local.get $n) (i32.const 0))
    (then (return (call $tuple2 (global.get $atom.error) (ref.i31 (i32.const 49))))))
  ;; the C returns its buffer, shrunk to the completed length when that is smaller
  (if (i32.gt_s (local.get $n) (global.get $per.size)) (then (local.set $n (global.get $per.size))))
  (if (i32.gt_u (local.get $n) (array.len (local.get $out)))
    (then (local.set $n (array.len (local.get $out)))))
  (call $bin_copy (local.get $out) (i32.const 0) (local.get $n)))
