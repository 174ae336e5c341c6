;; re.wat — the `re` module's NIFs: re:version/0, compile/1,2, run/2,3, internal_run/4
;; and inspect/2, after the VM's erts/emulator/beam/erl_bif_re.c, over the VM's own PCRE
;; 8.44 compiled to wasm32 (native.wat; the C half is crates/native/c/re.c).
;;
;; As on the VM, re:replace/3,4, re:split/2,3 and the global, unicode-list and
;; unicode-compile paths are Erlang code in stdlib's re.erl: where erl_bif_re.c traps to
;; re:grun/3, re:urun/3 or re:ucompile/2, these functions tail-call them (through
;; $hook:apply_mfa; the linker keeps them with these NIFs, see TRAPPING_BIFS in
;; crates/runtime/src/lib.rs). A long match yields as the VM's does: erts_pcre_exec counts
;; loop iterations against a limit of ten per reduction left, and when it is interrupted the
;; process yields with a frame that continues the match ($re.exec_trap, the VM's
;; re_exec_trap), so callers treat these NIFs as calls that can unwind.
;;
;; A compiled pattern is {re_pattern, Groups, Unicode, UseCRLF, Bin} with Bin the VM's own
;; bytes: a 64-bit VM's real_pcre header, which re.c translates to and from this build's.
;;
;; Native memory held across a yield (the run, its pattern and subject) belongs to the
;; suspended run; a run whose process dies while suspended is freed by the next run that
;; suspends ($re.reclaim).

;; ---- parse_options's results (erl_bif_re.c) ---------------------------------------------
;; Flags: 1 UNIQUE_COMPILE_OPT, 2 UNIQUE_EXEC_OPT, 4 UNICODE, 8 STARTOFFSET, 16 CAPTURE_OPT,
;; 32 GLOBAL, 64 REPORT_ERRORS, 128 MATCH_LIMIT, 256 MATCH_LIMIT_RECURSION.
(global $re.copt (mut i32) (i32.const 0))
(global $re.eopt (mut i32) (i32.const 0))
(global $re.flags (mut i32) (i32.const 0))
(global $re.offset (mut i32) (i32.const 0))
(global $re.cap_values (mut eqref) (ref.null none))
(global $re.cap_type (mut eqref) (ref.null none))
(global $re.match_limit (mut i32) (i32.const 0))
(global $re.match_limit_recursion (mut i32) (i32.const 0))

;; The latest pattern and subject copied into native memory, by the byte array they came
;; from: global runs (re:grun/3 calls re:internal_run/4 once per match) and repeated runs
;; of one compiled pattern copy them once. A run that suspends takes its buffers over.
(global $re.code_data (mut (ref null $bytes)) (ref.null none))
(global $re.code_off (mut i32) (i32.const 0))
(global $re.code_len (mut i32) (i32.const 0))
(global $re.code_ptr (mut i32) (i32.const 0))
(global $re.subj_data (mut (ref null $bytes)) (ref.null none))
(global $re.subj_off (mut i32) (i32.const 0))
(global $re.subj_len (mut i32) (i32.const 0))
(global $re.subj_ptr (mut i32) (i32.const 0))

;; The suspended runs: a list of their boxes (see $re.box).
(global $re.pending (mut eqref) (ref.null none))

;; The highest loop budget a run gets before it yields (erl_bif_re.c's max_loop_limit,
;; CONTEXT_REDS * LOOP_FACTOR; erts_debug:set_internal_state(re_loop_limit, N) changes it).
(global $re.max_loop_limit (mut i32) (i32.const 40000))

(elem declare func $re.exec_trap)

;; Where a process that yields in a run is, for trace messages (trace.wat): the VM's trap.
(func $re.trace_trap
  (if (i32.eqz (ref.is_null (global.get $tracees)))
    (then (global.set $trace_mfa
      (call $tuple3 (global.get $atom.erlang) (global.get $atom.re_run_trap) (ref.i31 (i32.const 3)))))))

;; ---- small helpers ----------------------------------------------------------------------

;; term_to_int on a 64-bit VM: a small integer from 0 to INT_MAX, else -1.
(func $re.term_to_int (param $t eqref) (result i32)
  (local $v i64)
  (if (ref.test (ref i31) (local.get $t))
    (then
      (return (select (i31.get_s (ref.cast (ref i31) (local.get $t))) (i32.const -1)
        (i32.ge_s (i31.get_s (ref.cast (ref i31) (local.get $t))) (i32.const 0))))))
  (if (ref.test (ref $int64) (local.get $t))
    (then
      (local.set $v (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))
      (if (i32.and (i64.ge_s (local.get $v) (i64.const 0)) (i64.le_s (local.get $v) (i64.const 0x7fffffff)))
        (then (return (i32.wrap_i64 (local.get $v)))))))
  (i32.const -1))

;; A failure with the VM's `cause => badopt` in the error info.
(func $re.fail_badopt (result eqref)
  (call $fail_with_cause (global.get $atom.badarg) (global.get $atom.badopt)))

