;; effects.wat — the effects that cross the host boundary beyond standard output and the
;; clock (docs/ABI.md §6): unwired effects, randomness, the environment, files, storage,
;; and calls from the host into registered processes (services).
;;
;; Bytes go through the staging area at address 0 of linear memory; the memory grows when
;; they do not fit. A host import's result follows the result convention: r >= 0, r bytes
;; at 0; r < 0, -r bytes at 0 naming the error as an atom.

;; ---- staging ----------------------------------------------------------------------------

;; Grows the memory so that [0, end) is inside it.
(func $stage_reserve (param $end i32)
  (local $have i32) (local $need i32)
  (local.set $have (memory.size))
  (local.set $need (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
  (if (i32.gt_u (local.get $need) (local.get $have))
    (then
      (if (i32.lt_s (memory.grow (i32.sub (local.get $need) (local.get $have))) (i32.const 0))
        (then (call $raise_error (global.get $atom.system_limit)))))))

;; Copies the bytes of binary `b` to memory at `at`; returns the address after them.
(func $stage_bytes (param $b (ref $bin)) (param $at i32) (result i32)
  (local $data (ref $bytes)) (local $off i32) (local $n i32) (local $i i32)
  (local.set $data (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $n (struct.get $bin $size (local.get $b)))
  (call $stage_reserve (i32.add (local.get $at) (local.get $n)))
  (block $done
    (loop $copy
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $at) (local.get $i))
        (array.get_u $bytes (local.get $data) (i32.add (local.get $off) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $copy)))
  (i32.add (local.get $at) (local.get $n)))

;; The atom named by `len` bytes of memory at `ptr` (UTF-8).
(func $staged_atom (param $ptr i32) (param $len i32) (result (ref $atom))
  (call $atom_intern (struct.get $bin $data (call $bin_from_memory (local.get $ptr) (local.get $len)))
    (i32.const 0) (local.get $len)))

;; A failed import's error atom (r < 0).
(func $staged_error (param $r i32) (result (ref $atom))
  (call $staged_atom (i32.const 0) (i32.sub (i32.const 0) (local.get $r))))

;; Writes atom `a`'s name at 0 for the host: the result convention's failure, -len.
(func $stage_error (param $a (ref $atom)) (result i32)
  (i32.sub (i32.const 0) (call $stage_bytes (call $atom_name (local.get $a)) (i32.const 0))))

;; {error, Atom} for a failed import.
(func $error_result (param $r i32) (result eqref)
  (call $tuple2 (global.get $atom.error) (call $staged_error (local.get $r))))

;; A whole binary (no trailing bits), or null.
(func $as_bytes (param $t eqref) (result (ref null $bin))
  (if (i32.eqz (ref.test (ref $bin) (local.get $t))) (then (return (ref.null none))))
  (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $t))) (then (return (ref.null none))))
  (ref.cast (ref $bin) (local.get $t)))

;; ---- unwired effects --------------------------------------------------------------------

;; A host that lacks an import calls this from the import's stub, with the import's name
;; at `ptr`: error({unwired_host_effect, Name}) in the process that used the effect.
(func $bw_unwired (export "bw_unwired") (param $ptr i32) (param $len i32)
  (call $raise_error (call $tuple2 (global.get $atom.unwired_host_effect)
    (call $staged_atom (local.get $ptr) (local.get $len)))))

;; ---- randomness -------------------------------------------------------------------------

