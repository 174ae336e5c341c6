;; stacktrace.wat — the stack traces exceptions carry, built as the VM builds them
;; (docs/ABI.md §4).
;;
;; When an exception is raised, the host reports the wasm frames on the stack
;; (`bw.backtrace`); the code map the compiler emitted ($code_map, crates/compiler/src/
;; codemap.rs) turns each frame of compiled code into {Module, Function, Arity, Location},
;; with the line in effect at the frame's offset. Frames of the runtime itself are skipped.
;; As on the VM: at most 8 frames (the default backtrace depth), consecutive frames at the
;; same code position counted once (deep recursion through one call site), and a failing
;; BIF's own frame, with its arguments, first.

;; The code map (crates/compiler/src/codemap.rs): a u32 total length, then LEB128 numbers,
;; decoded on first use into one i32 array: 9-word function records (wasm index, frame id,
;; module atom, function atom, arity, first entry, entry count, first resume, resume count)
;; sorted by wasm index (frame ids ascend with it), then 3-word entries (module offset,
;; line, file literal), then 3-word resume points (label, line, file literal).
(data $code_map "\07\00\00\00\00\00\00")
(global $cm (mut (ref null $limbs)) (ref.null none))
(global $cm_funcs (mut i32) (i32.const 0))
(global $cm_entries_at (mut i32) (i32.const 0))
(global $cm_resumes_at (mut i32) (i32.const 0))

;; The VM's default backtrace depth (erlang:system_flag(backtrace_depth, N)).
(global $BACKTRACE_DEPTH i32 (i32.const 8))

;; The next line/file pair of an entry or resume point: a LEB128 number holding the
;; zigzag-encoded line delta above a flag that says a file literal follows. Updates the
;; running line and file in $cm_line/$cm_file.
(global $cm_line (mut i32) (i32.const 0))
(global $cm_file (mut i32) (i32.const 0))
(func $cm_line_file
  (local $v i32)
  (local.set $v (call $lit_uleb))
  (global.set $cm_line (i32.add (global.get $cm_line)
    (i32.xor (i32.shr_u (local.get $v) (i32.const 2)) (i32.sub (i32.const 0) (i32.and (i32.shr_u (local.get $v) (i32.const 1)) (i32.const 1))))))
  (if (i32.and (local.get $v) (i32.const 1)) (then (global.set $cm_file (call $lit_uleb)))))

