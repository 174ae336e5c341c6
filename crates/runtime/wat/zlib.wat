;; zlib.wat — the `zlib` module's NIFs and the runtime's compressed terms, over the zlib
;; the VM links (Debian's zlib 1.2.13, compiled into the native layer: native.wat,
;; crates/native/c/zlib.c).
;;
;; The NIFs follow erts/emulator/nifs/common/zlib_nif.c: a stream is a reference (the
;; VM's resource, here an $mref) whose payload is a $zstream, holding the C state's
;; address in native memory (0 once reclaimed), the controlling process, the stash (a term zlib.erl keeps
;; across calls) and inflateChunk's buffer size. zlib.c does what touches zlib (the state
;; machine, the input queue, the flushing loop, checksums); this file checks arguments,
;; the controlling process, and turns results into terms. A stream's C state is freed when
;; it is closed; one that is never closed keeps its native memory (there are no
;; finalizers) until its controlling process has exited ($zlib.reclaim), where the VM
;; frees it when the reference is garbage.

(type $zstream (struct
  (field $ptr (mut i32))
  (field $owner (mut (ref $pid)))
  (field $stash (mut eqref))
  (field $has_stash (mut i32))
  (field $bufsize (mut i32))))

;; binary_to_term: where the latest inflated stream ended in its input.
(global $zlib_end (mut i32) (i32.const 0))

;; ---- compressed terms (erl_zlib.c) ----------------------------------------------------

;; Copies d[off..off+len] to native memory: its address, or 0 when memory is exhausted.
(func $zlib.put (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $p i32)
  (local.set $p (call $native:bw_alloc (local.get $len)))
  (if (local.get $p) (then (call $native.put (local.get $p) (local.get $d) (local.get $off) (local.get $len))))
  (local.get $p))

;; Takes the result of bw_z_compress/bw_z_uncompress (or 0): its bytes, freed in C.
(func $zlib.take_result (param $r i32) (result (ref null $bytes))
  (local $out (ref $bytes))
  (if (i32.eqz (local.get $r)) (then (return (ref.null none))))
  (local.set $out (call $native.get (i32.load $native (local.get $r)) (i32.load $native offset=4 (local.get $r))))
  (call $native:bw_free (i32.load $native (local.get $r)))
  (local.get $out))

;; Inflates the zlib stream d[start..end] into exactly `size` bytes; null when the stream
;; is corrupt or inflates to another size. Sets $zlib_end past the stream.
(func $zlib_inflate (param $d (ref $bytes)) (param $start i32) (param $end i32) (param $size i32) (result (ref null $bytes))
  (local $src i32) (local $r i32)
  (local.set $src (call $zlib.put (local.get $d) (local.get $start) (i32.sub (local.get $end) (local.get $start))))
  (if (i32.eqz (local.get $src)) (then (return (ref.null none))))
  (local.set $r (call $native:bw_z_uncompress (local.get $src) (i32.sub (local.get $end) (local.get $start)) (local.get $size)))
  (call $native:bw_free (local.get $src))
  (if (local.get $r)
    (then (global.set $zlib_end (i32.add (local.get $start) (i32.load $native offset=8 (local.get $r))))))
  (call $zlib.take_result (local.get $r)))

;; zlib's stream of d[off..off+len] at `level` (deflateInit(level) and one deflate with
;; Z_FINISH, erl_zlib_compress2), when it fits in `cap` bytes; else null.
(func $zlib_compress (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $cap i32) (param $level i32) (result (ref null $bytes))
  (local $src i32) (local $r i32)
  (local.set $src (call $zlib.put (local.get $d) (local.get $off) (local.get $len)))
  (if (i32.eqz (local.get $src)) (then (return (ref.null none))))
  (local.set $r (call $native:bw_z_compress (local.get $src) (local.get $len) (local.get $cap) (local.get $level)))
  (call $native:bw_free (local.get $src))
  (call $zlib.take_result (local.get $r)))

