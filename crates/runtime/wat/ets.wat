;; ets.wat — ETS tables (erts/emulator/beam/erl_db.c, erl_db_hash.c, erl_db_tree.c, OTP 25):
;; the table registry, the four table types, the table BIFs of the `ets` module, and table
;; ownership. Match specifications and the select family live in ets_match.wat.
;;
;; Tables. A table is an $ets_tab. Its id is a reference (`$ref`, numbered from the process
;; runtime's reference counter, see ets_proc.wat) or, for a named table, its name atom, as on
;; OTP 25. The registry maps reference numbers and name atoms to live tables; a deleted table
;; leaves both maps, so its id then names nothing (info/1,2 answer `undefined`, every other
;; BIF badarg). Objects are stored by reference: terms are immutable, and updates
;; (update_counter, update_element, select_replace) store new tuples.
;;
;; set, bag, duplicate_bag: the VM's linear hash table, reproduced so that first/next, the
;; select family, tab2list and slot/2 see the VM's order: the same hash (MAKE_HASH: an atom's
;; name hash, else make_internal_hash(Key, 0); hash.wat), 256 initial buckets, the same
;; bucket split and join (one bucket at a time, load factor 1, shrinking only past two extra
;; 2048-bucket segments), chains in the VM's order (a new key at the end of its bucket, a
;; new bag object in front of its key's group), the iteration stride of fine-locked tables
;; (write_concurrency: 64 locks, buckets visited i, i+64, ...), decentralized item counters
;; (the grow decision reads one lock's counter times 64), and pseudo-deletion while a table
;; is fixed (safe_fixtable/2). What cannot match the VM: keys whose internal hash includes
;; an atom nested in a tuple or list (the VM hashes its atom-table index, hash.wat) or a
;; pid/port/ref/fun; shrinking after select_delete on a table with decentralized counters
;; (the VM samples a random lock).
;;
;; ordered_set: an AVL tree keyed in the standard term order (1 and 1.0 are the same key),
;; with subtree sizes so slot/2 is O(log n). Its shape differs from the VM's tree, which
;; nothing observes. write_concurrency ordered_sets (the VM's CA tree) behave the same.
;;
;; Errors are badarg, as on the VM, with the cause of the VM's extended error info
;; (exception.wat's $fail_cause; erl_stdlib_errors words it): type, id or access for the
;; table ($ets_tab_for), badkey, keypos, position, table_type, owner, not_owner and
;; already_exists where erl_db.c sets them. Access: a private table is usable only by its owner; a protected one is
;; readable by all and writable by its owner; a public one by all.
;;
;; Naming: $ets_h_* are hash-table internals, $ets_t_* tree internals, $ets_map_* the
;; integer-keyed maps of the registry.

;; ---- types ------------------------------------------------------------------------------

(rec
(type $ets_i64s (array (mut i64)))

;; An open-addressed map from non-negative i64 keys to terms (-1: empty, -2: deleted).
(type $ets_map (struct
  (field $keys (mut (ref $ets_i64s)))
  (field $vals (mut (ref $tuple)))
  (field $live (mut i32))
  (field $used (mut i32))))

;; A hash-table object (the VM's HashDbTerm): chained in its bucket.
(type $ets_hent (struct
  (field $next (mut (ref null $ets_hent)))
  (field $hval i32)
  (field $obj (mut (ref $tuple)))
  (field $pdel (mut i32))))
(type $ets_bkts (array (mut (ref null $ets_hent))))

;; An ordered_set node: the object, children, height and the size of the subtree.
(type $ets_node (struct
  (field $obj (mut (ref $tuple)))
  (field $left (mut (ref null $ets_node)))
  (field $right (mut (ref null $ets_node)))
  (field $h (mut i32))
  (field $size (mut i32))))

;; A table. `type`: 0 set, 1 bag, 2 duplicate_bag, 3 ordered_set. `opts`: the option bits
;; below. `prot`: the VM's protection bits (1 private, 2 protected, 4 public).
(type $ets_tab (struct
  (field $tid (ref $ref))
  (field $name (mut (ref $atom)))
  (field $type i32)
  (field $keypos i32)
  (field $opts i32)
  (field $prot (mut i32))
  (field $alive (mut i32))
  (field $owner (mut (ref $pid)))
  (field $heir (mut eqref))
  (field $heir_data (mut eqref))
  (field $nitems (mut i32))
  (field $all_prev (mut (ref null $ets_tab)))
  (field $all_next (mut (ref null $ets_tab)))
  ;; fixation: the fix count, [{Pid, Count}] of safe_fixtable/2, and when it began
  (field $nfixed (mut i32))
  (field $fixers (mut eqref))
  (field $fix_mono (mut i64))
  (field $fix_sys (mut i64))
  ;; hash tables
  (field $bkts (mut (ref $ets_bkts)))
  (field $nactive (mut i32))
  (field $szm (mut i32))
  (field $nslots (mut i32))
  (field $shrink_limit (mut i32))
  (field $nlocks (mut i32))
  (field $lockcnt (mut (ref null $limbs)))
  (field $fixdel (mut eqref))
  ;; ordered_set
  (field $root (mut (ref null $ets_node)))))
;; What a process holds: owned tables in the order it got them, and tables it fixed.
(type $ets_prec (struct (field $owned (mut eqref)) (field $fixed (mut eqref)))))

;; Option bits of $ets_tab.opts.
(global $ETS_NAMED i32 (i32.const 1))
(global $ETS_COMPRESSED i32 (i32.const 2))
(global $ETS_READ_CONC i32 (i32.const 4))
(global $ETS_FINE i32 (i32.const 8))          ;; fine-grained locking (write_concurrency)
(global $ETS_WC_AUTO i32 (i32.const 16))      ;; {write_concurrency, auto}
(global $ETS_EXPLICIT_LOCKS i32 (i32.const 32))
(global $ETS_DECENTRAL i32 (i32.const 64))    ;; decentralized item counters

(global $ETS_SET i32 (i32.const 0))
(global $ETS_BAG i32 (i32.const 1))
(global $ETS_DBAG i32 (i32.const 2))
(global $ETS_OSET i32 (i32.const 3))

(global $ETS_PRIVATE i32 (i32.const 1))
(global $ETS_PROTECTED i32 (i32.const 2))
(global $ETS_PUBLIC i32 (i32.const 4))

;; Hash table geometry (erl_db_hash.c).
(global $ETS_FIRST_SEGSZ i32 (i32.const 256))
(global $ETS_EXT_SEGSZ i32 (i32.const 2048))
(global $ETS_NLOCKS_CTR i32 (i32.const 64))

;; ---- integer-keyed maps ---------------------------------------------------------------------

(func $ets_map_new (result (ref $ets_map))
  (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
    (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))

;; The first probe slot of key `k` in a table of `cap` (a power of two) slots.
(func $ets_map_slot (param $k i64) (param $cap i32) (result i32)
  (i32.and (i32.wrap_i64 (i64.shr_u (i64.mul (local.get $k) (i64.const 0x9E3779B97F4A7C15)) (i64.const 32)))
           (i32.sub (local.get $cap) (i32.const 1))))

;; The value under `k`, or null.
(func $ets_map_get (param $m (ref $ets_map)) (param $k i64) (result eqref)
  (local $keys (ref $ets_i64s)) (local $cap i32) (local $i i32) (local $x i64)
  (local.set $keys (struct.get $ets_map $keys (local.get $m)))
  (local.set $cap (array.len (local.get $keys)))
  (local.set $i (call $ets_map_slot (local.get $k) (local.get $cap)))
  (loop $probe
    (local.set $x (array.get $ets_i64s (local.get $keys) (local.get $i)))
    (if (i64.eq (local.get $x) (local.get $k))
      (then (return (array.get $tuple (struct.get $ets_map $vals (local.get $m)) (local.get $i)))))
    (if (i64.eq (local.get $x) (i64.const -1)) (then (return (ref.null none))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.sub (local.get $cap) (i32.const 1))))
    (br $probe))
  (ref.null none))

;; Rebuilds the map with room for its live entries (at most half full after).
(func $ets_map_rehash (param $m (ref $ets_map))
  (local $ok (ref $ets_i64s)) (local $ov (ref $tuple)) (local $cap i32) (local $i i32) (local $k i64)
  (local.set $ok (struct.get $ets_map $keys (local.get $m)))
  (local.set $ov (struct.get $ets_map $vals (local.get $m)))
  (local.set $cap (i32.const 16))
  (loop $grow
    (if (i32.le_u (local.get $cap) (i32.mul (struct.get $ets_map $live (local.get $m)) (i32.const 4)))
      (then (local.set $cap (i32.shl (local.get $cap) (i32.const 1))) (br $grow))))
  (struct.set $ets_map $keys (local.get $m) (array.new $ets_i64s (i64.const -1) (local.get $cap)))
  (struct.set $ets_map $vals (local.get $m) (array.new $tuple (ref.null none) (local.get $cap)))
  (struct.set $ets_map $live (local.get $m) (i32.const 0))
  (struct.set $ets_map $used (local.get $m) (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $ok))))
      (local.set $k (array.get $ets_i64s (local.get $ok) (local.get $i)))
      (if (i64.ge_s (local.get $k) (i64.const 0))
        (then (call $ets_map_put (local.get $m) (local.get $k) (array.get $tuple (local.get $ov) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Sets the value under `k` (non-negative) to `v`.
(func $ets_map_put (param $m (ref $ets_map)) (param $k i64) (param $v eqref)
  (local $keys (ref $ets_i64s)) (local $cap i32) (local $i i32) (local $x i64) (local $tomb i32)
  (if (i32.ge_u (i32.mul (i32.add (struct.get $ets_map $used (local.get $m)) (i32.const 1)) (i32.const 2))
                (array.len (struct.get $ets_map $keys (local.get $m))))
    (then (call $ets_map_rehash (local.get $m))))
  (local.set $keys (struct.get $ets_map $keys (local.get $m)))
  (local.set $cap (array.len (local.get $keys)))
  (local.set $i (call $ets_map_slot (local.get $k) (local.get $cap)))
  (local.set $tomb (i32.const -1))
  (loop $probe
    (local.set $x (array.get $ets_i64s (local.get $keys) (local.get $i)))
    (if (i64.eq (local.get $x) (local.get $k))
      (then
        (array.set $tuple (struct.get $ets_map $vals (local.get $m)) (local.get $i) (local.get $v))
        (return)))
    (if (i64.eq (local.get $x) (i64.const -2))
      (then (if (i32.lt_s (local.get $tomb) (i32.const 0)) (then (local.set $tomb (local.get $i))))))
    (if (i64.eq (local.get $x) (i64.const -1))
      (then
        (if (i32.ge_s (local.get $tomb) (i32.const 0))
          (then (local.set $i (local.get $tomb)))
          (else (struct.set $ets_map $used (local.get $m) (i32.add (struct.get $ets_map $used (local.get $m)) (i32.const 1)))))
        (array.set $ets_i64s (local.get $keys) (local.get $i) (local.get $k))
        (array.set $tuple (struct.get $ets_map $vals (local.get $m)) (local.get $i) (local.get $v))
        (struct.set $ets_map $live (local.get $m) (i32.add (struct.get $ets_map $live (local.get $m)) (i32.const 1)))
        (return)))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.sub (local.get $cap) (i32.const 1))))
    (br $probe)))

;; Removes `k` (if present).
(func $ets_map_remove (param $m (ref $ets_map)) (param $k i64)
  (local $keys (ref $ets_i64s)) (local $cap i32) (local $i i32) (local $x i64)
  (local.set $keys (struct.get $ets_map $keys (local.get $m)))
  (local.set $cap (array.len (local.get $keys)))
  (local.set $i (call $ets_map_slot (local.get $k) (local.get $cap)))
  (loop $probe
    (local.set $x (array.get $ets_i64s (local.get $keys) (local.get $i)))
    (if (i64.eq (local.get $x) (i64.const -1)) (then (return)))
    (if (i64.eq (local.get $x) (local.get $k))
      (then
        (array.set $ets_i64s (local.get $keys) (local.get $i) (i64.const -2))
        (array.set $tuple (struct.get $ets_map $vals (local.get $m)) (local.get $i) (ref.null none))
        (struct.set $ets_map $live (local.get $m) (i32.sub (struct.get $ets_map $live (local.get $m)) (i32.const 1)))
        (return)))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.sub (local.get $cap) (i32.const 1))))
    (br $probe)))

;; ---- the registry ---------------------------------------------------------------------------

;; Live tables by reference number and by name atom id.
(global $ets_by_ref (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))
(global $ets_by_name (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))
;; Per process (by pid number): an $ets_prec of the tables it owns and those it fixed.
(global $ets_procs (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))
;; Every live table in creation order (ets:all/0).
(global $ets_all_first (mut (ref null $ets_tab)) (ref.null none))
(global $ets_all_last (mut (ref null $ets_tab)) (ref.null none))


;; The record of process `p`, created on demand.
(func $ets_prec_of (param $p (ref $pid)) (result (ref $ets_prec))
  (local $r eqref)
  (local.set $r (call $ets_map_get (global.get $ets_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p)))))
  (if (ref.test (ref $ets_prec) (local.get $r)) (then (return (ref.cast (ref $ets_prec) (local.get $r)))))
  (local.set $r (struct.new $ets_prec (ref.null none) (ref.null none)))
  (call $ets_map_put (global.get $ets_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p))) (local.get $r))
  (ref.cast (ref $ets_prec) (local.get $r)))

;; `l` with `x` (compared by identity) removed once.
(func $ets_list_without (param $l eqref) (param $x eqref) (result eqref)
  (local $acc eqref) (local $c (ref $cons))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $c (ref.cast (ref $cons) (local.get $l)))
      (if (ref.eq (struct.get $cons $hd (local.get $c)) (local.get $x))
        (then (return (call $lists:reverse/2 (local.get $acc) (struct.get $cons $tl (local.get $c))))))
      (local.set $acc (struct.new $cons (struct.get $cons $hd (local.get $c)) (local.get $acc)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (call $lists:reverse/2 (local.get $acc) (ref.null none)))

;; `l` ++ [x].
(func $ets_list_append1 (param $l eqref) (param $x eqref) (result eqref)
  (call $lists:reverse/2 (struct.new $cons (local.get $x) (call $lists:reverse/2 (local.get $l) (ref.null none))) (ref.null none)))

;; Records `t` as owned by `p` (last in its list).
(func $ets_own (param $p (ref $pid)) (param $t (ref $ets_tab))
  (local $r (ref $ets_prec))
  (local.set $r (call $ets_prec_of (local.get $p)))
  (struct.set $ets_prec $owned (local.get $r) (call $ets_list_append1 (struct.get $ets_prec $owned (local.get $r)) (local.get $t))))

;; Forgets that `p` owns `t`.
(func $ets_disown (param $p (ref $pid)) (param $t (ref $ets_tab))
  (local $r (ref $ets_prec))
  (local.set $r (call $ets_prec_of (local.get $p)))
  (struct.set $ets_prec $owned (local.get $r) (call $ets_list_without (struct.get $ets_prec $owned (local.get $r)) (local.get $t))))

;; Whether two pids are the same process.
(func $ets_pid_eq (param $a (ref $pid)) (param $b (ref $pid)) (result i32)
  (i32.eq (struct.get $pid $num (local.get $a)) (struct.get $pid $num (local.get $b))))

;; The live table a table id names, or null. `id` must be an atom or a reference.
(func $ets_find (param $id eqref) (result (ref null $ets_tab))
  (local $r eqref)
  (if (ref.test (ref $atom) (local.get $id))
    (then (local.set $r (call $ets_map_get (global.get $ets_by_name)
      (i64.extend_i32_u (struct.get $atom $id (ref.cast (ref $atom) (local.get $id))))))))
  (if (ref.test (ref $ref) (local.get $id))
    (then
      (if (i64.ge_s (struct.get $ref $n (ref.cast (ref $ref) (local.get $id))) (i64.const 0))
        (then (local.set $r (call $ets_map_get (global.get $ets_by_ref) (struct.get $ref $n (ref.cast (ref $ref) (local.get $id)))))))))
  (if (ref.test (ref $ets_tab) (local.get $r)) (then (return (ref.cast (ref $ets_tab) (local.get $r)))))
  (ref.null none))

;; The table `id` names if the running process may use it as `what` says (a mask of the
;; protections that let any process in: 6 to read, 4 to write, 7 for info); null otherwise,
;; with the VM's reason in $ets_tab_cause: `type` for an id that is no atom and no table's
;; reference, `id` for one that names no table (any more), `access` for a table this
;; process may not use that way. $ets_fail_tab fails with it.
(global $ets_tab_cause (mut eqref) (ref.null none))
(func $ets_tab_for (param $id eqref) (param $what i32) (result (ref null $ets_tab))
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_find (local.get $id)))
  (if (ref.is_null (local.get $t))
    (then
      (global.set $ets_tab_cause
        (if (result eqref) (i32.or (ref.test (ref $atom) (local.get $id)) (call $ets_is_table_ref (local.get $id)))
          (then (global.get $atom.id))
          (else (global.get $atom.type))))
      (return (ref.null none))))
  (if (i32.eqz (i32.and (struct.get $ets_tab $prot (ref.as_non_null (local.get $t))) (local.get $what)))
    (then
      (if (i32.eqz (call $ets_pid_eq (struct.get $ets_tab $owner (ref.as_non_null (local.get $t))) (call $ets_self)))
        (then
          (global.set $ets_tab_cause (global.get $atom.access))
          (return (ref.null none))))))
  (local.get $t))

;; The failure of a BIF whose table $ets_tab_for refused.
(func $ets_fail_tab (result eqref)
  (call $fail_with_cause (global.get $atom.badarg) (global.get $ets_tab_cause)))

;; A failure with the error-info cause `cause` (badkey, keypos, ...).
(func $ets_fail_cause (param $cause eqref) (result eqref)
  (call $fail_with_cause (global.get $atom.badarg) (local.get $cause)))

;; The table for a reading BIF (null: badarg).
(func $ets_rd (param $id eqref) (result (ref null $ets_tab))
  (call $ets_tab_for (local.get $id) (i32.const 6)))

;; The table for a writing BIF (null: badarg).
(func $ets_wr (param $id eqref) (result (ref null $ets_tab))
  (call $ets_tab_for (local.get $id) (i32.const 4)))

;; The id a table is known by: its name if named, else its reference.
(func $ets_id_of (param $t (ref $ets_tab)) (result eqref)
  (if (result eqref) (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_NAMED))
    (then (struct.get $ets_tab $name (local.get $t)))
    (else (struct.get $ets_tab $tid (local.get $t)))))

