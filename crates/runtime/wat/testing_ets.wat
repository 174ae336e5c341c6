;; testing_ets.wat — test exports for ets.wat and ets_match.wat (their tests:
;; crates/runtime/tests/ets_*.rs, with the VM side in tests/erl/ets_driver.erl). Not part of
;; the ABI: the compiler may drop these exports.
;;
;; `test:ets_run(len)` runs a script: memory[0..len] holds the ETF of a list of operations,
;; run in order by stand-in process 0 (ets_proc.wat) unless an operation names another:
;;
;;   {F, Args}            ets:F(Args...) (F one of the BIFs of $te_names)
;;   {'$as', P, F, Args}  the same, run by stand-in process P
;;   {'$spawn'}           a new stand-in process; {ok, {'$pid', K}}
;;   {'$kill', P}         process P exits (its tables go to their heirs or are deleted)
;;   {'$flush', P}        the messages process P received since the last flush, oldest first
;;   {'$keys', T}         the keys of table T by first/next
;;   {'$all'}             the script's tables among ets:all(), sorted
;;
;; In arguments {'$tab', I} stands for what the I-th successful ets:new returned, {'$tid',
;; I} for that table's reference, {'$pid', K} for process K, {'$res', J} for the result of
;; operation J, {'$cont', J} for the continuation in it ({_, C} -> C), and {'$mkmap',
;; Pairs} for maps:from_list(Pairs). Each result {ok, R} | {error, Reason} is normalised
;; (table references -> {'$tab', I}, other references -> '$ref', pids -> {'$pid', K} or
;; '$pid', maps -> {'$map', Pairs in key order}, funs -> '$fun', info's memory and time
;; stamps -> '$mem' and '$time') and encoded with term_to_binary; the script's answer,
;; written back at memory[0..], is the ETF of the list of those binaries (-1: it could not
;; be encoded, -2: a bad script). At the end every process of the script exits.

(type $te_fn4 (func (param eqref eqref eqref eqref) (result eqref)))

(table $te_bifs funcref (elem
  $ets:new/2 $ets:insert/2 $ets:insert_new/2 $ets:lookup/2 $ets:lookup_element/3 $ets:member/2 $ets:delete/1
  $ets:delete/2 $ets:delete_object/2 $ets:take/2 $ets:update_counter/3 $ets:update_counter/4 $ets:update_element/3
  $ets:first/1 $ets:last/1 $ets:next/2 $ets:prev/2 $ets:slot/2 $ets:info/1 $ets:info/2 $ets:whereis/1
  $ets:rename/2 $ets:give_away/3 $ets:setopts/2 $ets:safe_fixtable/2 $ets:match/1 $ets:match/2 $ets:match/3
  $ets:match_object/1 $ets:match_object/2 $ets:match_object/3 $ets:select/1 $ets:select/2 $ets:select/3
  $ets:select_count/2 $ets:internal_select_delete/2 $ets:select_replace/2 $ets:select_reverse/1
  $ets:select_reverse/2 $ets:select_reverse/3 $ets:match_spec_compile/1 $ets:match_spec_run_r/3
  $ets:is_compiled_ms/1 $ets:internal_request_all/0 $ets:internal_delete_all/2))

(global $te_arity (ref $limbs) (array.new_fixed $limbs 45
  (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 3) (i32.const 2) (i32.const 1)
  (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 3)
  (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 1) (i32.const 2) (i32.const 1)
  (i32.const 2) (i32.const 3) (i32.const 2) (i32.const 2) (i32.const 1) (i32.const 2) (i32.const 3)
  (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 1) (i32.const 2) (i32.const 3)
  (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 1)
  (i32.const 2) (i32.const 3) (i32.const 1) (i32.const 3)
  (i32.const 1) (i32.const 0) (i32.const 2)))