;; ---- the NIFs ---------------------------------------------------------------------------

;; The stream behind `z`, or null (get_zlib_data).
(func $zlib.data (param $z eqref) (result (ref null $zstream))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $z))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $z))))
  (if (result (ref null $zstream)) (ref.test (ref $zstream) (local.get $p))
    (then (ref.cast (ref $zstream) (local.get $p)))
    (else (ref.null none))))

;; zlib_process_check: whether the running process controls `s`.
(func $zlib.is_controller (param $s (ref $zstream)) (result i32)
  (i32.eq (struct.get $pid $num (struct.get $zstream $owner (local.get $s))) (struct.get $pid $num (call $self_pid))))

;; The stream behind `z` when the running process controls it; otherwise null, with the
;; failure to return in $zlib.failure.
(global $zlib.failure (mut eqref) (ref.null none))
(func $zlib.checked (param $z eqref) (result (ref null $zstream))
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.data (local.get $z)))
  (if (ref.is_null (local.get $s))
    (then
      (global.set $zlib.failure (call $fail_badarg))
      (return (ref.null none))))
  (if (i32.eqz (call $zlib.is_controller (ref.as_non_null (local.get $s))))
    (then
      (global.set $zlib.failure (call $fail (global.get $atom.not_on_controlling_process)))
      (return (ref.null none))))
  (local.get $s))

;; enif_get_int: the integer value of `t` when it fits in an int, else i64 min.
(func $zlib.get_int (param $t eqref) (result i64)
  (local $v i64)
  (if (ref.test (ref i31) (local.get $t)) (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))))))
  (if (ref.test (ref $int64) (local.get $t))
    (then
      (local.set $v (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))
      (if (i32.and (i64.ge_s (local.get $v) (i64.const -2147483648)) (i64.le_s (local.get $v) (i64.const 2147483647)))
        (then (return (local.get $v))))))
  (i64.const 0x8000000000000000))

(func $zlib.is_int (param $v i64) (result i32)
  (i64.ne (local.get $v) (i64.const 0x8000000000000000)))

;; After a C call on `s`: the stash goes when the input was reset (zlib_reset_input).
(func $zlib.after (param $s (ref $zstream))
  (if (i32.load $native offset=16 (struct.get $zstream $ptr (local.get $s)))
    (then
      (struct.set $zstream $stash (local.get $s) (ref.null none))
      (struct.set $zstream $has_stash (local.get $s) (i32.const 0)))))

;; zlib_return, and the results of zlib.c's own: an atom, or a failure (an exception with
;; the atom as its reason).
(func $zlib.return (param $code i32) (result eqref)
  (if (i32.eq (local.get $code) (i32.const 0)) (then (return (global.get $atom.ok))))
  (if (i32.eq (local.get $code) (i32.const 1)) (then (return (global.get $atom.stream_end))))
  (if (i32.eq (local.get $code) (i32.const -2)) (then (return (call $fail (global.get $atom.stream_error)))))
  (if (i32.eq (local.get $code) (i32.const -3)) (then (return (call $fail (global.get $atom.data_error)))))
  (if (i32.eq (local.get $code) (i32.const -4)) (then (return (global.get $atom.mem_error))))
  (if (i32.eq (local.get $code) (i32.const -5)) (then (return (global.get $atom.buf_error))))
  (if (i32.eq (local.get $code) (i32.const -6)) (then (return (global.get $atom.version_error))))
  (if (i32.eq (local.get $code) (i32.const 100)) (then (return (call $fail (global.get $atom.not_initialized)))))
  (if (i32.eq (local.get $code) (i32.const 101)) (then (return (call $fail (global.get $atom.already_initialized)))))
  (global.get $atom.unknown_error))

;; The open streams, to free those whose controlling process has exited.
(global $zlib.streams (mut eqref) (ref.null none))