;; The key of object `obj` in table `t`.
(func $ets_key (param $t (ref $ets_tab)) (param $obj (ref $tuple)) (result eqref)
  (array.get $tuple (local.get $obj) (i32.sub (struct.get $ets_tab $keypos (local.get $t)) (i32.const 1))))

;; Whether `o` is a tuple that can be stored in `t` (arity >= keypos).
(func $ets_is_obj (param $t (ref $ets_tab)) (param $o eqref) (result i32)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $o))) (then (return (i32.const 0))))
  (i32.ge_u (array.len (ref.cast (ref $tuple) (local.get $o))) (struct.get $ets_tab $keypos (local.get $t))))

(func $ets_is_hash (param $t (ref $ets_tab)) (result i32)
  (i32.ne (struct.get $ets_tab $type (local.get $t)) (global.get $ETS_OSET)))

;; ---- hash tables: geometry --------------------------------------------------------------

;; MAKE_HASH(Key): an atom's name hash, else the internal hash.
(func $ets_hash (param $k eqref) (result i32)
  (if (ref.test (ref $atom) (local.get $k))
    (then (return (call $hash_atom_name (ref.cast (ref $atom) (local.get $k))))))
  (call $make_internal_hash (local.get $k) (i32.const 0)))

;; hash_to_ix: the bucket of hash value `h`.
(func $ets_h_ix (param $t (ref $ets_tab)) (param $h i32) (result i32)
  (local $ix i32)
  (local.set $ix (i32.and (local.get $h) (struct.get $ets_tab $szm (local.get $t))))
  (if (i32.ge_u (local.get $ix) (struct.get $ets_tab $nactive (local.get $t)))
    (then (local.set $ix (i32.and (local.get $ix) (i32.shr_u (struct.get $ets_tab $szm (local.get $t)) (i32.const 1))))))
  (local.get $ix))

(func $ets_bucket (param $t (ref $ets_tab)) (param $ix i32) (result (ref null $ets_hent))
  (array.get $ets_bkts (struct.get $ets_tab $bkts (local.get $t)) (local.get $ix)))

(func $ets_set_bucket (param $t (ref $ets_tab)) (param $ix i32) (param $e (ref null $ets_hent))
  (array.set $ets_bkts (struct.get $ets_tab $bkts (local.get $t)) (local.get $ix) (local.get $e)))

;; next_slot: the bucket after `ix` in iteration order (0: the end). Fine-locked tables
;; visit i, i+nlocks, i+2*nlocks, ... for each i below nlocks.
(func $ets_h_next_slot (param $t (ref $ets_tab)) (param $ix i32) (result i32)
  (local $n i32)
  (local.set $n (struct.get $ets_tab $nlocks (local.get $t)))
  (local.set $ix (i32.add (local.get $ix) (local.get $n)))
  (if (i32.lt_u (local.get $ix) (struct.get $ets_tab $nactive (local.get $t))) (then (return (local.get $ix))))
  (i32.and (i32.add (local.get $ix) (i32.const 1)) (i32.sub (local.get $n) (i32.const 1))))

;; Makes room for `n` buckets.
(func $ets_h_reserve (param $t (ref $ets_tab)) (param $n i32)
  (local $old (ref $ets_bkts)) (local $new (ref $ets_bkts)) (local $cap i32)
  (local.set $old (struct.get $ets_tab $bkts (local.get $t)))
  (local.set $cap (array.len (local.get $old)))
  (if (i32.ge_u (local.get $cap) (local.get $n)) (then (return)))
  (loop $grow
    (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
    (br_if $grow (i32.lt_u (local.get $cap) (local.get $n))))
  (local.set $new (array.new_default $ets_bkts (local.get $cap)))
  (array.copy $ets_bkts $ets_bkts (local.get $new) (i32.const 0) (local.get $old) (i32.const 0) (array.len (local.get $old)))
  (struct.set $ets_tab $bkts (local.get $t) (local.get $new)))

;; calc_shrink_limit.
(func $ets_h_calc_shrink_limit (param $t (ref $ets_tab))
  (local $enough i32) (local $nslots i32) (local $min i32)
  (local.set $nslots (struct.get $ets_tab $nslots (local.get $t)))
  (local.set $enough (i32.const 1))
  (if (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_DECENTRAL))
    (then (if (i32.lt_s (local.get $nslots) (i32.const 6400)) (then (local.set $enough (i32.const 0))))))
  ;; MAX(nlocks + EXT_SEGSZ, FIRST_SEGSZ + 2*EXT_SEGSZ)
  (local.set $min (i32.add (struct.get $ets_tab $nlocks (local.get $t)) (i32.const 2048)))
  (if (i32.lt_s (local.get $min) (i32.const 4352)) (then (local.set $min (i32.const 4352))))
  (struct.set $ets_tab $shrink_limit (local.get $t)
    (if (result i32) (i32.and (local.get $enough) (i32.ge_s (local.get $nslots) (local.get $min)))
      (then (i32.div_s (i32.sub (local.get $nslots) (i32.const 2048)) (i32.const 2)))
      (else (i32.const 0)))))

;; alloc_seg: 2048 more buckets, made active at once when `activate`.
(func $ets_h_alloc_seg (param $t (ref $ets_tab)) (param $activate i32)
  (local $now i32) (local $p2 i32)
  (struct.set $ets_tab $nslots (local.get $t) (i32.add (struct.get $ets_tab $nslots (local.get $t)) (i32.const 2048)))
  (call $ets_h_reserve (local.get $t) (struct.get $ets_tab $nslots (local.get $t)))
  (if (local.get $activate)
    (then
      (local.set $now (i32.add (struct.get $ets_tab $nactive (local.get $t)) (i32.const 2048)))
      ;; the largest power of two not above `now`
      (local.set $p2 (i32.shl (i32.const 1) (i32.sub (i32.const 31) (i32.clz (local.get $now)))))
      (struct.set $ets_tab $szm (local.get $t)
        (if (result i32) (i32.ne (local.get $p2) (local.get $now))
          (then (i32.sub (i32.shl (local.get $p2) (i32.const 1)) (i32.const 1)))
          (else (i32.sub (local.get $p2) (i32.const 1)))))
      (struct.set $ets_tab $nactive (local.get $t) (local.get $now))))
  (call $ets_h_calc_shrink_limit (local.get $t)))

;; db_create_hash: an empty hash table of 256 buckets (more when it has more locks).
(func $ets_h_init (param $t (ref $ets_tab))
  (struct.set $ets_tab $bkts (local.get $t) (array.new_default $ets_bkts (i32.const 256)))
  (struct.set $ets_tab $szm (local.get $t) (i32.const 255))
  (struct.set $ets_tab $nactive (local.get $t) (i32.const 256))
  (struct.set $ets_tab $nslots (local.get $t) (i32.const 256))
  (struct.set $ets_tab $shrink_limit (local.get $t) (i32.const 0))
  (struct.set $ets_tab $fixdel (local.get $t) (ref.null none))
  (if (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_DECENTRAL))
    (then (struct.set $ets_tab $lockcnt (local.get $t) (array.new_default $limbs (i32.const 64)))))
  (loop $more
    (if (i32.gt_u (struct.get $ets_tab $nlocks (local.get $t)) (struct.get $ets_tab $nslots (local.get $t)))
      (then (call $ets_h_alloc_seg (local.get $t) (i32.const 1)) (br $more)))))

;; ---- hash tables: item counts ------------------------------------------------------------

;; Adds `d` to the item count (and to the counter of hash `h`'s lock when decentralized).
(func $ets_h_add_items (param $t (ref $ets_tab)) (param $h i32) (param $d i32)
  (local $c (ref null $limbs)) (local $i i32)
  (struct.set $ets_tab $nitems (local.get $t) (i32.add (struct.get $ets_tab $nitems (local.get $t)) (local.get $d)))
  (local.set $c (struct.get $ets_tab $lockcnt (local.get $t)))
  (if (i32.eqz (ref.is_null (local.get $c)))
    (then
      (local.set $i (i32.and (local.get $h) (i32.const 63)))
      (array.set $limbs (ref.as_non_null (local.get $c)) (local.get $i)
        (i32.add (array.get $limbs (ref.as_non_null (local.get $c)) (local.get $i)) (local.get $d))))))

;; NITEMS_ESTIMATE: the item count, or with decentralized counters 64 times the count of
;; hash `h`'s lock.
(func $ets_h_estimate (param $t (ref $ets_tab)) (param $h i32) (result i32)
  (local $c (ref null $limbs))
  (local.set $c (struct.get $ets_tab $lockcnt (local.get $t)))
  (if (ref.is_null (local.get $c)) (then (return (struct.get $ets_tab $nitems (local.get $t)))))
  (i32.mul (array.get $limbs (ref.as_non_null (local.get $c)) (i32.and (local.get $h) (i32.const 63))) (i32.const 64)))

;; RESET_NITEMS: the item count only. The VM keeps a second count per lock for its estimates
;; (decentralized counters); a table emptied while fixed keeps those.
(func $ets_h_reset_items (param $t (ref $ets_tab))
  (struct.set $ets_tab $nitems (local.get $t) (i32.const 0)))

;; The count delete_all_objects reports (get_nitems_from_locks_or_counter): with
;; decentralized counters the sum of the per-lock counts.
(func $ets_h_lock_total (param $t (ref $ets_tab)) (result i32)
  (local $c (ref null $limbs)) (local $i i32) (local $n i32)
  (local.set $c (struct.get $ets_tab $lockcnt (local.get $t)))
  (if (ref.is_null (local.get $c)) (then (return (struct.get $ets_tab $nitems (local.get $t)))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 64)))
      (local.set $n (i32.add (local.get $n) (array.get $limbs (ref.as_non_null (local.get $c)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $n))

(func $ets_fixed (param $t (ref $ets_tab)) (result i32)
  (i32.ne (struct.get $ets_tab $nfixed (local.get $t)) (i32.const 0)))

;; Remembers that bucket `ix` holds a pseudo-deleted object (-1: every bucket).
(func $ets_h_add_fixdel (param $t (ref $ets_tab)) (param $ix i32)
  (struct.set $ets_tab $fixdel (local.get $t)
    (struct.new $cons (ref.i31 (local.get $ix)) (struct.get $ets_tab $fixdel (local.get $t)))))

;; ---- hash tables: growing and shrinking --------------------------------------------------

;; grow: split buckets while the estimate exceeds the number of active buckets (at most 5).
(func $ets_h_grow (param $t (ref $ets_tab)) (param $nitems i32)
  (local $loops i32) (local $nactive i32) (local $szm i32) (local $from i32) (local $to i32)
  (local $p (ref null $ets_hent)) (local $e (ref $ets_hent))
  (local $stay_h (ref null $ets_hent)) (local $stay_t (ref null $ets_hent))
  (local $move_h (ref null $ets_hent)) (local $move_t (ref null $ets_hent))
  (local.set $loops (i32.const 5))
  (loop $again
    (local.set $nactive (struct.get $ets_tab $nactive (local.get $t)))
    (if (i32.le_s (local.get $nitems) (local.get $nactive)) (then (return)))
    (if (call $ets_fixed (local.get $t)) (then (return)))
    (if (i32.eq (local.get $nactive) (struct.get $ets_tab $nslots (local.get $t)))
      (then (call $ets_h_alloc_seg (local.get $t) (i32.const 0))))
    (local.set $szm (struct.get $ets_tab $szm (local.get $t)))
    (if (i32.le_u (local.get $nactive) (local.get $szm))
      (then (local.set $from (i32.and (local.get $nactive) (i32.shr_u (local.get $szm) (i32.const 1)))))
      (else
        (local.set $from (i32.const 0))
        (local.set $szm (i32.or (i32.shl (local.get $szm) (i32.const 1)) (i32.const 1)))))
    (local.set $to (local.get $nactive))
    (local.set $nactive (i32.add (local.get $nactive) (i32.const 1)))
    (struct.set $ets_tab $nactive (local.get $t) (local.get $nactive))
    (if (i32.eqz (local.get $from)) (then (struct.set $ets_tab $szm (local.get $t) (local.get $szm))))
    ;; split bucket `from`, keeping the order within both halves
    (local.set $p (call $ets_bucket (local.get $t) (local.get $from)))
    (local.set $stay_h (ref.null none)) (local.set $stay_t (ref.null none))
    (local.set $move_h (ref.null none)) (local.set $move_t (ref.null none))
    (block $split_done
      (loop $split
        (br_if $split_done (ref.is_null (local.get $p)))
        (local.set $e (ref.as_non_null (local.get $p)))
        (local.set $p (struct.get $ets_hent $next (local.get $e)))
        (struct.set $ets_hent $next (local.get $e) (ref.null none))
        (if (i32.eqz (struct.get $ets_hent $pdel (local.get $e)))
          (then
            (if (i32.ne (i32.and (struct.get $ets_hent $hval (local.get $e)) (local.get $szm)) (local.get $from))
              (then
                (if (ref.is_null (local.get $move_t))
                  (then (local.set $move_h (local.get $e)))
                  (else (struct.set $ets_hent $next (ref.as_non_null (local.get $move_t)) (local.get $e))))
                (local.set $move_t (local.get $e)))
              (else
                (if (ref.is_null (local.get $stay_t))
                  (then (local.set $stay_h (local.get $e)))
                  (else (struct.set $ets_hent $next (ref.as_non_null (local.get $stay_t)) (local.get $e))))
                (local.set $stay_t (local.get $e))))))
        (br $split)))
    (call $ets_set_bucket (local.get $t) (local.get $from) (local.get $stay_h))
    (call $ets_set_bucket (local.get $t) (local.get $to) (local.get $move_h))
    (local.set $loops (i32.sub (local.get $loops) (i32.const 1)))
    (br_if $again (i32.and (i32.ne (local.get $loops) (i32.const 0)) (i32.gt_s (local.get $nitems) (local.get $nactive))))))

;; shrink: join the top bucket into its buddy while the estimate is below the shrink limit.
(func $ets_h_shrink (param $t (ref $ets_tab)) (param $nitems i32)
  (local $loops i32) (local $src i32) (local $dst i32) (local $low i32)
  (local $p (ref null $ets_hent)) (local $e (ref $ets_hent)) (local $h (ref null $ets_hent)) (local $tl (ref null $ets_hent))
  (local.set $loops (i32.const 5))
  (loop $again
    (if (i32.ge_s (local.get $nitems) (struct.get $ets_tab $shrink_limit (local.get $t))) (then (return)))
    (if (call $ets_fixed (local.get $t)) (then (return)))
    (local.set $src (i32.sub (struct.get $ets_tab $nactive (local.get $t)) (i32.const 1)))
    (local.set $low (i32.shr_u (struct.get $ets_tab $szm (local.get $t)) (i32.const 1)))
    (local.set $dst (i32.and (local.get $src) (local.get $low)))
    (local.set $p (call $ets_bucket (local.get $t) (local.get $src)))
    (call $ets_set_bucket (local.get $t) (local.get $src) (ref.null none))
    (struct.set $ets_tab $nactive (local.get $t) (local.get $src))
    (if (i32.eqz (local.get $dst)) (then (struct.set $ets_tab $szm (local.get $t) (local.get $low))))
    (if (i32.ge_s (i32.sub (struct.get $ets_tab $nslots (local.get $t)) (local.get $src)) (i32.const 2048))
      (then
        (struct.set $ets_tab $nslots (local.get $t) (i32.sub (struct.get $ets_tab $nslots (local.get $t)) (i32.const 2048)))
        (call $ets_h_calc_shrink_limit (local.get $t))))
    ;; the source chain (without pseudo-deleted objects), then the old destination chain
    (local.set $h (ref.null none)) (local.set $tl (ref.null none))
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $e (ref.as_non_null (local.get $p)))
        (local.set $p (struct.get $ets_hent $next (local.get $e)))
        (if (i32.eqz (struct.get $ets_hent $pdel (local.get $e)))
          (then
            (struct.set $ets_hent $next (local.get $e) (ref.null none))
            (if (ref.is_null (local.get $tl))
              (then (local.set $h (local.get $e)))
              (else (struct.set $ets_hent $next (ref.as_non_null (local.get $tl)) (local.get $e))))
            (local.set $tl (local.get $e))))
        (br $walk)))
    (if (ref.is_null (local.get $tl))
      (then)
      (else
        (struct.set $ets_hent $next (ref.as_non_null (local.get $tl)) (call $ets_bucket (local.get $t) (local.get $dst)))
        (call $ets_set_bucket (local.get $t) (local.get $dst) (local.get $h))))
    (local.set $loops (i32.sub (local.get $loops) (i32.const 1)))
    (br_if $again (local.get $loops))))

;; try_shrink after a deletion.
(func $ets_h_try_shrink (param $t (ref $ets_tab)) (param $nitems i32)
  (if (i32.and (i32.lt_s (local.get $nitems) (struct.get $ets_tab $shrink_limit (local.get $t)))
               (i32.eqz (call $ets_fixed (local.get $t))))
    (then (call $ets_h_shrink (local.get $t) (local.get $nitems)))))

;; The grow check after an object was added with hash `h`.
(func $ets_h_try_grow (param $t (ref $ets_tab)) (param $h i32)
  (local $n i32)
  (local.set $n (call $ets_h_estimate (local.get $t) (local.get $h)))
  (if (i32.and (i32.gt_s (local.get $n) (struct.get $ets_tab $nactive (local.get $t)))
               (i32.eqz (call $ets_fixed (local.get $t))))
    (then (call $ets_h_grow (local.get $t) (local.get $n)))))

;; db_unfix_table_hash: drops the pseudo-deleted objects of the remembered buckets.
(func $ets_h_unfix (param $t (ref $ets_tab))
  (local $l eqref) (local $ix i32) (local $hi i32)
  (local.set $l (struct.get $ets_tab $fixdel (local.get $t)))
  (struct.set $ets_tab $fixdel (local.get $t) (ref.null none))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $ix (i31.get_s (ref.cast (ref i31) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
      (if (i32.lt_s (local.get $ix) (i32.const 0))
        (then
          (local.set $hi (struct.get $ets_tab $nactive (local.get $t)))
          (local.set $ix (i32.const 0))
          (block $all_done
            (loop $all
              (br_if $all_done (i32.ge_u (local.get $ix) (local.get $hi)))
              (call $ets_h_purge (local.get $t) (local.get $ix))
              (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
              (br $all))))
        (else
          (if (i32.lt_u (local.get $ix) (struct.get $ets_tab $nactive (local.get $t)))
            (then (call $ets_h_purge (local.get $t) (local.get $ix))))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next))))

;; Unlinks the pseudo-deleted objects of bucket `ix`.
(func $ets_h_purge (param $t (ref $ets_tab)) (param $ix i32)
  (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent)) (local $e (ref $ets_hent))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $b)))
      (local.set $e (ref.as_non_null (local.get $b)))
      (local.set $b (struct.get $ets_hent $next (local.get $e)))
      (if (struct.get $ets_hent $pdel (local.get $e))
        (then
          (if (ref.is_null (local.get $prev))
            (then (call $ets_set_bucket (local.get $t) (local.get $ix) (local.get $b)))
            (else (struct.set $ets_hent $next (ref.as_non_null (local.get $prev)) (local.get $b)))))
        (else (local.set $prev (local.get $e))))
      (br $next))))