;; Continues in Erlang: re:F(A, B, C) (erl_bif_re.c's BIF_TRAP3).
(func $re.trap3 (param $f eqref) (param $a eqref) (param $b eqref) (param $c eqref) (result eqref)
  (return_call $hook:apply_mfa (global.get $atom.re) (local.get $f)
    (struct.new $cons (local.get $a) (struct.new $cons (local.get $b) (struct.new $cons (local.get $c) (ref.null none))))))

;; The VM's is_binary: a binary or bitstring.
(func $re.is_binary (param $t eqref) (result i32)
  (ref.test (ref $bin) (local.get $t)))

;; erts_iolist_size + erts_iolist_to_buf: iodata as one binary, or null when it is not iodata.
(func $re.iodata (param $t eqref) (result (ref null $bin))
  (local $r eqref)
  (if (i32.eqz (i32.or (ref.is_null (local.get $t))
                 (i32.or (ref.test (ref $cons) (local.get $t)) (ref.test (ref $bin) (local.get $t)))))
    (then (return (ref.null $bin))))
  (local.set $r (call $erlang:iolist_to_binary/1 (local.get $t)))
  (if (ref.test (ref $bin) (local.get $r)) (then (return (ref.cast (ref $bin) (local.get $r)))))
  (ref.null $bin))

;; ---- options ----------------------------------------------------------------------------

;; parse_options: 0, or -1 when the list is not a proper list of options.
(func $re.parse_options (param $l eqref) (result i32)
  (local $copt i32) (local $eopt i32) (local $fl i32) (local $item eqref) (local $t (ref $tuple))
  (local $k eqref) (local $v eqref) (local $n i32)
  (global.set $re.cap_values (ref.null none))
  (global.set $re.cap_type (ref.null none))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $item (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (if (ref.test (ref $tuple) (local.get $item))
        (then
          (local.set $t (ref.cast (ref $tuple) (local.get $item)))
          (if (i32.or (i32.ne (array.len (local.get $t)) (i32.const 2))
                      (i32.eqz (ref.test (ref $atom) (array.get $tuple (local.get $t) (i32.const 0)))))
            (then
              (if (i32.and (i32.eq (array.len (local.get $t)) (i32.const 3))
                           (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.capture)))
                (then
                  (global.set $re.cap_values (array.get $tuple (local.get $t) (i32.const 1)))
                  (global.set $re.cap_type (array.get $tuple (local.get $t) (i32.const 2)))
                  (local.set $fl (i32.or (local.get $fl) (i32.const 18)))
                  (br $next)))
              (return (i32.const -1))))
          (local.set $k (array.get $tuple (local.get $t) (i32.const 0)))
          (local.set $v (array.get $tuple (local.get $t) (i32.const 1)))
          (if (ref.eq (local.get $k) (global.get $atom.capture))
            (then
              (global.set $re.cap_values (local.get $v))
              (global.set $re.cap_type (global.get $atom.index))
              (local.set $fl (i32.or (local.get $fl) (i32.const 18)))
              (br $next)))
          (if (ref.eq (local.get $k) (global.get $atom.offset))
            (then
              (local.set $n (call $re.term_to_int (local.get $v)))
              (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const -1))))
              (global.set $re.offset (local.get $n))
              (local.set $fl (i32.or (local.get $fl) (i32.const 10)))
              (br $next)))
          (if (ref.eq (local.get $k) (global.get $atom.match_limit))
            (then
              (local.set $n (call $re.term_to_int (local.get $v)))
              (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const -1))))
              (global.set $re.match_limit (local.get $n))
              (local.set $fl (i32.or (local.get $fl) (i32.const 130)))
              (br $next)))
          (if (ref.eq (local.get $k) (global.get $atom.match_limit_recursion))
            (then
              (local.set $n (call $re.term_to_int (local.get $v)))
              (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const -1))))
              (global.set $re.match_limit_recursion (local.get $n))
              (local.set $fl (i32.or (local.get $fl) (i32.const 258)))
              (br $next)))
          (if (ref.eq (local.get $k) (global.get $atom.newline))
            (then
              (local.set $n (i32.const 0))
              (if (ref.eq (local.get $v) (global.get $atom.cr)) (then (local.set $n (i32.const 0x00100000))))
              (if (ref.eq (local.get $v) (global.get $atom.crlf)) (then (local.set $n (i32.const 0x00300000))))
              (if (ref.eq (local.get $v) (global.get $atom.lf)) (then (local.set $n (i32.const 0x00200000))))
              (if (ref.eq (local.get $v) (global.get $atom.anycrlf)) (then (local.set $n (i32.const 0x00500000))))
              (if (ref.eq (local.get $v) (global.get $atom.any)) (then (local.set $n (i32.const 0x00400000))))
              (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
              (local.set $copt (i32.or (local.get $copt) (local.get $n)))
              (local.set $eopt (i32.or (local.get $eopt) (local.get $n)))
              (br $next)))
          (return (i32.const -1))))
      (if (i32.eqz (ref.test (ref $atom) (local.get $item))) (then (return (i32.const -1))))
      ;; anchored, bsr_anycrlf and bsr_unicode apply to both compiling and matching
      (if (ref.eq (local.get $item) (global.get $atom.anchored))
        (then
          (local.set $copt (i32.or (local.get $copt) (i32.const 0x10)))
          (local.set $eopt (i32.or (local.get $eopt) (i32.const 0x10)))
          (br $next)))
      (if (ref.eq (local.get $item) (global.get $atom.bsr_anycrlf))
        (then
          (local.set $copt (i32.or (local.get $copt) (i32.const 0x00800000)))
          (local.set $eopt (i32.or (local.get $eopt) (i32.const 0x00800000)))
          (br $next)))
      (if (ref.eq (local.get $item) (global.get $atom.bsr_unicode))
        (then
          (local.set $copt (i32.or (local.get $copt) (i32.const 0x01000000)))
          (local.set $eopt (i32.or (local.get $eopt) (i32.const 0x01000000)))
          (br $next)))
      ;; matching options
      (local.set $n (i32.const 0))
      (if (ref.eq (local.get $item) (global.get $atom.notempty)) (then (local.set $n (i32.const 0x400))))
      (if (ref.eq (local.get $item) (global.get $atom.notempty_atstart)) (then (local.set $n (i32.const 0x10000000))))
      (if (ref.eq (local.get $item) (global.get $atom.notbol)) (then (local.set $n (i32.const 0x80))))
      (if (ref.eq (local.get $item) (global.get $atom.noteol)) (then (local.set $n (i32.const 0x100))))
      (if (local.get $n)
        (then
          (local.set $eopt (i32.or (local.get $eopt) (local.get $n)))
          (local.set $fl (i32.or (local.get $fl) (i32.const 2)))
          (br $next)))
      (if (ref.eq (local.get $item) (global.get $atom.report_errors))
        (then (local.set $fl (i32.or (local.get $fl) (i32.const 66))) (br $next)))
      (if (ref.eq (local.get $item) (global.get $atom.global))
        (then (local.set $fl (i32.or (local.get $fl) (i32.const 34))) (br $next)))
      (if (ref.eq (local.get $item) (global.get $atom.unicode))
        (then
          (local.set $copt (i32.or (local.get $copt) (i32.const 0x800)))
          (local.set $fl (i32.or (local.get $fl) (i32.const 5)))
          (br $next)))
      ;; compiling options
      (if (ref.eq (local.get $item) (global.get $atom.no_start_optimize)) (then (local.set $n (i32.const 0x04000000))))
      (if (ref.eq (local.get $item) (global.get $atom.caseless)) (then (local.set $n (i32.const 0x1))))
      (if (ref.eq (local.get $item) (global.get $atom.dollar_endonly)) (then (local.set $n (i32.const 0x20))))
      (if (ref.eq (local.get $item) (global.get $atom.dotall)) (then (local.set $n (i32.const 0x4))))
      (if (ref.eq (local.get $item) (global.get $atom.extended)) (then (local.set $n (i32.const 0x8))))
      (if (ref.eq (local.get $item) (global.get $atom.firstline)) (then (local.set $n (i32.const 0x00040000))))
      (if (ref.eq (local.get $item) (global.get $atom.multiline)) (then (local.set $n (i32.const 0x2))))
      (if (ref.eq (local.get $item) (global.get $atom.no_auto_capture)) (then (local.set $n (i32.const 0x1000))))
      (if (ref.eq (local.get $item) (global.get $atom.dupnames)) (then (local.set $n (i32.const 0x00080000))))
      (if (ref.eq (local.get $item) (global.get $atom.ungreedy)) (then (local.set $n (i32.const 0x200))))
      (if (ref.eq (local.get $item) (global.get $atom.ucp)) (then (local.set $n (i32.const 0x20000000))))
      (if (ref.eq (local.get $item) (global.get $atom.never_utf)) (then (local.set $n (i32.const 0x00010000))))
      (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
      (local.set $copt (i32.or (local.get $copt) (local.get $n)))
      (local.set $fl (i32.or (local.get $fl) (i32.const 1)))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (i32.const -1))))
  (global.set $re.copt (local.get $copt))
  (global.set $re.eopt (local.get $eopt))
  (global.set $re.flags (local.get $fl))
  (i32.const 0))

;; ---- compiling --------------------------------------------------------------------------

;; Compiles the binary `b` (NUL-terminated on the way, as the VM does) with PCRE options
;; `options`: the glue's result record (re.c's struct compiled), 0 when out of memory.
(func $re.compile_bin (param $b (ref $bin)) (param $options i32) (result i32)
  (local $expr i32) (local $r i32)
  (local.set $expr (call $native.copy_in (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b))))
  (if (i32.eqz (local.get $expr)) (then (return (i32.const 0))))
  (local.set $r (call $native:bw_re_compile (local.get $expr) (local.get $options)))
  (call $native:bw_free (local.get $expr))
  (local.get $r))