(func $te_names (result (ref $tuple))
  (array.new_fixed $tuple 45
    (global.get $atom.new) (global.get $atom.insert) (global.get $atom.insert_new) (global.get $atom.lookup)
    (global.get $atom.lookup_element) (global.get $atom.member) (global.get $atom.delete)
    (global.get $atom.delete) (global.get $atom.delete_object) (global.get $atom.take) (global.get $atom.update_counter)
    (global.get $atom.update_counter) (global.get $atom.update_element)
    (global.get $atom.first) (global.get $atom.last) (global.get $atom.next) (global.get $atom.prev) (global.get $atom.slot)
    (global.get $atom.info) (global.get $atom.info) (global.get $atom.whereis)
    (global.get $atom.rename) (global.get $atom.give_away) (global.get $atom.setopts) (global.get $atom.safe_fixtable)
    (global.get $atom.match) (global.get $atom.match) (global.get $atom.match)
    (global.get $atom.match_object) (global.get $atom.match_object) (global.get $atom.match_object)
    (global.get $atom.select) (global.get $atom.select) (global.get $atom.select)
    (global.get $atom.select_count) (global.get $atom.internal_select_delete) (global.get $atom.select_replace)
    (global.get $atom.select_reverse) (global.get $atom.select_reverse) (global.get $atom.select_reverse)
    (global.get $atom.match_spec_compile) (global.get $atom.match_spec_run_r) (global.get $atom.is_compiled_ms)
    (global.get $atom.internal_request_all) (global.get $atom.internal_delete_all)))

;; The script's state: table ids and references by creation, processes, raw results.
(global $te_tabs (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $te_tids (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $te_ntabs (mut i32) (i32.const 0))
(global $te_procs (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $te_nprocs (mut i32) (i32.const 0))
(global $te_res (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $te_nres (mut i32) (i32.const 0))
(global $te_pid_counter (mut i32) (i32.const 1000))

;; `arr` with `x` at position `n` (grown when needed).
(func $te_push (param $arr (ref $tuple)) (param $n i32) (param $x eqref) (result (ref $tuple))
  (local $new (ref $tuple))
  (if (i32.ge_u (local.get $n) (array.len (local.get $arr)))
    (then
      (local.set $new (array.new $tuple (ref.null none) (i32.add (i32.mul (local.get $n) (i32.const 2)) (i32.const 8))))
      (array.copy $tuple $tuple (local.get $new) (i32.const 0) (local.get $arr) (i32.const 0) (array.len (local.get $arr)))
      (local.set $arr (local.get $new))))
  (array.set $tuple (local.get $arr) (local.get $n) (local.get $x))
  (local.get $arr))

;; A new stand-in process.
(func $te_spawn (result (ref $pid))
  (local $p (ref $pid))
  (global.set $te_pid_counter (i32.add (global.get $te_pid_counter) (i32.const 1)))
  (local.set $p (struct.new $pid (global.get $te_pid_counter) (ref.null none)))
  (call $ets_map_put (global.get $ets_stub_procs) (i64.extend_i32_u (global.get $te_pid_counter))
    (array.new_fixed $tuple 1 (ref.null none)))
  (global.set $te_procs (call $te_push (global.get $te_procs) (global.get $te_nprocs) (local.get $p)))
  (global.set $te_nprocs (i32.add (global.get $te_nprocs) (i32.const 1)))
  (local.get $p))

;; Stand-in process `p` exits.
(func $te_kill (param $p (ref $pid))
  (if (ref.is_null (call $ets_stub_box (local.get $p))) (then (return)))
  (call $ets_map_remove (global.get $ets_stub_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p))))
  (call $ets_owner_exit (local.get $p)))

;; The messages of stand-in `p`, oldest first, emptied.
(func $te_flush (param $p (ref $pid)) (result eqref)
  (local $box (ref null $tuple)) (local $l eqref)
  (local.set $box (call $ets_stub_box (local.get $p)))
  (if (ref.is_null (local.get $box)) (then (return (ref.null none))))
  (local.set $l (array.get $tuple (ref.as_non_null (local.get $box)) (i32.const 0)))
  (array.set $tuple (ref.as_non_null (local.get $box)) (i32.const 0) (ref.null none))
  (call $lists:reverse/2 (local.get $l) (ref.null none)))

;; The process with index `k` of the script (a small integer term), or null.
(func $te_proc (param $k eqref) (result (ref null $pid))
  (local $i i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $k))) (then (return (ref.null none))))
  (local.set $i (i31.get_s (ref.cast (ref i31) (local.get $k))))
  (if (i32.ge_u (local.get $i) (global.get $te_nprocs)) (then (return (ref.null none))))
  (ref.cast (ref null $pid) (array.get $tuple (global.get $te_procs) (local.get $i))))

