;; prim_file.wat — the NIFs of `prim_file` and `prim_buffer`: files opened as io devices.
;;
;; On the VM, `file:open/2` asks the file server (file_server_2) for a file io server, which
;; opens the file through `raw_file_io` and `prim_file`, whose NIFs make the system calls;
;; `prim_buffer` holds prim_file's read-ahead. Here the same OTP code runs unmodified and
;; only the NIFs are the runtime's: each one is a host import (docs/ABI.md §6) with the
;; VM's results. A file is a reference ($mref) whose payload is its host handle, -1 once
;; closed; the operations on a closed file answer {error, einval}, as on the VM.
;;
;; Encoded paths are what internal_name2native/1 makes: the name's UTF-8 bytes followed by
;; a NUL, as the VM's are; the NIFs strip the NUL before handing the name to the host.

(type $fhandle (struct (field $h (mut i32))))

;; ---- paths ------------------------------------------------------------------------------

;; prim_file:internal_name2native(Name): the UTF-8 bytes of a file name and a NUL, or
;; badarg.
(func $prim_file:internal_name2native/1 (param $name eqref) (result eqref)
  (local $p (ref null $bin)) (local $n i32) (local $out (ref $bytes))
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $fail_badarg))))
  (local.set $n (struct.get $bin $size (ref.as_non_null (local.get $p))))
  (local.set $out (array.new_default $bytes (i32.add (local.get $n) (i32.const 1))))
  (array.copy $bytes $bytes (local.get $out) (i32.const 0)
    (struct.get $bin $data (ref.as_non_null (local.get $p))) (struct.get $bin $off (ref.as_non_null (local.get $p)))
    (local.get $n))
  (struct.new $bin (local.get $out) (i32.const 0) (i32.add (local.get $n) (i32.const 1)) (i32.const 0) (ref.null $wcursor)))

;; prim_file:internal_native2name(Bin): the characters of a UTF-8 name.
(func $prim_file:internal_native2name/1 (param $b eqref) (result eqref)
  (local $bin (ref null $bin))
  (local.set $bin (call $as_bytes (local.get $b)))
  (if (ref.is_null (local.get $bin)) (then (return (call $fail_badarg))))
  (call $unicode:characters_to_list/2 (local.get $b) (global.get $atom.utf8)))

;; prim_file:internal_normalize_utf8(Bin): the characters of a UTF-8 binary.
(func $prim_file:internal_normalize_utf8/1 (param $b eqref) (result eqref)
  (call $prim_file:internal_native2name/1 (local.get $b)))

;; prim_file:is_translatable(Bin): every name is UTF-8 here.
(func $prim_file:is_translatable/1 (param $b eqref) (result eqref)
  (global.get $atom.true))

;; Stages an encoded path (with or without its NUL) at `at`; returns its end, or -1 when
;; it is not a path.
(func $stage_native_path (param $t eqref) (param $at i32) (result i32)
  (local $b (ref null $bin)) (local $n i32) (local $end i32)
  (local.set $b (call $as_bytes (local.get $t)))
  (if (ref.is_null (local.get $b)) (then (return (i32.const -1))))
  (local.set $end (call $stage_bytes (ref.as_non_null (local.get $b)) (local.get $at)))
  (local.set $n (i32.sub (local.get $end) (local.get $at)))
  (if (i32.and (i32.gt_u (local.get $n) (i32.const 0))
               (i32.eqz (i32.load8_u (i32.sub (local.get $end) (i32.const 1)))))
    (then (local.set $end (i32.sub (local.get $end) (i32.const 1)))))
  (local.get $end))

;; ---- file handles -----------------------------------------------------------------------

;; The handle record behind a file reference, or null.
(func $fhandle_of (param $r eqref) (result (ref null $fhandle))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))))
  (if (result (ref null $fhandle)) (ref.test (ref $fhandle) (local.get $p))
    (then (ref.cast (ref $fhandle) (local.get $p)))
    (else (ref.null none))))

;; The host handle of an open file: -1 for a closed one, -2 for a term that is no file.
(func $fhandle (param $r eqref) (result i32)
  (local $f (ref null $fhandle))
  (local.set $f (call $fhandle_of (local.get $r)))
  (if (ref.is_null (local.get $f)) (then (return (i32.const -2))))
  (struct.get $fhandle $h (local.get $f)))

