;; binary.wat — the BIFs on binaries and iolists: erlang:byte_size/1, bit_size/1,
;; binary_part/2,3, split_binary/2, list_to_binary/1, binary_to_list/1,3,
;; iolist_to_binary/1, iolist_size/1, iolist_to_iovec/1, list_to_bitstring/1,
;; bitstring_to_list/1, is_binary/1, is_bitstring/1, and the BIFs of the `binary` module.
;; (binary:bin_to_list/1,2,3 are Erlang code in stdlib over binary_to_list, and stay so.)
;;
;; Conventions: bits.wat describes `$bin`; helpers here are named `$bin.*` (the `$iol.*`
;; ones walk iolists). Nested lists are walked with an explicit stack (a growable
;; `$tuple`), iterating along tails, so no input exhausts the wasm stack. Sub-binaries are
;; zero-copy. Every BIF returns `$FAIL` (badarg unless stated) exactly where the VM raises.
;;
;; Compiled patterns: binary:compile_pattern/1 returns {bm, Ref} for one pattern and
;; {ac, Ref} for several, as the VM does; Ref is a magic reference (`$mref`) carrying the
;; patterns as a tuple of binaries. Searching is leftmost-longest (the VM's Aho–Corasick and Boyer–Moore choose the
;; same matches): first-byte scanning for short inputs, Boyer–Moore–Horspool for one long
;; pattern in a long subject, a first-byte filter for several patterns.

;; ---- small helpers ------------------------------------------------------------------------

;; A byte count or position (unsigned, below 2^31) as an integer term.
(func $bin.int (param $n i32) (result eqref)
  (call $mk_int (i64.extend_i32_u (local.get $n))))

;; `v` as a binary/bitstring, or null.
(func $bin.cast (param $v eqref) (result (ref null $bin))
  (if (result (ref null $bin)) (ref.test (ref $bin) (local.get $v))
    (then (ref.cast (ref $bin) (local.get $v)))
    (else (ref.null $bin))))

;; A non-negative integer term as i64, or -1 (bignums count as too large: -1 as well).
(func $bin.uint (param $v eqref) (result i64)
  (local $x i64)
  (if (ref.test (ref i31) (local.get $v))
    (then
      (local.set $x (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $v)))))
      (return (select (local.get $x) (i64.const -1) (i64.ge_s (local.get $x) (i64.const 0))))))
  (if (ref.test (ref $int64) (local.get $v))
    (then
      (local.set $x (struct.get $int64 $v (ref.cast (ref $int64) (local.get $v))))
      (return (select (local.get $x) (i64.const -1) (i64.ge_s (local.get $x) (i64.const 0))))))
  (i64.const -1))

;; An integer term within i64, or i64 min when it is not one (which every caller rejects
;; anyway, as the VM rejects its negation).
(func $bin.sint (param $v eqref) (result i64)
  (if (ref.test (ref i31) (local.get $v))
    (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $v)))))))
  (if (ref.test (ref $int64) (local.get $v))
    (then (return (struct.get $int64 $v (ref.cast (ref $int64) (local.get $v))))))
  (i64.const 0x8000000000000000))

;; The `len` bytes of `b` from byte `start`, zero-copy.
(func $bin.sub (param $b (ref $bin)) (param $start i32) (param $len i32) (result (ref $bin))
  (struct.new $bin (struct.get $bin $data (local.get $b))
    (i32.add (struct.get $bin $off (local.get $b)) (local.get $start))
    (local.get $len) (i32.const 0) (ref.null $wcursor)))

;; Pushes `v` on the stack `s` (created or grown as needed) at `sp`; returns the stack.
(func $bin.push (param $s (ref null $tuple)) (param $sp i32) (param $v eqref) (result (ref $tuple))
  (local $t (ref $tuple)) (local $n (ref $tuple))
  (if (ref.is_null (local.get $s))
    (then (local.set $s (array.new $tuple (ref.null none) (i32.const 16)))))
  (local.set $t (ref.as_non_null (local.get $s)))
  (if (i32.ge_u (local.get $sp) (array.len (local.get $t)))
    (then
      (local.set $n (array.new $tuple (ref.null none) (i32.shl (array.len (local.get $t)) (i32.const 1))))
      (array.copy $tuple $tuple (local.get $n) (i32.const 0) (local.get $t) (i32.const 0) (array.len (local.get $t)))
      (local.set $t (local.get $n))))
  (array.set $tuple (local.get $t) (local.get $sp) (local.get $v))
  (local.get $t))

;; The byte list of b[start..start+len], in front of `tail`.
(func $bin.bytes_to_list (param $d (ref $bytes)) (param $start i32) (param $len i32) (param $tail eqref) (result eqref)
  (local $i i32)
  (local.set $i (i32.add (local.get $start) (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.le_u (local.get $i) (local.get $start)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $tail (struct.new $cons (ref.i31 (array.get_u $bytes (local.get $d) (local.get $i))) (local.get $tail)))
      (br $next)))
  (local.get $tail))

;; ---- iolists ------------------------------------------------------------------------------

;; The size in bits of an iolist (bytes, binaries, nested lists, a binary tail), or -1 when
;; it is not one. With `bits_ok`, bitstrings are allowed wherever binaries are.
(func $iol.size (param $t eqref) (param $bits_ok i32) (result i64)
  (local $n i64) (local $stack (ref null $tuple)) (local $sp i32) (local $c (ref $cons)) (local $h eqref)
  (local $b (ref $bin))
  (loop $walk
    (block $pop
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $h (struct.get $cons $hd (local.get $c)))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (if (ref.test (ref i31) (local.get $h))
            (then
              (if (i32.gt_u (i31.get_s (ref.cast (ref i31) (local.get $h))) (i32.const 255)) (then (return (i64.const -1))))
              (local.set $n (i64.add (local.get $n) (i64.const 8)))
              (br $walk)))
          (if (ref.test (ref $bin) (local.get $h))
            (then
              (local.set $b (ref.cast (ref $bin) (local.get $h)))
              (if (i32.and (i32.eqz (local.get $bits_ok)) (i32.ne (struct.get $bin $bits (local.get $b)) (i32.const 0)))
                (then (return (i64.const -1))))
              (local.set $n (i64.add (local.get $n) (call $bs.bit_size (local.get $b))))
              (br $walk)))
          (if (ref.test (ref $cons) (local.get $h))
            (then
              (if (i32.eqz (ref.is_null (local.get $t)))
                (then
                  (local.set $stack (call $bin.push (local.get $stack) (local.get $sp) (local.get $t)))
                  (local.set $sp (i32.add (local.get $sp) (i32.const 1)))))
              (local.set $t (local.get $h))
              (br $walk)))
          (br_if $walk (ref.is_null (local.get $h)))
          (return (i64.const -1))))
      (br_if $pop (ref.is_null (local.get $t)))
      (if (ref.test (ref $bin) (local.get $t))
        (then
          (local.set $b (ref.cast (ref $bin) (local.get $t)))
          (if (i32.and (i32.eqz (local.get $bits_ok)) (i32.ne (struct.get $bin $bits (local.get $b)) (i32.const 0)))
            (then (return (i64.const -1))))
          (local.set $n (i64.add (local.get $n) (call $bs.bit_size (local.get $b))))
          (br $pop)))
      (return (i64.const -1)))
    (if (i32.eqz (local.get $sp)) (then (return (local.get $n))))
    (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
    (local.set $t (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp)))
    (br $walk))
  (local.get $n))