;; build_compile_result: {re_pattern, ...} (in {ok, _} when `with_ok`) from the compiled
;; record `r`, freeing the compiled code; or the error tuple {Tag, {Message, Offset}} (with
;; `extra` around it, {Tag, {extra, {...}}}, when `extra` is not null).
(func $re.compile_result (param $r i32) (param $unicode i32) (param $with_ok i32) (param $extra eqref) (result eqref)
  (local $code i32) (local $n i32) (local $buf i32) (local $res eqref)
  (local.set $code (i32.load $native (local.get $r)))
  (if (i32.eqz (local.get $code))
    (then
      (local.set $res (call $tuple2 (call $native.string_list (i32.load $native offset=12 (local.get $r)))
        (ref.i31 (i32.load $native offset=8 (local.get $r)))))
      (if (i32.eqz (ref.is_null (local.get $extra)))
        (then (local.set $res (call $tuple2 (local.get $extra) (local.get $res)))))
      (return (call $tuple2 (global.get $atom.error) (local.get $res)))))
  (local.set $n (call $native:bw_re_export_size (local.get $code)))
  (local.set $buf (call $native:bw_alloc (local.get $n)))
  (call $native:bw_re_export (local.get $code) (local.get $buf))
  (local.set $res (array.new_fixed $tuple 5 (global.get $atom.re_pattern)
    (ref.i31 (i32.load $native offset=16 (local.get $r)))
    (ref.i31 (local.get $unicode))
    (ref.i31 (i32.load $native offset=20 (local.get $r)))
    (call $bin_of (call $native.get (local.get $buf) (local.get $n)))))
  (call $native:bw_free (local.get $buf))
  (call $native:bw_free (local.get $code))
  (if (result eqref) (local.get $with_ok)
    (then (call $tuple2 (global.get $atom.ok) (local.get $res)))
    (else (local.get $res))))

(func $re:version/0 (result eqref)
  (local $p i32)
  (local.set $p (call $native:bw_re_version))
  (call $bin_of (call $native.get (local.get $p) (call $native.strlen (local.get $p)))))

(func $re:compile/1 (param $p eqref) (result eqref)
  (return_call $re:compile/2 (local.get $p) (ref.null none)))

(func $re:compile/2 (param $p eqref) (param $opts eqref) (result eqref)
  (local $b (ref null $bin)) (local $r i32) (local $unicode i32)
  (if (i32.lt_s (call $re.parse_options (local.get $opts)) (i32.const 0)) (then (return (call $re.fail_badopt))))
  (if (i32.and (global.get $re.flags) (i32.const 2)) (then (return (call $re.fail_badopt))))
  (local.set $unicode (i32.ne (i32.and (global.get $re.flags) (i32.const 4)) (i32.const 0)))
  (if (i32.and (local.get $unicode) (i32.eqz (call $re.is_binary (local.get $p))))
    (then (return_call $hook:apply_mfa (global.get $atom.re) (global.get $atom.ucompile)
      (struct.new $cons (local.get $p) (struct.new $cons (local.get $opts) (ref.null none))))))
  (local.set $b (call $re.iodata (local.get $p)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $r (call $re.compile_bin (ref.as_non_null (local.get $b)) (global.get $re.copt)))
  (if (i32.eqz (local.get $r)) (then (return (call $fail (global.get $atom.system_limit)))))
  (call $re.compile_result (local.get $r) (local.get $unicode) (i32.const 1) (ref.null none)))

;; ---- compiled patterns ------------------------------------------------------------------

;; The fields of a {re_pattern, N, Unicode, CRLF, Bin} tuple are as erl_bif_re.c checks them:
;; 1 when they are, else 0.
(func $re.is_pattern (param $t eqref) (result i32)
  (local $tp (ref $tuple))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (i32.const 0))))
  (local.set $tp (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.ne (array.len (local.get $tp)) (i32.const 5)) (then (return (i32.const 0))))
  (i32.and
    (i32.and (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.re_pattern))
             (i32.and (ref.test (ref i31) (array.get $tuple (local.get $tp) (i32.const 1)))
                      (ref.test (ref i31) (array.get $tuple (local.get $tp) (i32.const 2)))))
    (i32.and (ref.test (ref i31) (array.get $tuple (local.get $tp) (i32.const 3)))
             (ref.test (ref $bin) (array.get $tuple (local.get $tp) (i32.const 4))))))