(func $error_einval (result eqref)
  (call $tuple2 (global.get $atom.error) (global.get $atom.einval)))

;; The modes prim_file passes, as bw.file_open's bits: 1 read, 2 write, 4 append, 8
;; exclusive. Other modes (binary, raw, read_ahead, ...) are for the layers above; a
;; list that is not a proper list is -1.
(func $open_mode_bits (param $modes eqref) (result i32)
  (local $bits i32) (local $m eqref)
  (loop $next
    (if (ref.is_null (local.get $modes)) (then (return (local.get $bits))))
    (if (i32.eqz (ref.test (ref $cons) (local.get $modes))) (then (return (i32.const -1))))
    (local.set $m (struct.get $cons $hd (ref.cast (ref $cons) (local.get $modes))))
    (if (ref.eq (local.get $m) (global.get $atom.read)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 1)))))
    (if (ref.eq (local.get $m) (global.get $atom.write)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 2)))))
    (if (ref.eq (local.get $m) (global.get $atom.append)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 4)))))
    (if (ref.eq (local.get $m) (global.get $atom.exclusive)) (then (local.set $bits (i32.or (local.get $bits) (i32.const 8)))))
    (local.set $modes (struct.get $cons $tl (ref.cast (ref $cons) (local.get $modes))))
    (br $next))
  (unreachable))

;; prim_file:open_nif(Path, Modes) -> {ok, Ref} | {error, Reason}
(func $prim_file:open_nif/2 (param $path eqref) (param $modes eqref) (result eqref)
  (local $end i32) (local $bits i32) (local $r i32)
  (local.set $bits (call $open_mode_bits (local.get $modes)))
  (local.set $end (call $stage_native_path (local.get $path) (i32.const 0)))
  (if (i32.or (i32.lt_s (local.get $bits) (i32.const 0)) (i32.lt_s (local.get $end) (i32.const 0)))
    (then (return (call $fail_badarg))))
  (local.set $r (call $host.file_open (i32.const 0) (local.get $end) (local.get $bits)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (call $tuple2 (global.get $atom.ok)
    (struct.new $mref (global.get $ref_counter) (struct.new $fhandle (local.get $r)))))

;; prim_file:close_nif(Ref) -> ok | {error, Reason}
(func $prim_file:close_nif/1 (param $ref eqref) (result eqref)
  (local $h i32) (local $r i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (struct.set $fhandle $h (ref.as_non_null (call $fhandle_of (local.get $ref))) (i32.const -1))
  (call $ok_result (call $host.fd_close (local.get $h))))

;; prim_file:delayed_close_nif(Ref): the VM's close from its helper process; the same.
(func $prim_file:delayed_close_nif/1 (param $ref eqref) (result eqref)
  (call $prim_file:close_nif/1 (local.get $ref)))

;; A byte count argument: a non-negative small integer, else -1.
(func $nif_size (param $n eqref) (result i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (i32.const -1))))
  (i31.get_s (ref.cast (ref i31) (local.get $n))))

;; A file offset argument: a non-negative integer of 64 bits, else -1.
(func $nif_offset (param $n eqref) (result i64)
  (local $v i64)
  (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $n)) (ref.test (ref $int64) (local.get $n))))
    (then (return (i64.const -1))))
  (local.set $v (call $int_i64 (local.get $n)))
  (if (result i64) (i64.lt_s (local.get $v) (i64.const 0)) (then (i64.const -1)) (else (local.get $v))))

;; The answer to a read of `n` bytes whose import returned `r`: {ok, Bin}, eof when
;; nothing was left to read, or {error, Reason}.
(func $read_result (param $r i32) (param $n i32) (result eqref)
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (if (i32.and (i32.eqz (local.get $r)) (i32.gt_s (local.get $n) (i32.const 0))) (then (return (global.get $atom.eof))))
  (call $tuple2 (global.get $atom.ok) (call $bin_from_memory (i32.const 0) (local.get $r))))