;; crypto:strong_rand_bytes_nif(N): N random bytes from the host (crypto:strong_rand_bytes/1
;; is Erlang around it).
(func $crypto:strong_rand_bytes_nif/1 (param $n eqref) (result eqref)
  (local $len i32) (local $data (ref $bytes)) (local $at i32) (local $k i32) (local $i i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (call $fail_badarg))))
  (local.set $len (i31.get_s (ref.cast (ref i31) (local.get $n))))
  (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $data (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $chunk
      (br_if $done (i32.ge_u (local.get $at) (local.get $len)))
      (local.set $k (select (i32.sub (local.get $len) (local.get $at)) (global.get $staging_size)
        (i32.lt_u (i32.sub (local.get $len) (local.get $at)) (global.get $staging_size))))
      (call $host.random (i32.const 0) (local.get $k))
      (local.set $i (i32.const 0))
      (block $copied
        (loop $copy
          (br_if $copied (i32.ge_u (local.get $i) (local.get $k)))
          (array.set $bytes (local.get $data) (i32.add (local.get $at) (local.get $i)) (i32.load8_u (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy)))
      (local.set $at (i32.add (local.get $at) (local.get $k)))
      (br $chunk)))
  (call $bin_of (local.get $data)))

;; ---- the environment --------------------------------------------------------------------

;; beamwasm_rt:env_init(): the host's environment becomes the os:getenv table (misc.wat);
;; the boot process calls it before the program runs.
(func $beamwasm_rt:env_init/0 (result eqref)
  (local $r i32) (local $b (ref $bin)) (local $data (ref $bytes)) (local $i i32) (local $from i32)
  (local.set $r (call $host.env_list))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (global.get $atom.ok))))
  (local.set $b (call $bin_from_memory (i32.const 0) (local.get $r)))
  (local.set $data (struct.get $bin $data (local.get $b)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $r)))
      (if (i32.eqz (array.get_u $bytes (local.get $data) (local.get $i)))
        (then
          (if (i32.gt_u (local.get $i) (local.get $from))
            (then (call $os_env_add_entry
              (struct.new $bin (local.get $data) (local.get $from) (i32.sub (local.get $i) (local.get $from))
                (i32.const 0) (ref.null $wcursor)))))
          (local.set $from (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.get $atom.ok))

;; ---- files ------------------------------------------------------------------------------
;; The whole-file operations of the `file` module. On the VM they are requests to the
;; file server process (file_server_2), which calls prim_file's NIFs; here they go to the
;; host directly, with the same results ({error, Posix} with the host's POSIX name).

;; A file name as UTF-8 bytes, or null (badarg): a binary, an atom, or a deep list of
;; code points and atoms (file:file_name/1; a binary inside a list is badarg), without a
;; NUL byte (prim_file's encoding refuses one).
(func $path_bin (param $name eqref) (result (ref null $bin))
  (local $b (ref null $bin))
  (if (ref.test (ref $bin) (local.get $name))
    (then (local.set $b (call $as_bytes (local.get $name))))
    (else
      (if (ref.test (ref $atom) (local.get $name))
        (then (local.set $b (call $atom_name (ref.cast (ref $atom) (local.get $name)))))
        (else
          (global.set $path_acc (ref.null none))
          (if (i32.eqz (call $path_flatten (local.get $name))) (then (return (ref.null none))))
          (local.set $b (call $as_bytes (call $unicode:characters_to_binary/2
            (call $list_reverse_onto (global.get $path_acc) (ref.null none)) (global.get $atom.utf8))))))))
  (if (ref.is_null (local.get $b)) (then (return (ref.null none))))
  (if (call $has_nul (ref.as_non_null (local.get $b))) (then (return (ref.null none))))
  (local.get $b))

(func $has_nul (param $b (ref $bin)) (result i32)
  (local $data (ref $bytes)) (local $i i32) (local $end i32)
  (local.set $data (struct.get $bin $data (local.get $b)))
  (local.set $i (struct.get $bin $off (local.get $b)))
  (local.set $end (i32.add (local.get $i) (struct.get $bin $size (local.get $b))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (if (i32.eqz (array.get_u $bytes (local.get $data) (local.get $i))) (then (return (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 0))

;; The code points of a flattened file name, last first.
(global $path_acc (mut eqref) (ref.null none))

;; Pushes the code points of a deep list of code points and atoms onto $path_acc; 0 for
;; anything else.
(func $path_flatten (param $t eqref) (result i32)
  (local $c (ref $cons)) (local $h eqref) (local $chars eqref)
  (loop $next
    (if (ref.is_null (local.get $t)) (then (return (i32.const 1))))
    (if (i32.eqz (ref.test (ref $cons) (local.get $t))) (then (return (i32.const 0))))
    (local.set $c (ref.cast (ref $cons) (local.get $t)))
    (local.set $h (struct.get $cons $hd (local.get $c)))
    (if (ref.test (ref i31) (local.get $h))
      (then (global.set $path_acc (struct.new $cons (local.get $h) (global.get $path_acc))))
      (else
        (if (ref.test (ref $atom) (local.get $h))
          (then
            (local.set $chars (call $erlang:atom_to_list/1 (local.get $h)))
            (drop (call $path_flatten (local.get $chars))))
          (else
            (if (i32.eqz (ref.test (ref null $cons) (local.get $h))) (then (return (i32.const 0))))
            (if (i32.eqz (call $path_flatten (local.get $h))) (then (return (i32.const 0))))))))
    (local.set $t (struct.get $cons $tl (local.get $c)))
    (br $next))
  (i32.const 0))

(func $error_badarg (result eqref)
  (call $tuple2 (global.get $atom.error) (global.get $atom.badarg)))

;; ok, or {error, Atom}.
(func $ok_result (param $r i32) (result eqref)
  (if (result eqref) (i32.lt_s (local.get $r) (i32.const 0))
    (then (call $error_result (local.get $r)))
    (else (global.get $atom.ok))))

;; file:read_file(Name) -> {ok, Binary} | {error, Reason}
(func $file:read_file/1 (param $name eqref) (result eqref)
  (local $p (ref null $bin)) (local $r i32)
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $error_badarg))))
  (local.set $r (call $host.file_read (i32.const 0) (call $stage_bytes (ref.as_non_null (local.get $p)) (i32.const 0))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (call $tuple2 (global.get $atom.ok) (call $bin_from_memory (i32.const 0) (local.get $r))))

(func $file_write (param $name eqref) (param $data eqref) (param $append i32) (result eqref)
  (local $p (ref null $bin)) (local $d eqref) (local $end i32) (local $dend i32)
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $error_badarg))))
  (local.set $d (call $erlang:iolist_to_binary/1 (local.get $data)))
  (if (call $is_fail (local.get $d)) (then (return (call $error_badarg))))
  (local.set $end (call $stage_bytes (ref.as_non_null (local.get $p)) (i32.const 0)))
  (local.set $dend (call $stage_bytes (ref.cast (ref $bin) (local.get $d)) (local.get $end)))
  (call $ok_result (call $host.file_write (i32.const 0) (local.get $end) (local.get $end)
    (i32.sub (local.get $dend) (local.get $end)) (local.get $append))))

;; file:write_file(Name, IoData) -> ok | {error, Reason}
(func $file:write_file/2 (param $name eqref) (param $data eqref) (result eqref)
  (call $file_write (local.get $name) (local.get $data) (i32.const 0)))

;; file:write_file(Name, IoData, Modes): `append` appends; the other modes (binary, raw,
;; write, sync, ...) change nothing a whole-file write shows.
(func $file:write_file/3 (param $name eqref) (param $data eqref) (param $modes eqref) (result eqref)
  (if (i32.lt_s (call $list_length (local.get $modes)) (i32.const 0)) (then (return (call $error_badarg))))
  (call $file_write (local.get $name) (local.get $data)
    (call $list_member (global.get $atom.append) (local.get $modes))))

;; Calls a path-only import: ok | {error, Reason}.
(func $file_path_op (param $name eqref) (param $op i32) (result eqref)
  (local $p (ref null $bin)) (local $len i32) (local $r i32) (local $e (ref $atom))
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $error_badarg))))
  (local.set $len (call $stage_bytes (ref.as_non_null (local.get $p)) (i32.const 0)))
  (if (i32.eqz (local.get $op))
    (then
      ;; The VM reports unlinking a directory as eperm (as POSIX has it), not eisdir.
      (local.set $r (call $host.file_delete (i32.const 0) (local.get $len)))
      (if (i32.ge_s (local.get $r) (i32.const 0)) (then (return (global.get $atom.ok))))
      (local.set $e (call $staged_error (local.get $r)))
      (if (ref.eq (local.get $e) (global.get $atom.eisdir)) (then (local.set $e (global.get $atom.eperm))))
      (return (call $tuple2 (global.get $atom.error) (local.get $e)))))
  (if (i32.eq (local.get $op) (i32.const 2))
    (then
      ;; The VM reports a directory that is not empty as eexist (as POSIX allows).
      (local.set $r (call $host.file_rmdir (i32.const 0) (local.get $len)))
      (if (i32.ge_s (local.get $r) (i32.const 0)) (then (return (global.get $atom.ok))))
      (local.set $e (call $staged_error (local.get $r)))
      (if (ref.eq (local.get $e) (global.get $atom.enotempty)) (then (local.set $e (global.get $atom.eexist))))
      (return (call $tuple2 (global.get $atom.error) (local.get $e)))))
  (call $ok_result (call $host.file_mkdir (i32.const 0) (local.get $len))))