;; The pattern binary `b` (the VM's layout) as this build's pattern in native memory, from
;; the cache when it is the latest one; 0 when it is not a pattern in that layout.
(func $re.load_code (param $b (ref $bin)) (result i32)
  (local $raw i32) (local $p i32) (local $d (ref $bytes))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (if (i32.and (ref.eq (local.get $d) (global.get $re.code_data))
        (i32.and (i32.eq (struct.get $bin $off (local.get $b)) (global.get $re.code_off))
                 (i32.eq (struct.get $bin $size (local.get $b)) (global.get $re.code_len))))
    (then (return (global.get $re.code_ptr))))
  (if (struct.get $bin $bits (local.get $b)) (then (return (i32.const 0))))
  (local.set $raw (call $native.copy_in (local.get $d) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
  (if (i32.eqz (local.get $raw)) (then (return (i32.const 0))))
  (local.set $p (call $native:bw_re_import (local.get $raw) (struct.get $bin $size (local.get $b))))
  (call $native:bw_free (local.get $raw))
  (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
  (if (global.get $re.code_ptr) (then (call $native:bw_free (global.get $re.code_ptr))))
  (global.set $re.code_data (local.get $d))
  (global.set $re.code_off (struct.get $bin $off (local.get $b)))
  (global.set $re.code_len (struct.get $bin $size (local.get $b)))
  (global.set $re.code_ptr (local.get $p))
  (local.get $p))

;; The subject binary `b` in native memory, from the cache when it is the latest one; 0
;; when native memory is exhausted.
(func $re.load_subject (param $b (ref $bin)) (result i32)
  (local $p i32) (local $d (ref $bytes))
  (local.set $d (struct.get $bin $data (local.get $b)))
  (if (i32.and (ref.eq (local.get $d) (global.get $re.subj_data))
        (i32.and (i32.eq (struct.get $bin $off (local.get $b)) (global.get $re.subj_off))
                 (i32.eq (struct.get $bin $size (local.get $b)) (global.get $re.subj_len))))
    (then (return (global.get $re.subj_ptr))))
  (local.set $p (call $native.copy_in (local.get $d) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b))))
  (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
  (if (global.get $re.subj_ptr) (then (call $native:bw_free (global.get $re.subj_ptr))))
  (global.set $re.subj_data (local.get $d))
  (global.set $re.subj_off (struct.get $bin $off (local.get $b)))
  (global.set $re.subj_len (struct.get $bin $size (local.get $b)))
  (global.set $re.subj_ptr (local.get $p))
  (local.get $p))

;; ---- capture specifications (build_capture) ---------------------------------------------
;; The resolved specification is a $limbs: [type, num_spec, v...], type 0 index, 1 list,
;; 2 binary, 3 none; num_spec 0 all, -1 all but first, n > 0 the n values v (a group, -1
;; for none, or -k followed by the k groups of a name that several groups share).

;; The group of name `name` (a NUL-terminated string in native memory), appended to `ri`
;; (build_one_capture).
(func $re.one_capture (param $ri (ref $limbs)) (param $code i32) (param $dup i32) (param $name i32) (result (ref $limbs))
  (local $out i32) (local $esize i32) (local $first i32) (local $last i32) (local $num i32) (local $i i32)
  (if (i32.eqz (local.get $dup))
    (then
      (local.set $num (call $native:bw_re_stringnumber (local.get $code) (local.get $name)))
      (if (i32.eq (local.get $num) (i32.const -7)) (then (local.set $num (i32.const -1))))
      (return (call $re.ri_push (local.get $ri) (local.get $num)))))
  (local.set $out (call $native:bw_alloc (i32.const 8)))
  (local.set $esize (call $native:bw_re_stringtable_entries (local.get $code) (local.get $name) (local.get $out)))
  (local.set $first (i32.load $native (local.get $out)))
  (local.set $last (i32.load $native offset=4 (local.get $out)))
  (call $native:bw_free (local.get $out))
  (if (i32.eq (local.get $esize) (i32.const -7)) (then (return (call $re.ri_push (local.get $ri) (i32.const -1)))))
  (if (i32.eq (local.get $first) (local.get $last))
    (then (return (call $re.ri_push (local.get $ri) (call $re.pick_index (local.get $first))))))
  (local.set $num (i32.add (i32.div_u (i32.sub (local.get $last) (local.get $first)) (local.get $esize)) (i32.const 1)))
  (local.set $ri (call $re.ri_push (local.get $ri) (i32.sub (i32.const 0) (local.get $num))))
  (block $done
    (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $num)))
      (local.set $ri (call $re.ri_push (local.get $ri) (call $re.pick_index (local.get $first))))
      (local.set $first (i32.add (local.get $first) (local.get $esize)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (local.get $ri))

;; PICK_INDEX: the group number at the start of a name table entry.
(func $re.pick_index (param $entry i32) (result i32)
  (i32.or (i32.shl (i32.load8_u $native (local.get $entry)) (i32.const 8)) (i32.load8_u $native offset=1 (local.get $entry))))

;; `ri` with `v` appended (num_spec grows by one).
(func $re.ri_push (param $ri (ref $limbs)) (param $v i32) (result (ref $limbs))
  (local $n i32) (local $new (ref $limbs))
  (local.set $n (array.get $limbs (local.get $ri) (i32.const 1)))
  (if (i32.ge_u (i32.add (local.get $n) (i32.const 2)) (array.len (local.get $ri)))
    (then
      (local.set $new (array.new $limbs (i32.const 0) (i32.add (i32.shl (array.len (local.get $ri)) (i32.const 1)) (i32.const 4))))
      (array.copy $limbs $limbs (local.get $new) (i32.const 0) (local.get $ri) (i32.const 0) (array.len (local.get $ri)))
      (local.set $ri (local.get $new))))
  (array.set $limbs (local.get $ri) (i32.add (local.get $n) (i32.const 2)) (local.get $v))
  (array.set $limbs (local.get $ri) (i32.const 1) (i32.add (local.get $n) (i32.const 1)))
  (local.get $ri))

;; Whether the NUL-terminated strings at `a` and `b` in native memory differ.
(func $re.strdiff (param $a i32) (param $b i32) (result i32)
  (local $x i32)
  (loop $next
    (local.set $x (i32.load8_u $native (local.get $a)))
    (if (i32.ne (local.get $x) (i32.load8_u $native (local.get $b))) (then (return (i32.const 1))))
    (if (i32.eqz (local.get $x)) (then (return (i32.const 0))))
    (local.set $a (i32.add (local.get $a) (i32.const 1)))
    (local.set $b (i32.add (local.get $b) (i32.const 1)))
    (br $next))
  (i32.const 0))

;; build_capture: the resolved specification of ($re.cap_values, $re.cap_type) for the
;; pattern `code`, or null when it is not a valid one.
(func $re.build_capture (param $code i32) (result (ref null $limbs))
  (local $ri (ref $limbs)) (local $values eqref) (local $type eqref) (local $top i32) (local $esize i32)
  (local $table i32) (local $last i32) (local $i i32) (local $dup i32) (local $l eqref) (local $val eqref)
  (local $x i32) (local $b (ref null $bin)) (local $name i32)
  (local.set $ri (array.new $limbs (i32.const 0) (i32.const 8)))
  (local.set $values (global.get $re.cap_values))
  (local.set $type (global.get $re.cap_type))
  (if (ref.eq (local.get $type) (global.get $atom.index))
    (then (array.set $limbs (local.get $ri) (i32.const 0) (i32.const 0)))
    (else (if (ref.eq (local.get $type) (global.get $atom.list))
      (then (array.set $limbs (local.get $ri) (i32.const 0) (i32.const 1)))
      (else (if (ref.eq (local.get $type) (global.get $atom.binary))
        (then (array.set $limbs (local.get $ri) (i32.const 0) (i32.const 2)))
        (else (return (ref.null $limbs))))))))
  (if (ref.eq (local.get $values) (global.get $atom.all)) (then (return (local.get $ri))))
  (if (i32.or (ref.eq (local.get $values) (global.get $atom.none)) (ref.is_null (local.get $values)))
    (then (array.set $limbs (local.get $ri) (i32.const 0) (i32.const 3)) (return (local.get $ri))))
  (if (ref.eq (local.get $values) (global.get $atom.all_but_first))
    (then (array.set $limbs (local.get $ri) (i32.const 1) (i32.const -1)) (return (local.get $ri))))
  (if (ref.eq (local.get $values) (global.get $atom.first))
    (then (return (call $re.ri_push (local.get $ri) (i32.const 0)))))
  (local.set $dup (i32.ne (i32.and (call $native:bw_re_info (local.get $code) (i32.const 0)) (i32.const 0x00080000)) (i32.const 0)))
  (if (ref.eq (local.get $values) (global.get $atom.all_names))
    (then
      (local.set $top (call $native:bw_re_info (local.get $code) (i32.const 8)))
      (if (i32.le_s (local.get $top) (i32.const 0))
        (then (array.set $limbs (local.get $ri) (i32.const 0) (i32.const 3)) (return (local.get $ri))))
      (local.set $esize (call $native:bw_re_info (local.get $code) (i32.const 7)))
      (local.set $table (call $native:bw_re_info (local.get $code) (i32.const 9)))
      (block $done
        (loop $each
          (br_if $done (i32.ge_s (local.get $i) (local.get $top)))
          (if (i32.or (i32.eqz (local.get $last))
                (i32.or (i32.eqz (local.get $dup))
                  (call $re.strdiff (i32.add (local.get $last) (i32.const 2)) (i32.add (local.get $table) (i32.const 2)))))
            (then
              (if (local.get $dup)
                (then (local.set $ri (call $re.one_capture (local.get $ri) (local.get $code) (i32.const 1)
                  (i32.add (local.get $table) (i32.const 2)))))
                (else (local.set $ri (call $re.ri_push (local.get $ri) (call $re.pick_index (local.get $table))))))))
          (local.set $last (local.get $table))
          (local.set $table (i32.add (local.get $table) (local.get $esize)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (return (local.get $ri))))
  (if (i32.eqz (ref.test (ref $cons) (local.get $values))) (then (return (ref.null $limbs))))
  (local.set $l (local.get $values))
  (block $done
    (loop $each
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $val (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $x (call $re.term_to_int (local.get $val)))
      (if (i32.ge_s (local.get $x) (i32.const 0))
        (then (local.set $ri (call $re.ri_push (local.get $ri) (local.get $x))) (br $each)))
      (if (ref.test (ref $atom) (local.get $val))
        (then (local.set $b (call $atom_name (ref.cast (ref $atom) (local.get $val)))))
        (else
          (if (i32.eqz (i32.or (ref.test (ref $bin) (local.get $val)) (ref.test (ref $cons) (local.get $val))))
            (then (return (ref.null $limbs))))
          (local.set $b (call $re.iodata (local.get $val)))
          (if (ref.is_null (local.get $b)) (then (return (ref.null $limbs))))))
      (local.set $name (call $native.copy_in (struct.get $bin $data (ref.as_non_null (local.get $b)))
        (struct.get $bin $off (ref.as_non_null (local.get $b))) (struct.get $bin $size (ref.as_non_null (local.get $b)))))
      (local.set $ri (call $re.one_capture (local.get $ri) (local.get $code) (local.get $dup) (local.get $name)))
      (call $native:bw_free (local.get $name))
      (br $each)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (ref.null $limbs))))
  (local.get $ri))

;; ---- results (build_exec_return) --------------------------------------------------------

;; One captured value: group `x` of the ovector at `ov` (when 0 <= x < rc), as `type`
;; (0 index, 1 list, 2 binary). `sb` is the subject; `in_bin`: it is a binary the VM would
;; not have copied (results are then sub-binaries of it).
(func $re.value (param $x i32) (param $rc i32) (param $ov i32) (param $type i32) (param $sb (ref $bin)) (param $in_bin i32)
                (result eqref)
  (local $s i32) (local $e i32)
  (if (i32.and (i32.lt_s (local.get $x) (local.get $rc)) (i32.ge_s (local.get $x) (i32.const 0)))
    (then
      (local.set $s (i32.load $native (i32.add (local.get $ov) (i32.shl (local.get $x) (i32.const 3)))))
      (local.set $e (i32.load $native offset=4 (i32.add (local.get $ov) (i32.shl (local.get $x) (i32.const 3)))))
      (if (i32.eqz (local.get $type))
        (then (return (call $tuple2 (call $mk_int (i64.extend_i32_s (local.get $s)))
          (call $mk_int (i64.sub (i64.extend_i32_s (local.get $e)) (i64.extend_i32_s (local.get $s))))))))
      (if (i32.lt_s (local.get $s) (i32.const 0))
        (then (local.set $s (i32.const 0)) (local.set $e (i32.const 0)))))
    (else
      (if (i32.eqz (local.get $type))
        (then (return (call $tuple2 (ref.i31 (i32.const -1)) (ref.i31 (i32.const 0))))))))
  (if (i32.eq (local.get $type) (i32.const 1))
    (then (return (call $bin.bytes_to_list (struct.get $bin $data (local.get $sb))
      (i32.add (struct.get $bin $off (local.get $sb)) (local.get $s)) (i32.sub (local.get $e) (local.get $s)) (ref.null none)))))
  (if (local.get $in_bin)
    (then (return (call $bin.sub (local.get $sb) (local.get $s) (i32.sub (local.get $e) (local.get $s))))))
  (call $bin_copy (struct.get $bin $data (local.get $sb)) (i32.add (struct.get $bin $off (local.get $sb)) (local.get $s))
    (i32.sub (local.get $e) (local.get $s))))

;; build_exec_return for result `rc` and ovector `ov`, with the resolved capture
;; specification `ri` (null: all, as indexes), subject `sb`, `flags` 1 SUBJECT_IN_BINARY,
;; 2 REPORT_MATCH_LIMIT.
(func $re.exec_return (param $rc i32) (param $ov i32) (param $ri (ref null $limbs)) (param $sb (ref $bin)) (param $flags i32)
                      (result eqref)
  (local $type i32) (local $num i32) (local $i i32) (local $x i32) (local $n i32) (local $j i32)
  (local $acc eqref) (local $vals (ref $tuple)) (local $k i32) (local $in_bin i32)
  (if (i32.le_s (local.get $rc) (i32.const 0))
    (then
      (if (i32.and (local.get $flags) (i32.const 2))
        (then
          (if (i32.eq (local.get $rc) (i32.const -8))
            (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.match_limit)))))
          (if (i32.eq (local.get $rc) (i32.const -21))
            (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.match_limit_recursion)))))))
      (return (global.get $atom.nomatch))))
  (if (i32.eqz (ref.is_null (local.get $ri)))
    (then
      (local.set $type (array.get $limbs (ref.as_non_null (local.get $ri)) (i32.const 0)))
      (local.set $num (array.get $limbs (ref.as_non_null (local.get $ri)) (i32.const 1)))))
  (if (i32.eq (local.get $type) (i32.const 3)) (then (return (global.get $atom.match))))
  (local.set $in_bin (i32.and (local.get $flags) (i32.const 1)))
  (if (i32.le_s (local.get $num) (i32.const 0))
    (then
      ;; all, or all but first: the groups below rc
      (local.set $i (local.get $rc))
      (block $done
        (loop $each
          (br_if $done (i32.le_s (local.get $i) (i32.sub (i32.const 0) (local.get $num))))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $acc (struct.new $cons
            (call $re.value (local.get $i) (local.get $rc) (local.get $ov) (local.get $type) (local.get $sb) (local.get $in_bin))
            (local.get $acc)))
          (br $each)))
      (return (call $tuple2 (global.get $atom.match) (local.get $acc)))))
  ;; the values asked for
  (local.set $vals (array.new $tuple (ref.null none) (local.get $num)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_s (local.get $i) (local.get $num)))
      (local.set $x (array.get $limbs (ref.as_non_null (local.get $ri)) (i32.add (local.get $i) (i32.const 2))))
      (if (i32.lt_s (local.get $x) (i32.const -1))
        (then
          ;; a name several groups share: the first of them that is set
          (local.set $n (i32.add (i32.sub (local.get $i) (local.get $x)) (i32.const 1)))
          (local.set $j (i32.add (local.get $i) (i32.const 1)))
          (block $found
            (loop $scan
              (br_if $found (i32.or (i32.ge_s (local.get $j) (local.get $num)) (i32.ge_s (local.get $j) (local.get $n))))
              (if (i32.ge_s (i32.load $native (i32.add (local.get $ov)
                    (i32.shl (array.get $limbs (ref.as_non_null (local.get $ri)) (i32.add (local.get $j) (i32.const 2))) (i32.const 3))))
                    (i32.const 0))
                (then
                  (local.set $x (array.get $limbs (ref.as_non_null (local.get $ri)) (i32.add (local.get $j) (i32.const 2))))
                  (br $found)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $scan)))
          (local.set $i (i32.sub (local.get $n) (i32.const 1)))))
      (array.set $tuple (local.get $vals) (local.get $k)
        (call $re.value (local.get $x) (local.get $rc) (local.get $ov) (local.get $type) (local.get $sb) (local.get $in_bin)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (block $done
    (loop $build
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (local.set $acc (struct.new $cons (array.get $tuple (local.get $vals) (local.get $k)) (local.get $acc)))
      (br $build)))
  (call $tuple2 (global.get $atom.match) (local.get $acc)))

;; ---- running ----------------------------------------------------------------------------

;; The box of a run that yields, passed to $re.exec_trap: {run pointer high 16 bits, low
;; 16 bits, capture specification or [], subject, flags, owner process, done}.
(func $re.box (param $x i32) (param $ri (ref null $limbs)) (param $sb (ref $bin)) (param $flags i32) (result (ref $tuple))
  (array.new_fixed $tuple 7
    (ref.i31 (i32.shr_u (local.get $x) (i32.const 16))) (ref.i31 (i32.and (local.get $x) (i32.const 0xffff)))
    (local.get $ri) (local.get $sb) (ref.i31 (local.get $flags)) (global.get $current) (ref.i31 (i32.const 0))))

(func $re.box_run (param $box (ref $tuple)) (result i32)
  (i32.or (i32.shl (i31.get_u (ref.cast (ref i31) (array.get $tuple (local.get $box) (i32.const 0)))) (i32.const 16))
          (i31.get_u (ref.cast (ref i31) (array.get $tuple (local.get $box) (i32.const 1))))))

;; Frees the runs whose process died while they were suspended, and forgets the finished ones.
(func $re.reclaim
  (local $l eqref) (local $keep eqref) (local $box (ref $tuple)) (local $owner eqref)
  (local.set $l (global.get $re.pending))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $box (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br_if $next (i31.get_u (ref.cast (ref i31) (array.get $tuple (local.get $box) (i32.const 6)))))
      (local.set $owner (array.get $tuple (local.get $box) (i32.const 5)))
      (if (if (result i32) (ref.test (ref $proc) (local.get $owner))
            (then (i32.eq (struct.get $proc $state (ref.cast (ref $proc) (local.get $owner))) (global.get $EXITED)))
            (else (i32.const 1)))
        (then
          (call $native:bw_re_exec_free (call $re.box_run (local.get $box)))
          (array.set $tuple (local.get $box) (i32.const 6) (ref.i31 (i32.const 1))))
        (else (local.set $keep (struct.new $cons (local.get $box) (local.get $keep)))))
      (br $next)))
  (global.set $re.pending (local.get $keep)))

;; The loop limit for a run from the reductions left in the slice.
(func $re.loop_limit (result i32)
  (local $n i32)
  (local.set $n (i32.mul (select (global.get $reds) (i32.const 0) (i32.gt_s (global.get $reds) (i32.const 0))) (i32.const 10)))
  (select (global.get $re.max_loop_limit) (local.get $n) (i32.gt_u (local.get $n) (global.get $re.max_loop_limit))))

;; Counts a run's loop iterations as reductions (BUMP_REDS(p, loop_count / LOOP_FACTOR)),
;; and a run itself as RUN_REDS more. The second part is beamwasm's: re:grun/3 (re.erl)
;; recurses once per match of a global run, and a slice of 4,000 reductions that spent
;; one each would nest 4,000 such frames on the native stack before the process yields,
;; more than Node's default stack of about 1 MB holds (the overflow came at 2,000 to
;; 4,000 matches). At 10, a slice nests at most 400.
(global $re.RUN_REDS i32 (i32.const 10))
(func $re.bump (param $x i32)
  (global.set $reds (i32.sub (global.get $reds)
    (i32.add (global.get $re.RUN_REDS) (i32.div_u (i32.load $native offset=4 (local.get $x)) (i32.const 10))))))