;; prim_file:read_nif(Ref, Size) -> {ok, Bin} | eof | {error, Reason}
(func $prim_file:read_nif/2 (param $ref eqref) (param $size eqref) (result eqref)
  (local $h i32) (local $n i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (local.set $n (call $nif_size (local.get $size)))
  (if (i32.or (i32.eq (local.get $h) (i32.const -2)) (i32.lt_s (local.get $n) (i32.const 0)))
    (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (call $read_result (call $host.fd_read (local.get $h) (local.get $n)) (local.get $n)))

;; prim_file:pread_nif(Ref, Offset, Size) -> {ok, Bin} | eof | {error, Reason}
(func $prim_file:pread_nif/3 (param $ref eqref) (param $off eqref) (param $size eqref) (result eqref)
  (local $h i32) (local $n i32) (local $at i64)
  (local.set $h (call $fhandle (local.get $ref)))
  (local.set $n (call $nif_size (local.get $size)))
  (local.set $at (call $nif_offset (local.get $off)))
  (if (i32.or (i32.eq (local.get $h) (i32.const -2)) (i32.lt_s (local.get $n) (i32.const 0)))
    (then (return (call $fail_badarg))))
  (if (i64.lt_s (local.get $at) (i64.const 0)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (call $read_result (call $host.fd_pread (local.get $h) (local.get $at) (local.get $n)) (local.get $n)))

;; Stages the bytes of an iovec (a list of binaries) at 0; returns their length, or -1.
(func $stage_iovec (param $iov eqref) (result i32)
  (local $b eqref)
  (local.set $b (call $erlang:iolist_to_binary/1 (local.get $iov)))
  (if (call $is_fail (local.get $b)) (then (return (i32.const -1))))
  (call $stage_bytes (ref.cast (ref $bin) (local.get $b)) (i32.const 0)))

;; prim_file:write_nif(Ref, IOVec) -> ok | {error, Reason}: all of it, so never
;; {continue, Rest}.
(func $prim_file:write_nif/2 (param $ref eqref) (param $iov eqref) (result eqref)
  (local $h i32) (local $n i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (local.set $n (call $stage_iovec (local.get $iov)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (call $ok_result (call $host.fd_write (local.get $h) (i32.const 0) (local.get $n))))

;; prim_file:pwrite_nif(Ref, Offset, IOVec) -> ok | {error, Reason}
(func $prim_file:pwrite_nif/3 (param $ref eqref) (param $off eqref) (param $iov eqref) (result eqref)
  (local $h i32) (local $n i32) (local $at i64)
  (local.set $h (call $fhandle (local.get $ref)))
  (local.set $at (call $nif_offset (local.get $off)))
  (if (i32.or (i32.eq (local.get $h) (i32.const -2)) (i64.lt_s (local.get $at) (i64.const 0)))
    (then (return (call $fail_badarg))))
  (local.set $n (call $stage_iovec (local.get $iov)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (call $ok_result (call $host.fd_pwrite (local.get $h) (local.get $at) (i32.const 0) (local.get $n))))

;; prim_file:seek_nif(Ref, bof | cur | eof, Offset) -> {ok, Position} | {error, Reason}
(func $prim_file:seek_nif/3 (param $ref eqref) (param $mark eqref) (param $off eqref) (result eqref)
  (local $h i32) (local $whence i32) (local $r i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (local.set $whence (i32.const -1))
  (if (ref.eq (local.get $mark) (global.get $atom.bof)) (then (local.set $whence (i32.const 0))))
  (if (ref.eq (local.get $mark) (global.get $atom.cur)) (then (local.set $whence (i32.const 1))))
  (if (ref.eq (local.get $mark) (global.get $atom.eof)) (then (local.set $whence (i32.const 2))))
  (if (i32.lt_s (local.get $whence) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.eqz (i32.or (ref.test (ref i31) (local.get $off)) (ref.test (ref $int64) (local.get $off))))
    (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (local.set $r (call $host.fd_seek (local.get $h) (local.get $whence) (call $int_i64 (local.get $off))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (call $tuple2 (global.get $atom.ok) (call $mk_int (i64.load (i32.const 0)))))

;; An operation on an open file with no other argument: bw.fd_control's `op`.
(func $fd_control (param $ref eqref) (param $op i32) (result eqref)
  (local $h i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (call $ok_result (call $host.fd_control (local.get $h) (local.get $op))))

;; prim_file:truncate_nif(Ref): cuts the file at the current position.
(func $prim_file:truncate_nif/1 (param $ref eqref) (result eqref)
  (call $fd_control (local.get $ref) (i32.const 0)))

;; prim_file:sync_nif(Ref, DataOnly): 0 syncs data and metadata, 1 the data.
(func $prim_file:sync_nif/2 (param $ref eqref) (param $data_only eqref) (result eqref)
  (call $fd_control (local.get $ref)
    (select (i32.const 2) (i32.const 1) (ref.eq (local.get $data_only) (ref.i31 (i32.const 1))))))

;; prim_file:advise_nif(Ref, Offset, Length, Advice): advice only, taken as given.
(func $prim_file:advise_nif/4 (param $ref eqref) (param $off eqref) (param $len eqref) (param $advice eqref) (result eqref)
  (local $h i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (global.get $atom.ok))

;; prim_file:allocate_nif(Ref, Offset, Length): as posix_fallocate, the file grows to at
;; least Offset + Length bytes, the new ones zero; the position stays.
(func $prim_file:allocate_nif/3 (param $ref eqref) (param $off eqref) (param $len eqref) (result eqref)
  (local $h i32) (local $at i64) (local $n i64) (local $size i64) (local $pos i64) (local $r i32)
  (local.set $h (call $fhandle (local.get $ref)))
  (local.set $at (call $nif_offset (local.get $off)))
  (local.set $n (call $nif_offset (local.get $len)))
  (if (i32.or (i32.eq (local.get $h) (i32.const -2))
        (i32.or (i64.lt_s (local.get $at) (i64.const 0)) (i64.lt_s (local.get $n) (i64.const 0))))
    (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (local.set $r (call $host.fd_seek (local.get $h) (i32.const 1) (i64.const 0)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (local.set $pos (i64.load (i32.const 0)))
  (local.set $r (call $host.fd_seek (local.get $h) (i32.const 2) (i64.const 0)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (local.set $size (i64.load (i32.const 0)))
  (if (i64.gt_s (i64.add (local.get $at) (local.get $n)) (local.get $size))
    (then
      ;; One zero byte at the last offset: the bytes between read as zeros.
      (i32.store8 (i32.const 0) (i32.const 0))
      (local.set $r (call $host.fd_pwrite (local.get $h)
        (i64.sub (i64.add (local.get $at) (local.get $n)) (i64.const 1)) (i32.const 0) (i32.const 1)))
      (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))))
  (local.set $r (call $host.fd_seek (local.get $h) (i32.const 0) (local.get $pos)))
  (call $ok_result (local.get $r)))

;; prim_file:read_handle_info_nif(Ref) -> #file_info{} with POSIX times | {error, Reason}
(func $prim_file:read_handle_info_nif/1 (param $ref eqref) (result eqref)
  (local $h i32) (local $r eqref)
  (local.set $h (call $fhandle (local.get $ref)))
  (if (i32.eq (local.get $h) (i32.const -2)) (then (return (call $fail_badarg))))
  (if (i32.lt_s (local.get $h) (i32.const 0)) (then (return (call $error_einval))))
  (local.set $r (call $stat_file_info (call $host.fd_stat (local.get $h)) (global.get $atom.posix)))
  (if (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 0)) (global.get $atom.ok))
    (then (return (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1)))))
  (local.get $r))

;; ---- operations on names ----------------------------------------------------------------

;; prim_file:set_cwd_nif(Path) -> ok | {error, Reason}
(func $prim_file:set_cwd_nif/1 (param $path eqref) (result eqref)
  (local $end i32)
  (local.set $end (call $stage_native_path (local.get $path) (i32.const 0)))
  (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $ok_result (call $host.file_chdir (i32.const 0) (local.get $end))))

;; A link between two encoded paths: `kind` 0 symbolic, 1 hard.
(func $file_link (param $kind i32) (param $from eqref) (param $to eqref) (result eqref)
  (local $fend i32) (local $tend i32)
  (local.set $fend (call $stage_native_path (local.get $from) (i32.const 0)))
  (if (i32.lt_s (local.get $fend) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $tend (call $stage_native_path (local.get $to) (local.get $fend)))
  (if (i32.lt_s (local.get $tend) (i32.const 0)) (then (return (call $fail_badarg))))
  (call $ok_result (call $host.file_link (local.get $kind) (i32.const 0) (local.get $fend)
    (local.get $fend) (i32.sub (local.get $tend) (local.get $fend)))))

;; prim_file:make_soft_link_nif(Existing, New), make_hard_link_nif(Existing, New)
(func $prim_file:make_soft_link_nif/2 (param $from eqref) (param $to eqref) (result eqref)
  (call $file_link (i32.const 0) (local.get $from) (local.get $to)))
(func $prim_file:make_hard_link_nif/2 (param $from eqref) (param $to eqref) (result eqref)
  (call $file_link (i32.const 1) (local.get $from) (local.get $to)))

;; prim_file:read_link_nif(Path) -> {ok, Bin} | {error, Reason}
(func $prim_file:read_link_nif/1 (param $path eqref) (result eqref)
  (local $end i32) (local $r i32)
  (local.set $end (call $stage_native_path (local.get $path) (i32.const 0)))
  (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $r (call $host.file_readlink (i32.const 0) (local.get $end)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (call $tuple2 (global.get $atom.ok) (call $bin_from_memory (i32.const 0) (local.get $r))))

;; prim_file:rename_nif(From, To) -> ok | {error, Reason}. Like the VM (efile_rename), a
;; directory that is not empty in the way answers eexist, not the system's enotempty.
(func $prim_file:rename_nif/2 (param $from eqref) (param $to eqref) (result eqref)
  (local $fend i32) (local $tend i32) (local $r i32) (local $e (ref $atom))
  (local.set $fend (call $stage_native_path (local.get $from) (i32.const 0)))
  (if (i32.lt_s (local.get $fend) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $tend (call $stage_native_path (local.get $to) (local.get $fend)))
  (if (i32.lt_s (local.get $tend) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $r (call $host.file_rename (i32.const 0) (local.get $fend)
    (local.get $fend) (i32.sub (local.get $tend) (local.get $fend))))
  (if (i32.ge_s (local.get $r) (i32.const 0)) (then (return (global.get $atom.ok))))
  (local.set $e (call $staged_error (local.get $r)))
  (if (ref.eq (local.get $e) (global.get $atom.enotempty)) (then (local.set $e (global.get $atom.eexist))))
  (call $tuple2 (global.get $atom.error) (local.get $e)))

;; prim_file:set_permissions_nif(Path, Mode) -> ok | {error, Reason}
(func $prim_file:set_permissions_nif/2 (param $path eqref) (param $mode eqref) (result eqref)
  (local $end i32)
  (local.set $end (call $stage_native_path (local.get $path) (i32.const 0)))
  (if (i32.or (i32.lt_s (local.get $end) (i32.const 0)) (i32.eqz (ref.test (ref i31) (local.get $mode))))
    (then (return (call $fail_badarg))))
  (call $ok_result (call $host.file_chmod (i32.const 0) (local.get $end)
    (i31.get_s (ref.cast (ref i31) (local.get $mode))))))

;; prim_file:set_time_nif(Path, ATime, MTime, CTime) -> ok | {error, Reason}: POSIX
;; seconds; the change time is the system's to set, as on the VM.
(func $prim_file:set_time_nif/4 (param $path eqref) (param $a eqref) (param $m eqref) (param $c eqref) (result eqref)
  (local $end i32)
  (local.set $end (call $stage_native_path (local.get $path) (i32.const 0)))
  (if (i32.lt_s (local.get $end) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.eqz (i32.and (i32.or (ref.test (ref i31) (local.get $a)) (ref.test (ref $int64) (local.get $a)))
                        (i32.or (ref.test (ref i31) (local.get $m)) (ref.test (ref $int64) (local.get $m)))))
    (then (return (call $fail_badarg))))
  (call $ok_result (call $host.file_set_times (i32.const 0) (local.get $end)
    (call $int_i64 (local.get $a)) (call $int_i64 (local.get $m)))))

;; prim_file:set_owner_nif(Path, Uid, Gid): leaving both as they are (-1) succeeds;
;; changing an owner is not an effect the hosts offer: enotsup, which write_file_info
;; passes over, as it does on systems without owners.
(func $prim_file:set_owner_nif/3 (param $path eqref) (param $uid eqref) (param $gid eqref) (result eqref)
  (if (i32.lt_s (call $stage_native_path (local.get $path) (i32.const 0)) (i32.const 0))
    (then (return (call $fail_badarg))))
  (if (i32.and (ref.eq (local.get $uid) (ref.i31 (i32.const -1))) (ref.eq (local.get $gid) (ref.i31 (i32.const -1))))
    (then (return (global.get $atom.ok))))
  (call $tuple2 (global.get $atom.error) (global.get $atom.enotsup)))

;; The file-interface operations on an encoded path.
(func $prim_file:del_file_nif/1 (param $path eqref) (result eqref)
  (call $file:delete/1 (call $native_path_bin (local.get $path))))
(func $prim_file:make_dir_nif/1 (param $path eqref) (result eqref)
  (call $file:make_dir/1 (call $native_path_bin (local.get $path))))
(func $prim_file:del_dir_nif/1 (param $path eqref) (result eqref)
  (call $file:del_dir/1 (call $native_path_bin (local.get $path))))

;; An encoded path without its NUL (a term the file functions answer badarg for, when it
;; is no binary).
(func $native_path_bin (param $t eqref) (result eqref)
  (local $b (ref null $bin)) (local $n i32)
  (local.set $b (call $as_bytes (local.get $t)))
  (if (ref.is_null (local.get $b)) (then (return (ref.i31 (i32.const -1)))))
  (local.set $n (struct.get $bin $size (ref.as_non_null (local.get $b))))
  (if (i32.eqz (local.get $n)) (then (return (local.get $t))))
  (if (array.get_u $bytes (struct.get $bin $data (ref.as_non_null (local.get $b)))
        (i32.sub (i32.add (struct.get $bin $off (ref.as_non_null (local.get $b))) (local.get $n)) (i32.const 1)))
    (then (return (local.get $t))))
  (struct.new $bin (struct.get $bin $data (ref.as_non_null (local.get $b))) (struct.get $bin $off (ref.as_non_null (local.get $b)))
    (i32.sub (local.get $n) (i32.const 1)) (i32.const 0) (ref.null $wcursor)))

;; prim_file:get_cwd_nif() -> {ok, Bin} | {error, Reason}
(func $prim_file:get_cwd_nif/0 (result eqref)
  (local $r i32)
  (local.set $r (call $host.file_cwd))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (call $tuple2 (global.get $atom.ok) (call $bin_from_memory (i32.const 0) (local.get $r))))

;; prim_file:read_info_nif(Path, FollowLinks) -> #file_info{} with POSIX times |
;; {error, Reason}; what the host's stat reports (docs/LIMITATIONS.md).
(func $prim_file:read_info_nif/2 (param $path eqref) (param $follow eqref) (result eqref)
  (local $r eqref)
  (local.set $r (call $file_info (call $native_path_bin (local.get $path))
    (struct.new $cons (call $tuple2 (global.get $atom.time) (global.get $atom.posix)) (ref.null none))
    (ref.eq (local.get $follow) (global.get $atom.true))))
  (if (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 0)) (global.get $atom.ok))
    (then (return (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1)))))
  (local.get $r))

;; prim_file:list_dir_nif(Path) -> {ok, [Bin]} | {error, Reason}
(func $prim_file:list_dir_nif/1 (param $path eqref) (result eqref)
  (local $r eqref) (local $l eqref) (local $acc eqref)
  (local.set $r (call $file:list_dir/1 (call $native_path_bin (local.get $path))))
  (if (i32.eqz (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 0)) (global.get $atom.ok)))
    (then (return (local.get $r))))
  (local.set $l (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (struct.new $cons
        (call $unicode:characters_to_binary/2 (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (global.get $atom.utf8))
        (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (call $tuple2 (global.get $atom.ok) (call $list_reverse_onto (local.get $acc) (ref.null none))))

;; ---- prim_buffer --------------------------------------------------------------------------
;; A byte queue behind a reference: prim_file's read-ahead buffer. The NIFs are new/0,
;; size/1, write/2, skip/2, copying_read/2, peek_head/1, find_byte_index/2, try_lock/1 and
;; unlock/1; the module's other functions are Erlang over them. Bytes live in
;; data[start..end); a write that does not fit moves them to the front or to a larger
;; array.

(type $pbuf (struct (field $data (mut (ref $bytes))) (field $start (mut i32)) (field $end (mut i32))))

(func $pbuf_of (param $r eqref) (result (ref null $pbuf))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))))
  (if (result (ref null $pbuf)) (ref.test (ref $pbuf) (local.get $p))
    (then (ref.cast (ref $pbuf) (local.get $p)))
    (else (ref.null none))))

;; prim_buffer:new() -> Ref
(func $prim_buffer:new/0 (result eqref)
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter)
    (struct.new $pbuf (array.new_default $bytes (i32.const 0)) (i32.const 0) (i32.const 0))))

;; prim_buffer:size(Ref) -> Bytes
(func $prim_buffer:size/1 (param $r eqref) (result eqref)
  (local $b (ref null $pbuf))
  (local.set $b (call $pbuf_of (local.get $r)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (ref.i31 (i32.sub (struct.get $pbuf $end (local.get $b)) (struct.get $pbuf $start (local.get $b)))))

;; prim_buffer:write(Ref, IOVec) -> ok
(func $prim_buffer:write/2 (param $r eqref) (param $iov eqref) (result eqref)
  (local $b (ref null $pbuf)) (local $t eqref) (local $bin (ref $bin)) (local $n i32) (local $have i32)
  (local $data (ref $bytes)) (local $new (ref $bytes))
  (local.set $b (call $pbuf_of (local.get $r)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $t (call $erlang:iolist_to_binary/1 (local.get $iov)))
  (if (call $is_fail (local.get $t)) (then (return (call $fail_badarg))))
  (local.set $bin (ref.cast (ref $bin) (local.get $t)))
  (local.set $n (struct.get $bin $size (local.get $bin)))
  (local.set $data (struct.get $pbuf $data (local.get $b)))
  (local.set $have (i32.sub (struct.get $pbuf $end (local.get $b)) (struct.get $pbuf $start (local.get $b))))
  (if (i32.gt_u (i32.add (struct.get $pbuf $end (local.get $b)) (local.get $n)) (array.len (local.get $data)))
    (then
      (local.set $new (local.get $data))
      (if (i32.gt_u (i32.add (local.get $have) (local.get $n)) (array.len (local.get $data)))
        (then (local.set $new (array.new_default $bytes
          (i32.add (i32.mul (i32.add (local.get $have) (local.get $n)) (i32.const 2)) (i32.const 64))))))
      (array.copy $bytes $bytes (local.get $new) (i32.const 0)
        (local.get $data) (struct.get $pbuf $start (local.get $b)) (local.get $have))
      (struct.set $pbuf $data (local.get $b) (local.get $new))
      (struct.set $pbuf $start (local.get $b) (i32.const 0))
      (struct.set $pbuf $end (local.get $b) (local.get $have))))
  (array.copy $bytes $bytes (struct.get $pbuf $data (local.get $b)) (struct.get $pbuf $end (local.get $b))
    (struct.get $bin $data (local.get $bin)) (struct.get $bin $off (local.get $bin)) (local.get $n))
  (struct.set $pbuf $end (local.get $b) (i32.add (struct.get $pbuf $end (local.get $b)) (local.get $n)))
  (global.get $atom.ok))

;; The first `n` bytes of the buffer as a new binary, taken out of it when `take`; null
;; when `n` is out of range.
(func $pbuf_head (param $r eqref) (param $size eqref) (param $take i32) (result (ref null $bin))
  (local $b (ref null $pbuf)) (local $n i32) (local $out (ref $bytes))
  (local.set $b (call $pbuf_of (local.get $r)))
  (if (ref.is_null (local.get $b)) (then (return (ref.null none))))
  (local.set $n (call $nif_size (local.get $size)))
  (if (i32.or (i32.lt_s (local.get $n) (i32.const 0))
        (i32.gt_s (local.get $n) (i32.sub (struct.get $pbuf $end (local.get $b)) (struct.get $pbuf $start (local.get $b)))))
    (then (return (ref.null none))))
  (local.set $out (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $out) (i32.const 0)
    (struct.get $pbuf $data (local.get $b)) (struct.get $pbuf $start (local.get $b)) (local.get $n))
  (if (local.get $take)
    (then (struct.set $pbuf $start (local.get $b) (i32.add (struct.get $pbuf $start (local.get $b)) (local.get $n)))))
  (struct.new $bin (local.get $out) (i32.const 0) (local.get $n) (i32.const 0) (ref.null $wcursor)))

;; prim_buffer:copying_read(Ref, Size) -> Binary (read/2 and read_iovec/2 are Erlang on
;; top of this and peek_head/1)
(func $prim_buffer:copying_read/2 (param $r eqref) (param $size eqref) (result eqref)
  (local $bin (ref null $bin))
  (local.set $bin (call $pbuf_head (local.get $r) (local.get $size) (i32.const 1)))
  (if (ref.is_null (local.get $bin)) (then (return (call $fail_badarg))))
  (ref.as_non_null (local.get $bin)))

;; prim_buffer:peek_head(Ref) -> Binary: the buffered bytes, left in place.
(func $prim_buffer:peek_head/1 (param $r eqref) (result eqref)
  (local $b (ref null $pbuf))
  (local.set $b (call $pbuf_of (local.get $r)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (ref.as_non_null (call $pbuf_head (local.get $r)
    (ref.i31 (i32.sub (struct.get $pbuf $end (local.get $b)) (struct.get $pbuf $start (local.get $b)))) (i32.const 0))))

;; prim_buffer:skip(Ref, Size) -> ok
(func $prim_buffer:skip/2 (param $r eqref) (param $size eqref) (result eqref)
  (if (ref.is_null (call $pbuf_head (local.get $r) (local.get $size) (i32.const 1))) (then (return (call $fail_badarg))))
  (global.get $atom.ok))

;; prim_buffer:find_byte_index(Ref, Byte) -> {ok, Index} | not_found
(func $prim_buffer:find_byte_index/2 (param $r eqref) (param $byte eqref) (result eqref)
  (local $b (ref null $pbuf)) (local $c i32) (local $i i32) (local $end i32) (local $data (ref $bytes))
  (local.set $b (call $pbuf_of (local.get $r)))
  (if (i32.or (ref.is_null (local.get $b)) (i32.eqz (ref.test (ref i31) (local.get $byte)))) (then (return (call $fail_badarg))))
  (local.set $c (i31.get_s (ref.cast (ref i31) (local.get $byte))))
  (if (i32.gt_u (local.get $c) (i32.const 255)) (then (return (call $fail_badarg))))
  (local.set $data (struct.get $pbuf $data (local.get $b)))
  (local.set $i (struct.get $pbuf $start (local.get $b)))
  (local.set $end (struct.get $pbuf $end (local.get $b)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (if (i32.eq (array.get_u $bytes (local.get $data) (local.get $i)) (local.get $c))
        (then (return (call $tuple2 (global.get $atom.ok)
          (ref.i31 (i32.sub (local.get $i) (struct.get $pbuf $start (local.get $b))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.get $atom.not_found))

;; prim_buffer:try_lock(Ref) -> acquired; unlock(Ref) -> ok: one scheduler runs at a
;; time, so the lock is always free.
(func $prim_buffer:try_lock/1 (param $r eqref) (result eqref)
  (if (ref.is_null (call $pbuf_of (local.get $r))) (then (return (call $fail_badarg))))
  (global.get $atom.acquired))
(func $prim_buffer:unlock/1 (param $r eqref) (result eqref)
  (if (ref.is_null (call $pbuf_of (local.get $r))) (then (return (call $fail_badarg))))
  (global.get $atom.ok))