(func $cm_load (result (ref $limbs))
  (local $total i32) (local $nf i32) (local $ne i32) (local $nr i32) (local $m (ref $limbs))
  (local $f i32) (local $at i32) (local $e i32) (local $r i32) (local $n i32) (local $k i32)
  (local $idx i32) (local $id i32) (local $off i32) (local $label i32)
  (local $saved (ref $bytes)) (local $saved_pos i32)
  (if (i32.eqz (ref.is_null (global.get $cm))) (then (return (ref.as_non_null (global.get $cm)))))
  ;; The LEB128 reader is the literal decoder's, done with its input long before.
  (local.set $saved (global.get $lit_d))
  (local.set $saved_pos (global.get $lit_pos))
  (local.set $total (call $bytes_u32le (array.new_data $bytes $code_map (i32.const 0) (i32.const 4)) (i32.const 0)))
  (global.set $lit_d (array.new_data $bytes $code_map (i32.const 0) (local.get $total)))
  (global.set $lit_pos (i32.const 4))
  (local.set $nf (call $lit_uleb))
  (local.set $ne (call $lit_uleb))
  (local.set $nr (call $lit_uleb))
  (global.set $cm_funcs (local.get $nf))
  (global.set $cm_entries_at (i32.mul (local.get $nf) (i32.const 9)))
  (global.set $cm_resumes_at (i32.add (global.get $cm_entries_at) (i32.mul (local.get $ne) (i32.const 3))))
  (local.set $m (array.new $limbs (i32.const 0) (i32.add (global.get $cm_resumes_at) (i32.mul (local.get $nr) (i32.const 3)))))
  (local.set $e (global.get $cm_entries_at))
  (local.set $r (global.get $cm_resumes_at))
  (block $done
    (loop $func
      (br_if $done (i32.ge_u (local.get $f) (local.get $nf)))
      (local.set $at (i32.mul (local.get $f) (i32.const 9)))
      (local.set $idx (i32.add (local.get $idx) (call $lit_uleb)))
      (local.set $id (i32.add (local.get $id) (call $lit_uleb)))
      (array.set $limbs (local.get $m) (local.get $at) (local.get $idx))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 1)) (local.get $id))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 2)) (call $lit_uleb))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 3)) (call $lit_uleb))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 4)) (call $lit_uleb))
      (local.set $n (call $lit_uleb))
      (local.set $k (call $lit_uleb))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 5))
        (i32.div_u (i32.sub (local.get $e) (global.get $cm_entries_at)) (i32.const 3)))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 6)) (local.get $n))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 7))
        (i32.div_u (i32.sub (local.get $r) (global.get $cm_resumes_at)) (i32.const 3)))
      (array.set $limbs (local.get $m) (i32.add (local.get $at) (i32.const 8)) (local.get $k))
      (global.set $cm_line (i32.const 0))
      (global.set $cm_file (i32.const 0))
      (block $entries_done
        (loop $entry
          (br_if $entries_done (i32.eqz (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (local.set $off (i32.add (local.get $off) (call $lit_uleb)))
          (call $cm_line_file)
          (array.set $limbs (local.get $m) (local.get $e) (local.get $off))
          (array.set $limbs (local.get $m) (i32.add (local.get $e) (i32.const 1)) (global.get $cm_line))
          (array.set $limbs (local.get $m) (i32.add (local.get $e) (i32.const 2)) (global.get $cm_file))
          (local.set $e (i32.add (local.get $e) (i32.const 3)))
          (br $entry)))
      (local.set $label (i32.const 0))
      (block $resumes_done
        (loop $resume
          (br_if $resumes_done (i32.eqz (local.get $k)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (local.set $label (i32.add (local.get $label) (call $lit_uleb)))
          (call $cm_line_file)
          (array.set $limbs (local.get $m) (local.get $r) (local.get $label))
          (array.set $limbs (local.get $m) (i32.add (local.get $r) (i32.const 1)) (global.get $cm_line))
          (array.set $limbs (local.get $m) (i32.add (local.get $r) (i32.const 2)) (global.get $cm_file))
          (local.set $r (i32.add (local.get $r) (i32.const 3)))
          (br $resume)))
      (local.set $f (i32.add (local.get $f) (i32.const 1)))
      (br $func)))
  (global.set $lit_d (local.get $saved))
  (global.set $lit_pos (local.get $saved_pos))
  (global.set $cm (local.get $m))
  (local.get $m))

;; The word position of the function record whose word `field` (0: wasm index, 1: frame
;; id) is `key`, or -1 for code that is not compiled Erlang.
(func $cm_func (param $cm (ref $limbs)) (param $key i32) (param $field i32) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $at i32) (local $v i32)
  (local.set $hi (global.get $cm_funcs))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $at (i32.mul (local.get $mid) (i32.const 9)))
      (local.set $v (array.get $limbs (local.get $cm) (i32.add (local.get $at) (local.get $field))))
      (if (i32.eq (local.get $v) (local.get $key)) (then (return (local.get $at))))
      (if (i32.lt_u (local.get $v) (local.get $key))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (i32.const -1))

;; The word position of the last entry of the function at `rec` whose offset is at most
;; `off`, or -1 when the offset precedes them all.
(func $cm_entry (param $cm (ref $limbs)) (param $rec i32) (param $off i32) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $first i32)
  (local.set $first (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 5))))
  (local.set $hi (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 6))))
  ;; Find the first entry past `off`; the one before it is the answer.
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (if (i32.le_u
            (array.get $limbs (local.get $cm)
              (i32.add (global.get $cm_entries_at) (i32.mul (i32.add (local.get $first) (local.get $mid)) (i32.const 3))))
            (local.get $off))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (if (i32.eqz (local.get $lo)) (then (return (i32.const -1))))
  (i32.add (global.get $cm_entries_at) (i32.mul (i32.add (local.get $first) (i32.sub (local.get $lo) (i32.const 1))) (i32.const 3))))

;; The word position of the resume record for `label` of the function at `rec`, or -1.
;; A resume record has the layout of an entry, so $cm_location reads both.
(func $cm_resume (param $cm (ref $limbs)) (param $rec i32) (param $label i32) (result i32)
  (local $lo i32) (local $hi i32) (local $mid i32) (local $first i32) (local $at i32) (local $v i32)
  (local.set $first (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 7))))
  (local.set $hi (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 8))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $at (i32.add (global.get $cm_resumes_at) (i32.mul (i32.add (local.get $first) (local.get $mid)) (i32.const 3))))
      (local.set $v (array.get $limbs (local.get $cm) (local.get $at)))
      (if (i32.eq (local.get $v) (local.get $label)) (then (return (local.get $at))))
      (if (i32.lt_u (local.get $v) (local.get $label))
        (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $hi (local.get $mid))))
      (br $next)))
  (i32.const -1))

;; [{file, File}, {line, Line}], or [] without a location.
(func $cm_location (param $cm (ref $limbs)) (param $entry i32) (result eqref)
  (local $line i32)
  (if (i32.lt_s (local.get $entry) (i32.const 0)) (then (return (ref.null none))))
  (local.set $line (array.get $limbs (local.get $cm) (i32.add (local.get $entry) (i32.const 1))))
  (if (i32.eqz (local.get $line)) (then (return (ref.null none))))
  (struct.new $cons
    (call $tuple2 (global.get $atom.file)
      (call $lit (array.get $limbs (local.get $cm) (i32.add (local.get $entry) (i32.const 2)))))
    (struct.new $cons
      (call $tuple2 (global.get $atom.line) (call $mk_int (i64.extend_i32_u (local.get $line))))
      (ref.null none))))