;; Writes an iolist that $iol.size accepted into `d` from bit position `p`.
(func $iol.write (param $t eqref) (param $d (ref $bytes)) (param $p i64)
  (local $stack (ref null $tuple)) (local $sp i32) (local $c (ref $cons)) (local $h eqref) (local $b (ref $bin))
  (local $n i64)
  (loop $walk
    (block $pop
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $h (struct.get $cons $hd (local.get $c)))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (if (ref.test (ref i31) (local.get $h))
            (then
              (if (i64.eqz (i64.and (local.get $p) (i64.const 7)))
                (then
                  (array.set $bytes (local.get $d) (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 3)))
                    (i31.get_s (ref.cast (ref i31) (local.get $h)))))
                (else
                  (call $bits.put (local.get $d) (local.get $p) (i31.get_s (ref.cast (ref i31) (local.get $h))) (i32.const 8))))
              (local.set $p (i64.add (local.get $p) (i64.const 8)))
              (br $walk)))
          (if (ref.test (ref $bin) (local.get $h))
            (then
              (local.set $b (ref.cast (ref $bin) (local.get $h)))
              (local.set $n (call $bs.bit_size (local.get $b)))
              (call $bits.copy (local.get $d) (local.get $p) (struct.get $bin $data (local.get $b))
                (i64.shl (i64.extend_i32_u (struct.get $bin $off (local.get $b))) (i64.const 3)) (local.get $n))
              (local.set $p (i64.add (local.get $p) (local.get $n)))
              (br $walk)))
          (if (ref.test (ref $cons) (local.get $h))
            (then
              (if (i32.eqz (ref.is_null (local.get $t)))
                (then
                  (local.set $stack (call $bin.push (local.get $stack) (local.get $sp) (local.get $t)))
                  (local.set $sp (i32.add (local.get $sp) (i32.const 1)))))
              (local.set $t (local.get $h))
              (br $walk)))
          (br $walk)))
      (if (ref.test (ref $bin) (local.get $t))
        (then
          (local.set $b (ref.cast (ref $bin) (local.get $t)))
          (local.set $n (call $bs.bit_size (local.get $b)))
          (call $bits.copy (local.get $d) (local.get $p) (struct.get $bin $data (local.get $b))
            (i64.shl (i64.extend_i32_u (struct.get $bin $off (local.get $b))) (i64.const 3)) (local.get $n))
          (local.set $p (i64.add (local.get $p) (local.get $n))))))
    (if (i32.eqz (local.get $sp)) (then (return)))
    (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
    (local.set $t (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp)))
    (br $walk)))

;; The binary (or, with `bits_ok`, bitstring) of an iolist, or FAIL.
(func $iol.to_bin (param $t eqref) (param $bits_ok i32) (result eqref)
  (local $n i64) (local $data (ref $bytes))
  (local.set $n (call $iol.size (local.get $t) (local.get $bits_ok)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail_badarg))))
  (if (i64.gt_u (local.get $n) (global.get $bs.MAX_BITS)) (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $data (array.new_default $bytes (i32.wrap_i64 (i64.shr_u (i64.add (local.get $n) (i64.const 7)) (i64.const 3)))))
  (call $iol.write (local.get $t) (local.get $data) (i64.const 0))
  (struct.new $bin (local.get $data) (i32.const 0)
    (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 3)))
    (i32.wrap_i64 (i64.and (local.get $n) (i64.const 7)))
    (ref.null $wcursor)))

;; list_to_binary(IoList).
(func $erlang:list_to_binary/1 (param $t eqref) (result eqref)
  (if (i32.eqz (i32.or (ref.is_null (local.get $t)) (ref.test (ref $cons) (local.get $t))))
    (then (return (call $fail_badarg))))
  (call $iol.to_bin (local.get $t) (i32.const 0)))

;; binary:list_to_bin(IoList): list_to_binary/1.
(func $binary:list_to_bin/1 (param $t eqref) (result eqref)
  (return_call $erlang:list_to_binary/1 (local.get $t)))

;; iolist_to_binary(IoListOrBinary): a binary is returned as it is.
(func $erlang:iolist_to_binary/1 (param $t eqref) (result eqref)
  (if (ref.test (ref $bin) (local.get $t))
    (then
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $t))) (then (return (call $fail_badarg))))
      (return (local.get $t))))
  (return_call $erlang:list_to_binary/1 (local.get $t)))

;; list_to_bitstring(BitstringList): bitstrings allowed anywhere binaries are.
(func $erlang:list_to_bitstring/1 (param $t eqref) (result eqref)
  (if (i32.eqz (i32.or (ref.is_null (local.get $t)) (ref.test (ref $cons) (local.get $t))))
    (then (return (call $fail_badarg))))
  (call $iol.to_bin (local.get $t) (i32.const 1)))

;; iolist_size(IoListOrBinary), in bytes.
(func $erlang:iolist_size/1 (param $t eqref) (result eqref)
  (local $n i64)
  (if (ref.test (ref $bin) (local.get $t))
    (then
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $t))) (then (return (call $fail_badarg))))
      (return (call $bin.int (struct.get $bin $size (ref.cast (ref $bin) (local.get $t)))))))
  (if (i32.eqz (i32.or (ref.is_null (local.get $t)) (ref.test (ref $cons) (local.get $t))))
    (then (return (call $fail_badarg))))
  (local.set $n (call $iol.size (local.get $t) (i32.const 0)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail_badarg))))
  (call $mk_int (i64.shr_u (local.get $n) (i64.const 3))))

;; ---- iolist_to_iovec ----------------------------------------------------------------------
;; The VM's algorithm (erl_io_queue.c, OTP 21-25), whose output shape programs can see:
;; bytes and binaries under 256 bytes are gathered into an accumulator (at least 256 bytes,
;; doubling, handed out once it has reached 8192 bytes and must grow again); a binary of
;; 256 bytes or more is returned as it is when the accumulator is empty or already 256
;; bytes or more, copied whole when the two together are under 512 bytes, and otherwise
;; split: its head tops the accumulator up to 256 bytes, its tail is returned as a
;; sub-binary.

(global $iov.acc (mut (ref null $bytes)) (ref.null $bytes))
(global $iov.size (mut i32) (i32.const 0))
(global $iov.head (mut eqref) (ref.null none))
(global $iov.tail (mut (ref null $cons)) (ref.null $cons))

;; Appends `v` to the result list.
(func $iov.enqueue (param $v eqref)
  (local $c (ref $cons))
  (local.set $c (struct.new $cons (local.get $v) (ref.null none)))
  (if (ref.is_null (global.get $iov.tail))
    (then (global.set $iov.head (local.get $c)))
    (else (struct.set $cons $tl (ref.as_non_null (global.get $iov.tail)) (local.get $c))))
  (global.set $iov.tail (local.get $c)))

;; The accumulator as a binary of its exact size; the accumulator is emptied.
(func $iov.promote (result (ref $bin))
  (local $b (ref $bin))
  (local.set $b (call $bin_copy (ref.as_non_null (global.get $iov.acc)) (i32.const 0) (global.get $iov.size)))
  (global.set $iov.acc (ref.null $bytes))
  (global.set $iov.size (i32.const 0))
  (local.get $b))