;; Frees the C state of every stream whose controlling process has exited: no process can
;; use it any more (every NIF checks the controller, set_controller_nif included). Its
;; owner becomes a pid no process has.
(func $zlib.reclaim
  (local $l eqref) (local $keep eqref) (local $s (ref $zstream)) (local $proc (ref null $proc))
  (local.set $l (global.get $zlib.streams))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $s (ref.cast (ref $zstream) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $proc (struct.get $pid $proc (struct.get $zstream $owner (local.get $s))))
      (if (if (result i32) (ref.is_null (local.get $proc))
            (then (i32.const 1))
            (else (i32.eq (struct.get $proc $state (ref.as_non_null (local.get $proc))) (global.get $EXITED))))
        (then
          (call $native:bw_z_free (struct.get $zstream $ptr (local.get $s)))
          (struct.set $zstream $ptr (local.get $s) (i32.const 0))
          (struct.set $zstream $owner (local.get $s) (struct.new $pid (i32.const -1) (ref.null none)))
          (struct.set $zstream $stash (local.get $s) (ref.null none)))
        (else (local.set $keep (struct.new $cons (local.get $s) (local.get $keep)))))
      (br $next)))
  (global.set $zlib.streams (local.get $keep)))

;; zlib:open_nif() -> Z
(func $zlib:open_nif/0 (result eqref)
  (local $p i32) (local $s (ref $zstream))
  (call $zlib.reclaim)
  (local.set $p (call $native:bw_z_open))
  (if (i32.eqz (local.get $p)) (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $s (struct.new $zstream (local.get $p) (call $self_pid) (ref.null none) (i32.const 0) (i32.const 4000)))
  (global.set $zlib.streams (struct.new $cons (local.get $s) (global.get $zlib.streams)))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter) (local.get $s)))

;; A NIF over one C function of the stream: checks, calls `f`'s result through
;; zlib_return. The C calls are written out below, one function per NIF.

;; zlib:close_nif(Z)
(func $zlib:close_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32)
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $r (call $native:bw_z_close (struct.get $zstream $ptr (local.get $s))))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (call $zlib.return (local.get $r)))

;; zlib:set_controller_nif(Z, Pid)
(func $zlib:set_controller_nif/2 (param $z eqref) (param $pid eqref) (result eqref)
  (local $s (ref null $zstream))
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z))) (i32.eqz (ref.test (ref $pid) (local.get $pid))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (struct.set $zstream $owner (local.get $s) (ref.cast (ref $pid) (local.get $pid)))
  (global.get $atom.ok))

;; zlib:deflateInit_nif(Z, Level, Method, WindowBits, MemLevel, Strategy)
(func $zlib:deflateInit_nif/6 (param $z eqref) (param $level eqref) (param $method eqref) (param $bits eqref) (param $mem eqref) (param $strategy eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32)
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z)))
        (i32.eqz (i32.and (i32.and (call $zlib.is_int (call $zlib.get_int (local.get $level)))
                                   (call $zlib.is_int (call $zlib.get_int (local.get $method))))
                          (i32.and (i32.and (call $zlib.is_int (call $zlib.get_int (local.get $bits)))
                                            (call $zlib.is_int (call $zlib.get_int (local.get $mem))))
                                   (call $zlib.is_int (call $zlib.get_int (local.get $strategy)))))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $r (call $native:bw_z_deflate_init (struct.get $zstream $ptr (local.get $s))
    (i32.wrap_i64 (call $zlib.get_int (local.get $level))) (i32.wrap_i64 (call $zlib.get_int (local.get $method)))
    (i32.wrap_i64 (call $zlib.get_int (local.get $bits))) (i32.wrap_i64 (call $zlib.get_int (local.get $mem)))
    (i32.wrap_i64 (call $zlib.get_int (local.get $strategy)))))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (call $zlib.return (local.get $r)))