;; The process yields in the middle of run `x`: it continues in $re.exec_trap when it is
;; scheduled again. The run takes over its pattern and subject buffers from the caches.
(func $re.suspend (param $x i32) (param $subj eqref) (param $re eqref) (param $ri (ref null $limbs)) (param $sb (ref $bin))
                  (param $flags i32) (result eqref)
  (local $box (ref $tuple)) (local $owns i32)
  (local.set $owns (i32.load $native offset=20 (local.get $x)))
  (if (i32.eq (i32.load $native offset=12 (local.get $x)) (global.get $re.code_ptr))
    (then
      (local.set $owns (i32.or (local.get $owns) (i32.const 1)))
      (global.set $re.code_ptr (i32.const 0))
      (global.set $re.code_data (ref.null none))))
  (if (i32.eq (i32.load $native offset=16 (local.get $x)) (global.get $re.subj_ptr))
    (then
      (local.set $owns (i32.or (local.get $owns) (i32.const 2)))
      (global.set $re.subj_ptr (i32.const 0))
      (global.set $re.subj_data (ref.null none))))
  (i32.store $native offset=20 (local.get $x) (local.get $owns))
  (call $re.reclaim)
  (local.set $box (call $re.box (local.get $x) (local.get $ri) (local.get $sb) (local.get $flags)))
  (global.set $re.pending (struct.new $cons (local.get $box) (global.get $re.pending)))
  (global.set $reds (i32.const 0))
  (call $re.trace_trap)
  (call $yield_at_entry (ref.func $re.exec_trap) (i32.const 3)
    (array.new_fixed $tuple 3 (local.get $subj) (local.get $re) (local.get $box))))