;; file:delete(Name), file:make_dir(Name), file:del_dir(Name) -> ok | {error, Reason}
(func $file:delete/1 (param $name eqref) (result eqref)
  (call $file_path_op (local.get $name) (i32.const 0)))
(func $file:make_dir/1 (param $name eqref) (result eqref)
  (call $file_path_op (local.get $name) (i32.const 1)))
(func $file:del_dir/1 (param $name eqref) (result eqref)
  (call $file_path_op (local.get $name) (i32.const 2)))

;; file:list_dir(Name) -> {ok, [Filename]} | {error, Reason}; names are character lists.
(func $file:list_dir/1 (param $name eqref) (result eqref)
  (local $p (ref null $bin)) (local $r i32) (local $data (ref $bytes)) (local $i i32) (local $from i32) (local $acc eqref)
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $error_badarg))))
  (local.set $r (call $host.file_list (i32.const 0) (call $stage_bytes (ref.as_non_null (local.get $p)) (i32.const 0))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (local.set $data (struct.get $bin $data (call $bin_from_memory (i32.const 0) (local.get $r))))
  ;; From the end, so the list keeps the host's order.
  (local.set $i (local.get $r))
  (local.set $from (local.get $r))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (if (i32.eqz (array.get_u $bytes (local.get $data) (local.get $i)))
        (then
          (if (i32.gt_u (local.get $from) (i32.add (local.get $i) (i32.const 1)))
            (then (local.set $acc (struct.new $cons
              (call $utf8_to_list (local.get $data) (i32.add (local.get $i) (i32.const 1))
                (i32.sub (i32.sub (local.get $from) (local.get $i)) (i32.const 1)))
              (local.get $acc)))))
          (local.set $from (local.get $i))))
      (br $next)))
  (if (i32.gt_u (local.get $from) (i32.const 0))
    (then (local.set $acc (struct.new $cons (call $utf8_to_list (local.get $data) (i32.const 0) (local.get $from))
      (local.get $acc)))))
  (call $tuple2 (global.get $atom.ok) (local.get $acc)))