(func $cm_atom (param $cm (ref $limbs)) (param $at i32) (result eqref)
  (array.get $tuple (global.get $atom_tab) (array.get $limbs (local.get $cm) (local.get $at))))

;; The stack trace at this point: `first` (a frame, or null) on top, then the frames of
;; compiled code on the wasm stack. When `args` is a list, it replaces the arity of the first
;; compiled frame (erlang:error/2,3, function_clause); anything else ($FAIL, or the `none`
;; that Elixir's raise passes to error/3) leaves the arity, as the VM's erts_build_mfa_item.
(func $trace_here (param $first eqref) (param $args eqref) (result eqref)
  (local $cm (ref $limbs)) (local $n i32) (local $i i32) (local $fidx i32) (local $off i32)
  (local $pf i32) (local $po i32) (local $rec i32) (local $entry i32) (local $count i32)
  (local $frames (ref $tuple)) (local $arity eqref) (local $list eqref) (local $fr (ref null $frame))
  (local.set $cm (call $cm_load))
  (local.set $frames (array.new $tuple (ref.null none) (global.get $BACKTRACE_DEPTH)))
  (if (i32.eqz (ref.is_null (local.get $first)))
    (then
      (array.set $tuple (local.get $frames) (i32.const 0) (local.get $first))
      (local.set $count (i32.const 1))))
  (local.set $n (call $host.backtrace (i32.shr_u (i32.shl (memory.size) (i32.const 16)) (i32.const 3))))
  (local.set $pf (i32.const -1))
  (block $full
    (loop $next
      (br_if $full (i32.ge_u (local.get $i) (local.get $n)))
      (br_if $full (i32.ge_u (local.get $count) (global.get $BACKTRACE_DEPTH)))
      (local.set $fidx (i32.load (i32.shl (local.get $i) (i32.const 3))))
      (local.set $off (i32.load (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.const 4))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $rec (call $cm_func (local.get $cm) (local.get $fidx) (i32.const 0)))
      (br_if $next (i32.lt_s (local.get $rec) (i32.const 0)))
      (br_if $next (i32.and (i32.eq (local.get $fidx) (local.get $pf)) (i32.eq (local.get $off) (local.get $po))))
      (local.set $pf (local.get $fidx))
      (local.set $po (local.get $off))
      (local.set $entry (call $cm_entry (local.get $cm) (local.get $rec) (local.get $off)))
      (local.set $arity (call $mk_int (i64.extend_i32_u (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 4))))))
      (if (i32.and (i32.eqz (ref.eq (local.get $args) (global.get $FAIL)))
            (i32.or (ref.is_null (local.get $args)) (ref.test (ref $cons) (local.get $args))))
        (then
          (local.set $arity (local.get $args))
          (local.set $args (global.get $FAIL))))
      (array.set $tuple (local.get $frames) (local.get $count)
        (call $tuple4
          (call $cm_atom (local.get $cm) (i32.add (local.get $rec) (i32.const 2)))
          (call $cm_atom (local.get $cm) (i32.add (local.get $rec) (i32.const 3)))
          (local.get $arity)
          (call $cm_location (local.get $cm) (local.get $entry))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (br $next)))
  ;; Below the wasm stack: the frames a suspension saved on the heap, innermost first. Their
  ;; frame word holds the function index above the arity (docs/ABI.md §5); the resume label
  ;; names the call they return to. Same-position frames are counted once, as above (the
  ;; label stands for the position; offsets and labels never compare equal, as a function's
  ;; native and saved frames are never adjacent in the same position).
  (if (i32.eqz (ref.is_null (global.get $current)))
    (then (local.set $fr (struct.get $proc $stack (ref.as_non_null (global.get $current))))))
  (block $full2
    (loop $next2
      (br_if $full2 (ref.is_null (local.get $fr)))
      (br_if $full2 (i32.ge_u (local.get $count) (global.get $BACKTRACE_DEPTH)))
      (local.set $fidx (i32.shr_u (struct.get $frame $arity (ref.as_non_null (local.get $fr))) (i32.const 8)))
      (local.set $off (i32.or (struct.get $frame $label (ref.as_non_null (local.get $fr))) (i32.const 0x80000000)))
      (local.set $fr (struct.get $frame $next (ref.as_non_null (local.get $fr))))
      (br_if $next2 (i32.eqz (local.get $fidx)))
      (local.set $rec (call $cm_func (local.get $cm) (local.get $fidx) (i32.const 1)))
      (br_if $next2 (i32.lt_s (local.get $rec) (i32.const 0)))
      (br_if $next2 (i32.and (i32.eq (local.get $fidx) (local.get $pf)) (i32.eq (local.get $off) (local.get $po))))
      (local.set $pf (local.get $fidx))
      (local.set $po (local.get $off))
      (local.set $entry (call $cm_resume (local.get $cm) (local.get $rec) (i32.and (local.get $off) (i32.const 0x7fffffff))))
      (array.set $tuple (local.get $frames) (local.get $count)
        (call $tuple4
          (call $cm_atom (local.get $cm) (i32.add (local.get $rec) (i32.const 2)))
          (call $cm_atom (local.get $cm) (i32.add (local.get $rec) (i32.const 3)))
          (call $mk_int (i64.extend_i32_u (array.get $limbs (local.get $cm) (i32.add (local.get $rec) (i32.const 4)))))
          (call $cm_location (local.get $cm) (local.get $entry))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (br $next2)))
  (block $done
    (loop $build
      (br_if $done (i32.eqz (local.get $count)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $list (struct.new $cons (array.get $tuple (local.get $frames) (local.get $count)) (local.get $list)))
      (br $build)))
  (local.get $list))

;; The location of a failing BIF's frame: [{error_info, #{module => M}}] for the modules
;; whose BIFs the VM describes with an error-formatting module, with `cause => C` too when
;; the failure left one ($fail_cause); else [].
(func $bif_error_info (param $module eqref) (param $cause eqref) (result eqref)
  (local $fmt eqref)
  (if (i32.or (ref.eq (local.get $module) (global.get $atom.erlang))
        (i32.or (ref.eq (local.get $module) (global.get $atom.atomics))
          (i32.or (ref.eq (local.get $module) (global.get $atom.counters))
            (i32.or (ref.eq (local.get $module) (global.get $atom.erts_internal))
              (ref.eq (local.get $module) (global.get $atom.persistent_term))))))
    (then (local.set $fmt (global.get $atom.erl_erts_errors))))
  (if (ref.eq (local.get $module) (global.get $atom.os))
    (then (local.set $fmt (global.get $atom.erl_kernel_errors))))
  (if (i32.or (ref.eq (local.get $module) (global.get $atom.binary))
        (i32.or (ref.eq (local.get $module) (global.get $atom.ets))
          (i32.or (ref.eq (local.get $module) (global.get $atom.lists))
            (i32.or (ref.eq (local.get $module) (global.get $atom.maps))
              (i32.or (ref.eq (local.get $module) (global.get $atom.math))
                (i32.or (ref.eq (local.get $module) (global.get $atom.re))
                  (ref.eq (local.get $module) (global.get $atom.unicode))))))))
    (then (local.set $fmt (global.get $atom.erl_stdlib_errors))))
  (if (ref.is_null (local.get $fmt)) (then (return (ref.null none))))
  (struct.new $cons
    (call $tuple2 (global.get $atom.error_info)
      (if (result eqref) (ref.is_null (local.get $cause))
        (then (struct.new $fmap (array.new_fixed $tuple 1 (global.get $atom.module)) (array.new_fixed $tuple 1 (local.get $fmt))))
        (else (struct.new $fmap (array.new_fixed $tuple 2 (global.get $atom.cause) (global.get $atom.module))
          (array.new_fixed $tuple 2 (local.get $cause) (local.get $fmt))))))
    (ref.null none)))

;; erlang:error/3: an {error_info, Info} option joins the location of the top frame.
(func $trace_with_error_info (param $trace eqref) (param $opts eqref) (result eqref)
  (local $l eqref) (local $o eqref) (local $frame (ref $tuple)) (local $info eqref)
  (local.set $l (local.get $opts))
  (block $found
    (loop $next
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (local.get $trace))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br_if $next (i32.eqz (ref.test (ref $tuple) (local.get $o))))
      (br_if $next (i32.ne (array.len (ref.cast (ref $tuple) (local.get $o))) (i32.const 2)))
      (br_if $next (i32.eqz (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $o)) (i32.const 0)) (global.get $atom.error_info))))
      (local.set $info (local.get $o))
      (br $found)))
  (if (i32.eqz (ref.test (ref $cons) (local.get $trace))) (then (return (local.get $trace))))
  (local.set $frame (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $trace)))))
  (struct.new $cons
    (call $tuple4 (array.get $tuple (local.get $frame) (i32.const 0)) (array.get $tuple (local.get $frame) (i32.const 1))
      (array.get $tuple (local.get $frame) (i32.const 2))
      (call $list_append (array.get $tuple (local.get $frame) (i32.const 3))
        (struct.new $cons (local.get $info) (ref.null none))))
    (struct.get $cons $tl (ref.cast (ref $cons) (local.get $trace)))))
