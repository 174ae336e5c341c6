;; types.wat — the term representation and the runtime's own heap types.
;;
;; Every Erlang term is an `eqref` (nullable). The encodings, one per type:
;;
;;   []                  null
;;   small integer       i31ref, the full signed 31-bit range
;;   integer, 64-bit     $int64   (only when outside the i31 range)
;;   integer, bignum     $bigint  (only when outside the i64 range)
;;   float               $float
;;   atom                $atom, interned: one object per atom, compared with ref.eq
;;   [H|T]               $cons
;;   tuple               $tuple, an array of terms
;;   binary / bitstring  $bin, a window onto a byte array
;;   map                 $fmap (at most 32 keys, sorted) or $hmap (hash trie)
;;   fun                 $fun
;;   pid / port / ref    $pid / $port / $ref
;;
;; Integers are canonical: a value that fits a narrower encoding always uses it, so
;; exact equality never has to compare an i31 with an $int64.
;;
;; All types sit in one rec group, so a type test is a single `ref.test`.
(rec
  ;; ---- numbers ------------------------------------------------------------------
  (type $num (sub (struct)))
  (type $int (sub $num (struct)))
  (type $int64 (sub final $int (struct (field $v i64))))
  ;; Sign and magnitude; `mag` holds little-endian 32-bit limbs with no high zero limb.
  (type $bigint (sub final $int (struct (field $neg i32) (field $mag (ref $limbs)))))
  (type $limbs (array (mut i32)))
  ;; The program's integer tables (fregs.wat), indexed by compiled code.
  (type $int_tabs (array (mut (ref null $limbs))))
  (type $float (sub final $num (struct (field $v f64))))

  ;; ---- atoms ----------------------------------------------------------------------
  ;; `id` indexes the atom table; the name lives in the table, not in the object.
  (type $atom (sub final (struct (field $id i32))))

  ;; ---- lists and tuples -----------------------------------------------------------
  ;; Fields are mutable only so the runtime can build lists front to back;
  ;; compiled code never mutates a cons it did not just allocate.
  (type $cons (sub final (struct (field $hd (mut eqref)) (field $tl (mut eqref)))))
  (type $tuple (array (mut eqref)))

  ;; ---- binaries -----------------------------------------------------------------
  (type $bytes (array (mut i8)))
  ;; A binary is `size` whole bytes at `data[off..]`, followed by `bits` (0..7) more
  ;; bits held in the high bits of the next byte. A binary whose last append may grow
  ;; it in place carries its write cursor `wr` (see binary.wat).
  (type $bin (sub final (struct
    (field $data (ref $bytes))
    (field $off i32)
    (field $size i32)
    (field $bits i32)
    (field $wr (ref null $wcursor)))))
  (type $wcursor (struct (field $used (mut i32))))
  ;; A match context: bit positions into `data`, absolute.
  (type $mctx (sub final (struct
    (field $data (ref $bytes))
    (field $pos (mut i64))
    (field $end i64))))

  ;; ---- maps -----------------------------------------------------------------------
  ;; A flatmap: keys in term order; the key tuple may be shared between maps.
  (type $fmap (sub final (struct (field $keys (ref $tuple)) (field $vals (ref $tuple)))))
  ;; A hash-array mapped trie, laid out as the BEAM lays out its own (map.wat).
  (type $hmap (sub final (struct (field $size i32) (field $root (ref $hnode)))))
  (type $hnode (sub final (struct (field $bitmap i32) (field $kids (ref $tuple)))))
  (type $hleaf (sub final (struct (field $k eqref) (field $v eqref))))
  (type $hcoll (sub final (struct (field $leaves (ref $tuple)))))

  ;; ---- funs -----------------------------------------------------------------------
  ;; `code` is a (ref $clos_N) for arity N: it takes the N arguments and the fun itself.
  (type $fun (sub final (struct
    (field $code funcref)
    (field $arity i32)
    (field $info (ref $funinfo))
    (field $env (ref null $tuple)))))
  ;; What fun_info/2 and the term order need. For an external fun `fun M:F/A`,
  ;; kind is 1 and index/uniq are unused; for a local fun, `name` is the lambda's
  ;; function name (e.g. '-main/0-fun-0-') and index/uniq come from the FunT chunk.
  (type $funinfo (struct
    (field $kind i32)
    (field $module (ref $atom))
    (field $name (ref $atom))
    (field $arity i32)
    (field $index i32)
    (field $uniq i32)))

  ;; ---- pids, ports, references --------------------------------------------------------
  (type $pid (sub final (struct (field $num i32) (field $proc (mut (ref null $proc))))))
  (type $port (sub final (struct (field $num i32))))
  (type $ref (sub (struct (field $n i64))))
  ;; A magic reference: a reference that carries a runtime object (binary:compile_pattern's
  ;; {bm, Ref} / {ac, Ref}). It is a reference like any other to the program.
  (type $mref (sub final $ref (struct (field $n i64) (field $payload eqref))))

  ;; ---- exceptions -----------------------------------------------------------------
  ;; `trace` is a raw trace (see exception.wat) until build_stacktrace turns it into
  ;; the list the program sees.
  (type $exn (struct (field $class (ref $atom)) (field $reason eqref) (field $trace (mut eqref))))

  ;; ---- processes --------------------------------------------------------------------
  ;; A suspended activation of a compiled function (docs/ABI.md §5). `fn` is the
  ;; function itself (a (ref $fnN) for its arity `arity`); `label` is the dispatch index to
  ;; resume at (0: call afresh with the arguments in `regs`; otherwise `regs` holds its y
  ;; registers); `handler` is the dispatch index of its innermost active catch, 0 if none.
  (type $frame (struct
    (field $fn funcref)
    (field $label i32)
    (field $handler i32)
    (field $regs (ref null $tuple))
    (field $next (mut (ref null $frame)))
    (field $arity i32)))
  (type $msg (struct (field $term eqref) (field $next (mut (ref null $msg)))))
  ;; A process. `stack` holds its saved frames, innermost first; the mailbox is a
  ;; singly linked queue with the receive save pointer kept as the cell *before* the
  ;; next message to examine (null: start from the first). A cell taken out of the queue
;; points at itself, so a receive marker left on it is known to be stale.
  (type $proc (struct
    (field $pid (ref $pid))
    (field $state (mut i32))
    (field $stack (mut (ref null $frame)))
    (field $mq_first (mut (ref null $msg)))
    (field $mq_last (mut (ref null $msg)))
    (field $save (mut (ref null $msg)))
    (field $mq_len (mut i32))
    (field $dict (mut eqref))
    (field $links (mut eqref))
    (field $monitors (mut eqref))
    (field $flags (mut i32))
    (field $group_leader (mut eqref))
    (field $live_prev (mut (ref null $proc)))
    (field $next_run (mut (ref null $proc)))
    (field $exit_reason (mut eqref))
    (field $reductions (mut i64))
    (field $initial_call (mut eqref))
    (field $watching (mut eqref))
    (field $rtimer (mut (ref null $tmr)))
    (field $live_next (mut (ref null $proc)))
    ;; The receive marker bound to a reference (recv_marker_bind): the last cell of the
    ;; queue when the marker was reserved (null: the queue was empty then).
    (field $mark_ref (mut eqref))
    (field $mark_cell (mut (ref null $msg)))))
  ;; A timer (timer.wat): the timeout of a receive (kind 0), erlang:send_after (1) or
  ;; erlang:start_timer (2). `deadline` is in monotonic milliseconds; `seq` orders timers
  ;; with equal deadlines; `idx` is its place in the timer heap (-1: not in it).
  (type $tmr (struct
    (field $deadline i64)
    (field $seq i64)
    (field $kind i32)
    (field $proc (ref null $proc))
    (field $dest eqref)
    (field $msg eqref)
    (field $ref eqref)
    (field $idx (mut i32))))
  (type $tmrs (array (mut (ref null $tmr))))

  ;; ---- the sentinel ---------------------------------------------------------------
  ;; A fallible runtime function returns the one $fail object and leaves the error
  ;; reason in $fail_reason (exception.wat). No term is ever a $fail.
  (type $fail (sub final (struct)))
)

;; Signatures of compiled functions, by arity, for call_ref. The compiler adds more.
(type $fn0 (func (result eqref)))
(type $fn1 (func (param eqref) (result eqref)))
(type $fn2 (func (param eqref eqref) (result eqref)))
(type $fn3 (func (param eqref eqref eqref) (result eqref)))