;; file:get_cwd() -> {ok, Dir}
(func $file:get_cwd/0 (result eqref)
  (local $r i32)
  (local.set $r (call $host.file_cwd))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (call $tuple2 (global.get $atom.ok)
    (call $utf8_to_list (struct.get $bin $data (call $bin_from_memory (i32.const 0) (local.get $r)))
      (i32.const 0) (local.get $r))))

;; file:read_file_info(Name[, Opts]) -> {ok, #file_info{}} | {error, Reason}. The host
;; reports size, type, modification time and permissions; access comes from the owner's
;; permission bits, the access and change times are the modification time, and links,
;; devices, inode, uid and gid are 1, 0, 0, 0, 0, 0. `local` time is universal time.
(func $file:read_file_info/1 (param $name eqref) (result eqref)
  (call $file:read_file_info/2 (local.get $name) (ref.null none)))

(func $file:read_file_info/2 (param $name eqref) (param $opts eqref) (result eqref)
  (call $file_info (local.get $name) (local.get $opts) (i32.const 1)))

;; read_file_info (`follow` 1: of the file a symbolic link names) or read_link_info (0).
(func $file_info (param $name eqref) (param $opts eqref) (param $follow i32) (result eqref)
  (local $p (ref null $bin)) (local $tatom eqref) (local $l eqref) (local $o eqref)
  (if (i32.lt_s (call $list_length (local.get $opts)) (i32.const 0)) (then (return (call $error_badarg))))
  (local.set $p (call $path_bin (local.get $name)))
  (if (ref.is_null (local.get $p)) (then (return (call $error_badarg))))
  ;; The `time` option: local (the default), universal or posix.
  (local.set $tatom (global.get $atom.local))
  (local.set $l (local.get $opts))
  (block $found
    (loop $next
      (br_if $found (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (ref.test (ref $tuple) (local.get $o))
        (then
          (if (i32.eq (array.len (ref.cast (ref $tuple) (local.get $o))) (i32.const 2))
            (then
              (if (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $o)) (i32.const 0)) (global.get $atom.time))
                (then
                  (local.set $tatom (array.get $tuple (ref.cast (ref $tuple) (local.get $o)) (i32.const 1)))
                  (br $found)))))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (call $stat_file_info
    (call $host.file_stat (i32.const 0) (call $stage_bytes (ref.as_non_null (local.get $p)) (i32.const 0))
      (local.get $follow))
    (local.get $tatom)))

;; {ok, #file_info{}} of a stat record the host staged (file_stat, fd_stat), with times as
;; `tatom` (local, universal or posix) asks; {error, Reason} when the import failed (r < 0).
(func $stat_file_info (param $r i32) (param $tatom eqref) (result eqref)
  (local $size i64) (local $secs i64) (local $type i32) (local $mode i32)
  (local $time eqref) (local $access eqref) (local $kind eqref)
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $error_result (local.get $r)))))
  (local.set $size (i64.load (i32.const 0)))
  (local.set $secs (i64.load (i32.const 8)))
  (local.set $secs (i64.sub (i64.div_s (local.get $secs) (i64.const 1000000000))
    (i64.extend_i32_u (i64.lt_s (i64.rem_s (local.get $secs) (i64.const 1000000000)) (i64.const 0)))))
  (local.set $type (i32.load (i32.const 16)))
  (local.set $mode (i32.and (i32.load (i32.const 20)) (i32.const 4095)))
  (if (ref.eq (local.get $tatom) (global.get $atom.posix))
    (then (local.set $time (call $mk_int (local.get $secs))))
    (else
      (if (i32.or (ref.eq (local.get $tatom) (global.get $atom.local)) (ref.eq (local.get $tatom) (global.get $atom.universal)))
        (then (local.set $time (call $datetime_of_secs (local.get $secs))))
        (else (return (call $error_badarg))))))
  (local.set $kind (global.get $atom.other))
  (if (i32.eq (local.get $type) (i32.const 0))
    (then (local.set $kind (global.get $atom.regular)) (local.set $mode (i32.or (local.get $mode) (i32.const 0x8000)))))
  (if (i32.eq (local.get $type) (i32.const 1))
    (then (local.set $kind (global.get $atom.directory)) (local.set $mode (i32.or (local.get $mode) (i32.const 0x4000)))))
  (if (i32.eq (local.get $type) (i32.const 2))
    (then (local.set $kind (global.get $atom.symlink)) (local.set $mode (i32.or (local.get $mode) (i32.const 0xa000)))))
  (local.set $access (global.get $atom.none))
  (if (i32.and (local.get $mode) (i32.const 0x100)) (then (local.set $access (global.get $atom.read))))
  (if (i32.and (local.get $mode) (i32.const 0x80))
    (then (local.set $access
      (if (result eqref) (i32.and (local.get $mode) (i32.const 0x100))
        (then (global.get $atom.read_write)) (else (global.get $atom.write))))))
  (call $tuple2 (global.get $atom.ok)
    (array.new_fixed $tuple 14 (global.get $atom.file_info) (call $mk_int (local.get $size)) (local.get $kind)
      (local.get $access) (local.get $time) (local.get $time) (local.get $time)
      (ref.i31 (local.get $mode)) (ref.i31 (i32.const 1)) (ref.i31 (i32.const 0)) (ref.i31 (i32.const 0))
      (ref.i31 (i32.const 0)) (ref.i31 (i32.const 0)) (ref.i31 (i32.const 0)))))