;; erl_bif_re.c's re_exec_trap: continues a suspended run.
(func $re.exec_trap (param $subj eqref) (param $re eqref) (param $boxt eqref) (result eqref)
  (local $box (ref $tuple)) (local $x i32) (local $rc i32) (local $res eqref) (local $ri eqref)
  (local.set $box (ref.cast (ref $tuple) (local.get $boxt)))
  (local.set $x (call $re.box_run (local.get $box)))
  (local.set $rc (call $native:bw_re_exec_continue (local.get $x) (call $re.loop_limit)))
  (call $re.bump (local.get $x))
  (if (i32.eq (local.get $rc) (i32.const -34))
    (then
      (global.set $reds (i32.const 0))
      (call $re.trace_trap)
      (return (call $yield_at_entry (ref.func $re.exec_trap) (i32.const 3)
        (array.new_fixed $tuple 3 (local.get $subj) (local.get $re) (local.get $box))))))
  (local.set $ri (array.get $tuple (local.get $box) (i32.const 2)))
  (local.set $res (call $re.exec_return (local.get $rc) (i32.load $native offset=8 (local.get $x))
    (if (result (ref null $limbs)) (ref.is_null (local.get $ri)) (then (ref.null none)) (else (ref.cast (ref $limbs) (local.get $ri))))
    (ref.cast (ref $bin) (array.get $tuple (local.get $box) (i32.const 3)))
    (i31.get_u (ref.cast (ref i31) (array.get $tuple (local.get $box) (i32.const 4))))))
  (array.set $tuple (local.get $box) (i32.const 6) (ref.i31 (i32.const 1)))
  (call $native:bw_re_exec_free (local.get $x))
  (local.get $res))

;; The process dies with an error no catch sees (the VM's EXC_INTERNAL_ERROR, raised for a
;; result of erts_pcre_exec it does not expect, such as an offset past the subject).
(func $re.internal_error (param $args (ref $tuple)) (result eqref)
  (call $kill (ref.as_non_null (global.get $current))
    (call $tuple2 (global.get $atom.internal_error)
      (call $bif_frame_trace (array.new_fixed $tuple 3 (global.get $atom.re) (global.get $atom.run)
        (ref.i31 (array.len (local.get $args)))) (local.get $args))))
  (unreachable))