;; ---- hash tables: objects ----------------------------------------------------------------

;; has_key: `e` (live or pseudo-deleted) has key `k` of hash `h`.
(func $ets_h_has_key (param $t (ref $ets_tab)) (param $e (ref $ets_hent)) (param $k eqref) (param $h i32) (result i32)
  (if (i32.ne (struct.get $ets_hent $hval (local.get $e)) (local.get $h)) (then (return (i32.const 0))))
  (call $eq_exact (local.get $k) (call $ets_key (local.get $t) (struct.get $ets_hent $obj (local.get $e)))))

;; has_live_key.
(func $ets_h_has_live_key (param $t (ref $ets_tab)) (param $e (ref $ets_hent)) (param $k eqref) (param $h i32) (result i32)
  (if (struct.get $ets_hent $pdel (local.get $e)) (then (return (i32.const 0))))
  (call $ets_h_has_key (local.get $t) (local.get $e) (local.get $k) (local.get $h)))

;; db_put_hash: stores `obj`; 1 when `clash` (insert_new) and its key is taken, else 0.
(func $ets_h_put (param $t (ref $ets_tab)) (param $obj (ref $tuple)) (param $clash i32) (result i32)
  (local $k eqref) (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent))
  (local $q (ref null $ets_hent)) (local $qprev (ref null $ets_hent)) (local $e (ref $ets_hent))
  (local.set $k (call $ets_key (local.get $t) (local.get $obj)))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $new
    (block $found
      (loop $scan
        (br_if $new (ref.is_null (local.get $b)))
        (br_if $found (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h)))
        (local.set $prev (local.get $b))
        (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
        (br $scan)))
    ;; the key is there
    (if (i32.eqz (struct.get $ets_tab $type (local.get $t)))
      (then
        (if (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b)))
          (then
            (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const 1))
            (struct.set $ets_hent $pdel (ref.as_non_null (local.get $b)) (i32.const 0)))
          (else (if (local.get $clash) (then (return (i32.const 1))))))
        (struct.set $ets_hent $obj (ref.as_non_null (local.get $b)) (local.get $obj))
        (return (i32.const 0))))
    (if (local.get $clash)
      (then
        (local.set $q (local.get $b))
        (loop $live
          (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $q)))) (then (return (i32.const 1))))
          (local.set $q (struct.get $ets_hent $next (ref.as_non_null (local.get $q))))
          (if (i32.eqz (ref.is_null (local.get $q)))
            (then (br_if $live (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $q)) (local.get $k) (local.get $h))))))
        (br $new)))
    (if (i32.eq (struct.get $ets_tab $type (local.get $t)) (global.get $ETS_BAG))
      (then
        (local.set $q (local.get $b))
        (local.set $qprev (local.get $prev))
        (loop $same
          (if (call $eq_exact (local.get $obj) (struct.get $ets_hent $obj (ref.as_non_null (local.get $q))))
            (then
              (if (struct.get $ets_hent $pdel (ref.as_non_null (local.get $q)))
                (then
                  (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const 1))
                  (struct.set $ets_hent $pdel (ref.as_non_null (local.get $q)) (i32.const 0))
                  ;; move it to the front of its key's group, keeping insertion order
                  (if (i32.eqz (ref.eq (local.get $q) (local.get $b)))
                    (then
                      (struct.set $ets_hent $next (ref.as_non_null (local.get $qprev))
                        (struct.get $ets_hent $next (ref.as_non_null (local.get $q))))
                      (struct.set $ets_hent $next (ref.as_non_null (local.get $q)) (local.get $b))
                      (if (ref.is_null (local.get $prev))
                        (then (call $ets_set_bucket (local.get $t) (local.get $ix) (local.get $q)))
                        (else (struct.set $ets_hent $next (ref.as_non_null (local.get $prev)) (local.get $q))))))))
              (return (i32.const 0))))
          (local.set $qprev (local.get $q))
          (local.set $q (struct.get $ets_hent $next (ref.as_non_null (local.get $q))))
          (if (i32.eqz (ref.is_null (local.get $q)))
            (then (br_if $same (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $q)) (local.get $k) (local.get $h))))))))
    ;; duplicate_bag, or a bag object not yet there: fall through to a new object
  )
  ;; a new object in front of `b` (the key's group, or the end of the bucket)
  (local.set $e (struct.new $ets_hent (local.get $b) (local.get $h) (local.get $obj) (i32.const 0)))
  (if (ref.is_null (local.get $prev))
    (then (call $ets_set_bucket (local.get $t) (local.get $ix) (local.get $e)))
    (else (struct.set $ets_hent $next (ref.as_non_null (local.get $prev)) (local.get $e))))
  (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const 1))
  (call $ets_h_try_grow (local.get $t) (local.get $h))
  (i32.const 0))

;; The first live object with key `k` (hash `h`) in its bucket, or null.
(func $ets_h_find (param $t (ref $ets_tab)) (param $k eqref) (param $h i32) (result (ref null $ets_hent))
  (local $b (ref null $ets_hent))
  (local.set $b (call $ets_bucket (local.get $t) (call $ets_h_ix (local.get $t) (local.get $h))))
  (block $done
    (loop $scan
      (br_if $done (ref.is_null (local.get $b)))
      (if (call $ets_h_has_live_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h))
        (then (return (local.get $b))))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $scan)))
  (ref.null none))

;; The end of the key group starting at `b1` (the first object after it without key `k`).
(func $ets_h_group_end (param $t (ref $ets_tab)) (param $b1 (ref $ets_hent)) (param $k eqref) (param $h i32) (result (ref null $ets_hent))
  (local $b (ref null $ets_hent))
  (local.set $b (struct.get $ets_hent $next (local.get $b1)))
  (if (i32.eqz (struct.get $ets_tab $type (local.get $t))) (then (return (local.get $b))))
  (block $done
    (loop $scan
      (br_if $done (ref.is_null (local.get $b)))
      (br_if $done (i32.eqz (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h))))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $scan)))
  (local.get $b))

;; build_term_list: the live objects from `b` up to `end`, last first.
(func $ets_h_objects (param $b (ref null $ets_hent)) (param $end (ref null $ets_hent)) (result eqref)
  (local $acc eqref)
  (block $done
    (loop $walk
      (br_if $done (ref.is_null (local.get $b)))
      (br_if $done (ref.eq (local.get $b) (local.get $end)))
      (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b))))
        (then (local.set $acc (struct.new $cons (struct.get $ets_hent $obj (ref.as_non_null (local.get $b))) (local.get $acc)))))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $walk)))
  (local.get $acc))

;; db_get_hash: the objects with key `k`.
(func $ets_h_get (param $t (ref $ets_tab)) (param $k eqref) (result eqref)
  (local $h i32) (local $b (ref null $ets_hent))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $b (call $ets_h_find (local.get $t) (local.get $k) (local.get $h)))
  (if (ref.is_null (local.get $b)) (then (return (ref.null none))))
  (call $ets_h_objects (local.get $b)
    (call $ets_h_group_end (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h))))

;; db_get_element_hash: element `pos` of the object(s) with key `k`; $FAIL when there is
;; none or an object is too short.
(func $ets_h_get_element (param $t (ref $ets_tab)) (param $k eqref) (param $pos i32) (result eqref)
  (local $h i32) (local $b1 (ref null $ets_hent)) (local $b (ref null $ets_hent)) (local $end (ref null $ets_hent))
  (local $acc eqref) (local $o (ref $tuple))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $b1 (call $ets_h_find (local.get $t) (local.get $k) (local.get $h)))
  (if (ref.is_null (local.get $b1)) (then (return (global.get $FAIL))))
  (if (i32.gt_u (local.get $pos) (array.len (struct.get $ets_hent $obj (ref.as_non_null (local.get $b1)))))
    (then (return (global.get $FAIL))))
  (if (i32.eqz (struct.get $ets_tab $type (local.get $t)))
    (then (return (array.get $tuple (struct.get $ets_hent $obj (ref.as_non_null (local.get $b1))) (i32.sub (local.get $pos) (i32.const 1))))))
  (local.set $end (call $ets_h_group_end (local.get $t) (ref.as_non_null (local.get $b1)) (local.get $k) (local.get $h)))
  (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b1))))
  (block $checked
    (loop $check
      (br_if $checked (ref.eq (local.get $b) (local.get $end)))
      (if (i32.and (i32.gt_u (local.get $pos) (array.len (struct.get $ets_hent $obj (ref.as_non_null (local.get $b)))))
                   (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b)))))
        (then (return (global.get $FAIL))))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $check)))
  (local.set $b (local.get $b1))
  (block $done
    (loop $walk
      (br_if $done (ref.eq (local.get $b) (local.get $end)))
      (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b))))
        (then
          (local.set $o (struct.get $ets_hent $obj (ref.as_non_null (local.get $b))))
          (local.set $acc (struct.new $cons (array.get $tuple (local.get $o) (i32.sub (local.get $pos) (i32.const 1))) (local.get $acc)))))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $walk)))
  (local.get $acc))

;; Unlinks `e` from bucket `ix` given its predecessor `prev` (null: `e` is the head).
(func $ets_h_unlink (param $t (ref $ets_tab)) (param $ix i32) (param $prev (ref null $ets_hent)) (param $e (ref $ets_hent))
  (if (ref.is_null (local.get $prev))
    (then (call $ets_set_bucket (local.get $t) (local.get $ix) (struct.get $ets_hent $next (local.get $e))))
    (else (struct.set $ets_hent $next (ref.as_non_null (local.get $prev)) (struct.get $ets_hent $next (local.get $e))))))

;; db_erase_hash: deletes the objects with key `k`.
(func $ets_h_erase (param $t (ref $ets_tab)) (param $k eqref)
  (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent)) (local $e (ref $ets_hent))
  (local $diff i32)
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $done
    (loop $scan
      (br_if $done (ref.is_null (local.get $b)))
      (local.set $e (ref.as_non_null (local.get $b)))
      (if (call $ets_h_has_live_key (local.get $t) (local.get $e) (local.get $k) (local.get $h))
        (then
          (local.set $diff (i32.sub (local.get $diff) (i32.const 1)))
          (if (i32.and (i32.eq (local.get $diff) (i32.const -1)) (call $ets_fixed (local.get $t)))
            (then
              (call $ets_h_add_fixdel (local.get $t) (local.get $ix))
              (struct.set $ets_hent $pdel (local.get $e) (i32.const 1)))
            (else
              (call $ets_h_unlink (local.get $t) (local.get $ix) (local.get $prev) (local.get $e))
              (local.set $b (struct.get $ets_hent $next (local.get $e)))
              (br $scan))))
        (else
          (br_if $done (i32.and (i32.ne (local.get $diff) (i32.const 0)) (i32.eqz (struct.get $ets_hent $pdel (local.get $e)))))))
      (local.set $prev (local.get $e))
      (local.set $b (struct.get $ets_hent $next (local.get $e)))
      (br $scan)))
  (if (local.get $diff)
    (then
      (call $ets_h_add_items (local.get $t) (local.get $h) (local.get $diff))
      (call $ets_h_try_shrink (local.get $t) (call $ets_h_estimate (local.get $t) (local.get $h))))))

;; db_erase_object_hash: deletes object `obj` (every copy in a duplicate_bag).
(func $ets_h_erase_object (param $t (ref $ets_tab)) (param $obj (ref $tuple))
  (local $k eqref) (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent))
  (local $e (ref $ets_hent)) (local $diff i32) (local $nkeys i32)
  (local.set $k (call $ets_key (local.get $t) (local.get $obj)))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $done
    (loop $scan
      (br_if $done (ref.is_null (local.get $b)))
      (local.set $e (ref.as_non_null (local.get $b)))
      (if (call $ets_h_has_live_key (local.get $t) (local.get $e) (local.get $k) (local.get $h))
        (then
          (local.set $nkeys (i32.add (local.get $nkeys) (i32.const 1)))
          (if (call $eq_exact (local.get $obj) (struct.get $ets_hent $obj (local.get $e)))
            (then
              (local.set $diff (i32.sub (local.get $diff) (i32.const 1)))
              (if (i32.and (i32.eq (local.get $nkeys) (i32.const 1)) (call $ets_fixed (local.get $t)))
                (then
                  (call $ets_h_add_fixdel (local.get $t) (local.get $ix))
                  (struct.set $ets_hent $pdel (local.get $e) (i32.const 1))
                  (local.set $prev (local.get $e))
                  (local.set $b (struct.get $ets_hent $next (local.get $e))))
                (else
                  (call $ets_h_unlink (local.get $t) (local.get $ix) (local.get $prev) (local.get $e))
                  (local.set $b (struct.get $ets_hent $next (local.get $e)))))
              (br_if $scan (i32.eq (struct.get $ets_tab $type (local.get $t)) (global.get $ETS_DBAG)))
              (br $done))))
        (else
          (br_if $done (i32.and (i32.ne (local.get $diff) (i32.const 0)) (i32.eqz (struct.get $ets_hent $pdel (local.get $e)))))))
      (local.set $prev (local.get $e))
      (local.set $b (struct.get $ets_hent $next (local.get $e)))
      (br $scan)))
  (if (local.get $diff)
    (then
      (call $ets_h_add_items (local.get $t) (local.get $h) (local.get $diff))
      (call $ets_h_try_shrink (local.get $t) (call $ets_h_estimate (local.get $t) (local.get $h))))))

;; db_take_hash: the objects with key `k`, deleted.
(func $ets_h_take (param $t (ref $ets_tab)) (param $k eqref) (result eqref)
  (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent))
  (local $e (ref $ets_hent)) (local $end (ref null $ets_hent)) (local $diff i32) (local $ret eqref)
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $done
    (loop $scan
      (br_if $done (ref.is_null (local.get $b)))
      (local.set $e (ref.as_non_null (local.get $b)))
      (if (call $ets_h_has_live_key (local.get $t) (local.get $e) (local.get $k) (local.get $h))
        (then
          (local.set $end (call $ets_h_group_end (local.get $t) (local.get $e) (local.get $k) (local.get $h)))
          (local.set $ret (call $ets_h_objects (local.get $e) (local.get $end)))
          (block $del_done
            (loop $del
              (br_if $del_done (ref.eq (local.get $b) (local.get $end)))
              (local.set $e (ref.as_non_null (local.get $b)))
              (local.set $diff (i32.sub (local.get $diff) (i32.const 1)))
              (if (i32.and (i32.eq (local.get $diff) (i32.const -1)) (call $ets_fixed (local.get $t)))
                (then
                  (call $ets_h_add_fixdel (local.get $t) (local.get $ix))
                  (struct.set $ets_hent $pdel (local.get $e) (i32.const 1))
                  (local.set $prev (local.get $e)))
                (else (call $ets_h_unlink (local.get $t) (local.get $ix) (local.get $prev) (local.get $e))))
              (local.set $b (struct.get $ets_hent $next (local.get $e)))
              (br $del)))
          (br $done)))
      (local.set $prev (local.get $e))
      (local.set $b (struct.get $ets_hent $next (local.get $e)))
      (br $scan)))
  (if (local.get $diff)
    (then
      (call $ets_h_add_items (local.get $t) (local.get $h) (local.get $diff))
      (call $ets_h_try_shrink (local.get $t) (call $ets_h_estimate (local.get $t) (local.get $h)))))
  (local.get $ret))

;; next_live: the first live object from `b` on, continuing with the buckets after `ix` in
;; iteration order; null at the end. Sets $ets_h_cur_ix to the object's bucket.
(global $ets_h_cur_ix (mut i32) (i32.const 0))
(func $ets_h_next_live (param $t (ref $ets_tab)) (param $ix i32) (param $b (ref null $ets_hent)) (result (ref null $ets_hent))
  (loop $in_bucket
    (if (i32.eqz (ref.is_null (local.get $b)))
      (then
        (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b))))
          (then (global.set $ets_h_cur_ix (local.get $ix)) (return (local.get $b))))
        (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
        (br $in_bucket))))
  (loop $buckets
    (local.set $ix (call $ets_h_next_slot (local.get $t) (local.get $ix)))
    (if (i32.eqz (local.get $ix)) (then (return (ref.null none))))
    (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
    (loop $scan
      (if (i32.eqz (ref.is_null (local.get $b)))
        (then
          (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b))))
            (then (global.set $ets_h_cur_ix (local.get $ix)) (return (local.get $b))))
          (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
          (br $scan))))
    (br $buckets))
  (ref.null none))

;; db_first_hash.
(func $ets_h_first (param $t (ref $ets_tab)) (result eqref)
  (local $b (ref null $ets_hent))
  (local.set $b (call $ets_h_next_live (local.get $t) (i32.const 0) (call $ets_bucket (local.get $t) (i32.const 0))))
  (if (ref.is_null (local.get $b)) (then (return (global.get $atom.$end_of_table))))
  (call $ets_key (local.get $t) (struct.get $ets_hent $obj (ref.as_non_null (local.get $b)))))

;; db_next_hash: the key after `k`; $FAIL when `k` is not in the table.
(func $ets_h_next (param $t (ref $ets_tab)) (param $k eqref) (result eqref)
  (local $h i32) (local $ix i32) (local $b (ref null $ets_hent))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $found
    (loop $scan
      (if (ref.is_null (local.get $b)) (then (return (global.get $FAIL))))
      (br_if $found (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h)))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $scan)))
  (local.set $b (call $ets_h_next_live (local.get $t) (local.get $ix) (struct.get $ets_hent $next (ref.as_non_null (local.get $b)))))
  (if (struct.get $ets_tab $type (local.get $t))
    (then
      (block $other
        (loop $skip
          (br_if $other (ref.is_null (local.get $b)))
          (br_if $other (i32.eqz (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h))))
          (local.set $b (call $ets_h_next_live (local.get $t) (global.get $ets_h_cur_ix)
            (struct.get $ets_hent $next (ref.as_non_null (local.get $b)))))
          (br $skip)))))
  (if (ref.is_null (local.get $b)) (then (return (global.get $atom.$end_of_table))))
  (call $ets_key (local.get $t) (struct.get $ets_hent $obj (ref.as_non_null (local.get $b)))))