;; ---- storage ----------------------------------------------------------------------------
;; beamwasm:storage_get(Key) -> {ok, Value} | error; storage_put(Key, Value) -> ok;
;; storage_delete(Key) -> ok. Keys and values are binaries; a host failure other than a
;; missing key raises error(Reason).

(func $beamwasm:storage_get/1 (param $k eqref) (result eqref)
  (local $kb (ref null $bin)) (local $r i32) (local $e (ref $atom))
  (local.set $kb (call $as_bytes (local.get $k)))
  (if (ref.is_null (local.get $kb)) (then (return (call $fail_badarg))))
  (local.set $r (call $host.storage_get (i32.const 0) (call $stage_bytes (ref.as_non_null (local.get $kb)) (i32.const 0))))
  (if (i32.ge_s (local.get $r) (i32.const 0))
    (then (return (call $tuple2 (global.get $atom.ok) (call $bin_from_memory (i32.const 0) (local.get $r))))))
  (local.set $e (call $staged_error (local.get $r)))
  (if (ref.eq (local.get $e) (global.get $atom.not_found)) (then (return (global.get $atom.error))))
  (call $fail (local.get $e)))

(func $beamwasm:storage_put/2 (param $k eqref) (param $v eqref) (result eqref)
  (local $kb (ref null $bin)) (local $vb (ref null $bin)) (local $end i32) (local $vend i32) (local $r i32)
  (local.set $kb (call $as_bytes (local.get $k)))
  (local.set $vb (call $as_bytes (local.get $v)))
  (if (i32.or (ref.is_null (local.get $kb)) (ref.is_null (local.get $vb))) (then (return (call $fail_badarg))))
  (local.set $end (call $stage_bytes (ref.as_non_null (local.get $kb)) (i32.const 0)))
  (local.set $vend (call $stage_bytes (ref.as_non_null (local.get $vb)) (local.get $end)))
  (local.set $r (call $host.storage_put (i32.const 0) (local.get $end) (local.get $end) (i32.sub (local.get $vend) (local.get $end))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail (call $staged_error (local.get $r))))))
  (global.get $atom.ok))