;; re_run: re:run/2,3 and re:internal_run/4. `first` is 0 when re:grun/3 has checked the
;; subject's UTF-8 already.
(func $re.run (param $subj eqref) (param $re eqref) (param $opts eqref) (param $first i32) (result eqref)
  (local $pflags i32) (local $eopt i32) (local $is_list_cap i32) (local $tp (ref $tuple)) (local $pat (ref null $bin))
  (local $r i32) (local $code i32) (local $owns i32) (local $ovsize i32) (local $ri (ref null $limbs))
  (local $sb (ref null $bin)) (local $flags i32) (local $sp i32) (local $x i32) (local $rc i32) (local $res eqref)
  (local $mflags i32) (local $unicode i32)
  (if (i32.lt_s (call $re.parse_options (local.get $opts)) (i32.const 0)) (then (return (call $re.fail_badopt))))
  (local.set $pflags (global.get $re.flags))
  (local.set $eopt (global.get $re.eopt))
  (if (i32.and (local.get $pflags) (i32.const 8)) (then) (else (global.set $re.offset (i32.const 0))))
  (if (i32.eqz (local.get $first)) (then (local.set $eopt (i32.or (local.get $eopt) (i32.const 0x2000)))))
  (local.set $is_list_cap (i32.and (i32.ne (i32.and (local.get $pflags) (i32.const 16)) (i32.const 0))
    (ref.eq (global.get $re.cap_type) (global.get $atom.list))))
  (if (i32.eqz (call $re.is_pattern (local.get $re)))
    (then
      ;; compile from the textual expression
      (if (i32.and (i32.eqz (ref.test (ref $tuple) (local.get $re)))
            (i32.or (ref.is_null (local.get $re)) (i32.or (ref.test (ref $bin) (local.get $re)) (ref.test (ref $cons) (local.get $re)))))
        (then)
        (else (return (call $fail_badarg))))
      (local.set $unicode (i32.ne (i32.and (local.get $pflags) (i32.const 4)) (i32.const 0)))
      (if (i32.and (local.get $unicode)
            (i32.or (i32.eqz (call $re.is_binary (local.get $re)))
              (i32.or (i32.eqz (call $re.is_binary (local.get $subj)))
                (i32.and (local.get $is_list_cap) (i32.eqz (i32.and (local.get $pflags) (i32.const 32)))))))
        (then (return_call $re.trap3 (global.get $atom.urun) (local.get $subj) (local.get $re) (local.get $opts))))
      (local.set $pat (call $re.iodata (local.get $re)))
      (if (ref.is_null (local.get $pat)) (then (return (call $fail_badarg))))
      (local.set $r (call $re.compile_bin (ref.as_non_null (local.get $pat)) (global.get $re.copt)))
      (if (i32.eqz (local.get $r)) (then (return (call $fail (global.get $atom.system_limit)))))
      (local.set $code (i32.load $native (local.get $r)))
      (if (i32.eqz (local.get $code))
        (then
          (if (i32.and (local.get $pflags) (i32.const 64))
            (then (return (call $re.compile_result (local.get $r) (local.get $unicode) (i32.const 1) (global.get $atom.compile)))))
          (return (call $fail_badarg))))
      (if (i32.and (local.get $pflags) (i32.const 32))
        (then
          (return_call $re.trap3 (global.get $atom.grun) (local.get $subj)
            (call $re.compile_result (local.get $r) (local.get $unicode) (i32.const 0) (ref.null none))
            (call $tuple3 (local.get $opts) (call $bool (i32.and (local.get $pflags) (i32.const 1))) (local.get $re)))))
      (local.set $ovsize (i32.mul (i32.const 3) (i32.add (i32.load $native offset=16 (local.get $r)) (i32.const 1))))
      (local.set $owns (i32.const 1)))
    (else
      ;; a compiled pattern
      (if (i32.and (local.get $pflags) (i32.const 1)) (then (return (call $fail_badarg))))
      (local.set $tp (ref.cast (ref $tuple) (local.get $re)))
      (if (i32.and (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tp) (i32.const 2))))
            (i32.or (i32.eqz (call $re.is_binary (local.get $subj)))
              (i32.and (local.get $is_list_cap) (i32.eqz (i32.and (local.get $pflags) (i32.const 32))))))
        (then (return_call $re.trap3 (global.get $atom.urun) (local.get $subj) (local.get $re) (local.get $opts))))
      (if (i32.and (local.get $pflags) (i32.const 32))
        (then
          (return_call $re.trap3 (global.get $atom.grun) (local.get $subj) (local.get $re)
            (call $tuple2 (local.get $opts) (global.get $atom.false)))))
      (local.set $ovsize (i32.mul (i32.const 3) (i32.add (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tp) (i32.const 1)))) (i32.const 1))))
      (local.set $pat (ref.cast (ref $bin) (array.get $tuple (local.get $tp) (i32.const 4))))
      (if (i32.lt_u (struct.get $bin $size (ref.as_non_null (local.get $pat))) (i32.const 4)) (then (return (call $fail_badarg))))
      (local.set $code (call $re.load_code (ref.as_non_null (local.get $pat))))
      (if (i32.eqz (local.get $code)) (then (return (call $fail_badarg))))))
  (if (i32.and (local.get $pflags) (i32.const 16))
    (then
      (local.set $ri (call $re.build_capture (local.get $code)))
      (if (ref.is_null (local.get $ri))
        (then
          (if (local.get $owns) (then (call $native:bw_free (local.get $code))))
          (return (call $fail_badarg))))))
  ;; the subject
  (if (if (result i32) (call $re.is_binary (local.get $subj))
        (then (i32.eqz (struct.get $bin $bits (ref.cast (ref $bin) (local.get $subj)))))
        (else (i32.const 0)))
    (then
      (local.set $sb (ref.cast (ref $bin) (local.get $subj)))
      (if (i32.gt_u (struct.get $bin $size (ref.as_non_null (local.get $sb))) (i32.const 64))
        (then (local.set $flags (i32.const 1)))))
    (else
      (local.set $sb (call $re.iodata (local.get $subj)))
      (if (ref.is_null (local.get $sb))
        (then
          (if (local.get $owns) (then (call $native:bw_free (local.get $code))))
          (return (call $fail_badarg))))))
  (if (i32.and (local.get $pflags) (i32.const 64)) (then (local.set $flags (i32.or (local.get $flags) (i32.const 2)))))
  (local.set $sp (call $re.load_subject (ref.as_non_null (local.get $sb))))
  (if (i32.eqz (local.get $sp)) (then (return (call $fail (global.get $atom.system_limit)))))
  (local.set $mflags (i32.or (i32.shr_u (i32.and (local.get $pflags) (i32.const 128)) (i32.const 7))
                             (i32.shr_u (i32.and (local.get $pflags) (i32.const 256)) (i32.const 7))))
  (local.set $x (call $native:bw_re_exec (local.get $code) (local.get $sp) (struct.get $bin $size (ref.as_non_null (local.get $sb)))
    (global.get $re.offset) (local.get $eopt) (local.get $ovsize) (local.get $mflags)
    (global.get $re.match_limit) (global.get $re.match_limit_recursion) (call $re.loop_limit)))
  (if (i32.eqz (local.get $x)) (then (return (call $fail (global.get $atom.system_limit)))))
  (if (local.get $owns) (then (i32.store $native offset=20 (local.get $x) (i32.const 1))))
  (local.set $rc (i32.load $native (local.get $x)))
  (if (i32.lt_s (local.get $rc) (i32.const 0))
    (then
      (block $continue
        ;; no match
        (br_if $continue (i32.or (i32.eq (local.get $rc) (i32.const -1))
          (i32.or (i32.eq (local.get $rc) (i32.const -8)) (i32.eq (local.get $rc) (i32.const -21)))))
        ;; yield
        (if (i32.eq (local.get $rc) (i32.const -34))
          (then
            (call $re.bump (local.get $x))
            (return (call $re.suspend (local.get $x) (local.get $subj) (local.get $re) (local.get $ri)
              (ref.as_non_null (local.get $sb)) (local.get $flags)))))
        ;; a recursive loop in the pattern: no match, for the VM's backwards compatibility
        (if (i32.eq (local.get $rc) (i32.const -26))
          (then (i32.store $native offset=4 (local.get $x) (i32.const 40000)) (br $continue)))
        (call $native:bw_re_exec_free (local.get $x))
        ;; bad UTF-8 in the subject, a bad compiled pattern
        (if (i32.or (i32.or (i32.eq (local.get $rc) (i32.const -25)) (i32.eq (local.get $rc) (i32.const -10)))
              (i32.or (i32.eq (local.get $rc) (i32.const -11))
                (i32.or (i32.eq (local.get $rc) (i32.const -4)) (i32.eq (local.get $rc) (i32.const -29)))))
          (then
            (global.set $reds (i32.const 0))
            (return (call $fail_badarg))))
        (return (call $re.internal_error (array.new_fixed $tuple 3 (local.get $subj) (local.get $re) (local.get $opts)))))))
  (call $re.bump (local.get $x))
  (local.set $res (call $re.exec_return (local.get $rc) (i32.load $native offset=8 (local.get $x)) (local.get $ri)
    (ref.as_non_null (local.get $sb)) (local.get $flags)))
  (call $native:bw_re_exec_free (local.get $x))
  (local.get $res))