;; db_slot_hash: the live objects of bucket `i`; '$end_of_table' just past the last
;; bucket; $FAIL beyond.
(func $ets_h_slot (param $t (ref $ets_tab)) (param $i i32) (result eqref)
  (if (i32.lt_u (local.get $i) (struct.get $ets_tab $nactive (local.get $t)))
    (then (return (call $ets_h_objects (call $ets_bucket (local.get $t) (local.get $i)) (ref.null none)))))
  (if (i32.eq (local.get $i) (struct.get $ets_tab $nactive (local.get $t)))
    (then (return (global.get $atom.$end_of_table))))
  (global.get $FAIL))

;; delete_all_objects: a fresh table, or with a fixed table every object pseudo-deleted.
(func $ets_h_clear (param $t (ref $ets_tab))
  (local $ix i32) (local $b (ref null $ets_hent))
  (if (call $ets_fixed (local.get $t))
    (then
      (block $done
        (loop $buckets
          (br_if $done (i32.ge_u (local.get $ix) (struct.get $ets_tab $nactive (local.get $t))))
          (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
          (block $end
            (loop $walk
              (br_if $end (ref.is_null (local.get $b)))
              (struct.set $ets_hent $pdel (ref.as_non_null (local.get $b)) (i32.const 1))
              (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
              (br $walk)))
          (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
          (br $buckets)))
      (call $ets_h_add_fixdel (local.get $t) (i32.const -1))
      (call $ets_h_reset_items (local.get $t))
      (return)))
  (call $ets_h_init (local.get $t))
  (call $ets_h_reset_items (local.get $t)))

;; db_lookup_dbterm_hash for update_counter/update_element: the entry of key `k`; with a
;; `default` tuple and no such key, a new entry made from it (its key set to `k`), after
;; which $ets_h_new_entry is 1 (2 when a pseudo-deleted entry was reused). Null: no key.
(global $ets_h_new_entry (mut i32) (i32.const 0))
(func $ets_h_lookup_entry (param $t (ref $ets_tab)) (param $k eqref) (param $default eqref) (result (ref null $ets_hent))
  (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent)) (local $obj (ref $tuple))
  (local $e (ref $ets_hent))
  (global.set $ets_h_new_entry (i32.const 0))
  (local.set $h (call $ets_hash (local.get $k)))
  (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $absent
    (loop $scan
      (br_if $absent (ref.is_null (local.get $b)))
      (if (call $ets_h_has_key (local.get $t) (ref.as_non_null (local.get $b)) (local.get $k) (local.get $h))
        (then
          (if (i32.eqz (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b)))) (then (return (local.get $b))))
          (br $absent)))
      (local.set $prev (local.get $b))
      (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
      (br $scan)))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $default))) (then (return (ref.null none))))
  (local.set $obj (call $ets_tuple_copy (ref.cast (ref $tuple) (local.get $default))))
  (array.set $tuple (local.get $obj) (i32.sub (struct.get $ets_tab $keypos (local.get $t)) (i32.const 1)) (local.get $k))
  (if (ref.is_null (local.get $b))
    (then
      (local.set $e (struct.new $ets_hent (ref.null none) (local.get $h) (local.get $obj) (i32.const 0)))
      (if (ref.is_null (local.get $prev))
        (then (call $ets_set_bucket (local.get $t) (local.get $ix) (local.get $e)))
        (else (struct.set $ets_hent $next (ref.as_non_null (local.get $prev)) (local.get $e))))
      (global.set $ets_h_new_entry (i32.const 1))
      (return (local.get $e))))
  (struct.set $ets_hent $obj (ref.as_non_null (local.get $b)) (local.get $obj))
  (struct.set $ets_hent $pdel (ref.as_non_null (local.get $b)) (i32.const 0))
  (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const 1))
  (global.set $ets_h_new_entry (i32.const 2))
  (local.get $b))

;; db_finalize_dbterm_hash: after update_counter/update_element on entry `e`; `ok` says
;; whether the update was done. A new default entry is removed again when it was not.
(func $ets_h_finalize (param $t (ref $ets_tab)) (param $e (ref $ets_hent)) (param $ok i32)
  (local $h i32) (local $ix i32) (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent))
  (local.set $h (struct.get $ets_hent $hval (local.get $e)))
  (if (global.get $ets_h_new_entry)
    (then
      (if (i32.eqz (local.get $ok))
        (then
          (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
          (if (call $ets_fixed (local.get $t))
            (then
              (call $ets_h_add_fixdel (local.get $t) (local.get $ix))
              (struct.set $ets_hent $pdel (local.get $e) (i32.const 1)))
            (else
              (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
              (block $found
                (loop $scan
                  (br_if $found (ref.eq (local.get $b) (local.get $e)))
                  (local.set $prev (local.get $b))
                  (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
                  (br $scan)))
              (call $ets_h_unlink (local.get $t) (local.get $ix) (local.get $prev) (local.get $e))))
          (if (i32.eq (global.get $ets_h_new_entry) (i32.const 2))
            (then (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const -1))))
          (call $ets_h_try_shrink (local.get $t) (call $ets_h_estimate (local.get $t) (local.get $h))))
        (else
          (if (i32.eq (global.get $ets_h_new_entry) (i32.const 1))
            (then
              (call $ets_h_add_items (local.get $t) (local.get $h) (i32.const 1))
              (call $ets_h_try_grow (local.get $t) (local.get $h)))))))))

;; A fresh copy of tuple `t`.
(func $ets_tuple_copy (param $t (ref $tuple)) (result (ref $tuple))
  (local $n (ref $tuple))
  (local.set $n (array.new $tuple (ref.null none) (array.len (local.get $t))))
  (array.copy $tuple $tuple (local.get $n) (i32.const 0) (local.get $t) (i32.const 0) (array.len (local.get $t)))
  (local.get $n))

;; ---- ordered_set: an AVL tree -------------------------------------------------------------

;; The term order of two keys (negative, zero, positive), with a fast path for small
;; integers.
(func $ets_cmp (param $a eqref) (param $b eqref) (result i32)
  (local $x i32) (local $y i32)
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b)))
    (then
      (local.set $x (i31.get_s (ref.cast (ref i31) (local.get $a))))
      (local.set $y (i31.get_s (ref.cast (ref i31) (local.get $b))))
      (return (i32.sub (i32.gt_s (local.get $x) (local.get $y)) (i32.lt_s (local.get $x) (local.get $y))))))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 0))))
  (call $compare (local.get $a) (local.get $b)))

;; The path of the last descent: nodes and the side taken (0 left, 1 right).
(global $ets_t_path (mut (ref $tuple)) (array.new $tuple (ref.null none) (i32.const 64)))
(global $ets_t_dirs (mut (ref $limbs)) (array.new $limbs (i32.const 0) (i32.const 64)))

(func $ets_t_h (param $n (ref null $ets_node)) (result i32)
  (if (result i32) (ref.is_null (local.get $n)) (then (i32.const 0)) (else (struct.get $ets_node $h (ref.as_non_null (local.get $n))))))

(func $ets_t_size (param $n (ref null $ets_node)) (result i32)
  (if (result i32) (ref.is_null (local.get $n)) (then (i32.const 0)) (else (struct.get $ets_node $size (ref.as_non_null (local.get $n))))))

;; Recomputes the height and size of `n` from its children.
(func $ets_t_fix (param $n (ref $ets_node))
  (local $a i32) (local $b i32)
  (local.set $a (call $ets_t_h (struct.get $ets_node $left (local.get $n))))
  (local.set $b (call $ets_t_h (struct.get $ets_node $right (local.get $n))))
  (struct.set $ets_node $h (local.get $n)
    (i32.add (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))) (i32.const 1)))
  (struct.set $ets_node $size (local.get $n)
    (i32.add (i32.add (call $ets_t_size (struct.get $ets_node $left (local.get $n)))
                      (call $ets_t_size (struct.get $ets_node $right (local.get $n)))) (i32.const 1))))

(func $ets_t_rot_right (param $n (ref $ets_node)) (result (ref $ets_node))
  (local $l (ref $ets_node))
  (local.set $l (ref.as_non_null (struct.get $ets_node $left (local.get $n))))
  (struct.set $ets_node $left (local.get $n) (struct.get $ets_node $right (local.get $l)))
  (struct.set $ets_node $right (local.get $l) (local.get $n))
  (call $ets_t_fix (local.get $n))
  (call $ets_t_fix (local.get $l))
  (local.get $l))

(func $ets_t_rot_left (param $n (ref $ets_node)) (result (ref $ets_node))
  (local $r (ref $ets_node))
  (local.set $r (ref.as_non_null (struct.get $ets_node $right (local.get $n))))
  (struct.set $ets_node $right (local.get $n) (struct.get $ets_node $left (local.get $r)))
  (struct.set $ets_node $left (local.get $r) (local.get $n))
  (call $ets_t_fix (local.get $n))
  (call $ets_t_fix (local.get $r))
  (local.get $r))

;; Restores the AVL balance at `n` (its subtrees are balanced).
(func $ets_t_balance (param $n (ref $ets_node)) (result (ref $ets_node))
  (local $d i32) (local $c (ref $ets_node))
  (call $ets_t_fix (local.get $n))
  (local.set $d (i32.sub (call $ets_t_h (struct.get $ets_node $left (local.get $n)))
                         (call $ets_t_h (struct.get $ets_node $right (local.get $n)))))
  (if (i32.gt_s (local.get $d) (i32.const 1))
    (then
      (local.set $c (ref.as_non_null (struct.get $ets_node $left (local.get $n))))
      (if (i32.lt_s (call $ets_t_h (struct.get $ets_node $left (local.get $c))) (call $ets_t_h (struct.get $ets_node $right (local.get $c))))
        (then (struct.set $ets_node $left (local.get $n) (call $ets_t_rot_left (local.get $c)))))
      (return (call $ets_t_rot_right (local.get $n)))))
  (if (i32.lt_s (local.get $d) (i32.const -1))
    (then
      (local.set $c (ref.as_non_null (struct.get $ets_node $right (local.get $n))))
      (if (i32.lt_s (call $ets_t_h (struct.get $ets_node $right (local.get $c))) (call $ets_t_h (struct.get $ets_node $left (local.get $c))))
        (then (struct.set $ets_node $right (local.get $n) (call $ets_t_rot_right (local.get $c)))))
      (return (call $ets_t_rot_left (local.get $n)))))
  (local.get $n))

;; The node with the smallest key under `n` (non-null).
(func $ets_t_min (param $n (ref $ets_node)) (result (ref $ets_node))
  (loop $down
    (if (i32.eqz (ref.is_null (struct.get $ets_node $left (local.get $n))))
      (then (local.set $n (ref.as_non_null (struct.get $ets_node $left (local.get $n)))) (br $down))))
  (local.get $n))

(func $ets_t_max (param $n (ref $ets_node)) (result (ref $ets_node))
  (loop $down
    (if (i32.eqz (ref.is_null (struct.get $ets_node $right (local.get $n))))
      (then (local.set $n (ref.as_non_null (struct.get $ets_node $right (local.get $n)))) (br $down))))
  (local.get $n))

(global $ets_t_removed (mut (ref null $tuple)) (ref.null none))

;; The node with key `k` (==), or null.
(func $ets_t_find (param $t (ref $ets_tab)) (param $k eqref) (result (ref null $ets_node))
  (local $n (ref null $ets_node)) (local $c i32)
  (local.set $n (struct.get $ets_tab $root (local.get $t)))
  (block $done
    (loop $down
      (br_if $done (ref.is_null (local.get $n)))
      (local.set $c (call $ets_cmp (local.get $k) (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.as_non_null (local.get $n))))))
      (if (i32.eqz (local.get $c)) (then (return (local.get $n))))
      (local.set $n (if (result (ref null $ets_node)) (i32.lt_s (local.get $c) (i32.const 0))
        (then (struct.get $ets_node $left (ref.as_non_null (local.get $n))))
        (else (struct.get $ets_node $right (ref.as_non_null (local.get $n))))))
      (br $down)))
  (ref.null none))

;; The node with the smallest key above `k` (dir 1) or the largest below it (dir -1).
(func $ets_t_step (param $t (ref $ets_tab)) (param $k eqref) (param $dir i32) (result (ref null $ets_node))
  (local $n (ref null $ets_node)) (local $best (ref null $ets_node)) (local $c i32)
  (local.set $n (struct.get $ets_tab $root (local.get $t)))
  (block $done
    (loop $down
      (br_if $done (ref.is_null (local.get $n)))
      (local.set $c (call $ets_cmp (local.get $k) (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.as_non_null (local.get $n))))))
      (if (i32.gt_s (local.get $dir) (i32.const 0))
        (then
          (if (i32.lt_s (local.get $c) (i32.const 0))
            (then
              (local.set $best (local.get $n))
              (local.set $n (struct.get $ets_node $left (ref.as_non_null (local.get $n)))))
            (else (local.set $n (struct.get $ets_node $right (ref.as_non_null (local.get $n)))))))
        (else
          (if (i32.gt_s (local.get $c) (i32.const 0))
            (then
              (local.set $best (local.get $n))
              (local.set $n (struct.get $ets_node $right (ref.as_non_null (local.get $n)))))
            (else (local.set $n (struct.get $ets_node $left (ref.as_non_null (local.get $n))))))))
      (br $down)))
  (local.get $best))

;; The node at in-order position `i` (0-based, below the size), by subtree sizes.
(func $ets_t_nth (param $n (ref null $ets_node)) (param $i i32) (result (ref null $ets_node))
  (local $ls i32)
  (block $done
    (loop $down
      (br_if $done (ref.is_null (local.get $n)))
      (local.set $ls (call $ets_t_size (struct.get $ets_node $left (ref.as_non_null (local.get $n)))))
      (if (i32.lt_u (local.get $i) (local.get $ls))
        (then (local.set $n (struct.get $ets_node $left (ref.as_non_null (local.get $n)))) (br $down)))
      (if (i32.eq (local.get $i) (local.get $ls)) (then (return (local.get $n))))
      (local.set $i (i32.sub (local.get $i) (i32.add (local.get $ls) (i32.const 1))))
      (local.set $n (struct.get $ets_node $right (ref.as_non_null (local.get $n))))
      (br $down)))
  (ref.null none))

;; db_put_tree: 1 when `clash` and the key is taken. Descends iteratively, then walks the
;; path back up: sizes grow on every ancestor, heights until one stops changing (a
;; rotation restores the height it had).
(func $ets_t_put (param $t (ref $ets_tab)) (param $obj (ref $tuple)) (param $clash i32) (result i32)
  (local $k eqref) (local $n (ref null $ets_node)) (local $m (ref $ets_node)) (local $c i32) (local $d i32)
  (local $new (ref $ets_node)) (local $i i32) (local $oldh i32) (local $r (ref $ets_node)) (local $grown (ref $tuple))
  (local $grown_d (ref $limbs))
  (local.set $k (call $ets_key (local.get $t) (local.get $obj)))
  (local.set $n (struct.get $ets_tab $root (local.get $t)))
  (block $absent
    (loop $down
      (br_if $absent (ref.is_null (local.get $n)))
      (local.set $m (ref.as_non_null (local.get $n)))
      (local.set $c (call $ets_cmp (local.get $k) (call $ets_key (local.get $t) (struct.get $ets_node $obj (local.get $m)))))
      (if (i32.eqz (local.get $c))
        (then
          (if (local.get $clash) (then (return (i32.const 1))))
          (struct.set $ets_node $obj (local.get $m) (local.get $obj))
          (return (i32.const 0))))
      (if (i32.ge_u (local.get $d) (array.len (global.get $ets_t_path)))
        (then
          (local.set $grown (array.new $tuple (ref.null none) (i32.mul (local.get $d) (i32.const 2))))
          (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $ets_t_path) (i32.const 0) (local.get $d))
          (global.set $ets_t_path (local.get $grown))
          (local.set $grown_d (array.new $limbs (i32.const 0) (i32.mul (local.get $d) (i32.const 2))))
          (array.copy $limbs $limbs (local.get $grown_d) (i32.const 0) (global.get $ets_t_dirs) (i32.const 0) (local.get $d))
          (global.set $ets_t_dirs (local.get $grown_d))))
      (array.set $tuple (global.get $ets_t_path) (local.get $d) (local.get $m))
      (array.set $limbs (global.get $ets_t_dirs) (local.get $d) (i32.gt_s (local.get $c) (i32.const 0)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (local.set $n (if (result (ref null $ets_node)) (i32.lt_s (local.get $c) (i32.const 0))
        (then (struct.get $ets_node $left (local.get $m)))
        (else (struct.get $ets_node $right (local.get $m)))))
      (br $down)))
  (struct.set $ets_tab $nitems (local.get $t) (i32.add (struct.get $ets_tab $nitems (local.get $t)) (i32.const 1)))
  (local.set $new (struct.new $ets_node (local.get $obj) (ref.null none) (ref.null none) (i32.const 1) (i32.const 1)))
  (if (i32.eqz (local.get $d)) (then (struct.set $ets_tab $root (local.get $t) (local.get $new)) (return (i32.const 0))))
  (call $ets_t_link (local.get $t) (i32.sub (local.get $d) (i32.const 1)) (local.get $new))
  ;; every ancestor holds one more node
  (local.set $i (local.get $d))
  (block $sized
    (loop $up
      (br_if $sized (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $m (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (local.get $i))))
      (struct.set $ets_node $size (local.get $m) (i32.add (struct.get $ets_node $size (local.get $m)) (i32.const 1)))
      (br $up)))
  ;; heights, rebalancing where needed
  (local.set $i (local.get $d))
  (block $balanced
    (loop $up
      (br_if $balanced (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $m (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (local.get $i))))
      (local.set $oldh (struct.get $ets_node $h (local.get $m)))
      (local.set $r (call $ets_t_balance (local.get $m)))
      (if (i32.eqz (ref.eq (local.get $r) (local.get $m)))
        (then
          (if (i32.eqz (local.get $i))
            (then (struct.set $ets_tab $root (local.get $t) (local.get $r)))
            (else (call $ets_t_link (local.get $t) (i32.sub (local.get $i) (i32.const 1)) (local.get $r))))))
      (br_if $balanced (i32.eq (struct.get $ets_node $h (local.get $r)) (local.get $oldh)))
      (br $up)))
  (i32.const 0))

;; Makes `n` the child of path node `i` on the side the descent took.
(func $ets_t_link (param $t (ref $ets_tab)) (param $i i32) (param $n (ref $ets_node))
  (local $p (ref $ets_node))
  (local.set $p (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (local.get $i))))
  (if (array.get $limbs (global.get $ets_t_dirs) (local.get $i))
    (then (struct.set $ets_node $right (local.get $p) (local.get $n)))
    (else (struct.set $ets_node $left (local.get $p) (local.get $n)))))