;; Makes room for `extra` more bytes in the accumulator.
(func $iov.expand (param $extra i32)
  (local $need i32) (local $cap i32) (local $new (ref $bytes))
  (local.set $need (i32.add (global.get $iov.size) (local.get $extra)))
  (if (ref.is_null (global.get $iov.acc))
    (then
      (global.set $iov.acc (array.new_default $bytes
        (select (local.get $need) (i32.const 256) (i32.gt_u (local.get $need) (i32.const 256)))))
      (return)))
  (local.set $cap (array.len (ref.as_non_null (global.get $iov.acc))))
  (if (i32.le_u (local.get $need) (local.get $cap)) (then (return)))
  (if (i32.ge_u (local.get $cap) (i32.const 8192))
    (then
      (call $iov.enqueue (call $iov.promote))
      (return_call $iov.expand (local.get $extra))))
  (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
  (if (i32.gt_u (local.get $need) (local.get $cap)) (then (local.set $cap (local.get $need))))
  (local.set $new (array.new_default $bytes (local.get $cap)))
  (array.copy $bytes $bytes (local.get $new) (i32.const 0) (ref.as_non_null (global.get $iov.acc)) (i32.const 0) (global.get $iov.size))
  (global.set $iov.acc (local.get $new)))

;; Appends bytes src[off..off+n] to the accumulator (room already made).
(func $iov.copy_in (param $src (ref $bytes)) (param $off i32) (param $n i32)
  (array.copy $bytes $bytes (ref.as_non_null (global.get $iov.acc)) (global.get $iov.size) (local.get $src) (local.get $off) (local.get $n))
  (global.set $iov.size (i32.add (global.get $iov.size) (local.get $n))))

;; One binary of the iolist; 0 when it is a bitstring.
(func $iov.binary (param $b (ref $bin)) (result i32)
  (local $size i32) (local $spill i32)
  (if (struct.get $bin $bits (local.get $b)) (then (return (i32.const 0))))
  (local.set $size (struct.get $bin $size (local.get $b)))
  (if (i32.eqz (local.get $size)) (then (return (i32.const 1))))
  (if (i32.and (i32.ge_u (local.get $size) (i32.const 256))
               (i32.or (i32.eqz (global.get $iov.size)) (i32.ge_u (global.get $iov.size) (i32.const 256))))
    (then
      (if (global.get $iov.size) (then (call $iov.enqueue (call $iov.promote))))
      (call $iov.enqueue (local.get $b))
      (return (i32.const 1))))
  (if (i32.or (i32.lt_u (local.get $size) (i32.const 256))
              (i32.lt_u (i32.add (local.get $size) (global.get $iov.size)) (i32.const 512)))
    (then
      (call $iov.expand (local.get $size))
      (call $iov.copy_in (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (local.get $size))
      (return (i32.const 1))))
  (local.set $spill (i32.sub (i32.const 256) (global.get $iov.size)))
  (call $iov.expand (local.get $spill))
  (call $iov.copy_in (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (local.get $spill))
  (call $iov.enqueue (call $iov.promote))
  (call $iov.enqueue (call $bin.sub (local.get $b) (local.get $spill) (i32.sub (local.get $size) (local.get $spill))))
  (i32.const 1))

;; iolist_to_iovec(IoListOrBinary): a list of binaries shaped as the VM shapes it.
(func $erlang:iolist_to_iovec/1 (param $t eqref) (result eqref)
  (local $b (ref $bin)) (local $stack (ref null $tuple)) (local $sp i32) (local $c (ref $cons)) (local $h eqref)
  (local $n i32) (local $look eqref) (local $x i32) (local $seen i32) (local $acc (ref $bytes))
  (if (ref.is_null (local.get $t)) (then (return (ref.null none))))
  (if (ref.test (ref $bin) (local.get $t))
    (then
      (local.set $b (ref.cast (ref $bin) (local.get $t)))
      (if (struct.get $bin $bits (local.get $b)) (then (return (call $fail_badarg))))
      (if (i32.eqz (struct.get $bin $size (local.get $b))) (then (return (ref.null none))))
      (return (struct.new $cons (local.get $t) (ref.null none)))))
  (if (i32.eqz (ref.test (ref $cons) (local.get $t))) (then (return (call $fail_badarg))))
  (global.set $iov.acc (ref.null $bytes))
  (global.set $iov.size (i32.const 0))
  (global.set $iov.head (ref.null none))
  (global.set $iov.tail (ref.null $cons))
  (loop $walk
    (block $pop
      (if (ref.test (ref $cons) (local.get $t))
        (then
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $h (struct.get $cons $hd (local.get $c)))
          (if (ref.test (ref $bin) (local.get $h))
            (then
              (if (i32.eqz (call $iov.binary (ref.cast (ref $bin) (local.get $h)))) (then (return (call $fail_badarg))))
              (local.set $t (struct.get $cons $tl (local.get $c)))
              (br $walk)))
          (if (ref.test (ref i31) (local.get $h))
            (then
              ;; A run of small integers, copied in one go.
              (local.set $n (i32.const 0))
              (local.set $look (local.get $t))
              (block $end
                (loop $count
                  (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $look))))
                  (br_if $end (i32.eqz (ref.test (ref i31) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $look))))))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (local.set $look (struct.get $cons $tl (ref.cast (ref $cons) (local.get $look))))
                  (br $count)))
              (call $iov.expand (local.get $n))
              (local.set $acc (ref.as_non_null (global.get $iov.acc)))
              (local.set $seen (i32.const 0))
              (block $end
                (loop $copy
                  (br_if $end (i32.eqz (local.get $n)))
                  (local.set $c (ref.cast (ref $cons) (local.get $t)))
                  (local.set $x (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (local.get $c)))))
                  (local.set $seen (i32.or (local.get $seen) (local.get $x)))
                  (array.set $bytes (local.get $acc) (global.get $iov.size) (local.get $x))
                  (global.set $iov.size (i32.add (global.get $iov.size) (i32.const 1)))
                  (local.set $t (struct.get $cons $tl (local.get $c)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $copy)))
              (if (i32.gt_u (local.get $seen) (i32.const 255)) (then (return (call $fail_badarg))))
              (br $walk)))
          (if (i32.or (ref.is_null (local.get $h)) (ref.test (ref $cons) (local.get $h)))
            (then
              (local.set $t (struct.get $cons $tl (local.get $c)))
              (if (i32.eqz (ref.is_null (local.get $t)))
                (then
                  (local.set $stack (call $bin.push (local.get $stack) (local.get $sp) (local.get $t)))
                  (local.set $sp (i32.add (local.get $sp) (i32.const 1)))))
              (local.set $t (local.get $h))
              (br $walk)))
          (return (call $fail_badarg))))
      (br_if $pop (ref.is_null (local.get $t)))
      (if (ref.test (ref $bin) (local.get $t))
        (then
          (if (i32.eqz (call $iov.binary (ref.cast (ref $bin) (local.get $t)))) (then (return (call $fail_badarg))))
          (br $pop)))
      (return (call $fail_badarg)))
    (if (local.get $sp)
      (then
        (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
        (local.set $t (array.get $tuple (ref.as_non_null (local.get $stack)) (local.get $sp)))
        (br $walk))))
  (if (global.get $iov.size) (then (call $iov.enqueue (call $iov.promote))))
  (global.set $iov.acc (ref.null $bytes))
  (global.get $iov.head))

;; ---- erlang: sizes, parts, conversions -----------------------------------------------------

;; byte_size(Bitstring): whole bytes, a partial last byte counted.
(func $erlang:byte_size/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (call $bin.int (i32.add (struct.get $bin $size (local.get $b))
                    (i32.ne (struct.get $bin $bits (local.get $b)) (i32.const 0)))))

;; bit_size(Bitstring).
(func $erlang:bit_size/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (call $mk_int (call $bs.bit_size (ref.as_non_null (local.get $b)))))

;; is_binary(Term).
(func $erlang:is_binary/1 (param $v eqref) (result eqref)
  (call $bool (call $is_binary (local.get $v))))

;; is_bitstring(Term).
(func $erlang:is_bitstring/1 (param $v eqref) (result eqref)
  (call $bool (ref.test (ref $bin) (local.get $v))))