;; Element `i` of `t` if it is a small non-negative integer below `n`, else -1.
(func $te_index (param $t eqref) (param $n i32) (result i32)
  (local $i i32)
  (if (i32.eqz (ref.test (ref i31) (local.get $t))) (then (return (i32.const -1))))
  (local.set $i (i31.get_s (ref.cast (ref i31) (local.get $t))))
  (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (i32.const -1))))
  (local.get $i))

;; The placeholders of an argument replaced (see the header).
(func $te_subst (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $out (ref $tuple)) (local $i i32) (local $tag eqref) (local $r eqref) (local $x eqref)
  (local $acc eqref) (local $c (ref $cons)) (local $p (ref null $pid))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (block $done
        (loop $cells
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $t))))
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $acc (struct.new $cons (call $te_subst (struct.get $cons $hd (local.get $c))) (local.get $acc)))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (br $cells)))
      (return (call $lists:reverse/2 (local.get $acc) (call $te_subst (local.get $t))))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (local.get $t))))
  (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
  (if (i32.eq (array.len (local.get $tup)) (i32.const 2))
    (then
      (local.set $tag (array.get $tuple (local.get $tup) (i32.const 0)))
      (local.set $x (array.get $tuple (local.get $tup) (i32.const 1)))
      (if (ref.eq (local.get $tag) (global.get $atom.$tab))
        (then
          (local.set $i (call $te_index (local.get $x) (global.get $te_ntabs)))
          (if (i32.ge_s (local.get $i) (i32.const 0)) (then (return (array.get $tuple (global.get $te_tabs) (local.get $i)))))))
      (if (ref.eq (local.get $tag) (global.get $atom.$tid))
        (then
          (local.set $i (call $te_index (local.get $x) (global.get $te_ntabs)))
          (if (i32.ge_s (local.get $i) (i32.const 0)) (then (return (array.get $tuple (global.get $te_tids) (local.get $i)))))))
      (if (ref.eq (local.get $tag) (global.get $atom.$pid))
        (then
          (local.set $p (call $te_proc (local.get $x)))
          (if (i32.eqz (ref.is_null (local.get $p))) (then (return (local.get $p))))))
      (if (ref.eq (local.get $tag) (global.get $atom.$res))
        (then
          (local.set $i (call $te_index (local.get $x) (global.get $te_nres)))
          (if (i32.ge_s (local.get $i) (i32.const 0)) (then (return (array.get $tuple (global.get $te_res) (local.get $i)))))))
      (if (ref.eq (local.get $tag) (global.get $atom.$cont))
        (then
          (local.set $i (call $te_index (local.get $x) (global.get $te_nres)))
          (if (i32.ge_s (local.get $i) (i32.const 0))
            (then
              (local.set $r (array.get $tuple (global.get $te_res) (local.get $i)))
              (if (ref.test (ref $tuple) (local.get $r))
                (then
                  (if (i32.eq (array.len (ref.cast (ref $tuple) (local.get $r))) (i32.const 2))
                    (then (return (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1)))))))
              (return (local.get $r))))))
      (if (ref.eq (local.get $tag) (global.get $atom.$mkmap))
        (then (return (call $maps:from_list/1 (call $te_subst (local.get $x))))))))
  (local.set $out (array.new $tuple (ref.null none) (array.len (local.get $tup))))
  (block $done
    (loop $elems
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
      (array.set $tuple (local.get $out) (local.get $i) (call $te_subst (array.get $tuple (local.get $tup) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $elems)))
  (local.get $out))

;; The normal form of a result (see the header).
(func $te_norm (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $out (ref $tuple)) (local $i i32) (local $acc eqref) (local $c (ref $cons))
  (local $kv (ref $tuple)) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $pairs eqref)
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (block $done
        (loop $cells
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $t))))
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $acc (struct.new $cons (call $te_norm (struct.get $cons $hd (local.get $c))) (local.get $acc)))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (br $cells)))
      (return (call $lists:reverse/2 (local.get $acc) (call $te_norm (local.get $t))))))
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (local.set $out (array.new $tuple (ref.null none) (array.len (local.get $tup))))
      (block $done
        (loop $elems
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
          (array.set $tuple (local.get $out) (local.get $i) (call $te_norm (array.get $tuple (local.get $tup) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $elems)))
      (return (local.get $out))))
  (if (ref.test (ref $ref) (local.get $t))
    (then
      (block $done
        (loop $tids
          (br_if $done (i32.ge_u (local.get $i) (global.get $te_ntabs)))
          (if (call $eq_exact (local.get $t) (array.get $tuple (global.get $te_tids) (local.get $i)))
            (then (return (call $tuple2 (global.get $atom.$tab) (ref.i31 (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $tids)))
      (return (global.get $atom.$ref))))
  (if (ref.test (ref $pid) (local.get $t))
    (then
      (block $done
        (loop $procs
          (br_if $done (i32.ge_u (local.get $i) (global.get $te_nprocs)))
          (if (call $ets_pid_eq (ref.cast (ref $pid) (local.get $t)) (ref.cast (ref $pid) (array.get $tuple (global.get $te_procs) (local.get $i))))
            (then (return (call $tuple2 (global.get $atom.$pid) (ref.i31 (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $procs)))
      (return (global.get $atom.$pid))))
  (if (call $is_map (local.get $t))
    (then
      (local.set $kv (call $map_sorted_kv (local.get $t)))
      (local.set $ks (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))))
      (local.set $vs (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))))
      (local.set $i (array.len (local.get $ks)))
      (block $done
        (loop $pairs
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $pairs (struct.new $cons (call $tuple2 (call $te_norm (array.get $tuple (local.get $ks) (local.get $i)))
            (call $te_norm (array.get $tuple (local.get $vs) (local.get $i)))) (local.get $pairs)))
          (br $pairs)))
      (return (call $tuple2 (global.get $atom.$map) (local.get $pairs)))))
  (if (ref.test (ref $fun) (local.get $t)) (then (return (global.get $atom.$fun))))
  (local.get $t))

;; info's results without the values that cannot be compared (memory, time stamps).
(func $te_norm_info (param $args eqref) (param $r eqref) (result eqref)
  (local $item eqref) (local $l eqref) (local $acc eqref) (local $e eqref) (local $tp (ref $tuple))
  (if (ref.test (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))
    (then
      (local.set $item (struct.get $cons $hd (ref.cast (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))))
      (if (i32.and (ref.eq (local.get $item) (global.get $atom.memory)) (call $is_integer (local.get $r)))
        (then (return (global.get $atom.$mem))))
      (if (i32.or (ref.eq (local.get $item) (global.get $atom.safe_fixed)) (ref.eq (local.get $item) (global.get $atom.safe_fixed_monotonic_time)))
        (then
          (if (ref.test (ref $tuple) (local.get $r))
            (then (return (call $tuple2 (global.get $atom.$time) (array.get $tuple (ref.cast (ref $tuple) (local.get $r)) (i32.const 1))))))))
      (return (local.get $r))))
  (local.set $l (local.get $r))
  (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (local.get $r))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $e (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (ref.test (ref $tuple) (local.get $e))
        (then
          (local.set $tp (ref.cast (ref $tuple) (local.get $e)))
          (if (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.memory))
            (then (local.set $e (call $tuple2 (global.get $atom.memory) (global.get $atom.$mem)))))))
      (local.set $acc (struct.new $cons (local.get $e) (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (call $lists:reverse/2 (local.get $acc) (ref.null none)))

;; Calls ets BIF `name` with the argument list `args`; $FAIL with the reason on failure,
;; or null-free $FAIL with reason undef when there is no such BIF.
(func $te_apply (param $name eqref) (param $args eqref) (result eqref)
  (local $names (ref $tuple)) (local $i i32) (local $n i32) (local $a (ref $tuple))
  (local.set $names (call $te_names))
  (local.set $n (call $list_length (local.get $args)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail (global.get $atom.undef)))))
  (local.set $a (ref.cast (ref $tuple) (call $list_to_tuple_unchecked (local.get $args))))
  (block $found
    (loop $scan
      (if (i32.ge_u (local.get $i) (array.len (local.get $names))) (then (return (call $fail (global.get $atom.undef)))))
      (br_if $found (i32.and (ref.eq (array.get $tuple (local.get $names) (local.get $i)) (local.get $name))
                             (i32.eq (array.get $limbs (global.get $te_arity) (local.get $i)) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (if (i32.eqz (local.get $n)) (then (return (call_indirect $te_bifs (type $fn0) (local.get $i)))))
  (if (i32.eq (local.get $n) (i32.const 1))
    (then (return (call_indirect $te_bifs (type $fn1) (array.get $tuple (local.get $a) (i32.const 0)) (local.get $i)))))
  (if (i32.eq (local.get $n) (i32.const 2))
    (then (return (call_indirect $te_bifs (type $fn2) (array.get $tuple (local.get $a) (i32.const 0))
      (array.get $tuple (local.get $a) (i32.const 1)) (local.get $i)))))
  (if (i32.eq (local.get $n) (i32.const 3))
    (then (return (call_indirect $te_bifs (type $fn3) (array.get $tuple (local.get $a) (i32.const 0))
      (array.get $tuple (local.get $a) (i32.const 1)) (array.get $tuple (local.get $a) (i32.const 2)) (local.get $i)))))
  (call_indirect $te_bifs (type $te_fn4) (array.get $tuple (local.get $a) (i32.const 0))
    (array.get $tuple (local.get $a) (i32.const 1)) (array.get $tuple (local.get $a) (i32.const 2))
    (array.get $tuple (local.get $a) (i32.const 3)) (local.get $i)))

;; The keys of table `t` by first/next, or $FAIL.
(func $te_keys (param $t eqref) (result eqref)
  (local $k eqref) (local $acc eqref) (local $n i32)
  (local.set $k (call $ets:first/1 (local.get $t)))
  (block $done
    (loop $next
      (if (call $is_fail (local.get $k)) (then (return (local.get $k))))
      (br_if $done (ref.eq (local.get $k) (global.get $atom.$end_of_table)))
      (local.set $acc (struct.new $cons (local.get $k) (local.get $acc)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (if (i32.gt_u (local.get $n) (i32.const 1000000)) (then (return (call $fail (global.get $atom.loop)))))
      (local.set $k (call $ets:next/2 (local.get $t) (local.get $k)))
      (br $next)))
  (call $lists:reverse/2 (local.get $acc) (ref.null none)))

;; ets:all() as ets.erl does it, restricted to the script's tables, sorted.
(func $te_all (result eqref)
  (local $ref eqref) (local $msgs eqref) (local $m (ref $tuple)) (local $all eqref) (local $rest eqref) (local $x eqref)
  (local $acc eqref)
  (local.set $ref (call $ets:internal_request_all/0))
  (local.set $msgs (call $te_flush (call $ets_self)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $msgs))))
      (local.set $m (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $msgs)))))
      (if (call $eq_exact (array.get $tuple (local.get $m) (i32.const 0)) (local.get $ref))
        (then (local.set $all (call $erlang:++/2 (array.get $tuple (local.get $m) (i32.const 1)) (local.get $all))))
        (else (local.set $rest (struct.new $cons (local.get $m) (local.get $rest)))))
      (local.set $msgs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $msgs))))
      (br $next)))
  ;; give back the messages that were not the answer
  (local.set $rest (call $lists:reverse/2 (local.get $rest) (ref.null none)))
  (block $back
    (loop $put
      (br_if $back (i32.eqz (ref.test (ref $cons) (local.get $rest))))
      (call $ets_send (call $ets_self) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $rest))))
      (local.set $rest (struct.get $cons $tl (ref.cast (ref $cons) (local.get $rest))))
      (br $put)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $all))))
      (local.set $x (call $te_norm_tab (struct.get $cons $hd (ref.cast (ref $cons) (local.get $all)))))
      (if (ref.test (ref $tuple) (local.get $x)) (then (local.set $acc (struct.new $cons (local.get $x) (local.get $acc)))))
      (local.set $all (struct.get $cons $tl (ref.cast (ref $cons) (local.get $all))))
      (br $next)))
  (call $te_sort (local.get $acc)))