;; Calls the set-dictionary function `inflating` (0 deflate, 1 inflate) with iodata `dict`.
(func $zlib.set_dictionary (param $z eqref) (param $dict eqref) (param $inflating i32) (result eqref)
  (local $s (ref null $zstream)) (local $b (ref null $bin)) (local $p i32) (local $r i32) (local $ptr i32)
  (local.set $b (call $re.iodata (local.get $dict)))
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z))) (ref.is_null (local.get $b)))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $ptr (struct.get $zstream $ptr (local.get $s)))
  (local.set $p (call $zlib.put (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
  (if (local.get $inflating)
    (then (local.set $r (call $native:bw_z_inflate_set_dictionary (local.get $ptr) (local.get $p) (struct.get $bin $size (local.get $b)))))
    (else (local.set $r (call $native:bw_z_deflate_set_dictionary (local.get $ptr) (local.get $p) (struct.get $bin $size (local.get $b))))))
  (call $native:bw_free (local.get $p))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (if (i32.and (i32.eqz (local.get $inflating)) (i32.eqz (local.get $r)))
    (then (return (call $mk_int (i64.extend_i32_s (i32.load $native offset=8 (local.get $ptr)))))))
  (call $zlib.return (local.get $r)))

(func $zlib:deflateSetDictionary_nif/2 (param $z eqref) (param $dict eqref) (result eqref)
  (call $zlib.set_dictionary (local.get $z) (local.get $dict) (i32.const 0)))
(func $zlib:inflateSetDictionary_nif/2 (param $z eqref) (param $dict eqref) (result eqref)
  (call $zlib.set_dictionary (local.get $z) (local.get $dict) (i32.const 1)))

;; The NIFs that take only the stream: `op` picks the C function.
(func $zlib.simple (param $z eqref) (param $op i32) (result eqref)
  (local $s (ref null $zstream)) (local $r i32) (local $ptr i32)
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $ptr (struct.get $zstream $ptr (local.get $s)))
  (block $done
    (if (i32.eq (local.get $op) (i32.const 0)) (then (local.set $r (call $native:bw_z_deflate_reset (local.get $ptr))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 1)) (then (local.set $r (call $native:bw_z_deflate_end (local.get $ptr))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 2)) (then (local.set $r (call $native:bw_z_inflate_reset (local.get $ptr))) (br $done)))
    (local.set $r (call $native:bw_z_inflate_end (local.get $ptr))))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (call $zlib.return (local.get $r)))

(func $zlib:deflateReset_nif/1 (param $z eqref) (result eqref) (call $zlib.simple (local.get $z) (i32.const 0)))
(func $zlib:deflateEnd_nif/1 (param $z eqref) (result eqref) (call $zlib.simple (local.get $z) (i32.const 1)))
(func $zlib:inflateReset_nif/1 (param $z eqref) (result eqref) (call $zlib.simple (local.get $z) (i32.const 2)))
(func $zlib:inflateEnd_nif/1 (param $z eqref) (result eqref) (call $zlib.simple (local.get $z) (i32.const 3)))

;; zlib:deflateParams_nif(Z, Level, Strategy)
(func $zlib:deflateParams_nif/3 (param $z eqref) (param $level eqref) (param $strategy eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32)
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z)))
        (i32.eqz (i32.and (call $zlib.is_int (call $zlib.get_int (local.get $level)))
                          (call $zlib.is_int (call $zlib.get_int (local.get $strategy))))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $r (call $native:bw_z_deflate_params (struct.get $zstream $ptr (local.get $s))
    (i32.wrap_i64 (call $zlib.get_int (local.get $level))) (i32.wrap_i64 (call $zlib.get_int (local.get $strategy)))))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (call $zlib.return (local.get $r)))

;; zlib:inflateInit_nif(Z, WindowBits, EoSBehavior)
(func $zlib:inflateInit_nif/3 (param $z eqref) (param $bits eqref) (param $eos eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32)
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z)))
        (i32.eqz (i32.and (call $zlib.is_int (call $zlib.get_int (local.get $bits)))
                          (call $zlib.is_int (call $zlib.get_int (local.get $eos))))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $r (call $native:bw_z_inflate_init (struct.get $zstream $ptr (local.get $s))
    (i32.wrap_i64 (call $zlib.get_int (local.get $bits))) (i32.wrap_i64 (call $zlib.get_int (local.get $eos)))))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (call $zlib.return (local.get $r)))