;; binary_part(Bin, Pos, Len): the whole bytes of a bitstring; a negative Len counts back
;; from Pos.
(func $erlang:binary_part/3 (param $v eqref) (param $pos eqref) (param $len eqref) (result eqref)
  (local $b (ref null $bin)) (local $p i64) (local $n i64)
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $p (call $bin.uint (local.get $pos)))
  (local.set $n (call $bin.sint (local.get $len)))
  (if (i32.or (i64.lt_s (local.get $p) (i64.const 0)) (i64.eq (local.get $n) (i64.const 0x8000000000000000)))
    (then (return (call $fail_badarg))))
  (if (i64.lt_s (local.get $n) (i64.const 0))
    (then
      (local.set $n (i64.sub (i64.const 0) (local.get $n)))
      (if (i64.gt_u (local.get $n) (local.get $p)) (then (return (call $fail_badarg))))
      (local.set $p (i64.sub (local.get $p) (local.get $n)))))
  (if (i32.or (i64.gt_u (local.get $p) (i64.extend_i32_u (struct.get $bin $size (local.get $b))))
              (i64.gt_u (local.get $n) (i64.sub (i64.extend_i32_u (struct.get $bin $size (local.get $b))) (local.get $p))))
    (then (return (call $fail_badarg))))
  (call $bin.sub (ref.as_non_null (local.get $b)) (i32.wrap_i64 (local.get $p)) (i32.wrap_i64 (local.get $n))))

;; binary_part(Bin, {Pos, Len}).
(func $erlang:binary_part/2 (param $v eqref) (param $pl eqref) (result eqref)
  (local $t (ref $tuple))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $pl))) (then (return (call $fail_badarg))))
  (local.set $t (ref.cast (ref $tuple) (local.get $pl)))
  (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (call $fail_badarg))))
  (return_call $erlang:binary_part/3 (local.get $v)
    (array.get $tuple (local.get $t) (i32.const 0)) (array.get $tuple (local.get $t) (i32.const 1))))

;; binary:part(Bin, Pos, Len): binary_part/3.
(func $binary:part/3 (param $v eqref) (param $pos eqref) (param $len eqref) (result eqref)
  (return_call $erlang:binary_part/3 (local.get $v) (local.get $pos) (local.get $len)))

;; binary:part(Bin, {Pos, Len}): binary_part/2.
(func $binary:part/2 (param $v eqref) (param $pl eqref) (result eqref)
  (return_call $erlang:binary_part/2 (local.get $v) (local.get $pl)))

;; split_binary(Bin, Pos): {the first Pos bytes, the rest with any trailing bits}.
(func $erlang:split_binary/2 (param $v eqref) (param $pos eqref) (result eqref)
  (local $b (ref null $bin)) (local $p i64)
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $p (call $bin.uint (local.get $pos)))
  (if (i32.or (i64.lt_s (local.get $p) (i64.const 0))
              (i64.gt_u (local.get $p) (i64.extend_i32_u (struct.get $bin $size (local.get $b)))))
    (then (return (call $fail_badarg))))
  (call $tuple2
    (call $bin.sub (ref.as_non_null (local.get $b)) (i32.const 0) (i32.wrap_i64 (local.get $p)))
    (struct.new $bin (struct.get $bin $data (local.get $b))
      (i32.add (struct.get $bin $off (local.get $b)) (i32.wrap_i64 (local.get $p)))
      (i32.sub (struct.get $bin $size (local.get $b)) (i32.wrap_i64 (local.get $p)))
      (struct.get $bin $bits (local.get $b))
      (ref.null $wcursor))))

;; binary_to_list(Bin): the bytes (badarg for a bitstring).
(func $erlang:binary_to_list/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (if (struct.get $bin $bits (local.get $b)) (then (return (call $fail_badarg))))
  (call $bin.bytes_to_list (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b)) (ref.null none)))

;; binary_to_list(Bin, Start, Stop): bytes Start..Stop, counting from 1.
(func $erlang:binary_to_list/3 (param $v eqref) (param $start eqref) (param $stop eqref) (result eqref)
  (local $b (ref null $bin)) (local $s i64) (local $e i64) (local $size i64)
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $s (call $bin.uint (local.get $start)))
  (local.set $e (call $bin.uint (local.get $stop)))
  (local.set $size (i64.extend_i32_u (struct.get $bin $size (local.get $b))))
  (if (i32.or (i32.or (i64.lt_s (local.get $s) (i64.const 1)) (i64.gt_s (local.get $s) (local.get $size)))
              (i32.or (i64.lt_s (local.get $e) (i64.const 1))
                      (i32.or (i64.gt_s (local.get $e) (local.get $size)) (i64.lt_s (local.get $e) (local.get $s)))))
    (then (return (call $fail_badarg))))
  (call $bin.bytes_to_list (struct.get $bin $data (local.get $b))
    (i32.add (struct.get $bin $off (local.get $b)) (i32.wrap_i64 (i64.sub (local.get $s) (i64.const 1))))
    (i32.wrap_i64 (i64.add (i64.sub (local.get $e) (local.get $s)) (i64.const 1)))
    (ref.null none)))

;; bitstring_to_list(Bits): the bytes, then the trailing bits as a bitstring, if any.
(func $erlang:bitstring_to_list/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin)) (local $tail eqref) (local $end i32)
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $end (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
  (if (struct.get $bin $bits (local.get $b))
    (then
      (local.set $tail (struct.new $cons
        (struct.new $bin (struct.get $bin $data (local.get $b)) (local.get $end) (i32.const 0)
          (struct.get $bin $bits (local.get $b)) (ref.null $wcursor))
        (ref.null none)))))
  (call $bin.bytes_to_list (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b)) (local.get $tail)))

;; ---- binary: bytes ------------------------------------------------------------------------

;; `v` as a binary with no trailing bits, or null.
(func $bin.bytes (param $v eqref) (result (ref null $bin))
  (local $b (ref null $bin))
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (ref.null $bin))))
  (if (struct.get $bin $bits (local.get $b)) (then (return (ref.null $bin))))
  (local.get $b))

;; binary:first(Bin): its first byte.
(func $binary:first/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (if (i32.eqz (struct.get $bin $size (local.get $b))) (then (return (call $fail_badarg))))
  (ref.i31 (array.get_u $bytes (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)))))

;; binary:last(Bin): its last byte.
(func $binary:last/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (if (i32.eqz (struct.get $bin $size (local.get $b))) (then (return (call $fail_badarg))))
  (ref.i31 (array.get_u $bytes (struct.get $bin $data (local.get $b))
    (i32.sub (i32.add (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))) (i32.const 1)))))

;; binary:at(Bin, Pos): byte Pos, counting from 0.
(func $binary:at/2 (param $v eqref) (param $i eqref) (result eqref)
  (local $b (ref null $bin)) (local $n i64)
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $n (call $bin.uint (local.get $i)))
  (if (i32.or (i64.lt_s (local.get $n) (i64.const 0))
              (i64.ge_s (local.get $n) (i64.extend_i32_u (struct.get $bin $size (local.get $b)))))
    (then (return (call $fail_badarg))))
  (ref.i31 (array.get_u $bytes (struct.get $bin $data (local.get $b))
    (i32.add (struct.get $bin $off (local.get $b)) (i32.wrap_i64 (local.get $n))))))