;; A table id of ets:all(): {'$tab', I} for one the script made (by name or reference).
(func $te_norm_tab (param $x eqref) (result eqref)
  (local $i i32)
  (if (ref.test (ref $atom) (local.get $x))
    (then
      (block $done
        (loop $tabs
          (br_if $done (i32.ge_u (local.get $i) (global.get $te_ntabs)))
          (if (ref.eq (array.get $tuple (global.get $te_tabs) (local.get $i)) (local.get $x))
            (then (return (call $tuple2 (global.get $atom.$tab) (ref.i31 (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $tabs)))
      (return (local.get $x))))
  (call $te_norm (local.get $x)))

;; A list sorted in the standard order (insertion sort; the lists here are short).
(func $te_sort (param $l eqref) (result eqref)
  (local $out eqref) (local $x eqref) (local $prev (ref null $cons)) (local $cur eqref) (local $cell (ref $cons))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $x (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $prev (ref.null none))
      (local.set $cur (local.get $out))
      (block $placed
        (loop $find
          (br_if $placed (i32.eqz (ref.test (ref $cons) (local.get $cur))))
          (br_if $placed (i32.gt_s (call $compare (struct.get $cons $hd (ref.cast (ref $cons) (local.get $cur))) (local.get $x)) (i32.const 0)))
          (local.set $prev (ref.cast (ref $cons) (local.get $cur)))
          (local.set $cur (struct.get $cons $tl (ref.cast (ref $cons) (local.get $cur))))
          (br $find)))
      (local.set $cell (struct.new $cons (local.get $x) (local.get $cur)))
      (if (ref.is_null (local.get $prev))
        (then (local.set $out (local.get $cell)))
        (else (struct.set $cons $tl (ref.as_non_null (local.get $prev)) (local.get $cell))))
      (br $next)))
  (local.get $out))

;; Runs one operation; its raw result ($FAIL on error).
(func $te_op (param $op eqref) (result eqref)
  (local $tup (ref $tuple)) (local $tag eqref) (local $p (ref null $pid)) (local $saved (ref null $pid)) (local $r eqref)
  (local $args eqref)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $op))) (then (return (call $fail (global.get $atom.badop)))))
  (local.set $tup (ref.cast (ref $tuple) (local.get $op)))
  (if (i32.eqz (array.len (local.get $tup))) (then (return (call $fail (global.get $atom.badop)))))
  (local.set $tag (array.get $tuple (local.get $tup) (i32.const 0)))
  (if (ref.eq (local.get $tag) (global.get $atom.$spawn)) (then (return (call $te_spawn))))
  (if (ref.eq (local.get $tag) (global.get $atom.$all)) (then (return (call $te_all))))
  (if (i32.eq (array.len (local.get $tup)) (i32.const 2))
    (then
      (if (ref.eq (local.get $tag) (global.get $atom.$keys))
        (then (return (call $te_keys (call $te_subst (array.get $tuple (local.get $tup) (i32.const 1)))))))
      (if (i32.or (ref.eq (local.get $tag) (global.get $atom.$kill)) (ref.eq (local.get $tag) (global.get $atom.$flush)))
        (then
          (local.set $p (call $te_proc (array.get $tuple (local.get $tup) (i32.const 1))))
          (if (ref.is_null (local.get $p)) (then (return (call $fail (global.get $atom.badop)))))
          (if (ref.eq (local.get $tag) (global.get $atom.$flush)) (then (return (call $te_flush (ref.as_non_null (local.get $p))))))
          (call $te_kill (ref.as_non_null (local.get $p)))
          (return (global.get $atom.true))))
      (local.set $args (call $te_subst (array.get $tuple (local.get $tup) (i32.const 1))))
      (local.set $r (call $te_apply (local.get $tag) (local.get $args)))
      (call $te_after (local.get $tag) (local.get $r))
      (return (local.get $r))))
  (if (i32.and (i32.eq (array.len (local.get $tup)) (i32.const 4)) (ref.eq (local.get $tag) (global.get $atom.$as)))
    (then
      (local.set $p (call $te_proc (array.get $tuple (local.get $tup) (i32.const 1))))
      (if (ref.is_null (local.get $p)) (then (return (call $fail (global.get $atom.badop)))))
      (local.set $saved (global.get $ets_stub_self))
      (global.set $ets_stub_self (local.get $p))
      (local.set $tag (array.get $tuple (local.get $tup) (i32.const 2)))
      (local.set $r (call $te_apply (local.get $tag) (call $te_subst (array.get $tuple (local.get $tup) (i32.const 3)))))
      (global.set $ets_stub_self (local.get $saved))
      (call $te_after (local.get $tag) (local.get $r))
      (return (local.get $r))))
  (call $fail (global.get $atom.badop)))