;; Removes the object with key `k`; whether there was one (its object in
;; $ets_t_removed). Iterative: a node with two children takes its successor's object and
;; the successor's node goes; sizes shrink and balance is restored up the path.
(func $ets_t_erase (param $t (ref $ets_tab)) (param $k eqref) (result i32)
  (local $n (ref null $ets_node)) (local $m (ref $ets_node)) (local $c i32) (local $d i32) (local $found (ref $ets_node))
  (local $child (ref null $ets_node)) (local $i i32) (local $r (ref $ets_node)) (local $oldh i32)
  (global.set $ets_t_removed (ref.null none))
  (local.set $n (struct.get $ets_tab $root (local.get $t)))
  (block $hit
    (loop $down
      (if (ref.is_null (local.get $n)) (then (return (i32.const 0))))
      (local.set $m (ref.as_non_null (local.get $n)))
      (local.set $c (call $ets_cmp (local.get $k) (call $ets_key (local.get $t) (struct.get $ets_node $obj (local.get $m)))))
      (br_if $hit (i32.eqz (local.get $c)))
      (call $ets_t_push (local.get $d) (local.get $m) (i32.gt_s (local.get $c) (i32.const 0)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (local.set $n (if (result (ref null $ets_node)) (i32.lt_s (local.get $c) (i32.const 0))
        (then (struct.get $ets_node $left (local.get $m)))
        (else (struct.get $ets_node $right (local.get $m)))))
      (br $down)))
  (local.set $m (ref.as_non_null (local.get $n)))
  (local.set $found (local.get $m))
  (global.set $ets_t_removed (struct.get $ets_node $obj (local.get $found)))
  (if (i32.eqz (i32.or (ref.is_null (struct.get $ets_node $left (local.get $m))) (ref.is_null (struct.get $ets_node $right (local.get $m)))))
    (then
      ;; two children: the successor's node goes instead
      (call $ets_t_push (local.get $d) (local.get $m) (i32.const 1))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (local.set $m (ref.as_non_null (struct.get $ets_node $right (local.get $m))))
      (loop $leftmost
        (if (i32.eqz (ref.is_null (struct.get $ets_node $left (local.get $m))))
          (then
            (call $ets_t_push (local.get $d) (local.get $m) (i32.const 0))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (local.set $m (ref.as_non_null (struct.get $ets_node $left (local.get $m))))
            (br $leftmost))))
      (struct.set $ets_node $obj (local.get $found) (struct.get $ets_node $obj (local.get $m)))))
  ;; `m` has at most one child: it takes `m`'s place
  (local.set $child (struct.get $ets_node $left (local.get $m)))
  (if (ref.is_null (local.get $child)) (then (local.set $child (struct.get $ets_node $right (local.get $m)))))
  (if (i32.eqz (local.get $d))
    (then (struct.set $ets_tab $root (local.get $t) (local.get $child)))
    (else
      (if (array.get $limbs (global.get $ets_t_dirs) (i32.sub (local.get $d) (i32.const 1)))
        (then (struct.set $ets_node $right (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (i32.sub (local.get $d) (i32.const 1)))) (local.get $child)))
        (else (struct.set $ets_node $left (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (i32.sub (local.get $d) (i32.const 1)))) (local.get $child))))))
  ;; ancestors rebalanced while their height changes, then only resized
  (local.set $i (local.get $d))
  (block $done
    (loop $up
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $m (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (local.get $i))))
      (local.set $oldh (struct.get $ets_node $h (local.get $m)))
      (local.set $r (call $ets_t_balance (local.get $m)))
      (if (i32.eqz (ref.eq (local.get $r) (local.get $m)))
        (then
          (if (i32.eqz (local.get $i))
            (then (struct.set $ets_tab $root (local.get $t) (local.get $r)))
            (else (call $ets_t_link (local.get $t) (i32.sub (local.get $i) (i32.const 1)) (local.get $r))))))
      (br_if $up (i32.ne (struct.get $ets_node $h (local.get $r)) (local.get $oldh)))
      (br_if $up (i32.eqz (ref.eq (local.get $r) (local.get $m))))
      ;; stable from here: the rest of the path only loses one node
      (block $sized
        (loop $size
          (br_if $sized (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $m (ref.cast (ref $ets_node) (array.get $tuple (global.get $ets_t_path) (local.get $i))))
          (struct.set $ets_node $size (local.get $m) (i32.sub (struct.get $ets_node $size (local.get $m)) (i32.const 1)))
          (br $size)))))
  (struct.set $ets_tab $nitems (local.get $t) (i32.sub (struct.get $ets_tab $nitems (local.get $t)) (i32.const 1)))
  (i32.const 1))

;; Records path entry `d`: node `n`, side `dir` (growing the path arrays).
(func $ets_t_push (param $d i32) (param $n (ref $ets_node)) (param $dir i32)
  (local $grown (ref $tuple)) (local $grown_d (ref $limbs))
  (if (i32.ge_u (local.get $d) (array.len (global.get $ets_t_path)))
    (then
      (local.set $grown (array.new $tuple (ref.null none) (i32.mul (local.get $d) (i32.const 2))))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $ets_t_path) (i32.const 0) (local.get $d))
      (global.set $ets_t_path (local.get $grown))
      (local.set $grown_d (array.new $limbs (i32.const 0) (i32.mul (local.get $d) (i32.const 2))))
      (array.copy $limbs $limbs (local.get $grown_d) (i32.const 0) (global.get $ets_t_dirs) (i32.const 0) (local.get $d))
      (global.set $ets_t_dirs (local.get $grown_d))))
  (array.set $tuple (global.get $ets_t_path) (local.get $d) (local.get $n))
  (array.set $limbs (global.get $ets_t_dirs) (local.get $d) (local.get $dir)))

;; ---- creating and deleting tables ------------------------------------------------------------

;; Links `t` at the end of the list of all tables.
(func $ets_all_link (param $t (ref $ets_tab))
  (struct.set $ets_tab $all_prev (local.get $t) (global.get $ets_all_last))
  (if (ref.is_null (global.get $ets_all_last))
    (then (global.set $ets_all_first (local.get $t)))
    (else (struct.set $ets_tab $all_next (ref.as_non_null (global.get $ets_all_last)) (local.get $t))))
  (global.set $ets_all_last (local.get $t)))

(func $ets_all_unlink (param $t (ref $ets_tab))
  (local $p (ref null $ets_tab)) (local $n (ref null $ets_tab))
  (local.set $p (struct.get $ets_tab $all_prev (local.get $t)))
  (local.set $n (struct.get $ets_tab $all_next (local.get $t)))
  (if (ref.is_null (local.get $p))
    (then (global.set $ets_all_first (local.get $n)))
    (else (struct.set $ets_tab $all_next (ref.as_non_null (local.get $p)) (local.get $n))))
  (if (ref.is_null (local.get $n))
    (then (global.set $ets_all_last (local.get $p)))
    (else (struct.set $ets_tab $all_prev (ref.as_non_null (local.get $n)) (local.get $p))))
  (struct.set $ets_tab $all_prev (local.get $t) (ref.null none))
  (struct.set $ets_tab $all_next (local.get $t) (ref.null none)))

;; The heir a table gets: `none`, or a pid when that process is alive (or is the caller).
(func $ets_heir_of (param $heir eqref) (result eqref)
  (if (ref.test (ref $pid) (local.get $heir))
    (then
      (if (call $ets_pid_eq (ref.cast (ref $pid) (local.get $heir)) (call $ets_self)) (then (return (local.get $heir))))
      (if (call $ets_pid_alive (ref.cast (ref $pid) (local.get $heir))) (then (return (local.get $heir))))))
  (global.get $atom.none))