;; binary:copy(Bin): a fresh copy.
(func $binary:copy/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (call $bin_copy (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))

;; binary:copy(Bin, N): N copies, built by doubling (zero copies of any bitstring are <<>>).
(func $binary:copy/2 (param $v eqref) (param $times eqref) (result eqref)
  (local $b (ref null $bin)) (local $n i64) (local $size i64) (local $total i64) (local $d (ref $bytes))
  (local $done i32) (local $chunk i32)
  (if (i32.and (ref.test (ref $bin) (local.get $v)) (ref.eq (local.get $times) (ref.i31 (i32.const 0))))
    (then (return (call $bin_of (array.new_fixed $bytes 0)))))
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $n (call $bin.uint (local.get $times)))
  (if (i64.lt_s (local.get $n) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $size (i64.extend_i32_u (struct.get $bin $size (local.get $b))))
  (if (i64.eqz (local.get $size)) (then (return (call $bin_of (array.new_fixed $bytes 0)))))
  (if (i64.gt_u (local.get $n) (i64.div_u (i64.const 0x7fffffff) (local.get $size)))
    (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $total (i64.mul (local.get $n) (local.get $size)))
  (local.set $d (array.new_default $bytes (i32.wrap_i64 (local.get $total))))
  (if (i64.eqz (local.get $total)) (then (return (call $bin_of (local.get $d)))))
  (array.copy $bytes $bytes (local.get $d) (i32.const 0) (struct.get $bin $data (local.get $b))
    (struct.get $bin $off (local.get $b)) (i32.wrap_i64 (local.get $size)))
  (local.set $done (i32.wrap_i64 (local.get $size)))
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $done) (i32.wrap_i64 (local.get $total))))
      (local.set $chunk (local.get $done))
      (if (i32.gt_u (local.get $chunk) (i32.sub (i32.wrap_i64 (local.get $total)) (local.get $done)))
        (then (local.set $chunk (i32.sub (i32.wrap_i64 (local.get $total)) (local.get $done)))))
      (array.copy $bytes $bytes (local.get $d) (local.get $done) (local.get $d) (i32.const 0) (local.get $chunk))
      (local.set $done (i32.add (local.get $done) (local.get $chunk)))
      (br $next)))
  (call $bin_of (local.get $d)))