(func $beamwasm:storage_delete/1 (param $k eqref) (result eqref)
  (local $kb (ref null $bin)) (local $r i32)
  (local.set $kb (call $as_bytes (local.get $k)))
  (if (ref.is_null (local.get $kb)) (then (return (call $fail_badarg))))
  (local.set $r (call $host.storage_delete (i32.const 0) (call $stage_bytes (ref.as_non_null (local.get $kb)) (i32.const 0))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail (call $staged_error (local.get $r))))))
  (global.get $atom.ok))

;; ---- services: calls from the host into registered processes ----------------------------
;; The host's process (beamwasm_boot:start(beamwasm_host)) stands for the host: a call is
;; {'$gen_call', {HostPid, Ref}, Request} sent to a registered process that HostPid
;; monitors with Ref; the host process hands the reply, or the DOWN message, to
;; beamwasm_rt:host_reply/3, which answers the host through bw.reply.

(global $host_proc (mut (ref null $proc)) (ref.null none))
;; Pending calls: a list of {Ref, Id}.
(global $host_calls (mut eqref) (ref.null none))
(global $host_call_seq (mut i32) (i32.const 0))

;; The host's process, started on first use.
(func $host_process (result (ref $proc))
  (local $saved (ref null $proc)) (local $p (ref $proc))
  (if (i32.eqz (ref.is_null (global.get $host_proc)))
    (then
      (if (i32.ne (struct.get $proc $state (ref.as_non_null (global.get $host_proc))) (global.get $EXITED))
        (then (return (ref.as_non_null (global.get $host_proc)))))))
  (local.set $saved (global.get $current))
  (global.set $current (ref.null none))
  (local.set $p (call $spawn_frame
    (call $new_frame (ref.func $hook:boot) (i32.const 1) (i32.const 0) (i32.const 0)
      (array.new_fixed $tuple 1 (global.get $atom.beamwasm_host)))
    (ref.null none)))
  (global.set $current (local.get $saved))
  (global.set $host_proc (local.get $p))
  (local.get $p))

;; The live process registered under the name at `ptr`, or null. A name that is no atom
;; yet names no process (and the host does not get to create atoms).
(func $host_target (param $ptr i32) (param $len i32) (result (ref null $proc))
  (local $pid eqref) (local $p (ref null $proc)) (local $id i32)
  (local.set $id (call $atom_find (struct.get $bin $data (call $bin_from_memory (local.get $ptr) (local.get $len)))
    (i32.const 0) (local.get $len)))
  (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (ref.null none))))
  (local.set $pid (call $whereis (call $atom_get (local.get $id))))
  (local.set $p (call $pid_proc (local.get $pid)))
  (if (ref.is_null (local.get $p)) (then (return (ref.null none))))
  (if (i32.eq (struct.get $proc $state (ref.as_non_null (local.get $p))) (global.get $EXITED))
    (then (return (ref.null none))))
  (local.get $p))