;; zlib:inflateGetDictionary_nif(Z) -> Dictionary
(func $zlib:inflateGetDictionary_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32) (local $ptr i32)
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $ptr (struct.get $zstream $ptr (local.get $s)))
  (local.set $r (call $native:bw_z_inflate_get_dictionary (local.get $ptr)))
  (if (local.get $r) (then (return (call $zlib.return (local.get $r)))))
  (call $bin_of (call $native.get (i32.load $native (local.get $ptr)) (i32.load $native offset=4 (local.get $ptr)))))

;; deflate_nif/inflate_nif(Z, InputChunkSize, OutputChunkSize, Flush) -> {finished, Out} |
;; {continue, Out} | {need_dictionary, Adler, Out} (zlib_codec)
(func $zlib.codec (param $z eqref) (param $in eqref) (param $out eqref) (param $flush eqref) (param $inflating i32) (result eqref)
  (local $s (ref null $zstream)) (local $r i32) (local $ptr i32) (local $output eqref) (local $n i32)
  (if (i32.or (ref.is_null (call $zlib.data (local.get $z)))
        (i32.eqz (i32.and (i32.and (call $zlib.is_int (call $zlib.get_int (local.get $in)))
                                   (call $zlib.is_int (call $zlib.get_int (local.get $out))))
                          (call $zlib.is_int (call $zlib.get_int (local.get $flush))))))
    (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $ptr (struct.get $zstream $ptr (local.get $s)))
  (i32.store $native offset=12 (local.get $ptr)
    (select (global.get $reds) (i32.const 0) (i32.gt_s (global.get $reds) (i32.const 0))))
  (local.set $r (call $native:bw_z_codec (local.get $ptr) (local.get $inflating)
    (i32.wrap_i64 (call $zlib.get_int (local.get $in))) (i32.wrap_i64 (call $zlib.get_int (local.get $out)))
    (i32.wrap_i64 (call $zlib.get_int (local.get $flush)))))
  (global.set $reds (i32.load $native offset=12 (local.get $ptr)))
  (call $zlib.after (ref.as_non_null (local.get $s)))
  (if (i32.lt_s (local.get $r) (i32.const 200)) (then (return (call $zlib.return (local.get $r)))))
  (local.set $n (i32.load $native offset=4 (local.get $ptr)))
  (if (local.get $n)
    (then (local.set $output (struct.new $cons
      (call $bin_of (call $native.get (i32.load $native (local.get $ptr)) (local.get $n))) (ref.null none)))))
  (if (i32.eq (local.get $r) (i32.const 200)) (then (return (call $tuple2 (global.get $atom.finished) (local.get $output)))))
  (if (i32.eq (local.get $r) (i32.const 201)) (then (return (call $tuple2 (global.get $atom.continue) (local.get $output)))))
  (call $tuple3 (global.get $atom.need_dictionary)
    (call $mk_int (i64.extend_i32_s (i32.load $native offset=8 (local.get $ptr)))) (local.get $output)))

(func $zlib:deflate_nif/4 (param $z eqref) (param $in eqref) (param $out eqref) (param $flush eqref) (result eqref)
  (call $zlib.codec (local.get $z) (local.get $in) (local.get $out) (local.get $flush) (i32.const 0)))
(func $zlib:inflate_nif/4 (param $z eqref) (param $in eqref) (param $out eqref) (param $flush eqref) (result eqref)
  (call $zlib.codec (local.get $z) (local.get $in) (local.get $out) (local.get $flush) (i32.const 1)))

;; zlib:crc32_nif(Z) -> CRC
(func $zlib:crc32_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream)) (local $r i32) (local $ptr i32)
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $ptr (struct.get $zstream $ptr (local.get $s)))
  (local.set $r (call $native:bw_z_crc32 (local.get $ptr)))
  (if (local.get $r) (then (return (call $zlib.return (local.get $r)))))
  (call $mk_int (i64.extend_i32_u (i32.load $native offset=20 (local.get $ptr)))))