(func $re:run/2 (param $s eqref) (param $re eqref) (result eqref)
  (return_call $re.run (local.get $s) (local.get $re) (ref.null none) (i32.const 1)))

(func $re:run/3 (param $s eqref) (param $re eqref) (param $opts eqref) (result eqref)
  (return_call $re.run (local.get $s) (local.get $re) (local.get $opts) (i32.const 1)))

(func $re:internal_run/4 (param $s eqref) (param $re eqref) (param $opts eqref) (param $first eqref) (result eqref)
  (if (ref.eq (local.get $first) (global.get $atom.false))
    (then (return_call $re.run (local.get $s) (local.get $re) (local.get $opts) (i32.const 0))))
  (if (ref.eq (local.get $first) (global.get $atom.true))
    (then (return_call $re.run (local.get $s) (local.get $re) (local.get $opts) (i32.const 1))))
  (call $fail_badarg))

;; ---- erts_debug:set_internal_state/2 ----------------------------------------------------
;; Only the items OTP's re tests use: available_internal_state (the switch the others need)
;; and re_loop_limit (erts_re_set_loop_limit: N > 0, or `default`; returns the old limit).
(global $re.internal_state_on (mut i32) (i32.const 0))

(func $erts_debug:set_internal_state/2 (param $item eqref) (param $value eqref) (result eqref)
  (local $old i32) (local $n i64)
  (if (ref.eq (local.get $item) (global.get $atom.available_internal_state))
    (then
      (local.set $old (global.get $re.internal_state_on))
      (if (ref.eq (local.get $value) (global.get $atom.true))
        (then (global.set $re.internal_state_on (i32.const 1)))
        (else
          (if (ref.eq (local.get $value) (global.get $atom.false))
            (then (global.set $re.internal_state_on (i32.const 0)))
            (else (return (call $fail_badarg))))))
      (return (call $bool (local.get $old)))))
  (if (i32.eqz (global.get $re.internal_state_on)) (then (return (call $fail (global.get $atom.undef)))))
  (if (ref.eq (local.get $item) (global.get $atom.re_loop_limit))
    (then
      (local.set $old (global.get $re.max_loop_limit))
      (if (ref.eq (local.get $value) (global.get $atom.default))
        (then (global.set $re.max_loop_limit (i32.const 40000)))
        (else
          (if (i32.eqz (call $is_integer (local.get $value))) (then (return (call $fail_badarg))))
          (local.set $n (call $bin.sint (local.get $value)))
          (global.set $re.max_loop_limit
            (if (result i32) (i64.le_s (local.get $n) (i64.const 0))
              (then (i32.const 40000))
              (else (if (result i32) (i64.gt_s (local.get $n) (i64.const 0x7fffffff))
                (then (i32.const 0x7fffffff)) (else (i32.wrap_i64 (local.get $n)))))))))
      (return (ref.i31 (local.get $old)))))
  (call $fail (call $tuple2 (global.get $atom.beamwasm_unsupported)
    (array.new_fixed $tuple 3 (global.get $atom.erts_debug) (global.get $atom.set_internal_state)
      (struct.new $cons (local.get $item) (struct.new $cons (local.get $value) (ref.null none)))))))

;; ---- inspect ----------------------------------------------------------------------------

(func $re:inspect/2 (param $mp eqref) (param $what eqref) (result eqref)
  (local $tp (ref $tuple)) (local $pat (ref $bin)) (local $code i32) (local $top i32) (local $esize i32)
  (local $table i32) (local $last i32) (local $i i32) (local $dup i32) (local $names (ref $tuple)) (local $k i32)
  (local $acc eqref) (local $name i32)
  (if (i32.eqz (call $re.is_pattern (local.get $mp))) (then (return (call $fail_badarg))))
  (local.set $tp (ref.cast (ref $tuple) (local.get $mp)))
  (local.set $pat (ref.cast (ref $bin) (array.get $tuple (local.get $tp) (i32.const 4))))
  (if (i32.lt_u (struct.get $bin $size (local.get $pat)) (i32.const 4)) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.eq (local.get $what) (global.get $atom.namelist))) (then (return (call $fail_badarg))))
  (local.set $code (call $re.load_code (local.get $pat)))
  (if (i32.eqz (local.get $code)) (then (return (call $fail_badarg))))
  (local.set $dup (i32.ne (i32.and (call $native:bw_re_info (local.get $code) (i32.const 0)) (i32.const 0x00080000)) (i32.const 0)))
  (local.set $top (call $native:bw_re_info (local.get $code) (i32.const 8)))
  (if (i32.le_s (local.get $top) (i32.const 0))
    (then (return (call $tuple2 (global.get $atom.namelist) (ref.null none)))))
  (local.set $esize (call $native:bw_re_info (local.get $code) (i32.const 7)))
  (local.set $table (call $native:bw_re_info (local.get $code) (i32.const 9)))
  (local.set $names (array.new $tuple (ref.null none) (local.get $top)))
  (block $done
    (loop $each
      (br_if $done (i32.ge_s (local.get $i) (local.get $top)))
      (if (i32.or (i32.eqz (local.get $last))
            (i32.or (i32.eqz (local.get $dup))
              (call $re.strdiff (i32.add (local.get $last) (i32.const 2)) (i32.add (local.get $table) (i32.const 2)))))
        (then
          (local.set $name (i32.add (local.get $table) (i32.const 2)))
          (array.set $tuple (local.get $names) (local.get $k)
            (call $bin_of (call $native.get (local.get $name) (call $native.strlen (local.get $name)))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))))
      (local.set $last (local.get $table))
      (local.set $table (i32.add (local.get $table) (local.get $esize)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
  (block $done
    (loop $build
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (local.set $acc (struct.new $cons (array.get $tuple (local.get $names) (local.get $k)) (local.get $acc)))
      (br $build)))
  (call $tuple2 (global.get $atom.namelist) (local.get $acc)))
