;; native.wat — the runtime's door to the VM's C libraries (crates/native): PCRE 8.44 as
;; OTP builds it, the zlib 1.2.13 the VM links, and their glue (crates/native/c/re.c,
;; zlib.c), compiled to wasm32.
;;
;; The C code has its own linear memory, `$native`, apart from the host staging area at
;; memory 0: a host writes its payloads at address 0 and grows memory 0 as it needs, which
;; would overwrite C data there. The functions below are placeholders: crates/runtime/build.rs
;; merges the native module into the runtime (crates/native/src/merge.rs), which gives
;; `$native` the C module's limits and data, replaces each placeholder's body with the C
;; export of the same name and appends the rest of the C code, so nothing here moves. The
;; C code is reached only through these functions: a program that never calls them has
;; no use for any of it.

(memory $native 0)

;; malloc and free.
(func $native:bw_alloc (param i32) (result i32) unreachable)
(func $native:bw_free (param i32) unreachable)

;; PCRE (re.c): compile, translate the VM's pattern layout, match, names.
(func $native:bw_re_compile (param i32 i32) (result i32) unreachable)
(func $native:bw_re_export_size (param i32) (result i32) unreachable)
(func $native:bw_re_export (param i32 i32) unreachable)
(func $native:bw_re_import (param i32 i32) (result i32) unreachable)
(func $native:bw_re_exec (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) unreachable)
(func $native:bw_re_exec_continue (param i32 i32) (result i32) unreachable)
(func $native:bw_re_exec_free (param i32) unreachable)
(func $native:bw_re_info (param i32 i32) (result i32) unreachable)
(func $native:bw_re_stringnumber (param i32 i32) (result i32) unreachable)
(func $native:bw_re_stringtable_entries (param i32 i32 i32) (result i32) unreachable)
(func $native:bw_re_version (result i32) unreachable)

;; zlib (zlib.c): the zlib NIFs' streams, compressed terms.
(func $native:bw_z_open (result i32) unreachable)
(func $native:bw_z_free (param i32) unreachable)
(func $native:bw_z_state (param i32) (result i32) unreachable)
(func $native:bw_z_close (param i32) (result i32) unreachable)
(func $native:bw_z_deflate_init (param i32 i32 i32 i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_deflate_set_dictionary (param i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_deflate_reset (param i32) (result i32) unreachable)
(func $native:bw_z_deflate_end (param i32) (result i32) unreachable)
(func $native:bw_z_deflate_params (param i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_inflate_init (param i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_inflate_set_dictionary (param i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_inflate_get_dictionary (param i32) (result i32) unreachable)
(func $native:bw_z_inflate_reset (param i32) (result i32) unreachable)
(func $native:bw_z_inflate_end (param i32) (result i32) unreachable)
(func $native:bw_z_crc32 (param i32) (result i32) unreachable)
(func $native:bw_z_enqueue (param i32 i32) (result i32) unreachable)
(func $native:bw_z_codec (param i32 i32 i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_compress (param i32 i32 i32 i32) (result i32) unreachable)
(func $native:bw_z_uncompress (param i32 i32 i32) (result i32) unreachable)

;; ---- moving bytes ----------------------------------------------------------------------

;; Copies `len` bytes of d[off..] into native memory at `p`.
(func $native.put (param $p i32) (param $d (ref $bytes)) (param $off i32) (param $len i32)
  (local $i i32) (local $end i32)
  (local.set $end (i32.and (local.get $len) (i32.const -4)))
  (block $words
    (loop $w
      (br_if $words (i32.ge_u (local.get $i) (local.get $end)))
      (i32.store $native (i32.add (local.get $p) (local.get $i))
        (i32.or
          (i32.or (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i)))
                  (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (i32.add (local.get $i) (i32.const 1)))) (i32.const 8)))
          (i32.or (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (i32.add (local.get $i) (i32.const 2)))) (i32.const 16))
                  (i32.shl (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (i32.add (local.get $i) (i32.const 3)))) (i32.const 24)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $w)))
  (block $done
    (loop $b
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (i32.store8 $native (i32.add (local.get $p) (local.get $i))
        (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $b))))

;; A copy of `len` bytes of d[off..] in native memory, followed by a NUL; 0 when native
;; memory is exhausted.
(func $native.copy_in (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $p i32)
  (local.set $p (call $native:bw_alloc (i32.add (local.get $len) (i32.const 1))))
  (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
  (call $native.put (local.get $p) (local.get $d) (local.get $off) (local.get $len))
  (i32.store8 $native (i32.add (local.get $p) (local.get $len)) (i32.const 0))
  (local.get $p))

;; The `len` bytes at `p` in native memory, as a new byte array.
(func $native.get (param $p i32) (param $len i32) (result (ref $bytes))
  (local $d (ref $bytes)) (local $i i32)
  (local.set $d (array.new $bytes (i32.const 0) (local.get $len)))
  (block $done
    (loop $b
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $d) (local.get $i) (i32.load8_u $native (i32.add (local.get $p) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $b)))
  (local.get $d))

;; The length of the NUL-terminated string at `p`.
(func $native.strlen (param $p i32) (result i32)
  (local $n i32)
  (block $done
    (loop $b
      (br_if $done (i32.eqz (i32.load8_u $native (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $b)))
  (local.get $n))

;; The NUL-terminated string at `p` as a list of its bytes (as the VM's buf_to_intlist).
(func $native.string_list (param $p i32) (result eqref)
  (local $i i32) (local $acc eqref)
  (local.set $i (call $native.strlen (local.get $p)))
  (block $done
    (loop $b
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons (ref.i31 (i32.load8_u $native (i32.add (local.get $p) (local.get $i)))) (local.get $acc)))
      (br $b)))
  (local.get $acc))