;; ets:new(Name, Options).
(func $ets:new/2 (param $name eqref) (param $opts eqref) (result eqref)
  (local $l eqref) (local $v eqref) (local $tp (ref $tuple)) (local $a eqref) (local $b eqref) (local $n i64)
  (local $type i32) (local $prot i32) (local $keypos i32) (local $named i32) (local $compressed i32) (local $fine i32)
  (local $freq i32) (local $nlocks i32) (local $dc i32) (local $dc_opt i32) (local $explicit i32) (local $auto i32)
  (local $heir eqref) (local $heir_data eqref) (local $o i32) (local $t (ref $ets_tab)) (local $self (ref $pid))
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (local.set $prot (global.get $ETS_PROTECTED))
  (local.set $keypos (i32.const 1))
  (local.set $nlocks (i32.const -1))
  (local.set $dc_opt (i32.const -1))
  (local.set $heir (global.get $atom.none))
  (local.set $heir_data (global.get $atom.undefined))
  (local.set $l (local.get $opts))
  (block $end
    (loop $next
      (br_if $end (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $v (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (block $ok
        (if (ref.eq (local.get $v) (global.get $atom.bag)) (then (local.set $type (global.get $ETS_BAG)) (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.duplicate_bag)) (then (local.set $type (global.get $ETS_DBAG)) (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.ordered_set))
          (then (local.set $dc (i32.const 1)) (local.set $type (global.get $ETS_OSET)) (br $ok)))
        ;; as on the VM, `set` and `protected` are defaults, not choices: they undo nothing
        (if (ref.eq (local.get $v) (global.get $atom.set)) (then (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.protected)) (then (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.public)) (then (local.set $prot (global.get $ETS_PUBLIC)) (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.private)) (then (local.set $prot (global.get $ETS_PRIVATE)) (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.named_table)) (then (local.set $named (i32.const 1)) (br $ok)))
        (if (ref.eq (local.get $v) (global.get $atom.compressed)) (then (local.set $compressed (i32.const 1)) (br $ok)))
        (br_if $end (i32.eqz (ref.test (ref $tuple) (local.get $v))))
        (local.set $tp (ref.cast (ref $tuple) (local.get $v)))
        (if (i32.eq (array.len (local.get $tp)) (i32.const 2))
          (then
            (local.set $a (array.get $tuple (local.get $tp) (i32.const 0)))
            (local.set $b (array.get $tuple (local.get $tp) (i32.const 1)))
            (if (ref.eq (local.get $a) (global.get $atom.keypos))
              (then
                (br_if $end (i32.eqz (ref.test (ref i31) (local.get $b))))
                (br_if $end (i32.le_s (i31.get_s (ref.cast (ref i31) (local.get $b))) (i32.const 0)))
                (local.set $keypos (i31.get_s (ref.cast (ref i31) (local.get $b))))
                (br $ok)))
            (if (ref.eq (local.get $a) (global.get $atom.write_concurrency))
              (then
                (if (ref.eq (local.get $b) (global.get $atom.auto))
                  (then (local.set $dc (i32.const 1)) (local.set $auto (i32.const 1)) (local.set $fine (i32.const 1))
                        (local.set $explicit (i32.const 0)) (local.set $nlocks (i32.const -1)) (br $ok)))
                (if (ref.eq (local.get $b) (global.get $atom.true))
                  (then
                    (if (i32.ne (local.get $type) (global.get $ETS_OSET)) (then (local.set $dc (i32.const 0))))
                    (local.set $fine (i32.const 1)) (local.set $explicit (i32.const 0)) (local.set $auto (i32.const 0))
                    (local.set $nlocks (i32.const -1)) (br $ok)))
                (if (ref.eq (local.get $b) (global.get $atom.false))
                  (then (local.set $fine (i32.const 0)) (local.set $explicit (i32.const 0)) (local.set $auto (i32.const 0))
                        (local.set $nlocks (i32.const -1)) (br $ok)))
                ;; {debug_hash_fixed_number_of_locks, N}
                (br_if $end (i32.eqz (ref.test (ref $tuple) (local.get $b))))
                (br_if $end (i32.ne (array.len (ref.cast (ref $tuple) (local.get $b))) (i32.const 2)))
                (br_if $end (i32.eqz (ref.eq (array.get $tuple (ref.cast (ref $tuple) (local.get $b)) (i32.const 0))
                                             (global.get $atom.debug_hash_fixed_number_of_locks))))
                (local.set $v (array.get $tuple (ref.cast (ref $tuple) (local.get $b)) (i32.const 1)))
                (br_if $end (i32.eqz (ref.test (ref i31) (local.get $v))))
                (local.set $nlocks (i31.get_s (ref.cast (ref i31) (local.get $v))))
                (br_if $end (i32.or (i32.lt_s (local.get $nlocks) (i32.const 1)) (i32.gt_s (local.get $nlocks) (i32.const 32768))))
                (local.set $dc (i32.const 1)) (local.set $fine (i32.const 1)) (local.set $explicit (i32.const 1))
                (local.set $auto (i32.const 0))
                (br $ok)))
            (if (ref.eq (local.get $a) (global.get $atom.read_concurrency))
              (then
                (if (ref.eq (local.get $b) (global.get $atom.true)) (then (local.set $freq (i32.const 1)) (br $ok)))
                (if (ref.eq (local.get $b) (global.get $atom.false)) (then (local.set $freq (i32.const 0)) (br $ok)))
                (br $end)))
            (if (i32.and (ref.eq (local.get $a) (global.get $atom.heir)) (ref.eq (local.get $b) (global.get $atom.none)))
              (then (local.set $heir (global.get $atom.none)) (local.set $heir_data (global.get $atom.undefined)) (br $ok)))
            (if (ref.eq (local.get $a) (global.get $atom.decentralized_counters))
              (then
                (if (ref.eq (local.get $b) (global.get $atom.true)) (then (local.set $dc_opt (i32.const 1)) (br $ok)))
                (if (ref.eq (local.get $b) (global.get $atom.false)) (then (local.set $dc_opt (i32.const 0)) (br $ok)))
                (br $end)))
            (br $end)))
        (if (i32.eq (array.len (local.get $tp)) (i32.const 3))
          (then
            (if (i32.and (ref.eq (array.get $tuple (local.get $tp) (i32.const 0)) (global.get $atom.heir))
                         (ref.test (ref $pid) (array.get $tuple (local.get $tp) (i32.const 1))))
              (then
                (local.set $heir (array.get $tuple (local.get $tp) (i32.const 1)))
                (local.set $heir_data (array.get $tuple (local.get $tp) (i32.const 2)))
                (br $ok)))))
        (br $end))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (call $fail_badarg))))
  (if (i32.ge_s (local.get $dc_opt) (i32.const 0)) (then (local.set $dc (local.get $dc_opt))))
  ;; private tables are never fine-locked; explicit lock counts are for hash tables only
  (if (i32.eq (local.get $prot) (global.get $ETS_PRIVATE)) (then (local.set $fine (i32.const 0))))
  (if (i32.and (i32.eq (local.get $type) (global.get $ETS_OSET)) (local.get $explicit))
    (then (return (call $fail_badarg))))
  (if (local.get $named) (then (local.set $o (global.get $ETS_NAMED))))
  (if (local.get $compressed) (then (local.set $o (i32.or (local.get $o) (global.get $ETS_COMPRESSED)))))
  (if (i32.and (local.get $freq) (i32.ne (local.get $prot) (global.get $ETS_PRIVATE)))
    (then (local.set $o (i32.or (local.get $o) (global.get $ETS_READ_CONC)))))
  (if (local.get $fine)
    (then
      (local.set $o (i32.or (local.get $o) (global.get $ETS_FINE)))
      (if (local.get $dc) (then (local.set $o (i32.or (local.get $o) (global.get $ETS_DECENTRAL)))))
      (if (local.get $explicit)
        (then (local.set $o (i32.or (local.get $o) (global.get $ETS_EXPLICIT_LOCKS))))
        (else (if (local.get $auto) (then (local.set $o (i32.or (local.get $o) (global.get $ETS_WC_AUTO)))))))))
  ;; the number of locks of a hash table (the iteration stride)
  (if (i32.and (local.get $fine) (i32.ne (local.get $type) (global.get $ETS_OSET)))
    (then
      (if (local.get $auto)
        (then (local.set $nlocks (i32.const 64)))
        (else
          (if (i32.lt_s (local.get $nlocks) (i32.const 1)) (then (local.set $nlocks (i32.const 64))))
          (local.set $nlocks (i32.shl (i32.const 1) (i32.sub (i32.const 31) (i32.clz (local.get $nlocks)))))
          (if (i32.lt_s (local.get $nlocks) (i32.const 64)) (then (local.set $nlocks (i32.const 64)))))))
    (else (local.set $nlocks (i32.const 1))))
  (if (local.get $named)
    (then
      (if (i32.eqz (ref.is_null (call $ets_find (local.get $name))))
        (then (return (call $ets_fail_cause (global.get $atom.already_exists)))))))
  (local.set $self (call $ets_self))
  (local.set $t (struct.new $ets_tab
    (call $ets_make_ref) (ref.cast (ref $atom) (local.get $name)) (local.get $type) (local.get $keypos) (local.get $o)
    (local.get $prot) (i32.const 1) (local.get $self) (call $ets_heir_of (local.get $heir)) (local.get $heir_data)
    (i32.const 0) (ref.null none) (ref.null none)
    (i32.const 0) (ref.null none) (i64.const 0) (i64.const 0)
    (array.new_default $ets_bkts (i32.const 0)) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
    (local.get $nlocks) (ref.null none) (ref.null none)
    (ref.null none)))
  (if (call $ets_is_hash (local.get $t)) (then (call $ets_h_init (local.get $t))))
  (call $ets_map_put (global.get $ets_by_ref) (struct.get $ref $n (struct.get $ets_tab $tid (local.get $t))) (local.get $t))
  (if (local.get $named)
    (then (call $ets_map_put (global.get $ets_by_name)
      (i64.extend_i32_u (struct.get $atom $id (ref.cast (ref $atom) (local.get $name)))) (local.get $t))))
  (call $ets_all_link (local.get $t))
  (call $ets_own (local.get $self) (local.get $t))
  (call $ets_id_of (local.get $t)))

;; Deletes table `t` for good: it leaves the registry and its owner's and fixers' records.
(func $ets_drop (param $t (ref $ets_tab))
  (local $l eqref) (local $fx (ref $tuple)) (local $r (ref $ets_prec))
  (struct.set $ets_tab $alive (local.get $t) (i32.const 0))
  (call $ets_map_remove (global.get $ets_by_ref) (struct.get $ref $n (struct.get $ets_tab $tid (local.get $t))))
  (if (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_NAMED))
    (then (call $ets_map_remove (global.get $ets_by_name) (i64.extend_i32_u (struct.get $atom $id (struct.get $ets_tab $name (local.get $t)))))))
  (call $ets_all_unlink (local.get $t))
  (call $ets_disown (struct.get $ets_tab $owner (local.get $t)) (local.get $t))
  (local.set $l (struct.get $ets_tab $fixers (local.get $t)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $fx (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $r (call $ets_prec_of (ref.cast (ref $pid) (array.get $tuple (local.get $fx) (i32.const 0)))))
      (struct.set $ets_prec $fixed (local.get $r) (call $ets_list_without (struct.get $ets_prec $fixed (local.get $r)) (local.get $t)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (struct.set $ets_tab $fixers (local.get $t) (ref.null none))
  (struct.set $ets_tab $nfixed (local.get $t) (i32.const 0))
  (struct.set $ets_tab $heir (local.get $t) (global.get $atom.none))
  (struct.set $ets_tab $root (local.get $t) (ref.null none))
  (struct.set $ets_tab $bkts (local.get $t) (array.new_default $ets_bkts (i32.const 0)))
  (struct.set $ets_tab $nactive (local.get $t) (i32.const 0)))

;; ets:delete(Table).
(func $ets:delete/1 (param $id eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (call $ets_drop (ref.as_non_null (local.get $t)))
  (global.get $atom.true))

;; ---- dispatch on the table type ------------------------------------------------------------

;; Stores `obj`; 1 when `clash` and the key is taken.
(func $ets_put (param $t (ref $ets_tab)) (param $obj (ref $tuple)) (param $clash i32) (result i32)
  (if (call $ets_is_hash (local.get $t))
    (then (return (call $ets_h_put (local.get $t) (local.get $obj) (local.get $clash)))))
  (call $ets_t_put (local.get $t) (local.get $obj) (local.get $clash)))

;; The objects with key `k`, as lookup/2 answers them.
(func $ets_get (param $t (ref $ets_tab)) (param $k eqref) (result eqref)
  (local $n (ref null $ets_node))
  (if (call $ets_is_hash (local.get $t)) (then (return (call $ets_h_get (local.get $t) (local.get $k)))))
  (local.set $n (call $ets_t_find (local.get $t) (local.get $k)))
  (if (ref.is_null (local.get $n)) (then (return (ref.null none))))
  (struct.new $cons (struct.get $ets_node $obj (ref.as_non_null (local.get $n))) (ref.null none)))

;; Whether there is a live object with key `k`.
(func $ets_member (param $t (ref $ets_tab)) (param $k eqref) (result i32)
  (if (call $ets_is_hash (local.get $t))
    (then (return (i32.eqz (ref.is_null (call $ets_h_find (local.get $t) (local.get $k) (call $ets_hash (local.get $k))))))))
  (i32.eqz (ref.is_null (call $ets_t_find (local.get $t) (local.get $k)))))

;; ---- the object BIFs ------------------------------------------------------------------------

;; insert/2 and insert_new/2 (`clash`).
(func $ets_insert (param $id eqref) (param $objs eqref) (param $clash i32) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $l eqref) (local $o eqref)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (ref.is_null (local.get $objs)) (then (return (global.get $atom.true))))
  (if (ref.test (ref $cons) (local.get $objs))
    (then
      ;; every element must be an object before anything is stored
      (local.set $l (local.get $objs))
      (block $checked
        (loop $check
          (br_if $checked (i32.eqz (ref.test (ref $cons) (local.get $l))))
          (if (i32.eqz (call $ets_is_obj (local.get $tab) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
            (then (return (call $fail_badarg))))
          (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
          (br $check)))
      (if (i32.eqz (ref.is_null (local.get $l))) (then (return (call $fail_badarg))))
      (if (local.get $clash)
        (then
          (local.set $l (local.get $objs))
          (block $free
            (loop $check2
              (br_if $free (ref.is_null (local.get $l)))
              (if (call $ets_member (local.get $tab)
                    (call $ets_key (local.get $tab) (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
                (then (return (global.get $atom.false))))
              (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
              (br $check2)))))
      ;; The VM stores a list in order when it can do so without yielding, else from a
      ;; copy built back to front: always for a bag, and when the list is longer than four
      ;; times the reductions left (eight iterations per reduction, half of them spent
      ;; checking the list). We assume a full budget of 4000.
      (local.set $l (local.get $objs))
      (if (i32.or (i32.eq (struct.get $ets_tab $type (local.get $tab)) (global.get $ETS_BAG))
                  (i32.gt_s (call $list_length (local.get $objs)) (i32.const 16000)))
        (then (local.set $l (call $lists:reverse/2 (local.get $objs) (ref.null none)))))
      (block $done
        (loop $store
          (br_if $done (ref.is_null (local.get $l)))
          (drop (call $ets_put (local.get $tab) (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))) (i32.const 0)))
          (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
          (br $store)))
      (return (global.get $atom.true))))
  (if (i32.eqz (call $ets_is_obj (local.get $tab) (local.get $objs))) (then (return (call $fail_badarg))))
  (if (call $ets_put (local.get $tab) (ref.cast (ref $tuple) (local.get $objs)) (local.get $clash))
    (then (return (global.get $atom.false))))
  (global.get $atom.true))

(func $ets:insert/2 (param $id eqref) (param $objs eqref) (result eqref)
  (call $ets_insert (local.get $id) (local.get $objs) (i32.const 0)))

(func $ets:insert_new/2 (param $id eqref) (param $objs eqref) (result eqref)
  (call $ets_insert (local.get $id) (local.get $objs) (i32.const 1)))

;; ets:lookup(Table, Key).
(func $ets:lookup/2 (param $id eqref) (param $k eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (call $ets_get (ref.as_non_null (local.get $t)) (local.get $k)))

;; ets:member(Table, Key).
(func $ets:member/2 (param $id eqref) (param $k eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (call $bool (call $ets_member (ref.as_non_null (local.get $t)) (local.get $k))))

;; ets:lookup_element(Table, Key, Pos).
(func $ets:lookup_element/3 (param $id eqref) (param $k eqref) (param $pos eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $p i32) (local $r eqref) (local $n (ref null $ets_node)) (local $o (ref $tuple))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (i32.eqz (ref.test (ref i31) (local.get $pos))) (then (return (call $fail_badarg))))
  (local.set $p (i31.get_s (ref.cast (ref i31) (local.get $pos))))
  (if (i32.lt_s (local.get $p) (i32.const 1)) (then (return (call $fail_badarg))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then
      (local.set $r (call $ets_h_get_element (ref.as_non_null (local.get $t)) (local.get $k) (local.get $p)))
      (if (call $is_fail (local.get $r))
        (then
          (if (call $ets_member (ref.as_non_null (local.get $t)) (local.get $k)) (then (return (call $fail_badarg))))
          (return (call $ets_fail_cause (global.get $atom.badkey)))))
      (return (local.get $r))))
  (local.set $n (call $ets_t_find (ref.as_non_null (local.get $t)) (local.get $k)))
  (if (ref.is_null (local.get $n)) (then (return (call $ets_fail_cause (global.get $atom.badkey)))))
  (local.set $o (struct.get $ets_node $obj (ref.as_non_null (local.get $n))))
  (if (i32.gt_u (local.get $p) (array.len (local.get $o))) (then (return (call $fail_badarg))))
  (array.get $tuple (local.get $o) (i32.sub (local.get $p) (i32.const 1))))

;; ets:delete(Table, Key).
(func $ets:delete/2 (param $id eqref) (param $k eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then (call $ets_h_erase (ref.as_non_null (local.get $t)) (local.get $k)))
    (else (drop (call $ets_t_erase (ref.as_non_null (local.get $t)) (local.get $k)))))
  (global.get $atom.true))

;; ets:delete_object(Table, Object).
(func $ets:delete_object/2 (param $id eqref) (param $obj eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $n (ref null $ets_node))
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.eqz (call $ets_is_obj (local.get $tab) (local.get $obj))) (then (return (call $fail_badarg))))
  (if (call $ets_is_hash (local.get $tab))
    (then (call $ets_h_erase_object (local.get $tab) (ref.cast (ref $tuple) (local.get $obj))))
    (else
      (local.set $n (call $ets_t_find (local.get $tab) (call $ets_key (local.get $tab) (ref.cast (ref $tuple) (local.get $obj)))))
      (if (i32.eqz (ref.is_null (local.get $n)))
        (then
          (if (call $eq_exact (local.get $obj) (struct.get $ets_node $obj (ref.as_non_null (local.get $n))))
            (then (drop (call $ets_t_erase (local.get $tab) (call $ets_key (local.get $tab) (ref.cast (ref $tuple) (local.get $obj)))))))))))
  (global.get $atom.true))

;; ets:take(Table, Key).
(func $ets:take/2 (param $id eqref) (param $k eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $r eqref)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then (return (call $ets_h_take (ref.as_non_null (local.get $t)) (local.get $k)))))
  (local.set $r (call $ets_get (ref.as_non_null (local.get $t)) (local.get $k)))
  (drop (call $ets_t_erase (ref.as_non_null (local.get $t)) (local.get $k)))
  (local.get $r))

;; ---- traversal BIFs -------------------------------------------------------------------------

;; ets:first(Table) / ets:last(Table) (`dir` 1 / -1; hash tables: the same).
(func $ets_first_last (param $id eqref) (param $dir i32) (result eqref)
  (local $t (ref null $ets_tab)) (local $root (ref null $ets_node)) (local $n (ref $ets_node))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then (return (call $ets_h_first (ref.as_non_null (local.get $t))))))
  (local.set $root (struct.get $ets_tab $root (ref.as_non_null (local.get $t))))
  (if (ref.is_null (local.get $root)) (then (return (global.get $atom.$end_of_table))))
  (local.set $n (if (result (ref $ets_node)) (i32.gt_s (local.get $dir) (i32.const 0))
    (then (call $ets_t_min (ref.as_non_null (local.get $root))))
    (else (call $ets_t_max (ref.as_non_null (local.get $root))))))
  (call $ets_key (ref.as_non_null (local.get $t)) (struct.get $ets_node $obj (local.get $n))))

(func $ets:first/1 (param $id eqref) (result eqref)
  (call $ets_first_last (local.get $id) (i32.const 1)))

(func $ets:last/1 (param $id eqref) (result eqref)
  (call $ets_first_last (local.get $id) (i32.const -1)))

;; ets:next(Table, Key) / ets:prev(Table, Key) (`dir` 1 / -1; hash tables: the same).
(func $ets_next_prev (param $id eqref) (param $k eqref) (param $dir i32) (result eqref)
  (local $t (ref null $ets_tab)) (local $n (ref null $ets_node)) (local $r eqref)
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then
      (local.set $r (call $ets_h_next (ref.as_non_null (local.get $t)) (local.get $k)))
      (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
      (return (local.get $r))))
  (if (ref.eq (local.get $k) (global.get $atom.$end_of_table)) (then (return (call $fail_badarg))))
  (local.set $n (call $ets_t_step (ref.as_non_null (local.get $t)) (local.get $k) (local.get $dir)))
  (if (ref.is_null (local.get $n)) (then (return (global.get $atom.$end_of_table))))
  (call $ets_key (ref.as_non_null (local.get $t)) (struct.get $ets_node $obj (ref.as_non_null (local.get $n)))))

(func $ets:next/2 (param $id eqref) (param $k eqref) (result eqref)
  (call $ets_next_prev (local.get $id) (local.get $k) (i32.const 1)))

(func $ets:prev/2 (param $id eqref) (param $k eqref) (result eqref)
  (call $ets_next_prev (local.get $id) (local.get $k) (i32.const -1)))

;; ets:slot(Table, I).
(func $ets:slot/2 (param $id eqref) (param $i eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $s i32) (local $r eqref) (local $n (ref null $ets_node))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (i32.eqz (ref.test (ref i31) (local.get $i))) (then (return (call $fail_badarg))))
  (local.set $s (i31.get_s (ref.cast (ref i31) (local.get $i))))
  (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then
      (local.set $r (call $ets_h_slot (ref.as_non_null (local.get $t)) (local.get $s)))
      (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
      (return (local.get $r))))
  (if (i32.gt_s (local.get $s) (struct.get $ets_tab $nitems (ref.as_non_null (local.get $t)))) (then (return (call $fail_badarg))))
  ;; the VM's CA tree (write_concurrency) finds no slot at all in an empty table
  (if (i32.and (i32.ne (i32.and (struct.get $ets_tab $opts (ref.as_non_null (local.get $t))) (global.get $ETS_FINE)) (i32.const 0))
               (i32.eqz (struct.get $ets_tab $nitems (ref.as_non_null (local.get $t)))))
    (then (return (call $fail_badarg))))
  (if (i32.eq (local.get $s) (struct.get $ets_tab $nitems (ref.as_non_null (local.get $t)))) (then (return (global.get $atom.$end_of_table))))
  (local.set $n (call $ets_t_nth (struct.get $ets_tab $root (ref.as_non_null (local.get $t))) (local.get $s)))
  (struct.new $cons (struct.get $ets_node $obj (ref.as_non_null (local.get $n))) (ref.null none)))

;; ---- update_counter and update_element ------------------------------------------------------

;; The object an update works on: a hash entry or a tree node, found (or created from
;; `default`) by $ets_upd_lookup. $ets_upd_new: 1 when the tree node was created.
(global $ets_upd_entry (mut eqref) (ref.null none))
(global $ets_upd_new (mut i32) (i32.const 0))

;; Finds the object with key `k` for an update; null when there is none (and no default).
(func $ets_upd_lookup (param $t (ref $ets_tab)) (param $k eqref) (param $default eqref) (result (ref null $tuple))
  (local $e (ref null $ets_hent)) (local $n (ref null $ets_node)) (local $obj (ref $tuple))
  (global.set $ets_upd_new (i32.const 0))
  (if (call $ets_is_hash (local.get $t))
    (then
      (local.set $e (call $ets_h_lookup_entry (local.get $t) (local.get $k) (local.get $default)))
      (global.set $ets_upd_entry (local.get $e))
      (if (ref.is_null (local.get $e)) (then (return (ref.null none))))
      (return (struct.get $ets_hent $obj (ref.as_non_null (local.get $e))))))
  (local.set $n (call $ets_t_find (local.get $t) (local.get $k)))
  (if (ref.is_null (local.get $n))
    (then
      (if (i32.eqz (ref.test (ref $tuple) (local.get $default))) (then (return (ref.null none))))
      (local.set $obj (call $ets_tuple_copy (ref.cast (ref $tuple) (local.get $default))))
      (array.set $tuple (local.get $obj) (i32.sub (struct.get $ets_tab $keypos (local.get $t)) (i32.const 1)) (local.get $k))
      (drop (call $ets_t_put (local.get $t) (local.get $obj) (i32.const 1)))
      (local.set $n (call $ets_t_find (local.get $t) (local.get $k)))
      (global.set $ets_upd_new (i32.const 1))))
  (global.set $ets_upd_entry (local.get $n))
  (struct.get $ets_node $obj (ref.as_non_null (local.get $n))))

;; Ends an update: stores `obj` when `ok` (null: nothing changed), or drops an object the
;; default created.
(func $ets_upd_finish (param $t (ref $ets_tab)) (param $ok i32) (param $obj (ref null $tuple))
  (local $e eqref)
  (local.set $e (global.get $ets_upd_entry))
  (if (i32.and (local.get $ok) (i32.eqz (ref.is_null (local.get $obj))))
    (then
      (if (ref.test (ref $ets_hent) (local.get $e))
        (then (struct.set $ets_hent $obj (ref.cast (ref $ets_hent) (local.get $e)) (ref.as_non_null (local.get $obj))))
        (else (struct.set $ets_node $obj (ref.cast (ref $ets_node) (local.get $e)) (ref.as_non_null (local.get $obj)))))))
  (if (ref.test (ref $ets_hent) (local.get $e))
    (then (call $ets_h_finalize (local.get $t) (ref.cast (ref $ets_hent) (local.get $e)) (local.get $ok)) (return)))
  (if (i32.and (global.get $ets_upd_new) (i32.eqz (local.get $ok)))
    (then (drop (call $ets_t_erase (local.get $t)
      (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.cast (ref $ets_node) (local.get $e)))))))))