;; Records a new table's id and reference.
(func $te_after (param $name eqref) (param $r eqref)
  (local $tid eqref)
  (if (i32.eqz (ref.eq (local.get $name) (global.get $atom.new))) (then (return)))
  (if (call $is_fail (local.get $r)) (then (return)))
  (local.set $tid (local.get $r))
  (if (ref.test (ref $atom) (local.get $r)) (then (local.set $tid (call $ets:whereis/1 (local.get $r)))))
  (global.set $te_tabs (call $te_push (global.get $te_tabs) (global.get $te_ntabs) (local.get $r)))
  (global.set $te_tids (call $te_push (global.get $te_tids) (global.get $te_ntabs) (local.get $tid)))
  (global.set $te_ntabs (i32.add (global.get $te_ntabs) (i32.const 1))))

;; Runs a script; its answer as a list of term_to_binary results (null on a bad script).
(func $te_script (param $ops eqref) (result eqref)
  (local $ot (ref $tuple)) (local $op eqref) (local $r eqref) (local $out eqref) (local $norm eqref) (local $bin eqref) (local $i i32)
  (global.set $te_ntabs (i32.const 0))
  (global.set $te_nprocs (i32.const 0))
  (global.set $te_nres (i32.const 0))
  (global.set $ets_stub_self (call $te_spawn))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $ops))))
      (local.set $op (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ops))))
      (local.set $r (call $te_op (local.get $op)))
      (if (call $is_fail (local.get $r))
        (then
          (local.set $norm (call $tuple2 (global.get $atom.error) (call $te_norm (global.get $fail_reason))))
          (local.set $r (global.get $atom.$error)))
        (else
          (local.set $norm (call $te_norm (local.get $r)))
          (local.set $ot (ref.cast (ref $tuple) (local.get $op)))
          (if (i32.eq (array.len (local.get $ot)) (i32.const 2))
            (then
              (if (ref.eq (array.get $tuple (local.get $ot) (i32.const 0)) (global.get $atom.info))
                (then (local.set $norm (call $te_norm_info (array.get $tuple (local.get $ot) (i32.const 1)) (local.get $norm)))))))
          (if (i32.eq (array.len (local.get $ot)) (i32.const 4))
            (then
              (if (ref.eq (array.get $tuple (local.get $ot) (i32.const 2)) (global.get $atom.info))
                (then (local.set $norm (call $te_norm_info (array.get $tuple (local.get $ot) (i32.const 3)) (local.get $norm)))))))
          (local.set $norm (call $tuple2 (global.get $atom.ok) (local.get $norm)))))
      (global.set $te_res (call $te_push (global.get $te_res) (global.get $te_nres) (local.get $r)))
      (global.set $te_nres (i32.add (global.get $te_nres) (i32.const 1)))
      (local.set $bin (call $erlang:term_to_binary/1 (local.get $norm)))
      (if (call $is_fail (local.get $bin)) (then (local.set $bin (call $erlang:term_to_binary/1 (global.get $atom.$unencodable)))))
      (local.set $out (struct.new $cons (local.get $bin) (local.get $out)))
      (local.set $ops (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ops))))
      (br $next)))
  ;; every process of the script exits
  (local.set $i (global.get $te_nprocs))
  (block $killed
    (loop $kill
      (br_if $killed (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (call $te_kill (ref.cast (ref $pid) (array.get $tuple (global.get $te_procs) (local.get $i))))
      (br $kill)))
  (call $lists:reverse/2 (local.get $out) (ref.null none)))

(func $test:ets_run (export "test:ets_run") (param $len i32) (result i32)
  (local $in (ref $bytes)) (local $i i32) (local $ops eqref) (local $out eqref) (local $bin (ref $bin)) (local $n i32)
  (local.set $in (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $in) (local.get $i) (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $ops (call $erlang:binary_to_term/1 (call $bin_of (local.get $in))))
  (if (call $is_fail (local.get $ops)) (then (return (i32.const -2))))
  (local.set $out (call $erlang:term_to_binary/1 (call $te_script (local.get $ops))))
  (if (call $is_fail (local.get $out)) (then (return (i32.const -1))))
  (local.set $bin (ref.cast (ref $bin) (local.get $out)))
  (local.set $n (struct.get $bin $size (local.get $bin)))
  (call $test_mem_reserve (local.get $n))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (local.get $i) (array.get_u $bytes (struct.get $bin $data (local.get $bin))
        (i32.add (struct.get $bin $off (local.get $bin)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $n))

;; `test:ets_bench(kind, n)`: a timing workload (tests/ets_speed.rs): table type `kind`
;; (0 set, 1 ordered_set, 2 bag, 3 duplicate_bag), `n` objects {I, I}: insert them,
;; look each up, select those whose value is even, then delete each. Returns the number
;; of objects found (a check).
(func $test:ets_bench (export "test:ets_bench") (param $kind i32) (param $n i32) (result i32)
  (call $test:ets_bench_phases (local.get $kind) (local.get $n) (i32.const 15)))

;; The same with only some phases: bit 1 lookups, bit 2 the select, bit 3 the deletes.
(func $test:ets_bench_phases (export "test:ets_bench_phases") (param $kind i32) (param $n i32) (param $phases i32) (result i32)
  (local $t eqref) (local $i i32) (local $found i32) (local $k eqref) (local $r eqref) (local $opts eqref)
  (global.set $ets_stub_self (call $te_spawn))
  (local.set $opts (ref.null none))
  (if (i32.eq (local.get $kind) (i32.const 1)) (then (local.set $opts (struct.new $cons (global.get $atom.ordered_set) (ref.null none)))))
  (if (i32.eq (local.get $kind) (i32.const 2)) (then (local.set $opts (struct.new $cons (global.get $atom.bag) (ref.null none)))))
  (if (i32.eq (local.get $kind) (i32.const 3)) (then (local.set $opts (struct.new $cons (global.get $atom.duplicate_bag) (ref.null none)))))
  (local.set $t (call $ets:new/2 (global.get $atom.bench) (local.get $opts)))
  (block $done
    (loop $ins
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $k (ref.i31 (i32.mul (local.get $i) (i32.const 7919))))
      (drop (call $ets:insert/2 (local.get $t) (call $tuple2 (local.get $k) (ref.i31 (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $ins)))
  (local.set $i (i32.const 0))
  (if (i32.eqz (i32.and (local.get $phases) (i32.const 2))) (then (local.set $i (local.get $n))))
  (block $done
    (loop $look
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $r (call $ets:lookup/2 (local.get $t) (ref.i31 (i32.mul (local.get $i) (i32.const 7919)))))
      (if (ref.test (ref $cons) (local.get $r)) (then (local.set $found (i32.add (local.get $found) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $look)))
  (if (i32.and (local.get $phases) (i32.const 4)) (then
  (local.set $r (call $ets:select/2 (local.get $t)
    (struct.new $cons (call $tuple3 (call $tuple2 (global.get $atom._) (global.get $atom.$1))
      (struct.new $cons (call $tuple3 (global.get $atom.==) (call $tuple3 (global.get $atom.rem) (global.get $atom.$1) (ref.i31 (i32.const 2))) (ref.i31 (i32.const 0))) (ref.null none))
      (struct.new $cons (global.get $atom.$1) (ref.null none))) (ref.null none))))
  (local.set $found (i32.add (local.get $found) (call $list_length (local.get $r))))))
  (local.set $i (i32.const 0))
  (if (i32.eqz (i32.and (local.get $phases) (i32.const 8))) (then (local.set $i (local.get $n))))
  (block $done
    (loop $del
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (drop (call $ets:delete/2 (local.get $t) (ref.i31 (i32.mul (local.get $i) (i32.const 7919)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $del)))
  (drop (call $ets:delete/1 (local.get $t)))
  (local.get $found))