;; zlib:getStash_nif(Z) -> {ok, Term} | empty
(func $zlib:getStash_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (if (i32.eqz (struct.get $zstream $has_stash (local.get $s))) (then (return (global.get $atom.empty))))
  (call $tuple2 (global.get $atom.ok) (struct.get $zstream $stash (local.get $s))))

;; zlib:clearStash_nif(Z)
(func $zlib:clearStash_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (if (i32.eqz (struct.get $zstream $has_stash (local.get $s))) (then (return (call $fail (global.get $atom.error)))))
  (struct.set $zstream $stash (local.get $s) (ref.null none))
  (struct.set $zstream $has_stash (local.get $s) (i32.const 0))
  (global.get $atom.ok))

;; zlib:setStash_nif(Z, Term)
(func $zlib:setStash_nif/2 (param $z eqref) (param $t eqref) (result eqref)
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (if (struct.get $zstream $has_stash (local.get $s)) (then (return (call $fail (global.get $atom.error)))))
  (struct.set $zstream $stash (local.get $s) (local.get $t))
  (struct.set $zstream $has_stash (local.get $s) (i32.const 1))
  (global.get $atom.ok))

;; zlib:getBufSize_nif(Z) -> Size
(func $zlib:getBufSize_nif/1 (param $z eqref) (result eqref)
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (call $mk_int (i64.extend_i32_s (struct.get $zstream $bufsize (local.get $s)))))

;; zlib:setBufSize_nif(Z, Size)
(func $zlib:setBufSize_nif/2 (param $z eqref) (param $size eqref) (result eqref)
  (local $s (ref null $zstream))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (if (i32.eqz (call $zlib.is_int (call $zlib.get_int (local.get $size)))) (then (return (call $fail_badarg))))
  (struct.set $zstream $bufsize (local.get $s) (i32.wrap_i64 (call $zlib.get_int (local.get $size))))
  (global.get $atom.ok))

;; zlib:enqueue_nif(Z, IOVec) -> ok: each binary of the list joins the input queue.
(func $zlib:enqueue_nif/2 (param $z eqref) (param $iovec eqref) (result eqref)
  (local $s (ref null $zstream)) (local $l eqref) (local $h eqref) (local $b (ref $bin)) (local $p i32) (local $r i32)
  (if (ref.is_null (call $zlib.data (local.get $z))) (then (return (call $fail_badarg))))
  (local.set $s (call $zlib.checked (local.get $z)))
  (if (ref.is_null (local.get $s)) (then (return (global.get $zlib.failure))))
  (local.set $r (call $native:bw_z_state (struct.get $zstream $ptr (local.get $s))))
  (if (i32.eqz (i32.or (i32.eq (local.get $r) (i32.const 1)) (i32.eq (local.get $r) (i32.const 2))))
    (then (return (call $fail (global.get $atom.not_initialized)))))
  ;; enif_inspect_iovec: a proper list of binaries, checked before anything is queued
  (local.set $l (local.get $iovec))
  (block $checked
    (loop $check
      (br_if $checked (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (call $fail_badarg))))
      (local.set $h (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (i32.eqz (ref.test (ref $bin) (local.get $h))) (then (return (call $fail_badarg))))
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $h))) (then (return (call $fail_badarg))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $check)))
  (local.set $l (local.get $iovec))
  (block $done
    (loop $each
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $b (ref.cast (ref $bin) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (struct.get $bin $size (local.get $b))
        (then
          (local.set $p (call $native:bw_z_enqueue (struct.get $zstream $ptr (local.get $s)) (struct.get $bin $size (local.get $b))))
          (if (i32.eqz (local.get $p)) (then (return (call $fail_badarg))))
          (call $native.put (local.get $p) (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $each)))
  (global.get $atom.ok))