;; update_counter/3,4 (`default` null for /3).
(func $ets_update_counter (param $id eqref) (param $k eqref) (param $upop eqref) (param $default eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $ops eqref) (local $want_list i32)
  (local $obj (ref null $tuple)) (local $new (ref $tuple)) (local $l eqref) (local $op (ref $tuple)) (local $n i32)
  (local $pos i32) (local $old eqref) (local $incr eqref) (local $v eqref) (local $acc eqref) (local $last eqref)
  (local $cause eqref)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.eqz (ref.is_null (local.get $default)))
    (then (if (i32.eqz (ref.test (ref $tuple) (local.get $default))) (then (return (call $fail_badarg))))))
  (if (i32.and (call $ets_is_hash (local.get $tab)) (i32.ne (struct.get $ets_tab $type (local.get $tab)) (global.get $ETS_SET)))
    (then (return (call $ets_fail_cause (global.get $atom.table_type)))))
  (if (call $is_integer (local.get $upop))
    (then (local.set $ops (struct.new $cons (call $tuple2 (ref.i31 (i32.add (struct.get $ets_tab $keypos (local.get $tab)) (i32.const 1)))
      (local.get $upop)) (ref.null none))))
    (else
      (if (ref.test (ref $tuple) (local.get $upop))
        (then (local.set $ops (struct.new $cons (local.get $upop) (ref.null none))))
        (else (local.set $ops (local.get $upop)) (local.set $want_list (i32.const 1))))))
  (local.set $obj (call $ets_upd_lookup (local.get $tab) (local.get $k) (local.get $default)))
  (if (ref.is_null (local.get $obj)) (then (return (call $ets_fail_cause (global.get $atom.badkey)))))
  ;; check every operation before changing anything (the VM's causes: keypos, position)
  (local.set $l (local.get $ops))
  (block $bad
    (block $checked
      (loop $check
        (br_if $checked (ref.is_null (local.get $l)))
        (br_if $bad (i32.eqz (ref.test (ref $cons) (local.get $l))))
        (br_if $bad (i32.eqz (ref.test (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
        (local.set $op (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (local.set $n (array.len (local.get $op)))
        (if (i32.eq (local.get $n) (i32.const 4))
          (then
            (br_if $bad (i32.eqz (call $is_integer (array.get $tuple (local.get $op) (i32.const 2)))))
            (br_if $bad (i32.eqz (call $is_integer (array.get $tuple (local.get $op) (i32.const 3))))))
          (else (br_if $bad (i32.ne (local.get $n) (i32.const 2)))))
        (br_if $bad (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))))
        (br_if $bad (i32.eqz (call $is_integer (array.get $tuple (local.get $op) (i32.const 1)))))
        (local.set $pos (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))))
        (local.set $cause (global.get $atom.keypos))
        (br_if $bad (i32.eq (local.get $pos) (struct.get $ets_tab $keypos (local.get $tab))))
        (local.set $cause (global.get $atom.position))
        (br_if $bad (i32.lt_s (local.get $pos) (i32.const 1)))
        (br_if $bad (i32.gt_s (local.get $pos) (array.len (ref.as_non_null (local.get $obj)))))
        (local.set $cause (ref.null none))
        (br_if $bad (i32.eqz (call $is_integer (array.get $tuple (ref.as_non_null (local.get $obj)) (i32.sub (local.get $pos) (i32.const 1))))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $check)))
    ;; apply them to a copy
    (local.set $new (call $ets_tuple_copy (ref.as_non_null (local.get $obj))))
    (local.set $l (local.get $ops))
    (block $done
      (loop $apply
        (br_if $done (ref.is_null (local.get $l)))
        (local.set $op (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (local.set $pos (i32.sub (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))) (i32.const 1)))
        (local.set $old (array.get $tuple (local.get $new) (local.get $pos)))
        (local.set $incr (array.get $tuple (local.get $op) (i32.const 1)))
        (local.set $v (call $erlang:+/2 (local.get $old) (local.get $incr)))
        (if (i32.eq (array.len (local.get $op)) (i32.const 4))
          (then
            (if (if (result i32) (i32.lt_s (call $compare (local.get $incr) (ref.i31 (i32.const 0))) (i32.const 0))
                  (then (i32.lt_s (call $compare (local.get $v) (array.get $tuple (local.get $op) (i32.const 2))) (i32.const 0)))
                  (else (i32.gt_s (call $compare (local.get $v) (array.get $tuple (local.get $op) (i32.const 2))) (i32.const 0))))
              (then (local.set $v (array.get $tuple (local.get $op) (i32.const 3)))))))
        (array.set $tuple (local.get $new) (local.get $pos) (local.get $v))
        (local.set $acc (struct.new $cons (local.get $v) (local.get $acc)))
        (local.set $last (local.get $v))
        (br_if $done (i32.eqz (local.get $want_list)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $apply)))
    (call $ets_upd_finish (local.get $tab) (i32.const 1) (local.get $new))
    (if (local.get $want_list) (then (return (call $lists:reverse/2 (local.get $acc) (ref.null none)))))
    (return (local.get $last)))
  (call $ets_upd_finish (local.get $tab) (i32.const 0) (ref.null none))
  (call $fail_with_cause (global.get $atom.badarg) (local.get $cause)))

(func $ets:update_counter/3 (param $id eqref) (param $k eqref) (param $upop eqref) (result eqref)
  (call $ets_update_counter (local.get $id) (local.get $k) (local.get $upop) (ref.null none)))

(func $ets:update_counter/4 (param $id eqref) (param $k eqref) (param $upop eqref) (param $default eqref) (result eqref)
  (if (ref.is_null (local.get $default))
    (then
      (if (ref.is_null (call $ets_wr (local.get $id))) (then (return (call $ets_fail_tab))))
      (return (call $fail_badarg))))
  (call $ets_update_counter (local.get $id) (local.get $k) (local.get $upop) (local.get $default)))

;; ets:update_element(Table, Key, {Pos, Value} | [{Pos, Value}]).
(func $ets:update_element/3 (param $id eqref) (param $k eqref) (param $upd eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $ops eqref) (local $obj (ref null $tuple))
  (local $new (ref $tuple)) (local $l eqref) (local $op (ref $tuple)) (local $pos i32) (local $cause eqref)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.and (call $ets_is_hash (local.get $tab)) (i32.ne (struct.get $ets_tab $type (local.get $tab)) (global.get $ETS_SET)))
    (then (return (call $ets_fail_cause (global.get $atom.table_type)))))
  (local.set $ops (if (result eqref) (ref.test (ref $tuple) (local.get $upd))
    (then (struct.new $cons (local.get $upd) (ref.null none))) (else (local.get $upd))))
  (local.set $obj (call $ets_upd_lookup (local.get $tab) (local.get $k) (ref.null none)))
  (if (ref.is_null (local.get $obj)) (then (return (global.get $atom.false))))
  (local.set $l (local.get $ops))
  (block $bad
    (block $checked
      (loop $check
        (br_if $checked (ref.is_null (local.get $l)))
        (br_if $bad (i32.eqz (ref.test (ref $cons) (local.get $l))))
        (br_if $bad (i32.eqz (ref.test (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
        (local.set $op (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (br_if $bad (i32.ne (array.len (local.get $op)) (i32.const 2)))
        (br_if $bad (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))))
        (local.set $pos (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))))
        (local.set $cause (global.get $atom.keypos))
        (br_if $bad (i32.eq (local.get $pos) (struct.get $ets_tab $keypos (local.get $tab))))
        (local.set $cause (ref.null none))
        (br_if $bad (i32.lt_s (local.get $pos) (i32.const 1)))
        (br_if $bad (i32.gt_s (local.get $pos) (array.len (ref.as_non_null (local.get $obj)))))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $check)))
    (local.set $new (call $ets_tuple_copy (ref.as_non_null (local.get $obj))))
    (local.set $l (local.get $ops))
    (block $done
      (loop $apply
        (br_if $done (ref.is_null (local.get $l)))
        (local.set $op (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (array.set $tuple (local.get $new)
          (i32.sub (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $op) (i32.const 0)))) (i32.const 1))
          (array.get $tuple (local.get $op) (i32.const 1)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $apply)))
    (call $ets_upd_finish (local.get $tab) (i32.const 1) (local.get $new))
    (return (global.get $atom.true)))
  (call $ets_upd_finish (local.get $tab) (i32.const 0) (ref.null none))
  (call $fail_with_cause (global.get $atom.badarg) (local.get $cause)))

;; ---- naming, ownership, options ---------------------------------------------------------------

;; ets:whereis(Name): the reference of a named table, or undefined.
(func $ets:whereis/1 (param $name eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (local.set $t (call $ets_find (local.get $name)))
  (if (ref.is_null (local.get $t)) (then (return (global.get $atom.undefined))))
  (struct.get $ets_tab $tid (ref.as_non_null (local.get $t))))

;; ets:rename(Table, Name).
(func $ets:rename/2 (param $id eqref) (param $name eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab))
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.eqz (ref.test (ref $atom) (local.get $name))) (then (return (call $fail_badarg))))
  (if (i32.and (struct.get $ets_tab $opts (local.get $tab)) (global.get $ETS_NAMED))
    (then
      (if (i32.eqz (ref.is_null (call $ets_find (local.get $name)))) (then (return (call $fail_badarg))))
      (call $ets_map_remove (global.get $ets_by_name) (i64.extend_i32_u (struct.get $atom $id (struct.get $ets_tab $name (local.get $tab)))))
      (call $ets_map_put (global.get $ets_by_name) (i64.extend_i32_u (struct.get $atom $id (ref.cast (ref $atom) (local.get $name)))) (local.get $tab))
      (struct.set $ets_tab $name (local.get $tab) (ref.cast (ref $atom) (local.get $name)))
      (return (local.get $name))))
  (struct.set $ets_tab $name (local.get $tab) (ref.cast (ref $atom) (local.get $name)))
  (local.get $id))

;; Makes `to` the owner of `t` and tells it: {'ETS-TRANSFER', Id, From, Data}.
(func $ets_transfer (param $t (ref $ets_tab)) (param $to (ref $pid)) (param $from (ref $pid)) (param $data eqref)
  (call $ets_disown (struct.get $ets_tab $owner (local.get $t)) (local.get $t))
  (struct.set $ets_tab $owner (local.get $t) (local.get $to))
  (call $ets_own (local.get $to) (local.get $t))
  (call $ets_send (local.get $to)
    (array.new_fixed $tuple 4 (global.get $atom.ETS-TRANSFER) (call $ets_id_of (local.get $t)) (local.get $from) (local.get $data))))

;; ets:give_away(Table, Pid, GiftData).
(func $ets:give_away/3 (param $id eqref) (param $to eqref) (param $data eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $self (ref $pid))
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (i32.eqz (ref.test (ref $pid) (local.get $to))) (then (return (call $fail_badarg))))
  (if (i32.eqz (call $ets_pid_alive (ref.cast (ref $pid) (local.get $to)))) (then (return (call $fail_badarg))))
  (local.set $self (call $ets_self))
  (if (i32.eqz (call $ets_pid_eq (struct.get $ets_tab $owner (ref.as_non_null (local.get $t))) (local.get $self)))
    (then (return (call $ets_fail_cause (global.get $atom.not_owner)))))
  (if (call $ets_pid_eq (ref.cast (ref $pid) (local.get $to)) (local.get $self))
    (then (return (call $ets_fail_cause (global.get $atom.owner)))))
  (call $ets_transfer (ref.as_non_null (local.get $t)) (ref.cast (ref $pid) (local.get $to)) (local.get $self) (local.get $data))
  (global.get $atom.true))

;; ets:setopts(Table, Opts): {heir, Pid, Data}, {heir, none}, {protection, P}.
(func $ets:setopts/2 (param $id eqref) (param $opts eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $l eqref) (local $o (ref $tuple)) (local $n i32) (local $k eqref)
  (local $heir eqref) (local $heir_data eqref) (local $have_heir i32) (local $prot i32) (local $v eqref)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $l (if (result eqref) (ref.test (ref $tuple) (local.get $opts))
    (then (struct.new $cons (local.get $opts) (ref.null none))) (else (local.get $opts))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $v (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $v))) (then (return (call $fail_badarg))))
      (local.set $o (ref.cast (ref $tuple) (local.get $v)))
      (local.set $n (array.len (local.get $o)))
      (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return (call $fail_badarg))))
      (local.set $k (array.get $tuple (local.get $o) (i32.const 0)))
      (block $ok
        (if (ref.eq (local.get $k) (global.get $atom.heir))
          (then
            (if (local.get $have_heir) (then (return (call $fail_badarg))))
            (local.set $have_heir (i32.const 1))
            (local.set $heir (array.get $tuple (local.get $o) (i32.const 1)))
            (if (i32.and (i32.eq (local.get $n) (i32.const 2)) (ref.eq (local.get $heir) (global.get $atom.none)))
              (then (local.set $heir_data (global.get $atom.undefined)) (br $ok)))
            (if (i32.and (i32.eq (local.get $n) (i32.const 3)) (ref.test (ref $pid) (local.get $heir)))
              (then (local.set $heir_data (array.get $tuple (local.get $o) (i32.const 2))) (br $ok)))
            (return (call $fail_badarg))))
        (if (ref.eq (local.get $k) (global.get $atom.protection))
          (then
            (if (i32.or (i32.ne (local.get $n) (i32.const 2)) (local.get $prot)) (then (return (call $fail_badarg))))
            (local.set $v (array.get $tuple (local.get $o) (i32.const 1)))
            (if (ref.eq (local.get $v) (global.get $atom.private)) (then (local.set $prot (global.get $ETS_PRIVATE)) (br $ok)))
            (if (ref.eq (local.get $v) (global.get $atom.protected)) (then (local.set $prot (global.get $ETS_PROTECTED)) (br $ok)))
            (if (ref.eq (local.get $v) (global.get $atom.public)) (then (local.set $prot (global.get $ETS_PUBLIC)) (br $ok)))
            (return (call $fail_badarg))))
        (return (call $fail_badarg)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (call $fail_badarg))))
  (if (i32.eqz (call $ets_pid_eq (struct.get $ets_tab $owner (ref.as_non_null (local.get $t))) (call $ets_self)))
    (then (return (call $fail_badarg))))
  (if (local.get $have_heir)
    (then
      (struct.set $ets_tab $heir (ref.as_non_null (local.get $t)) (call $ets_heir_of (local.get $heir)))
      (struct.set $ets_tab $heir_data (ref.as_non_null (local.get $t)) (local.get $heir_data))))
  (if (local.get $prot) (then (struct.set $ets_tab $prot (ref.as_non_null (local.get $t)) (local.get $prot))))
  (global.get $atom.true))

;; ---- fixation ----------------------------------------------------------------------------------

;; Process `p` fixes `t` once more.
(func $ets_fix (param $t (ref $ets_tab)) (param $p (ref $pid))
  (local $l eqref) (local $fx (ref $tuple)) (local $r (ref $ets_prec))
  (if (ref.is_null (struct.get $ets_tab $fixers (local.get $t)))
    (then
      (struct.set $ets_tab $fix_mono (local.get $t) (call $ets_now (i32.const 0)))
      (struct.set $ets_tab $fix_sys (local.get $t) (call $ets_now (i32.const 1)))))
  (struct.set $ets_tab $nfixed (local.get $t) (i32.add (struct.get $ets_tab $nfixed (local.get $t)) (i32.const 1)))
  (local.set $l (struct.get $ets_tab $fixers (local.get $t)))
  (block $absent
    (loop $next
      (br_if $absent (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $fx (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (call $ets_pid_eq (ref.cast (ref $pid) (array.get $tuple (local.get $fx) (i32.const 0))) (local.get $p))
        (then
          (array.set $tuple (local.get $fx) (i32.const 1)
            (ref.i31 (i32.add (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $fx) (i32.const 1)))) (i32.const 1))))
          (return)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (struct.set $ets_tab $fixers (local.get $t)
    (struct.new $cons (call $tuple2 (local.get $p) (ref.i31 (i32.const 1))) (struct.get $ets_tab $fixers (local.get $t))))
  (local.set $r (call $ets_prec_of (local.get $p)))
  (struct.set $ets_prec $fixed (local.get $r) (struct.new $cons (local.get $t) (struct.get $ets_prec $fixed (local.get $r)))))

;; Process `p` releases one fixation of `t` (all of them when `all`); at the last one, the
;; pseudo-deleted objects go.
(func $ets_unfix (param $t (ref $ets_tab)) (param $p (ref $pid)) (param $all i32)
  (local $l eqref) (local $fx (ref $tuple)) (local $c i32) (local $r (ref $ets_prec))
  (local.set $l (struct.get $ets_tab $fixers (local.get $t)))
  (block $absent
    (loop $next
      (br_if $absent (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $fx (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (call $ets_pid_eq (ref.cast (ref $pid) (array.get $tuple (local.get $fx) (i32.const 0))) (local.get $p))
        (then
          (local.set $c (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $fx) (i32.const 1)))))
          (if (local.get $all)
            (then
              (struct.set $ets_tab $nfixed (local.get $t) (i32.sub (struct.get $ets_tab $nfixed (local.get $t)) (local.get $c)))
              (local.set $c (i32.const 0)))
            (else
              (struct.set $ets_tab $nfixed (local.get $t) (i32.sub (struct.get $ets_tab $nfixed (local.get $t)) (i32.const 1)))
              (local.set $c (i32.sub (local.get $c) (i32.const 1)))))
          (array.set $tuple (local.get $fx) (i32.const 1) (ref.i31 (local.get $c)))
          (if (i32.eqz (local.get $c))
            (then
              (struct.set $ets_tab $fixers (local.get $t) (call $ets_list_without (struct.get $ets_tab $fixers (local.get $t)) (local.get $fx)))
              (local.set $r (call $ets_prec_of (local.get $p)))
              (struct.set $ets_prec $fixed (local.get $r) (call $ets_list_without (struct.get $ets_prec $fixed (local.get $r)) (local.get $t)))))
          (br $absent)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.and (i32.eqz (call $ets_fixed (local.get $t))) (call $ets_is_hash (local.get $t)))
    (then (call $ets_h_unfix (local.get $t)))))

;; ets:safe_fixtable(Table, true | false).
(func $ets:safe_fixtable/2 (param $id eqref) (param $on eqref) (result eqref)
  (local $t (ref null $ets_tab))
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (ref.eq (local.get $on) (global.get $atom.true))
    (then (call $ets_fix (ref.as_non_null (local.get $t)) (call $ets_self)) (return (global.get $atom.true))))
  (if (ref.eq (local.get $on) (global.get $atom.false))
    (then
      (if (call $ets_fixed (ref.as_non_null (local.get $t)))
        (then (call $ets_unfix (ref.as_non_null (local.get $t)) (call $ets_self) (i32.const 0))))
      (return (global.get $atom.true))))
  (call $fail_badarg))

;; ---- deleting all objects, listing tables --------------------------------------------------------

;; ets:internal_delete_all(Table, undefined): the number of objects there were (a second
;; argument other than undefined is the VM's trap state, answered as is).
(func $ets:internal_delete_all/2 (param $id eqref) (param $st eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $n i32)
  (local.set $t (call $ets_wr (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (if (i32.eqz (ref.eq (local.get $st) (global.get $atom.undefined))) (then (return (local.get $st))))
  (local.set $n (struct.get $ets_tab $nitems (ref.as_non_null (local.get $t))))
  (if (call $ets_is_hash (ref.as_non_null (local.get $t)))
    (then
      (local.set $n (call $ets_h_lock_total (ref.as_non_null (local.get $t))))
      (call $ets_h_clear (ref.as_non_null (local.get $t))))
    (else
      (struct.set $ets_tab $root (ref.as_non_null (local.get $t)) (ref.null none))
      (struct.set $ets_tab $nitems (ref.as_non_null (local.get $t)) (i32.const 0))))
  (call $ets_uword (local.get $n)))

;; A count as the VM shows its unsigned words: a negative one (take/2 on a bag while it is
;; fixed can count pseudo-deleted objects twice, as on the VM) wraps to 2^64 + n.
(func $ets_uword (param $n i32) (result eqref)
  (if (i32.ge_s (local.get $n) (i32.const 0)) (then (return (ref.i31 (local.get $n)))))
  (call $erlang:+/2 (call $mk_int (i64.extend_i32_s (local.get $n)))
    (struct.new $bigint (i32.const 0) (array.new_fixed $limbs 3 (i32.const 0) (i32.const 0) (i32.const 1)))))

;; The ids of all tables, in creation order.
(func $ets_all_ids (result eqref)
  (local $t (ref null $ets_tab)) (local $acc eqref)
  (local.set $t (global.get $ets_all_last))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $t)))
      (local.set $acc (struct.new $cons (call $ets_id_of (ref.as_non_null (local.get $t))) (local.get $acc)))
      (local.set $t (struct.get $ets_tab $all_prev (ref.as_non_null (local.get $t))))
      (br $next)))
  (local.get $acc))

;; ets:internal_request_all(): a reference Ref; the caller then receives {Ref, Tables} once
;; per scheduler (ets:all/0 concatenates them): every table in the first, [] in the rest.
(func $ets:internal_request_all/0 (result eqref)
  (local $ref (ref $ref)) (local $n i32) (local $self (ref $pid))
  (local.set $ref (call $ets_make_ref))
  (local.set $self (call $ets_self))
  (local.set $n (i31.get_s (ref.cast (ref i31) (call $erlang:system_info/1 (global.get $atom.schedulers)))))
  (call $ets_send (local.get $self) (call $tuple2 (local.get $ref) (call $ets_all_ids)))
  (block $done
    (loop $more
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (call $ets_send (local.get $self) (call $tuple2 (local.get $ref) (ref.null none)))
      (br $more)))
  (local.get $ref))

;; ---- process exit ---------------------------------------------------------------------------------

;; Process `p` has exited: each table it owns goes to its heir (when the heir is alive and
;; not `p`) or is deleted; its fixations are released. process.wat's $proc_exit calls this
;; before it notifies links and monitors, as the VM does.
(func $ets_owner_exit (param $p (ref $pid))
  (local $r eqref) (local $rec (ref $ets_prec)) (local $l eqref) (local $t (ref $ets_tab)) (local $heir eqref)
  (local.set $r (call $ets_map_get (global.get $ets_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p)))))
  (if (i32.eqz (ref.test (ref $ets_prec) (local.get $r))) (then (return)))
  (local.set $rec (ref.cast (ref $ets_prec) (local.get $r)))
  (loop $owned
    (local.set $l (struct.get $ets_prec $owned (local.get $rec)))
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $t (ref.cast (ref $ets_tab) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
        (local.set $heir (struct.get $ets_tab $heir (local.get $t)))
        (block $deleted
          (if (ref.test (ref $pid) (local.get $heir))
            (then
              (if (i32.and (i32.eqz (call $ets_pid_eq (ref.cast (ref $pid) (local.get $heir)) (local.get $p)))
                           (call $ets_pid_alive (ref.cast (ref $pid) (local.get $heir))))
                (then
                  (call $ets_transfer (local.get $t) (ref.cast (ref $pid) (local.get $heir)) (local.get $p)
                    (struct.get $ets_tab $heir_data (local.get $t)))
                  (br $deleted)))))
          (call $ets_drop (local.get $t)))
        (br $owned))))
  (local.set $l (struct.get $ets_prec $fixed (local.get $rec)))
  (struct.set $ets_prec $fixed (local.get $rec) (ref.null none))
  (loop $fixed
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (call $ets_unfix (ref.cast (ref $ets_tab) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))) (local.get $p) (i32.const 1))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $fixed))))
  (call $ets_map_remove (global.get $ets_procs) (i64.extend_i32_u (struct.get $pid $num (local.get $p)))))