;; bw_call(Name, Request): a call id > 0, or noproc/badarg by the result convention.
(func $bw_call (export "bw_call") (param $np i32) (param $nl i32) (param $rp i32) (param $rl i32) (result i32)
  (local $req eqref) (local $target (ref null $proc)) (local $host (ref $proc)) (local $saved (ref null $proc))
  (local $ref eqref) (local $id i32)
  (local.set $target (call $host_target (local.get $np) (local.get $nl)))
  (local.set $req (call $erlang:binary_to_term/1 (call $bin_from_memory (local.get $rp) (local.get $rl))))
  (if (call $is_fail (local.get $req)) (then (return (call $stage_error (global.get $atom.badarg)))))
  (if (ref.is_null (local.get $target)) (then (return (call $stage_error (global.get $atom.noproc)))))
  (local.set $host (call $host_process))
  (local.set $saved (global.get $current))
  (global.set $current (local.get $host))
  (local.set $ref (call $monitor_pid (struct.get $proc $pid (ref.as_non_null (local.get $target))) (global.get $atom.process)))
  (global.set $current (local.get $saved))
  (global.set $host_call_seq (i32.add (global.get $host_call_seq) (i32.const 1)))
  (local.set $id (global.get $host_call_seq))
  (global.set $host_calls (struct.new $cons (call $tuple2 (local.get $ref) (ref.i31 (local.get $id))) (global.get $host_calls)))
  (call $deliver (ref.as_non_null (local.get $target))
    (call $tuple3 (global.get $atom.$gen_call)
      (call $tuple2 (struct.get $proc $pid (local.get $host)) (local.get $ref))
      (local.get $req)))
  (local.get $id))

;; bw_send(Name, Message): 0, or noproc/badarg by the result convention.
(func $bw_send (export "bw_send") (param $np i32) (param $nl i32) (param $mp i32) (param $ml i32) (result i32)
  (local $msg eqref) (local $target (ref null $proc))
  (local.set $target (call $host_target (local.get $np) (local.get $nl)))
  (local.set $msg (call $erlang:binary_to_term/1 (call $bin_from_memory (local.get $mp) (local.get $ml))))
  (if (call $is_fail (local.get $msg)) (then (return (call $stage_error (global.get $atom.badarg)))))
  (if (ref.is_null (local.get $target)) (then (return (call $stage_error (global.get $atom.noproc)))))
  (call $deliver (ref.as_non_null (local.get $target)) (local.get $msg))
  (i32.const 0))

;; beamwasm_rt:host_reply(Ref, Status, Term): answers the pending call monitored by Ref
;; (once; a call no longer pending is ignored): bw.reply status 0 with the reply, 1 with
;; the exit reason, 2 when that term holds something term_to_binary cannot encode yet.
(func $beamwasm_rt:host_reply/3 (param $ref eqref) (param $status eqref) (param $term eqref) (result eqref)
  (local $l eqref) (local $acc eqref) (local $e (ref $tuple)) (local $id i32) (local $bin eqref) (local $code i32)
  (local.set $id (i32.const -1))
  (local.set $l (global.get $host_calls))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $e (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (i32.and (i32.lt_s (local.get $id) (i32.const 0))
            (ref.eq (array.get $tuple (local.get $e) (i32.const 0)) (local.get $ref)))
        (then (local.set $id (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $e) (i32.const 1))))))
        (else (local.set $acc (struct.new $cons (local.get $e) (local.get $acc)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (global.get $atom.ok))))
  (global.set $host_calls (local.get $acc))
  (local.set $code (select (i32.const 0) (i32.const 1) (ref.eq (local.get $status) (ref.i31 (i32.const 0)))))
  (local.set $bin (call $erlang:term_to_binary/1 (local.get $term)))
  ;; A term the runtime cannot encode yet: status 2, with `reply` or `exit` saying which.
  (if (call $is_fail (local.get $bin))
    (then
      (local.set $bin (call $erlang:term_to_binary/1
        (select (result eqref) (global.get $atom.reply) (global.get $atom.exit) (i32.eqz (local.get $code)))))
      (local.set $code (i32.const 2))))
  (call $host.reply (local.get $id) (local.get $code)
    (i32.const 0) (call $stage_bytes (ref.cast (ref $bin) (local.get $bin)) (i32.const 0)))
  (global.get $atom.ok))

;; file:read_link_info(Name[, Opts]): as read_file_info, of a symbolic link itself.
(func $file:read_link_info/1 (param $name eqref) (result eqref)
  (call $file_info (local.get $name) (ref.null none) (i32.const 0)))
(func $file:read_link_info/2 (param $name eqref) (param $opts eqref) (result eqref)
  (call $file_info (local.get $name) (local.get $opts) (i32.const 0)))