;; binary:referenced_byte_size(Bin): the size of the byte array it shares.
(func $binary:referenced_byte_size/1 (param $v eqref) (result eqref)
  (local $b (ref null $bin))
  (local.set $b (call $bin.cast (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (call $bin.int (array.len (struct.get $bin $data (local.get $b)))))

;; 1 for little, 0 for big, -1 otherwise.
(func $bin.endian (param $e eqref) (result i32)
  (if (ref.eq (local.get $e) (global.get $atom.big)) (then (return (i32.const 0))))
  (if (ref.eq (local.get $e) (global.get $atom.little)) (then (return (i32.const 1))))
  (i32.const -1))

;; binary:decode_unsigned(Bin, Endian).
(func $binary:decode_unsigned/2 (param $v eqref) (param $e eqref) (result eqref)
  (local $b (ref null $bin)) (local $little i32) (local $n i32) (local $d (ref $bytes)) (local $off i32)
  (local $buf (ref $bytes)) (local $i i32) (local $x i64)
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $little (call $bin.endian (local.get $e)))
  (if (i32.lt_s (local.get $little) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $n (struct.get $bin $size (local.get $b)))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (if (i32.le_u (local.get $n) (i32.const 7))
    (then
      (block $end
        (loop $next
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          (if (local.get $little)
            (then (local.set $x (i64.or (local.get $x)
              (i64.shl (i64.extend_i32_u (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
                       (i64.extend_i32_u (i32.shl (local.get $i) (i32.const 3)))))))
            (else (local.set $x (i64.or (i64.shl (local.get $x) (i64.const 8))
              (i64.extend_i32_u (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (call $mk_int (local.get $x)))))
  (local.set $buf (array.new_default $bytes (local.get $n)))
  (if (local.get $little)
    (then (array.copy $bytes $bytes (local.get $buf) (i32.const 0) (local.get $d) (local.get $off) (local.get $n)))
    (else
      (block $end
        (loop $next
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          (array.set $bytes (local.get $buf) (local.get $i)
            (array.get_u $bytes (local.get $d) (i32.sub (i32.add (local.get $off) (i32.sub (local.get $n) (i32.const 1))) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  (call $bs.int_of_le_bytes (local.get $buf) (i32.shl (local.get $n) (i32.const 3)) (i32.const 0)))

;; binary:decode_unsigned(Bin), big-endian.
(func $binary:decode_unsigned/1 (param $v eqref) (result eqref)
  (return_call $binary:decode_unsigned/2 (local.get $v) (global.get $atom.big)))

;; binary:encode_unsigned(N, Endian): the fewest bytes holding N >= 0 (<<0>> for 0).
(func $binary:encode_unsigned/2 (param $v eqref) (param $e eqref) (result eqref)
  (local $little i32) (local $k i32) (local $x i64) (local $mag (ref $limbs)) (local $top i32)
  (local $le (ref $bytes)) (local $out (ref $bytes)) (local $i i32)
  (if (i32.eqz (call $is_integer (local.get $v))) (then (return (call $fail_badarg))))
  (if (call $bs.is_negative (local.get $v)) (then (return (call $fail_badarg))))
  (local.set $little (call $bin.endian (local.get $e)))
  (if (i32.lt_s (local.get $little) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (ref.test (ref $bigint) (local.get $v))
    (then
      (local.set $mag (struct.get $bigint $mag (ref.cast (ref $bigint) (local.get $v))))
      (local.set $top (array.get $limbs (local.get $mag) (i32.sub (array.len (local.get $mag)) (i32.const 1))))
      (local.set $k (i32.add (i32.shl (i32.sub (array.len (local.get $mag)) (i32.const 1)) (i32.const 2))
                             (i32.sub (i32.const 4) (i32.shr_u (i32.clz (local.get $top)) (i32.const 3))))))
    (else
      (local.set $x (call $int_i64 (local.get $v)))
      (local.set $k (i32.sub (i32.const 8) (i32.wrap_i64 (i64.shr_u (i64.clz (local.get $x)) (i64.const 3)))))
      (if (i32.eqz (local.get $k)) (then (local.set $k (i32.const 1))))))
  (local.set $le (call $bs.int_le_bytes (local.get $v) (local.get $k)))
  (if (local.get $little) (then (return (call $bin_of (local.get $le)))))
  (local.set $out (array.new_default $bytes (local.get $k)))
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $i) (local.get $k)))
      (array.set $bytes (local.get $out) (local.get $i)
        (array.get_u $bytes (local.get $le) (i32.sub (i32.sub (local.get $k) (i32.const 1)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $bin_of (local.get $out)))

;; binary:encode_unsigned(N), big-endian.
(func $binary:encode_unsigned/1 (param $v eqref) (result eqref)
  (return_call $binary:encode_unsigned/2 (local.get $v) (global.get $atom.big)))

;; binary:longest_common_prefix/1 and suffix/1 (`suffix` set): over a non-empty proper
;; list of binaries.
(func $bin.common (param $l eqref) (param $suffix i32) (result eqref)
  (local $first (ref null $bin)) (local $b (ref null $bin)) (local $t eqref) (local $best i32) (local $i i32)
  (local $n i32) (local $fd (ref $bytes)) (local $bd (ref $bytes)) (local $fe i32) (local $be i32)
  (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (call $fail_badarg))))
  ;; Check the whole list first, as the VM does.
  (local.set $t (local.get $l))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $t))))
      (if (ref.is_null (call $bin.bytes (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
        (then (return (call $fail_badarg))))
      (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $t))) (then (return (call $fail_badarg))))
  (local.set $first (call $bin.bytes (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
  (local.set $best (struct.get $bin $size (local.get $first)))
  (local.set $fd (struct.get $bin $data (local.get $first)))
  (local.set $fe (i32.add (struct.get $bin $off (local.get $first)) (struct.get $bin $size (local.get $first))))
  (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $t))))
      (local.set $b (call $bin.bytes (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
      (local.set $n (struct.get $bin $size (local.get $b)))
      (if (i32.lt_u (local.get $n) (local.get $best)) (then (local.set $best (local.get $n))))
      (local.set $bd (struct.get $bin $data (local.get $b)))
      (local.set $be (i32.add (struct.get $bin $off (local.get $b)) (local.get $n)))
      (local.set $i (i32.const 0))
      (block $diff
        (loop $cmp
          (br_if $diff (i32.ge_u (local.get $i) (local.get $best)))
          (if (local.get $suffix)
            (then
              (br_if $diff (i32.ne
                (array.get_u $bytes (local.get $fd) (i32.sub (i32.sub (local.get $fe) (i32.const 1)) (local.get $i)))
                (array.get_u $bytes (local.get $bd) (i32.sub (i32.sub (local.get $be) (i32.const 1)) (local.get $i))))))
            (else
              (br_if $diff (i32.ne
                (array.get_u $bytes (local.get $fd) (i32.add (struct.get $bin $off (local.get $first)) (local.get $i)))
                (array.get_u $bytes (local.get $bd) (i32.add (struct.get $bin $off (local.get $b)) (local.get $i)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $cmp)))
      (local.set $best (local.get $i))
      (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
      (br $next)))
  (call $bin.int (local.get $best)))

;; binary:longest_common_prefix(Binaries).
(func $binary:longest_common_prefix/1 (param $l eqref) (result eqref)
  (call $bin.common (local.get $l) (i32.const 0)))

;; binary:longest_common_suffix(Binaries).
(func $binary:longest_common_suffix/1 (param $l eqref) (result eqref)
  (call $bin.common (local.get $l) (i32.const 1)))

;; ---- binary: searching --------------------------------------------------------------------

;; The patterns of a search pattern argument (a non-empty binary, a non-empty proper list of
;; non-empty binaries, or a compiled pattern) as a tuple of `$bin`s, or null (badarg).
(func $bin.patterns (param $p eqref) (result (ref null $tuple))
  (local $b (ref null $bin)) (local $n i32) (local $t eqref) (local $out (ref $tuple)) (local $i i32)
  (local $tp (ref $tuple))
  (if (ref.test (ref $tuple) (local.get $p))
    (then
      (local.set $tp (ref.cast (ref $tuple) (local.get $p)))
      (if (i32.ne (array.len (local.get $tp)) (i32.const 2)) (then (return (ref.null $tuple))))
      (if (i32.eqz (ref.test (ref $mref) (array.get $tuple (local.get $tp) (i32.const 1)))) (then (return (ref.null $tuple))))
      (local.set $t (struct.get $mref $payload (ref.cast (ref $mref) (array.get $tuple (local.get $tp) (i32.const 1)))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (ref.null $tuple))))
      (local.set $out (ref.cast (ref $tuple) (local.get $t)))
      ;; bm holds one pattern, ac several (the kind of the magic binary, on the VM)
      (if (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.bm))
        (then (if (i32.eq (array.len (local.get $out)) (i32.const 1)) (then (return (local.get $out))))))
      (if (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.ac))
        (then (if (i32.gt_u (array.len (local.get $out)) (i32.const 1)) (then (return (local.get $out))))))
      (return (ref.null $tuple))))
  (local.set $b (call $bin.bytes (local.get $p)))
  (if (i32.eqz (ref.is_null (local.get $b)))
    (then
      (if (i32.eqz (struct.get $bin $size (local.get $b))) (then (return (ref.null $tuple))))
      (return (array.new_fixed $tuple 1 (local.get $p)))))
  (local.set $n (call $list_length (local.get $p)))
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (ref.null $tuple))))
  (local.set $out (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $t (local.get $p))
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $b (call $bin.bytes (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
      (if (ref.is_null (local.get $b)) (then (return (ref.null $tuple))))
      (if (i32.eqz (struct.get $bin $size (local.get $b))) (then (return (ref.null $tuple))))
      (array.set $tuple (local.get $out) (local.get $i) (local.get $b))
      (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; binary:compile_pattern(Pattern): {bm, Ref} for one pattern, {ac, Ref} for several, Ref a
;; magic reference carrying the patterns (compiling a compiled pattern is badarg).
(func $binary:compile_pattern/1 (param $p eqref) (result eqref)
  (local $pats (ref null $tuple)) (local $ref (ref $mref))
  (if (ref.test (ref $tuple) (local.get $p)) (then (return (call $fail_badarg))))
  (local.set $pats (call $bin.patterns (local.get $p)))
  (if (ref.is_null (local.get $pats)) (then (return (call $fail_badarg))))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (local.set $ref (struct.new $mref (global.get $ref_counter) (local.get $pats)))
  (call $tuple2
    (if (result eqref) (i32.eq (array.len (local.get $pats)) (i32.const 1))
      (then (global.get $atom.bm))
      (else (global.get $atom.ac)))
    (local.get $ref)))

;; A prepared search: the patterns, and for one pattern its Horspool shift table (null when
;; the plain first-byte scan is used), for several a table of their first bytes.
(global $srch.pats (mut (ref null $tuple)) (ref.null $tuple))
(global $srch.skip (mut (ref null $limbs)) (ref.null $limbs))
(global $srch.firsts (mut (ref null $bytes)) (ref.null $bytes))

;; Prepares a search for `pats` over a subject span of `span` bytes.
(func $srch.prepare (param $pats (ref $tuple)) (param $span i32)
  (local $p (ref $bin)) (local $n i32) (local $skip (ref $limbs)) (local $i i32) (local $d (ref $bytes))
  (local $off i32) (local $firsts (ref $bytes))
  (global.set $srch.pats (local.get $pats))
  (global.set $srch.skip (ref.null $limbs))
  (global.set $srch.firsts (ref.null $bytes))
  (if (i32.eq (array.len (local.get $pats)) (i32.const 1))
    (then
      (local.set $p (ref.cast (ref $bin) (array.get $tuple (local.get $pats) (i32.const 0))))
      (local.set $n (struct.get $bin $size (local.get $p)))
      (if (i32.and (i32.ge_u (local.get $n) (i32.const 4)) (i32.ge_u (local.get $span) (i32.const 256)))
        (then
          (local.set $skip (array.new $limbs (local.get $n) (i32.const 256)))
          (local.set $d (struct.get $bin $data (local.get $p)))
          (local.set $off (struct.get $bin $off (local.get $p)))
          (block $end
            (loop $next
              (br_if $end (i32.ge_u (local.get $i) (i32.sub (local.get $n) (i32.const 1))))
              (array.set $limbs (local.get $skip) (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i)))
                (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
          (global.set $srch.skip (local.get $skip))))
      (return)))
  (local.set $firsts (array.new_default $bytes (i32.const 256)))
  (block $end
    (loop $next
      (br_if $end (i32.ge_u (local.get $i) (array.len (local.get $pats))))
      (local.set $p (ref.cast (ref $bin) (array.get $tuple (local.get $pats) (local.get $i))))
      (array.set $bytes (local.get $firsts)
        (array.get_u $bytes (struct.get $bin $data (local.get $p)) (struct.get $bin $off (local.get $p))) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.set $srch.firsts (local.get $firsts)))

;; The leftmost-longest match of the prepared patterns in bytes s..e of the subject (data
;; `h` from offset `ho`), as (pos << 32 | len) relative to the subject, or -1.
(func $srch.find (param $h (ref $bytes)) (param $ho i32) (param $s i32) (param $e i32) (result i64)
  (local $pats (ref $tuple)) (local $p (ref $bin)) (local $pd (ref $bytes)) (local $po i32) (local $n i32)
  (local $j i32) (local $last i32) (local $first i32) (local $skip (ref $limbs)) (local $c i32) (local $lastc i32)
  (local $firsts (ref $bytes)) (local $i i32) (local $best i32)
  (local.set $pats (ref.as_non_null (global.get $srch.pats)))
  (if (i32.eq (array.len (local.get $pats)) (i32.const 1))
    (then
      (local.set $p (ref.cast (ref $bin) (array.get $tuple (local.get $pats) (i32.const 0))))
      (local.set $pd (struct.get $bin $data (local.get $p)))
      (local.set $po (struct.get $bin $off (local.get $p)))
      (local.set $n (struct.get $bin $size (local.get $p)))
      (if (i32.gt_s (local.get $n) (i32.sub (local.get $e) (local.get $s))) (then (return (i64.const -1))))
      (local.set $last (i32.sub (local.get $e) (local.get $n)))
      (local.set $j (local.get $s))
      (if (ref.is_null (global.get $srch.skip))
        (then
          ;; Scan for the first byte, then compare the rest.
          (local.set $first (array.get_u $bytes (local.get $pd) (local.get $po)))
          (block $end
            (loop $next
              (br_if $end (i32.gt_s (local.get $j) (local.get $last)))
              (if (i32.eq (array.get_u $bytes (local.get $h) (i32.add (local.get $ho) (local.get $j))) (local.get $first))
                (then
                  (if (call $bytes.equal (local.get $h) (i32.add (i32.add (local.get $ho) (local.get $j)) (i32.const 1))
                        (local.get $pd) (i32.add (local.get $po) (i32.const 1)) (i32.sub (local.get $n) (i32.const 1)))
                    (then (return (i64.or (i64.shl (i64.extend_i32_u (local.get $j)) (i64.const 32))
                                          (i64.extend_i32_u (local.get $n))))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $next)))
          (return (i64.const -1))))
      ;; Boyer–Moore–Horspool.
      (local.set $skip (ref.as_non_null (global.get $srch.skip)))
      (local.set $lastc (array.get_u $bytes (local.get $pd) (i32.add (local.get $po) (i32.sub (local.get $n) (i32.const 1)))))
      (block $end
        (loop $next
          (br_if $end (i32.gt_s (local.get $j) (local.get $last)))
          (local.set $c (array.get_u $bytes (local.get $h) (i32.add (i32.add (local.get $ho) (local.get $j)) (i32.sub (local.get $n) (i32.const 1)))))
          (if (i32.eq (local.get $c) (local.get $lastc))
            (then
              (if (call $bytes.equal (local.get $h) (i32.add (local.get $ho) (local.get $j))
                    (local.get $pd) (local.get $po) (i32.sub (local.get $n) (i32.const 1)))
                (then (return (i64.or (i64.shl (i64.extend_i32_u (local.get $j)) (i64.const 32))
                                      (i64.extend_i32_u (local.get $n))))))))
          (local.set $j (i32.add (local.get $j) (array.get $limbs (local.get $skip) (local.get $c))))
          (br $next)))
      (return (i64.const -1))))
  ;; Several patterns: at each position whose byte starts some pattern, the longest one.
  (local.set $firsts (ref.as_non_null (global.get $srch.firsts)))
  (local.set $j (local.get $s))
  (block $end
    (loop $next
      (br_if $end (i32.ge_s (local.get $j) (local.get $e)))
      (if (array.get_u $bytes (local.get $firsts) (array.get_u $bytes (local.get $h) (i32.add (local.get $ho) (local.get $j))))
        (then
          (local.set $best (i32.const 0))
          (local.set $i (i32.const 0))
          (block $pend
            (loop $pnext
              (br_if $pend (i32.ge_u (local.get $i) (array.len (local.get $pats))))
              (local.set $p (ref.cast (ref $bin) (array.get $tuple (local.get $pats) (local.get $i))))
              (local.set $n (struct.get $bin $size (local.get $p)))
              (if (i32.and (i32.gt_u (local.get $n) (local.get $best))
                           (i32.le_s (local.get $n) (i32.sub (local.get $e) (local.get $j))))
                (then
                  (if (call $bytes.equal (local.get $h) (i32.add (local.get $ho) (local.get $j))
                        (struct.get $bin $data (local.get $p)) (struct.get $bin $off (local.get $p)) (local.get $n))
                    (then (local.set $best (local.get $n))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $pnext)))
          (if (local.get $best)
            (then (return (i64.or (i64.shl (i64.extend_i32_u (local.get $j)) (i64.const 32))
                                  (i64.extend_i32_u (local.get $best))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  (i64.const -1))

;; Parses the options of binary:match/3 and matches/3 (a list of {scope, {Pos, Len}}, the
;; last one winning; an improper tail is ignored, as by the VM) against a subject of
;; `size` bytes: (start << 32 | end), or -1.
(func $bin.scope_opts (param $opts eqref) (param $size i32) (result i64)
  (local $r i64) (local $t (ref $tuple)) (local $h eqref)
  (local.set $r (i64.extend_i32_u (local.get $size)))
  (if (i32.eqz (i32.or (ref.is_null (local.get $opts)) (ref.test (ref $cons) (local.get $opts))))
    (then (return (i64.const -1))))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $opts))))
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $h))) (then (return (i64.const -1))))
      (local.set $t (ref.cast (ref $tuple) (local.get $h)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i64.const -1))))
      (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.scope))) (then (return (i64.const -1))))
      (local.set $r (call $bin.scope (array.get $tuple (local.get $t) (i32.const 1)) (local.get $size)))
      (if (i64.lt_s (local.get $r) (i64.const 0)) (then (return (i64.const -1))))
      (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
      (br $next)))
  (local.get $r))

;; A {Pos, Len} scope (Len may be negative) within `size` bytes: (start << 32 | end), or -1.
(func $bin.scope (param $v eqref) (param $size i32) (result i64)
  (local $t (ref $tuple)) (local $p i64) (local $n i64)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $v))) (then (return (i64.const -1))))
  (local.set $t (ref.cast (ref $tuple) (local.get $v)))
  (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (i64.const -1))))
  (local.set $p (call $bin.uint (array.get $tuple (local.get $t) (i32.const 0))))
  (local.set $n (call $bin.sint (array.get $tuple (local.get $t) (i32.const 1))))
  (if (i32.or (i64.lt_s (local.get $p) (i64.const 0)) (i64.eq (local.get $n) (i64.const 0x8000000000000000)))
    (then (return (i64.const -1))))
  (if (i64.lt_s (local.get $n) (i64.const 0))
    (then
      (local.set $n (i64.sub (i64.const 0) (local.get $n)))
      (local.set $p (i64.sub (local.get $p) (local.get $n)))
      (if (i64.lt_s (local.get $p) (i64.const 0)) (then (return (i64.const -1))))))
  (if (i32.or (i64.gt_u (local.get $p) (i64.extend_i32_u (local.get $size)))
              (i64.gt_u (local.get $n) (i64.sub (i64.extend_i32_u (local.get $size)) (local.get $p))))
    (then (return (i64.const -1))))
  (i64.or (i64.shl (local.get $p) (i64.const 32)) (i64.add (local.get $p) (local.get $n))))

;; {Pos, Len} of a packed match.
(func $bin.match_term (param $m i64) (result eqref)
  (call $tuple2 (call $bin.int (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))))
                (call $bin.int (i32.wrap_i64 (local.get $m)))))

;; binary:match/3 and matches/3 (`all` set).
(func $bin.match (param $v eqref) (param $pat eqref) (param $opts eqref) (param $all i32) (result eqref)
  (local $b (ref null $bin)) (local $scope i64) (local $s i32) (local $e i32) (local $pats (ref null $tuple))
  (local $m i64) (local $head eqref) (local $tail (ref null $cons)) (local $c (ref $cons)) (local $d (ref $bytes)) (local $off i32)
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $scope (call $bin.scope_opts (local.get $opts) (struct.get $bin $size (local.get $b))))
  (if (i64.lt_s (local.get $scope) (i64.const 0)) (then (return (call $fail_badarg))))
  (local.set $s (i32.wrap_i64 (i64.shr_u (local.get $scope) (i64.const 32))))
  (local.set $e (i32.wrap_i64 (local.get $scope)))
  (if (i32.eqz (local.get $e))
    (then (return (select (result eqref) (ref.null none) (global.get $atom.nomatch) (local.get $all)))))
  (local.set $pats (call $bin.patterns (local.get $pat)))
  (if (ref.is_null (local.get $pats)) (then (return (call $fail_badarg))))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (call $srch.prepare (ref.as_non_null (local.get $pats)) (i32.sub (local.get $e) (local.get $s)))
  (if (i32.eqz (local.get $all))
    (then
      (local.set $m (call $srch.find (local.get $d) (local.get $off) (local.get $s) (local.get $e)))
      (if (i64.lt_s (local.get $m) (i64.const 0)) (then (return (global.get $atom.nomatch))))
      (return (call $bin.match_term (local.get $m)))))
  (block $end
    (loop $next
      (local.set $m (call $srch.find (local.get $d) (local.get $off) (local.get $s) (local.get $e)))
      (br_if $end (i64.lt_s (local.get $m) (i64.const 0)))
      (local.set $c (struct.new $cons (call $bin.match_term (local.get $m)) (ref.null none)))
      (if (ref.is_null (local.get $tail))
        (then (local.set $head (local.get $c)))
        (else (struct.set $cons $tl (ref.as_non_null (local.get $tail)) (local.get $c))))
      (local.set $tail (local.get $c))
      (local.set $s (i32.add (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))) (i32.wrap_i64 (local.get $m))))
      (br $next)))
  (local.get $head))

;; binary:match(Subject, Pattern, Options).
(func $binary:match/3 (param $v eqref) (param $p eqref) (param $o eqref) (result eqref)
  (call $bin.match (local.get $v) (local.get $p) (local.get $o) (i32.const 0)))
;; binary:match(Subject, Pattern).
(func $binary:match/2 (param $v eqref) (param $p eqref) (result eqref)
  (call $bin.match (local.get $v) (local.get $p) (ref.null none) (i32.const 0)))
;; binary:matches(Subject, Pattern, Options).
(func $binary:matches/3 (param $v eqref) (param $p eqref) (param $o eqref) (result eqref)
  (call $bin.match (local.get $v) (local.get $p) (local.get $o) (i32.const 1)))
;; binary:matches(Subject, Pattern).
(func $binary:matches/2 (param $v eqref) (param $p eqref) (result eqref)
  (call $bin.match (local.get $v) (local.get $p) (ref.null none) (i32.const 1)))

;; binary:split/3: options global, trim, trim_all and {scope, {Pos, Len}}; the parts
;; between the matches (zero-copy), with empty parts trimmed as asked.
(func $binary:split/3 (param $v eqref) (param $pat eqref) (param $opts eqref) (result eqref)
  (local $b (ref null $bin)) (local $size i32) (local $s i32) (local $e i32) (local $global i32) (local $trim i32)
  (local $trim_all i32) (local $h eqref) (local $t (ref $tuple)) (local $scope i64) (local $pats (ref null $tuple))
  (local $d (ref $bytes)) (local $off i32) (local $m i64) (local $at i32) (local $len i32) (local $from i32)
  (local $parts (ref null $tuple)) (local $np i32) (local $part (ref $bin)) (local $res eqref) (local $i i32)
  (local.set $b (call $bin.bytes (local.get $v)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $size (struct.get $bin $size (local.get $b)))
  (local.set $e (local.get $size))
  (if (i32.eqz (i32.or (ref.is_null (local.get $opts)) (ref.test (ref $cons) (local.get $opts))))
    (then (return (call $fail_badarg))))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $opts))))
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $opts))))
      (local.set $opts (struct.get $cons $tl (ref.cast (ref $cons) (local.get $opts))))
      (if (ref.eq (local.get $h) (global.get $atom.global)) (then (local.set $global (i32.const 1)) (br $next)))
      (if (ref.eq (local.get $h) (global.get $atom.trim)) (then (local.set $trim (i32.const 1)) (br $next)))
      (if (ref.eq (local.get $h) (global.get $atom.trim_all)) (then (local.set $trim_all (i32.const 1)) (br $next)))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $h))) (then (return (call $fail_badarg))))
      (local.set $t (ref.cast (ref $tuple) (local.get $h)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (call $fail_badarg))))
      (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.scope))) (then (return (call $fail_badarg))))
      (local.set $scope (call $bin.scope (array.get $tuple (local.get $t) (i32.const 1)) (local.get $size)))
      (if (i64.lt_s (local.get $scope) (i64.const 0)) (then (return (call $fail_badarg))))
      (local.set $s (i32.wrap_i64 (i64.shr_u (local.get $scope) (i64.const 32))))
      (local.set $e (i32.wrap_i64 (local.get $scope)))
      (br $next)))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $parts (array.new $tuple (ref.null none) (i32.const 8)))
  (if (local.get $e)
    (then
      (local.set $pats (call $bin.patterns (local.get $pat)))
      (if (ref.is_null (local.get $pats)) (then (return (call $fail_badarg))))
      (call $srch.prepare (ref.as_non_null (local.get $pats)) (i32.sub (local.get $e) (local.get $s)))
      (block $end
        (loop $next
          (local.set $m (call $srch.find (local.get $d) (local.get $off) (local.get $s) (local.get $e)))
          (br_if $end (i64.lt_s (local.get $m) (i64.const 0)))
          (local.set $at (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))))
          (local.set $len (i32.wrap_i64 (local.get $m)))
          (local.set $parts (call $bin.push (local.get $parts) (local.get $np)
            (call $bin.sub (ref.as_non_null (local.get $b)) (local.get $from) (i32.sub (local.get $at) (local.get $from)))))
          (local.set $np (i32.add (local.get $np) (i32.const 1)))
          (local.set $from (i32.add (local.get $at) (local.get $len)))
          (local.set $s (local.get $from))
          (br_if $next (local.get $global))))))
  ;; The last part.
  (local.set $parts (call $bin.push (local.get $parts) (local.get $np)
    (call $bin.sub (ref.as_non_null (local.get $b)) (local.get $from) (i32.sub (local.get $size) (local.get $from)))))
  (local.set $np (i32.add (local.get $np) (i32.const 1)))
  ;; trim drops the trailing empty parts; trim_all every empty part.
  (if (local.get $trim)
    (then
      (block $end
        (loop $next
          (br_if $end (i32.eqz (local.get $np)))
          (br_if $end (struct.get $bin $size (ref.cast (ref $bin)
            (array.get $tuple (ref.as_non_null (local.get $parts)) (i32.sub (local.get $np) (i32.const 1))))))
          (local.set $np (i32.sub (local.get $np) (i32.const 1)))
          (br $next)))))
  (local.set $i (local.get $np))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $part (ref.cast (ref $bin) (array.get $tuple (ref.as_non_null (local.get $parts)) (local.get $i))))
      (br_if $next (i32.and (local.get $trim_all) (i32.eqz (struct.get $bin $size (local.get $part)))))
      (local.set $res (struct.new $cons (local.get $part) (local.get $res)))
      (br $next)))
  (local.get $res))

;; binary:split(Subject, Pattern): at the first match.
(func $binary:split/2 (param $v eqref) (param $p eqref) (result eqref)
  (return_call $binary:split/3 (local.get $v) (local.get $p) (ref.null none)))