;; ---- info ----------------------------------------------------------------------------------------

;; An estimate of the words term `t` takes in a table (the VM's size_object on 64 bits).
(func $ets_words (param $t eqref) (result i32)
  (local $n i32) (local $tup (ref $tuple)) (local $i i32) (local $sz i32)
  (loop $again
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $n (i32.add (local.get $n) (i32.add (i32.const 2) (call $ets_words (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $again))))
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (local.set $n (i32.add (local.get $n) (i32.add (i32.const 1) (array.len (local.get $tup)))))
      (block $done
        (loop $elems
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
          (local.set $n (i32.add (local.get $n) (call $ets_words (array.get $tuple (local.get $tup) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $elems)))
      (return (local.get $n))))
  (if (ref.test (ref $float) (local.get $t)) (then (return (i32.add (local.get $n) (i32.const 2)))))
  (if (ref.test (ref $int64) (local.get $t))
    (then
      ;; a small on the VM unless beyond 60 bits
      (if (i64.eq (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t)))
                  (i64.shr_s (i64.shl (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))) (i64.const 4)) (i64.const 4)))
        (then (return (local.get $n))))
      (return (i32.add (local.get $n) (i32.const 2)))))
  (if (ref.test (ref $bigint) (local.get $t))
    (then (return (i32.add (local.get $n) (i32.add (i32.const 1)
      (i32.shr_u (i32.add (array.len (struct.get $bigint $mag (ref.cast (ref $bigint) (local.get $t)))) (i32.const 1)) (i32.const 1)))))))
  (if (ref.test (ref $bin) (local.get $t))
    (then
      (local.set $sz (struct.get $bin $size (ref.cast (ref $bin) (local.get $t))))
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $t))) (then (local.set $sz (i32.add (local.get $sz) (i32.const 1)))))
      (if (i32.le_u (local.get $sz) (i32.const 64))
        (then (return (i32.add (local.get $n) (i32.add (i32.const 2) (i32.shr_u (i32.add (local.get $sz) (i32.const 7)) (i32.const 3)))))))
      (return (i32.add (local.get $n) (i32.const 6)))))
  (if (ref.test (ref $ref) (local.get $t)) (then (return (i32.add (local.get $n) (i32.const 4)))))
  (if (call $is_map (local.get $t))
    (then
      (local.set $sz (call $map_size (local.get $t)))
      (return (i32.add (local.get $n) (i32.add (i32.add (i32.const 4) (local.get $sz))
        (call $ets_words (call $map_sorted_kv (local.get $t))))))))
  (if (ref.test (ref $fun) (local.get $t)) (then (return (i32.add (local.get $n) (i32.const 8)))))
  (local.get $n))

;; info(T, memory): an estimate in words (the VM's allocator sizes cannot be reproduced).
(func $ets_memory (param $t (ref $ets_tab)) (result i32)
  (local $n i32) (local $ix i32) (local $b (ref null $ets_hent)) (local $l eqref)
  (if (call $ets_is_hash (local.get $t))
    (then
      (local.set $n (i32.add (i32.const 305) (i32.sub (struct.get $ets_tab $nslots (local.get $t)) (i32.const 256))))
      (if (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_FINE))
        (then (local.set $n (i32.add (local.get $n) (i32.mul (struct.get $ets_tab $nlocks (local.get $t)) (i32.const 165))))))
      (block $done
        (loop $buckets
          (br_if $done (i32.ge_u (local.get $ix) (struct.get $ets_tab $nactive (local.get $t))))
          (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
          (block $end
            (loop $walk
              (br_if $end (ref.is_null (local.get $b)))
              (local.set $n (i32.add (local.get $n)
                (i32.add (i32.const 4) (call $ets_words (struct.get $ets_hent $obj (ref.as_non_null (local.get $b)))))))
              (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
              (br $walk)))
          (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
          (br $buckets)))
      (return (local.get $n))))
  (local.set $n (if (result i32) (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_FINE))
    (then (i32.const 133)) (else (i32.const 139))))
  (call $ets_t_words (struct.get $ets_tab $root (local.get $t)) (local.get $n)))

;; `acc` plus the words of the objects under tree node `n`.
(func $ets_t_words (param $n (ref null $ets_node)) (param $acc i32) (result i32)
  (loop $again
    (if (ref.is_null (local.get $n)) (then (return (local.get $acc))))
    (local.set $acc (call $ets_t_words (struct.get $ets_node $left (ref.as_non_null (local.get $n))) (local.get $acc)))
    (local.set $acc (i32.add (local.get $acc) (i32.add (i32.const 5) (call $ets_words (struct.get $ets_node $obj (ref.as_non_null (local.get $n)))))))
    (local.set $n (struct.get $ets_node $right (ref.as_non_null (local.get $n))))
    (br $again))
  (local.get $acc))

;; info(T, stats) of a hash table: {Buckets, AvgLen, StdDev, ExpectedStdDev, MinLen,
;; MaxLen, PseudoDeleted, Locks}; the averages in single precision as the VM computes them.
(func $ets_h_stats (param $t (ref $ets_tab)) (result eqref)
  (local $ix i32) (local $b (ref null $ets_hent)) (local $len i32) (local $sum i32) (local $sq i32) (local $kept i32)
  (local $min i32) (local $max i32) (local $avg f32) (local $na i32)
  (local.set $na (struct.get $ets_tab $nactive (local.get $t)))
  (local.set $min (i32.const 0x7fffffff))
  (loop $buckets
    (local.set $len (i32.const 0))
    (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
    (block $end
      (loop $walk
        (br_if $end (ref.is_null (local.get $b)))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (if (struct.get $ets_hent $pdel (ref.as_non_null (local.get $b))) (then (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
        (local.set $b (struct.get $ets_hent $next (ref.as_non_null (local.get $b))))
        (br $walk)))
    (local.set $sum (i32.add (local.get $sum) (local.get $len)))
    (local.set $sq (i32.add (local.get $sq) (i32.mul (local.get $len) (local.get $len))))
    (if (i32.lt_s (local.get $len) (local.get $min)) (then (local.set $min (local.get $len))))
    (if (i32.gt_s (local.get $len) (local.get $max)) (then (local.set $max (local.get $len))))
    (local.set $ix (call $ets_h_next_slot (local.get $t) (local.get $ix)))
    (br_if $buckets (local.get $ix)))
  (local.set $avg (f32.div (f32.convert_i32_s (local.get $sum)) (f32.convert_i32_s (local.get $na))))
  (array.new_fixed $tuple 8
    (ref.i31 (local.get $na))
    (struct.new $float (f64.promote_f32 (local.get $avg)))
    (struct.new $float (f64.promote_f32 (f32.demote_f64 (f64.sqrt (f64.promote_f32 (f32.div
      (f32.sub (f32.convert_i32_s (local.get $sq)) (f32.mul (local.get $avg) (f32.convert_i32_s (local.get $sum))))
      (f32.convert_i32_s (local.get $na))))))))
    (struct.new $float (f64.promote_f32 (f32.demote_f64 (f64.sqrt (f64.mul (f64.promote_f32 (local.get $avg))
      (f64.sub (f64.const 1) (f64.div (f64.const 1) (f64.convert_i32_s (local.get $na)))))))))
    (ref.i31 (local.get $min)) (ref.i31 (local.get $max)) (ref.i31 (local.get $kept))
    (ref.i31 (struct.get $ets_tab $nlocks (local.get $t)))))

;; table_info: the value of item `what`, or $FAIL for an unknown item.
(func $ets_info_item (param $t (ref $ets_tab)) (param $what eqref) (result eqref)
  (local $type i32) (local $opts i32) (local $prot i32) (local $mono i64) (local $sys i64) (local $us i64)
  (local.set $type (struct.get $ets_tab $type (local.get $t)))
  (local.set $opts (struct.get $ets_tab $opts (local.get $t)))
  (local.set $prot (struct.get $ets_tab $prot (local.get $t)))
  (if (ref.eq (local.get $what) (global.get $atom.size))
    (then (return (call $ets_uword (struct.get $ets_tab $nitems (local.get $t))))))
  (if (ref.eq (local.get $what) (global.get $atom.type))
    (then
      (if (i32.eq (local.get $type) (global.get $ETS_SET)) (then (return (global.get $atom.set))))
      (if (i32.eq (local.get $type) (global.get $ETS_BAG)) (then (return (global.get $atom.bag))))
      (if (i32.eq (local.get $type) (global.get $ETS_DBAG)) (then (return (global.get $atom.duplicate_bag))))
      (return (global.get $atom.ordered_set))))
  (if (ref.eq (local.get $what) (global.get $atom.memory))
    (then (return (call $mk_int (i64.extend_i32_s (call $ets_memory (local.get $t)))))))
  (if (ref.eq (local.get $what) (global.get $atom.owner)) (then (return (struct.get $ets_tab $owner (local.get $t)))))
  (if (ref.eq (local.get $what) (global.get $atom.heir)) (then (return (struct.get $ets_tab $heir (local.get $t)))))
  (if (ref.eq (local.get $what) (global.get $atom.protection))
    (then
      (if (i32.eq (local.get $prot) (global.get $ETS_PRIVATE)) (then (return (global.get $atom.private))))
      (if (i32.eq (local.get $prot) (global.get $ETS_PUBLIC)) (then (return (global.get $atom.public))))
      (return (global.get $atom.protected))))
  (if (ref.eq (local.get $what) (global.get $atom.write_concurrency))
    (then
      (if (i32.and (local.get $opts) (global.get $ETS_EXPLICIT_LOCKS))
        (then (return (call $tuple2 (global.get $atom.debug_hash_fixed_number_of_locks)
          (ref.i31 (struct.get $ets_tab $nlocks (local.get $t)))))))
      (if (i32.and (local.get $opts) (global.get $ETS_WC_AUTO)) (then (return (global.get $atom.auto))))
      (return (call $bool (i32.ne (i32.and (local.get $opts) (global.get $ETS_FINE)) (i32.const 0))))))
  (if (ref.eq (local.get $what) (global.get $atom.read_concurrency))
    (then (return (call $bool (i32.ne (i32.and (local.get $opts) (global.get $ETS_READ_CONC)) (i32.const 0))))))
  (if (ref.eq (local.get $what) (global.get $atom.name)) (then (return (struct.get $ets_tab $name (local.get $t)))))
  (if (ref.eq (local.get $what) (global.get $atom.keypos)) (then (return (ref.i31 (struct.get $ets_tab $keypos (local.get $t))))))
  (if (ref.eq (local.get $what) (global.get $atom.node)) (then (return (call $erlang:node/0))))
  (if (ref.eq (local.get $what) (global.get $atom.named_table))
    (then (return (call $bool (i32.and (local.get $opts) (global.get $ETS_NAMED))))))
  (if (ref.eq (local.get $what) (global.get $atom.compressed))
    (then (return (call $bool (i32.ne (i32.and (local.get $opts) (global.get $ETS_COMPRESSED)) (i32.const 0))))))
  (if (ref.eq (local.get $what) (global.get $atom.id)) (then (return (struct.get $ets_tab $tid (local.get $t)))))
  (if (ref.eq (local.get $what) (global.get $atom.decentralized_counters))
    (then
      (return (call $bool (i32.and (i32.ne (i32.and (local.get $opts) (global.get $ETS_DECENTRAL)) (i32.const 0))
                                   (i32.ne (i32.and (local.get $opts) (global.get $ETS_FINE)) (i32.const 0)))))))
  (if (ref.eq (local.get $what) (global.get $atom.fixed)) (then (return (call $bool (call $ets_fixed (local.get $t))))))
  (if (i32.or (ref.eq (local.get $what) (global.get $atom.safe_fixed))
              (ref.eq (local.get $what) (global.get $atom.safe_fixed_monotonic_time)))
    (then
      (if (i32.eqz (call $ets_fixed (local.get $t))) (then (return (global.get $atom.false))))
      (if (ref.eq (local.get $what) (global.get $atom.safe_fixed))
        (then
          (local.set $sys (i64.div_u (struct.get $ets_tab $fix_sys (local.get $t)) (i64.const 1000)))
          (return (call $tuple2
            (call $tuple3 (call $mk_int (i64.div_u (local.get $sys) (i64.const 1000000000000)))
              (call $mk_int (i64.rem_u (i64.div_u (local.get $sys) (i64.const 1000000)) (i64.const 1000000)))
              (call $mk_int (i64.rem_u (local.get $sys) (i64.const 1000000))))
            (call $ets_fixers_info (local.get $t))))))
      (return (call $tuple2 (call $mk_int (struct.get $ets_tab $fix_mono (local.get $t))) (call $ets_fixers_info (local.get $t))))))
  (if (ref.eq (local.get $what) (global.get $atom.stats))
    (then
      (if (call $ets_is_hash (local.get $t)) (then (return (call $ets_h_stats (local.get $t)))))
      (if (i32.and (local.get $opts) (global.get $ETS_FINE))
        (then (return (call $tuple3 (ref.i31 (i32.const 0)) (ref.i31 (i32.const 1)) (ref.i31 (i32.const 0))))))
      (return (global.get $atom.false))))
  (if (ref.eq (local.get $what) (global.get $atom.data)) (then (return (global.get $atom.true))))
  (if (ref.eq (local.get $what) (global.get $atom.binary)) (then (return (ref.null none))))
  (global.get $FAIL))

;; [{Pid, Count}] of the processes fixing `t`.
(func $ets_fixers_info (param $t (ref $ets_tab)) (result eqref)
  (local $l eqref) (local $acc eqref) (local $fx (ref $tuple))
  (local.set $l (struct.get $ets_tab $fixers (local.get $t)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $fx (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $acc (struct.new $cons (call $tuple2 (array.get $tuple (local.get $fx) (i32.const 0)) (array.get $tuple (local.get $fx) (i32.const 1)))
        (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $acc))

;; ets:info(Table): the items in the VM's order; undefined for a reference or atom that
;; names no table.
(func $ets:info/1 (param $id eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $items (ref $tuple)) (local $i i32) (local $acc eqref) (local $k eqref)
  (if (i32.eqz (i32.or (ref.test (ref $atom) (local.get $id)) (ref.test (ref $ref) (local.get $id)))) (then (return (call $fail_badarg))))
  (local.set $t (call $ets_find (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (global.get $atom.undefined))))
  (local.set $items (array.new_fixed $tuple 15
    (global.get $atom.protection) (global.get $atom.keypos) (global.get $atom.type) (global.get $atom.named_table)
    (global.get $atom.node) (global.get $atom.size) (global.get $atom.name) (global.get $atom.heir)
    (global.get $atom.owner) (global.get $atom.memory) (global.get $atom.compressed) (global.get $atom.write_concurrency)
    (global.get $atom.read_concurrency) (global.get $atom.decentralized_counters) (global.get $atom.id)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $items))))
      (local.set $k (array.get $tuple (local.get $items) (local.get $i)))
      (local.set $acc (struct.new $cons (call $tuple2 (local.get $k) (call $ets_info_item (ref.as_non_null (local.get $t)) (local.get $k))) (local.get $acc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $acc))

;; ets:info(Table, Item).
(func $ets:info/2 (param $id eqref) (param $what eqref) (result eqref)
  (local $t (ref null $ets_tab)) (local $r eqref)
  (if (i32.eqz (i32.or (ref.test (ref $atom) (local.get $id)) (ref.test (ref $ref) (local.get $id)))) (then (return (call $fail_badarg))))
  (local.set $t (call $ets_find (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (global.get $atom.undefined))))
  (local.set $r (call $ets_info_item (ref.as_non_null (local.get $t)) (local.get $what)))
  (if (call $is_fail (local.get $r)) (then (return (call $fail_badarg))))
  (local.get $r))
