;; map.wat — maps with the VM's semantics and iteration order (erts/emulator/beam/erl_map.c,
;; OTP 25).
;;
;; Two shapes, as in the VM:
;;   - a flatmap `$fmap {keys, vals}` for at most 32 keys, the keys sorted in map-key order
;;     (the exact term order of compare.wat: every integer before every float, so 1 and
;;     1.0 are two keys and 1 comes first);
;;   - a hash trie `$hmap {size, root}` for more than 32 keys. Nodes are `$hnode {bitmap,
;;     kids}`: the bitmap has bit i set when slot i is used, `kids` holds the used slots in
;;     slot order, each a `$hleaf {k, v}` or a deeper `$hnode`. Level L takes the 4-bit
;;     slot (hash >> 4*(L mod 8)) & 15 of `$map_hash(key, L div 8)`: every 8 levels the
;;     32 hash bits are spent and the key is re-hashed with the depth as salt. A full
;;     node has bitmap 0xffff (the VM's array node). `$hcoll` is not used: OTP 25 has no
;;     collision nodes.
;; The trie is canonical, as the VM's: a key's leaf sits at the shallowest level where no
;; other key shares its slots, and a node exists only above two or more keys (insertion
;; splits leaves, deletion collapses nodes left with a single leaf). So the shape, the
;; iteration order (depth first, slots ascending) and the `=:=` walk of compare.wat depend
;; only on the keys, and match the VM's for keys whose internal hash matches (all but
;; atoms, pids, ports, refs and funs: see hash.wat).
;;
;; Shape changes happen where the VM makes them: a put that grows a flatmap past 32 keys,
;; maps:from_list/from_keys/merge of more than 32 entries build tries; a remove or take
;; that leaves 32 keys, or a from_list whose duplicates leave 32 or fewer, makes a
;; flatmap again. A trie therefore always holds more than 32 keys.
;;
;; Equal keys: a put or merge replaces a trie leaf's key with the new one, a flatmap keeps
;; its old key (this only shows with 0.0 and -0.0, equal in OTP 25).
;;
;; Private helpers are prefixed `fmap_`, `hamt_` or `map_`.

(global $map_empty_tuple (ref $tuple) (array.new_fixed $tuple 0))
;; The "no such key" answer of internal lookups (never a term).
(global $map_absent (ref $fail) (struct.new $fail))

(global $MAP_SMALL i32 (i32.const 32))

;; ---- shapes --------------------------------------------------------------------------------

;; Whether `t` is a map.
(func $is_map (param $t eqref) (result i32)
  (i32.or (ref.test (ref $fmap) (local.get $t)) (ref.test (ref $hmap) (local.get $t))))

;; The number of keys of a map, -1 for a non-map.
(func $map_size (param $m eqref) (result i32)
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (array.len (struct.get $fmap $keys (ref.cast (ref $fmap) (local.get $m)))))))
  (if (ref.test (ref $hmap) (local.get $m))
    (then (return (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $m))))))
  (i32.const -1))

;; A copy of `n` elements of `src` from `at`.
(func $map_slice (param $src (ref $tuple)) (param $at i32) (param $n i32) (result (ref $tuple))
  (local $r (ref $tuple))
  (local.set $r (array.new $tuple (ref.null none) (local.get $n)))
  (array.copy $tuple $tuple (local.get $r) (i32.const 0) (local.get $src) (local.get $at) (local.get $n))
  (local.get $r))

;; A copy of `src` with `x` inserted at `at`.
(func $map_tuple_insert (param $src (ref $tuple)) (param $at i32) (param $x eqref) (result (ref $tuple))
  (local $n i32) (local $r (ref $tuple))
  (local.set $n (array.len (local.get $src)))
  (local.set $r (array.new $tuple (ref.null none) (i32.add (local.get $n) (i32.const 1))))
  (array.copy $tuple $tuple (local.get $r) (i32.const 0) (local.get $src) (i32.const 0) (local.get $at))
  (array.set $tuple (local.get $r) (local.get $at) (local.get $x))
  (array.copy $tuple $tuple (local.get $r) (i32.add (local.get $at) (i32.const 1))
    (local.get $src) (local.get $at) (i32.sub (local.get $n) (local.get $at)))
  (local.get $r))

;; A copy of `src` without the element at `at`.
(func $map_tuple_delete (param $src (ref $tuple)) (param $at i32) (result (ref $tuple))
  (local $n i32) (local $r (ref $tuple))
  (local.set $n (i32.sub (array.len (local.get $src)) (i32.const 1)))
  (if (i32.eqz (local.get $n)) (then (return (global.get $map_empty_tuple))))
  (local.set $r (array.new $tuple (ref.null none) (local.get $n)))
  (array.copy $tuple $tuple (local.get $r) (i32.const 0) (local.get $src) (i32.const 0) (local.get $at))
  (array.copy $tuple $tuple (local.get $r) (local.get $at)
    (local.get $src) (i32.add (local.get $at) (i32.const 1)) (i32.sub (local.get $n) (local.get $at)))
  (local.get $r))

;; A copy of `src` with the element at `at` replaced by `x`.
(func $map_tuple_set (param $src (ref $tuple)) (param $at i32) (param $x eqref) (result (ref $tuple))
  (local $r (ref $tuple))
  (local.set $r (call $map_slice (local.get $src) (i32.const 0) (array.len (local.get $src))))
  (array.set $tuple (local.get $r) (local.get $at) (local.get $x))
  (local.get $r))

;; Whether a key is compared by identity alone ([], small integers, atoms).
(func $map_key_immediate (param $k eqref) (result i32)
  (i32.or (i32.or (ref.is_null (local.get $k)) (ref.test (ref i31) (local.get $k)))
          (ref.test (ref $atom) (local.get $k))))

;; ---- flatmaps ------------------------------------------------------------------------------

;; The index of `key` in a flatmap, or -1.
(func $fmap_index (param $m (ref $fmap)) (param $key eqref) (result i32)
  (local $ks (ref $tuple)) (local $n i32) (local $i i32)
  (local.set $ks (struct.get $fmap $keys (local.get $m)))
  (local.set $n (array.len (local.get $ks)))
  (if (call $map_key_immediate (local.get $key))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (ref.eq (array.get $tuple (local.get $ks) (local.get $i)) (local.get $key))
            (then (return (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (i32.const -1))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (call $eq_exact (array.get $tuple (local.get $ks) (local.get $i)) (local.get $key))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const -1))

;; A flatmap with `key` put, growing into a trie past 32 keys.
(func $fmap_put (param $m (ref $fmap)) (param $key eqref) (param $val eqref) (result eqref)
  (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $n i32) (local $i i32)
  (local.set $i (call $fmap_index (local.get $m) (local.get $key)))
  (local.set $ks (struct.get $fmap $keys (local.get $m)))
  (local.set $vs (struct.get $fmap $vals (local.get $m)))
  (if (i32.ge_s (local.get $i) (i32.const 0))
    (then
      (if (ref.eq (array.get $tuple (local.get $vs) (local.get $i)) (local.get $val))
        (then (return (local.get $m))))
      (return (struct.new $fmap (local.get $ks) (call $map_tuple_set (local.get $vs) (local.get $i) (local.get $val))))))
  (local.set $n (array.len (local.get $ks)))
  (if (i32.ge_u (local.get $n) (global.get $MAP_SMALL))
    (then (return (call $hamt_from_kv (local.get $ks) (local.get $vs) (local.get $n) (local.get $key) (local.get $val)))))
  ;; the insertion point: the first key greater than `key`
  (local.set $i (i32.const 0))
  (block $found
    (loop $next
      (br_if $found (i32.ge_u (local.get $i) (local.get $n)))
      (br_if $found (i32.gt_s (call $cmp_term (array.get $tuple (local.get $ks) (local.get $i)) (local.get $key)) (i32.const 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (struct.new $fmap
    (call $map_tuple_insert (local.get $ks) (local.get $i) (local.get $key))
    (call $map_tuple_insert (local.get $vs) (local.get $i) (local.get $val))))

;; Inserts (key, val) into the sorted arrays ks/vs[0..n] (room for one more), a later
;; equal key replacing key and value; returns the new count.
(func $fmap_sorted_insert (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $n i32)
                          (param $key eqref) (param $val eqref) (result i32)
  (local $i i32) (local $c i32)
  (local.set $i (local.get $n))
  (block $found
    (loop $next
      (br_if $found (i32.eqz (local.get $i)))
      (local.set $c (call $cmp_term (local.get $key) (array.get $tuple (local.get $ks) (i32.sub (local.get $i) (i32.const 1)))))
      (if (i32.eqz (local.get $c))
        (then
          (array.set $tuple (local.get $ks) (i32.sub (local.get $i) (i32.const 1)) (local.get $key))
          (array.set $tuple (local.get $vs) (i32.sub (local.get $i) (i32.const 1)) (local.get $val))
          (return (local.get $n))))
      (br_if $found (i32.gt_s (local.get $c) (i32.const 0)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
  (array.copy $tuple $tuple (local.get $ks) (i32.add (local.get $i) (i32.const 1))
    (local.get $ks) (local.get $i) (i32.sub (local.get $n) (local.get $i)))
  (array.copy $tuple $tuple (local.get $vs) (i32.add (local.get $i) (i32.const 1))
    (local.get $vs) (local.get $i) (i32.sub (local.get $n) (local.get $i)))
  (array.set $tuple (local.get $ks) (local.get $i) (local.get $key))
  (array.set $tuple (local.get $vs) (local.get $i) (local.get $val))
  (i32.add (local.get $n) (i32.const 1)))

;; A flatmap of the first `n` entries of ks/vs (already sorted and unique).
(func $fmap_of (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $n i32) (result (ref $fmap))
  (if (i32.eqz (local.get $n))
    (then (return (struct.new $fmap (global.get $map_empty_tuple) (global.get $map_empty_tuple)))))
  (if (i32.eq (local.get $n) (array.len (local.get $ks)))
    (then (return (struct.new $fmap (local.get $ks) (local.get $vs)))))
  (struct.new $fmap (call $map_slice (local.get $ks) (i32.const 0) (local.get $n))
                    (call $map_slice (local.get $vs) (i32.const 0) (local.get $n))))

;; Sorts ks/vs[0..n] by key (keys are unique), in place: merge sort for the large ones.
(func $map_sort_kv (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $n i32)
  (local $tk (ref $tuple)) (local $tv (ref $tuple)) (local $w i32) (local $lo i32) (local $mid i32) (local $hi i32)
  (local $i i32) (local $j i32) (local $o i32) (local $sk (ref $tuple)) (local $sv (ref $tuple)) (local $swap i32)
  (if (i32.le_u (local.get $n) (i32.const 1)) (then (return)))
  (local.set $tk (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $tv (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $sk (local.get $ks))
  (local.set $sv (local.get $vs))
  (local.set $w (i32.const 1))
  (block $sorted
    (loop $pass
      (br_if $sorted (i32.ge_u (local.get $w) (local.get $n)))
      (local.set $lo (i32.const 0))
      (block $pass_done
        (loop $run
          (br_if $pass_done (i32.ge_u (local.get $lo) (local.get $n)))
          (local.set $mid (select (local.get $n) (i32.add (local.get $lo) (local.get $w))
                                  (i32.gt_u (i32.add (local.get $lo) (local.get $w)) (local.get $n))))
          (local.set $hi (select (local.get $n) (i32.add (local.get $mid) (local.get $w))
                                 (i32.gt_u (i32.add (local.get $mid) (local.get $w)) (local.get $n))))
          (local.set $i (local.get $lo))
          (local.set $j (local.get $mid))
          (local.set $o (local.get $lo))
          (block $merged
            (loop $merge
              (br_if $merged (i32.ge_u (local.get $o) (local.get $hi)))
              (if (if (result i32) (i32.ge_u (local.get $i) (local.get $mid)) (then (i32.const 0))
                    (else (if (result i32) (i32.ge_u (local.get $j) (local.get $hi)) (then (i32.const 1))
                      (else (i32.le_s (call $cmp_term (array.get $tuple (local.get $sk) (local.get $i))
                                                      (array.get $tuple (local.get $sk) (local.get $j))) (i32.const 0))))))
                (then
                  (array.set $tuple (local.get $tk) (local.get $o) (array.get $tuple (local.get $sk) (local.get $i)))
                  (array.set $tuple (local.get $tv) (local.get $o) (array.get $tuple (local.get $sv) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1))))
                (else
                  (array.set $tuple (local.get $tk) (local.get $o) (array.get $tuple (local.get $sk) (local.get $j)))
                  (array.set $tuple (local.get $tv) (local.get $o) (array.get $tuple (local.get $sv) (local.get $j)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (br $merge)))
          (local.set $lo (local.get $hi))
          (br $run)))
      ;; swap source and target
      (local.set $swap (i32.xor (local.get $swap) (i32.const 1)))
      (local.set $sk (local.get $tk))
      (local.set $sv (local.get $tv))
      (if (local.get $swap)
        (then (local.set $tk (local.get $ks)) (local.set $tv (local.get $vs)))
        (else
          (local.set $tk (array.new $tuple (ref.null none) (local.get $n)))
          (local.set $tv (array.new $tuple (ref.null none) (local.get $n)))))
      (local.set $w (i32.shl (local.get $w) (i32.const 1)))
      (br $pass)))
  (if (i32.eqz (ref.eq (local.get $sk) (local.get $ks)))
    (then
      (array.copy $tuple $tuple (local.get $ks) (i32.const 0) (local.get $sk) (i32.const 0) (local.get $n))
      (array.copy $tuple $tuple (local.get $vs) (i32.const 0) (local.get $sv) (i32.const 0) (local.get $n)))))

;; ---- the hash trie -----------------------------------------------------------------------

;; The slot bits of `key` for level `lvl`, lowest nibble first (hashmap_restore_hash).
(func $hamt_hash (param $key eqref) (param $lvl i32) (result i32)
  (i32.shr_u (call $map_hash (local.get $key) (i32.shr_u (local.get $lvl) (i32.const 3)))
             (i32.shl (i32.and (local.get $lvl) (i32.const 7)) (i32.const 2))))

;; The slot bits for level `lvl` given those of the level above (hashmap_shift_hash).
(func $hamt_next (param $h i32) (param $lvl i32) (param $key eqref) (result i32)
  (if (result i32) (i32.and (local.get $lvl) (i32.const 7))
    (then (i32.shr_u (local.get $h) (i32.const 4)))
    (else (call $map_hash (local.get $key) (i32.shr_u (local.get $lvl) (i32.const 3))))))

;; The position of slot `bit` in a node's kids.
(func $hamt_pos (param $bitmap i32) (param $bit i32) (result i32)
  (i32.popcnt (i32.and (local.get $bitmap) (i32.sub (local.get $bit) (i32.const 1)))))

;; The value under `key` in the trie `root`, or $map_absent.
(func $hamt_get (param $root (ref $hnode)) (param $key eqref) (result eqref)
  (local $node (ref $hnode)) (local $h i32) (local $lvl i32) (local $bit i32) (local $bm i32) (local $kid eqref)
  (local.set $node (local.get $root))
  (local.set $h (call $map_hash (local.get $key) (i32.const 0)))
  (loop $down
    (local.set $bm (struct.get $hnode $bitmap (local.get $node)))
    (local.set $bit (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 15))))
    (if (i32.eqz (i32.and (local.get $bm) (local.get $bit))) (then (return (global.get $map_absent))))
    (local.set $kid (array.get $tuple (struct.get $hnode $kids (local.get $node)) (call $hamt_pos (local.get $bm) (local.get $bit))))
    (if (ref.test (ref $hleaf) (local.get $kid))
      (then
        (if (call $eq_exact (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $kid))) (local.get $key))
          (then (return (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $kid))))))
        (return (global.get $map_absent))))
    (local.set $node (ref.cast (ref $hnode) (local.get $kid)))
    (local.set $lvl (i32.add (local.get $lvl) (i32.const 1)))
    (local.set $h (call $hamt_next (local.get $h) (local.get $lvl) (local.get $key)))
    (br $down))
  (unreachable))

;; A node at level `lvl` holding the two leaves a and b (distinct keys) whose slot bits at
;; this level are ha and hb: single-slot nodes down to where their slots differ.
(func $hamt_two (param $a (ref $hleaf)) (param $ha i32) (param $b (ref $hleaf)) (param $hb i32) (param $lvl i32)
                (result (ref $hnode))
  (local $ia i32) (local $ib i32) (local $next i32)
  (local.set $ia (i32.and (local.get $ha) (i32.const 15)))
  (local.set $ib (i32.and (local.get $hb) (i32.const 15)))
  (if (i32.eq (local.get $ia) (local.get $ib))
    (then
      (local.set $next (i32.add (local.get $lvl) (i32.const 1)))
      (return (struct.new $hnode (i32.shl (i32.const 1) (local.get $ia))
        (array.new_fixed $tuple 1
          (call $hamt_two
            (local.get $a) (call $hamt_next (local.get $ha) (local.get $next) (struct.get $hleaf $k (local.get $a)))
            (local.get $b) (call $hamt_next (local.get $hb) (local.get $next) (struct.get $hleaf $k (local.get $b)))
            (local.get $next)))))))
  (struct.new $hnode
    (i32.or (i32.shl (i32.const 1) (local.get $ia)) (i32.shl (i32.const 1) (local.get $ib)))
    (if (result (ref $tuple)) (i32.lt_u (local.get $ia) (local.get $ib))
      (then (array.new_fixed $tuple 2 (local.get $a) (local.get $b)))
      (else (array.new_fixed $tuple 2 (local.get $b) (local.get $a))))))

;; Set by $hamt_put when it added a key.
(global $hamt_added (mut i32) (i32.const 0))

;; The node `node` (at level `lvl`, `h` the key's slot bits there) with `key` => `val`.
;; mode 0: put (an equal key with the identical value changes nothing, as the VM's
;; insert); 1: update (null when the key is absent); 2: insert only when absent; 3: put,
;; always taking the new key and value (as the VM's bulk builds and merges).
;; Returns `node` itself when nothing changes.
(func $hamt_put (param $node (ref $hnode)) (param $h i32) (param $lvl i32) (param $key eqref) (param $val eqref)
                (param $mode i32) (result (ref null $hnode))
  (local $bm i32) (local $bit i32) (local $pos i32) (local $kids (ref $tuple)) (local $kid eqref)
  (local $leaf (ref $hleaf)) (local $sub (ref null $hnode)) (local $next i32)
  (local.set $bm (struct.get $hnode $bitmap (local.get $node)))
  (local.set $bit (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 15))))
  (local.set $pos (call $hamt_pos (local.get $bm) (local.get $bit)))
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (if (i32.eqz (i32.and (local.get $bm) (local.get $bit)))
    (then
      (if (i32.eq (local.get $mode) (i32.const 1)) (then (return (ref.null none))))
      (global.set $hamt_added (i32.const 1))
      (return (struct.new $hnode (i32.or (local.get $bm) (local.get $bit))
        (call $map_tuple_insert (local.get $kids) (local.get $pos)
          (struct.new $hleaf (local.get $key) (local.get $val)))))))
  (local.set $kid (array.get $tuple (local.get $kids) (local.get $pos)))
  (local.set $next (i32.add (local.get $lvl) (i32.const 1)))
  (if (ref.test (ref $hleaf) (local.get $kid))
    (then
      (local.set $leaf (ref.cast (ref $hleaf) (local.get $kid)))
      (if (call $eq_exact (struct.get $hleaf $k (local.get $leaf)) (local.get $key))
        (then
          (if (i32.eq (local.get $mode) (i32.const 2)) (then (return (local.get $node))))
          (if (i32.and (i32.ne (local.get $mode) (i32.const 3))
                       (ref.eq (struct.get $hleaf $v (local.get $leaf)) (local.get $val)))
            (then (return (local.get $node))))
          (return (struct.new $hnode (local.get $bm)
            (call $map_tuple_set (local.get $kids) (local.get $pos) (struct.new $hleaf (local.get $key) (local.get $val)))))))
      (if (i32.eq (local.get $mode) (i32.const 1)) (then (return (ref.null none))))
      (global.set $hamt_added (i32.const 1))
      (return (struct.new $hnode (local.get $bm)
        (call $map_tuple_set (local.get $kids) (local.get $pos)
          (call $hamt_two
            (local.get $leaf) (call $hamt_hash (struct.get $hleaf $k (local.get $leaf)) (local.get $next))
            (struct.new $hleaf (local.get $key) (local.get $val)) (call $hamt_next (local.get $h) (local.get $next) (local.get $key))
            (local.get $next)))))))
  (local.set $sub (call $hamt_put (ref.cast (ref $hnode) (local.get $kid))
    (call $hamt_next (local.get $h) (local.get $next) (local.get $key)) (local.get $next)
    (local.get $key) (local.get $val) (local.get $mode)))
  (if (ref.is_null (local.get $sub)) (then (return (ref.null none))))
  (if (ref.eq (local.get $sub) (local.get $kid)) (then (return (local.get $node))))
  (struct.new $hnode (local.get $bm) (call $map_tuple_set (local.get $kids) (local.get $pos) (local.get $sub))))

;; Set by $hamt_remove to the removed value.
(global $hamt_taken (mut eqref) (ref.null none))

;; The node `node` without `key`: $map_absent when the key is not there; below the root,
;; null when the node empties and the last leaf when only one leaf is left (it moves up).
(func $hamt_remove (param $node (ref $hnode)) (param $h i32) (param $lvl i32) (param $key eqref) (param $root i32)
                   (result eqref)
  (local $bm i32) (local $bit i32) (local $pos i32) (local $kids (ref $tuple)) (local $kid eqref) (local $res eqref)
  (local $n i32) (local $next i32) (local $other eqref)
  (local.set $bm (struct.get $hnode $bitmap (local.get $node)))
  (local.set $bit (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 15))))
  (if (i32.eqz (i32.and (local.get $bm) (local.get $bit))) (then (return (global.get $map_absent))))
  (local.set $pos (call $hamt_pos (local.get $bm) (local.get $bit)))
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (local.set $n (array.len (local.get $kids)))
  (local.set $kid (array.get $tuple (local.get $kids) (local.get $pos)))
  (if (ref.test (ref $hleaf) (local.get $kid))
    (then
      (if (i32.eqz (call $eq_exact (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $kid))) (local.get $key)))
        (then (return (global.get $map_absent))))
      (global.set $hamt_taken (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $kid))))
      (local.set $res (ref.null none)))
    (else
      (local.set $next (i32.add (local.get $lvl) (i32.const 1)))
      (local.set $res (call $hamt_remove (ref.cast (ref $hnode) (local.get $kid))
        (call $hamt_next (local.get $h) (local.get $next) (local.get $key)) (local.get $next) (local.get $key) (i32.const 0)))
      (if (ref.eq (local.get $res) (global.get $map_absent)) (then (return (local.get $res))))))
  (if (ref.is_null (local.get $res))
    (then
      (if (i32.eqz (local.get $root))
        (then
          (if (i32.eq (local.get $n) (i32.const 1)) (then (return (ref.null none))))
          (if (i32.eq (local.get $n) (i32.const 2))
            (then
              (local.set $other (array.get $tuple (local.get $kids) (i32.sub (i32.const 1) (local.get $pos))))
              (if (ref.test (ref $hleaf) (local.get $other)) (then (return (local.get $other))))))))
      (return (struct.new $hnode (i32.xor (local.get $bm) (local.get $bit))
        (call $map_tuple_delete (local.get $kids) (local.get $pos))))))
  (if (i32.and (i32.eqz (local.get $root))
               (i32.and (ref.test (ref $hleaf) (local.get $res)) (i32.eq (local.get $n) (i32.const 1))))
    (then (return (local.get $res))))
  (struct.new $hnode (local.get $bm) (call $map_tuple_set (local.get $kids) (local.get $pos) (local.get $res))))

;; The number of keys the two merged tries had in common.
(global $hamt_dups (mut i32) (i32.const 0))

;; Merges two entries (leaves or nodes) that meet at level `lvl`; b's values win.
(func $hamt_merge (param $a eqref) (param $b eqref) (param $lvl i32) (result eqref)
  (local $la (ref $hleaf)) (local $lb (ref $hleaf)) (local $na (ref $hnode)) (local $nb (ref $hnode))
  (local $bma i32) (local $bmb i32) (local $bm i32) (local $ka (ref $tuple)) (local $kb (ref $tuple))
  (local $out (ref $tuple)) (local $bit i32) (local $ia i32) (local $ib i32) (local $o i32) (local $r (ref null $hnode))
  (local $next i32) (local $same i32)
  (if (ref.eq (local.get $a) (local.get $b))
    (then
      (global.set $hamt_dups (i32.add (global.get $hamt_dups)
        (if (result i32) (ref.test (ref $hleaf) (local.get $a)) (then (i32.const 1))
          (else (call $hamt_count (ref.cast (ref $hnode) (local.get $a)))))))
      (return (local.get $a))))
  (if (ref.test (ref $hleaf) (local.get $a))
    (then
      (local.set $la (ref.cast (ref $hleaf) (local.get $a)))
      (if (ref.test (ref $hleaf) (local.get $b))
        (then
          (local.set $lb (ref.cast (ref $hleaf) (local.get $b)))
          (if (call $eq_exact (struct.get $hleaf $k (local.get $la)) (struct.get $hleaf $k (local.get $lb)))
            (then
              (global.set $hamt_dups (i32.add (global.get $hamt_dups) (i32.const 1)))
              (return (local.get $b))))
          (return (call $hamt_two
            (local.get $la) (call $hamt_hash (struct.get $hleaf $k (local.get $la)) (local.get $lvl))
            (local.get $lb) (call $hamt_hash (struct.get $hleaf $k (local.get $lb)) (local.get $lvl))
            (local.get $lvl)))))
      ;; a leaf into b's node, unless b has the key
      (global.set $hamt_added (i32.const 0))
      (local.set $r (call $hamt_put (ref.cast (ref $hnode) (local.get $b))
        (call $hamt_hash (struct.get $hleaf $k (local.get $la)) (local.get $lvl)) (local.get $lvl)
        (struct.get $hleaf $k (local.get $la)) (struct.get $hleaf $v (local.get $la)) (i32.const 2)))
      (if (i32.eqz (global.get $hamt_added)) (then (global.set $hamt_dups (i32.add (global.get $hamt_dups) (i32.const 1)))))
      (return (local.get $r))))
  (if (ref.test (ref $hleaf) (local.get $b))
    (then
      (local.set $lb (ref.cast (ref $hleaf) (local.get $b)))
      (global.set $hamt_added (i32.const 0))
      (local.set $r (call $hamt_put (ref.cast (ref $hnode) (local.get $a))
        (call $hamt_hash (struct.get $hleaf $k (local.get $lb)) (local.get $lvl)) (local.get $lvl)
        (struct.get $hleaf $k (local.get $lb)) (struct.get $hleaf $v (local.get $lb)) (i32.const 3)))
      (if (i32.eqz (global.get $hamt_added)) (then (global.set $hamt_dups (i32.add (global.get $hamt_dups) (i32.const 1)))))
      (return (local.get $r))))
  ;; two nodes: slot by slot
  (local.set $na (ref.cast (ref $hnode) (local.get $a)))
  (local.set $nb (ref.cast (ref $hnode) (local.get $b)))
  (local.set $bma (struct.get $hnode $bitmap (local.get $na)))
  (local.set $bmb (struct.get $hnode $bitmap (local.get $nb)))
  (local.set $bm (i32.or (local.get $bma) (local.get $bmb)))
  (local.set $ka (struct.get $hnode $kids (local.get $na)))
  (local.set $kb (struct.get $hnode $kids (local.get $nb)))
  (local.set $out (array.new $tuple (ref.null none) (i32.popcnt (local.get $bm))))
  (local.set $next (i32.add (local.get $lvl) (i32.const 1)))
  (local.set $bit (i32.const 1))
  (block $done
    (loop $slot
      (br_if $done (i32.gt_u (local.get $bit) (i32.const 0x8000)))
      (if (i32.and (local.get $bm) (local.get $bit))
        (then
          (if (i32.and (local.get $bma) (local.get $bit))
            (then
              (if (i32.and (local.get $bmb) (local.get $bit))
                (then
                  (array.set $tuple (local.get $out) (local.get $o)
                    (call $hamt_merge (array.get $tuple (local.get $ka) (local.get $ia))
                                      (array.get $tuple (local.get $kb) (local.get $ib)) (local.get $next)))
                  (local.set $ib (i32.add (local.get $ib) (i32.const 1))))
                (else (array.set $tuple (local.get $out) (local.get $o) (array.get $tuple (local.get $ka) (local.get $ia)))))
              (local.set $ia (i32.add (local.get $ia) (i32.const 1))))
            (else
              (array.set $tuple (local.get $out) (local.get $o) (array.get $tuple (local.get $kb) (local.get $ib)))
              (local.set $ib (i32.add (local.get $ib) (i32.const 1)))))
          (local.set $o (i32.add (local.get $o) (i32.const 1)))))
      (local.set $bit (i32.shl (local.get $bit) (i32.const 1)))
      (br $slot)))
  (struct.new $hnode (local.get $bm) (local.get $out)))

;; The number of keys under a node.
(func $hamt_count (param $node (ref $hnode)) (result i32)
  (local $kids (ref $tuple)) (local $i i32) (local $n i32) (local $k eqref)
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (local.set $n (i32.add (local.get $n)
        (if (result i32) (ref.test (ref $hleaf) (local.get $k)) (then (i32.const 1))
          (else (call $hamt_count (ref.cast (ref $hnode) (local.get $k)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $n))

;; Stores the entries under `node` in iteration order into ks/vs from `at`; returns the
;; next free index. Entries whose key is `skip` (exactly) are left out when `skip` is
;; not $map_absent.
(func $hamt_collect (param $node (ref $hnode)) (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $at i32)
                    (param $skip eqref) (result i32)
  (local $kids (ref $tuple)) (local $i i32) (local $k eqref) (local $leaf (ref $hleaf))
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (if (ref.test (ref $hleaf) (local.get $k))
        (then
          (local.set $leaf (ref.cast (ref $hleaf) (local.get $k)))
          (if (if (result i32) (ref.eq (local.get $skip) (global.get $map_absent)) (then (i32.const 1))
                (else (i32.eqz (call $eq_exact (struct.get $hleaf $k (local.get $leaf)) (local.get $skip)))))
            (then
              (array.set $tuple (local.get $ks) (local.get $at) (struct.get $hleaf $k (local.get $leaf)))
              (array.set $tuple (local.get $vs) (local.get $at) (struct.get $hleaf $v (local.get $leaf)))
              (local.set $at (i32.add (local.get $at) (i32.const 1))))))
        (else (local.set $at (call $hamt_collect (ref.cast (ref $hnode) (local.get $k))
                                (local.get $ks) (local.get $vs) (local.get $at) (local.get $skip)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $at))

;; A map of the entries ks/vs[0..n] and, unless `key` is $map_absent, key => val (later
;; equal keys win): a trie, or a flatmap when 32 or fewer keys remain.
(func $hamt_from_kv (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $n i32) (param $key eqref) (param $val eqref)
                    (result eqref)
  (local $root (ref $hnode)) (local $i i32) (local $size i32) (local $k eqref)
  (local.set $root (struct.new $hnode (i32.const 0) (global.get $map_empty_tuple)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $k (array.get $tuple (local.get $ks) (local.get $i)))
      (global.set $hamt_added (i32.const 0))
      (local.set $root (ref.as_non_null (call $hamt_put (local.get $root) (call $map_hash (local.get $k) (i32.const 0)) (i32.const 0)
        (local.get $k) (array.get $tuple (local.get $vs) (local.get $i)) (i32.const 3))))
      (local.set $size (i32.add (local.get $size) (global.get $hamt_added)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.eqz (ref.eq (local.get $key) (global.get $map_absent)))
    (then
      (global.set $hamt_added (i32.const 0))
      (local.set $root (ref.as_non_null (call $hamt_put (local.get $root) (call $map_hash (local.get $key) (i32.const 0)) (i32.const 0)
        (local.get $key) (local.get $val) (i32.const 3))))
      (local.set $size (i32.add (local.get $size) (global.get $hamt_added)))))
  (call $hamt_finish (local.get $root) (local.get $size)))

;; The map of a freshly built trie: itself, or a flatmap when it has 32 keys or fewer.
(func $hamt_finish (param $root (ref $hnode)) (param $size i32) (result eqref)
  (local $ks (ref $tuple)) (local $vs (ref $tuple))
  (if (i32.gt_u (local.get $size) (global.get $MAP_SMALL))
    (then (return (struct.new $hmap (local.get $size) (local.get $root)))))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $size)))
  (local.set $vs (array.new $tuple (ref.null none) (local.get $size)))
  (drop (call $hamt_collect (local.get $root) (local.get $ks) (local.get $vs) (i32.const 0) (global.get $map_absent)))
  (call $map_sort_kv (local.get $ks) (local.get $vs) (local.get $size))
  (call $fmap_of (local.get $ks) (local.get $vs) (local.get $size)))

;; ---- operations on any map ---------------------------------------------------------------

;; The value under `key`, or $map_absent (`m` is a map).
(func $map_lookup (param $m eqref) (param $key eqref) (result eqref)
  (local $fm (ref $fmap)) (local $i i32)
  (if (ref.test (ref $fmap) (local.get $m))
    (then
      (local.set $fm (ref.cast (ref $fmap) (local.get $m)))
      (local.set $i (call $fmap_index (local.get $fm) (local.get $key)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (global.get $map_absent))))
      (return (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i)))))
  (call $hamt_get (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $m))) (local.get $key)))

;; `M#{K => V}` on a map.
(func $map_put (param $m eqref) (param $key eqref) (param $val eqref) (result eqref)
  (local $hm (ref $hmap)) (local $root (ref null $hnode))
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (call $fmap_put (ref.cast (ref $fmap) (local.get $m)) (local.get $key) (local.get $val)))))
  (local.set $hm (ref.cast (ref $hmap) (local.get $m)))
  (global.set $hamt_added (i32.const 0))
  (local.set $root (call $hamt_put (struct.get $hmap $root (local.get $hm)) (call $map_hash (local.get $key) (i32.const 0))
    (i32.const 0) (local.get $key) (local.get $val) (i32.const 0)))
  (if (ref.eq (local.get $root) (struct.get $hmap $root (local.get $hm))) (then (return (local.get $m))))
  (struct.new $hmap (i32.add (struct.get $hmap $size (local.get $hm)) (global.get $hamt_added)) (ref.as_non_null (local.get $root))))

;; `M#{K := V}` on a map: $map_absent when the key is not there.
(func $map_update (param $m eqref) (param $key eqref) (param $val eqref) (result eqref)
  (local $hm (ref $hmap)) (local $root (ref null $hnode)) (local $fm (ref $fmap)) (local $i i32)
  (if (ref.test (ref $fmap) (local.get $m))
    (then
      (local.set $fm (ref.cast (ref $fmap) (local.get $m)))
      (local.set $i (call $fmap_index (local.get $fm) (local.get $key)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (global.get $map_absent))))
      (if (ref.eq (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i)) (local.get $val))
        (then (return (local.get $m))))
      (return (struct.new $fmap (struct.get $fmap $keys (local.get $fm))
        (call $map_tuple_set (struct.get $fmap $vals (local.get $fm)) (local.get $i) (local.get $val))))))
  (local.set $hm (ref.cast (ref $hmap) (local.get $m)))
  (local.set $root (call $hamt_put (struct.get $hmap $root (local.get $hm)) (call $map_hash (local.get $key) (i32.const 0))
    (i32.const 0) (local.get $key) (local.get $val) (i32.const 1)))
  (if (ref.is_null (local.get $root)) (then (return (global.get $map_absent))))
  (if (ref.eq (local.get $root) (struct.get $hmap $root (local.get $hm))) (then (return (local.get $m))))
  (struct.new $hmap (struct.get $hmap $size (local.get $hm)) (ref.as_non_null (local.get $root))))

;; The map without `key` (the map itself when absent); the removed value goes to
;; $hamt_taken, and $map_absent there means the key was absent.
(func $map_remove (param $m eqref) (param $key eqref) (result eqref)
  (local $fm (ref $fmap)) (local $i i32) (local $hm (ref $hmap)) (local $n i32) (local $ks (ref $tuple))
  (local $vs (ref $tuple)) (local $res eqref)
  (global.set $hamt_taken (global.get $map_absent))
  (if (ref.test (ref $fmap) (local.get $m))
    (then
      (local.set $fm (ref.cast (ref $fmap) (local.get $m)))
      (local.set $i (call $fmap_index (local.get $fm) (local.get $key)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (local.get $m))))
      (global.set $hamt_taken (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i)))
      (return (struct.new $fmap (call $map_tuple_delete (struct.get $fmap $keys (local.get $fm)) (local.get $i))
                                (call $map_tuple_delete (struct.get $fmap $vals (local.get $fm)) (local.get $i))))))
  (local.set $hm (ref.cast (ref $hmap) (local.get $m)))
  (local.set $res (call $hamt_remove (struct.get $hmap $root (local.get $hm)) (call $map_hash (local.get $key) (i32.const 0))
    (i32.const 0) (local.get $key) (i32.const 1)))
  (if (ref.eq (local.get $res) (global.get $map_absent)) (then (return (local.get $m))))
  (local.set $n (i32.sub (struct.get $hmap $size (local.get $hm)) (i32.const 1)))
  (if (i32.le_u (local.get $n) (global.get $MAP_SMALL))
    (then
      ;; back to a flatmap
      (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
      (local.set $vs (array.new $tuple (ref.null none) (local.get $n)))
      (drop (call $hamt_collect (struct.get $hmap $root (local.get $hm)) (local.get $ks) (local.get $vs) (i32.const 0) (local.get $key)))
      (call $map_sort_kv (local.get $ks) (local.get $vs) (local.get $n))
      (return (call $fmap_of (local.get $ks) (local.get $vs) (local.get $n)))))
  (struct.new $hmap (local.get $n) (ref.cast (ref $hnode) (local.get $res))))

;; maps:merge on two maps: b's values win.
(func $map_merge (param $a eqref) (param $b eqref) (result eqref)
  (local $fa (ref $fmap)) (local $fb (ref $fmap)) (local $ka (ref $tuple)) (local $kb (ref $tuple))
  (local $va (ref $tuple)) (local $vb (ref $tuple)) (local $na i32) (local $nb i32) (local $i i32) (local $j i32)
  (local $o i32) (local $c i32) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $r eqref)
  (local $root (ref null $hnode)) (local $size i32)
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (local.get $a))))
  (if (i32.and (ref.test (ref $fmap) (local.get $a)) (ref.test (ref $fmap) (local.get $b)))
    (then
      (local.set $fa (ref.cast (ref $fmap) (local.get $a)))
      (local.set $fb (ref.cast (ref $fmap) (local.get $b)))
      (local.set $ka (struct.get $fmap $keys (local.get $fa)))
      (local.set $kb (struct.get $fmap $keys (local.get $fb)))
      (local.set $va (struct.get $fmap $vals (local.get $fa)))
      (local.set $vb (struct.get $fmap $vals (local.get $fb)))
      (local.set $na (array.len (local.get $ka)))
      (local.set $nb (array.len (local.get $kb)))
      (if (i32.eqz (local.get $na)) (then (return (local.get $b))))
      (if (i32.eqz (local.get $nb)) (then (return (local.get $a))))
      (local.set $ks (array.new $tuple (ref.null none) (i32.add (local.get $na) (local.get $nb))))
      (local.set $vs (array.new $tuple (ref.null none) (i32.add (local.get $na) (local.get $nb))))
      (block $done
        (loop $next
          (br_if $done (i32.and (i32.ge_u (local.get $i) (local.get $na)) (i32.ge_u (local.get $j) (local.get $nb))))
          (local.set $c
            (if (result i32) (i32.ge_u (local.get $i) (local.get $na)) (then (i32.const 1))
              (else (if (result i32) (i32.ge_u (local.get $j) (local.get $nb)) (then (i32.const -1))
                (else (call $cmp_term (array.get $tuple (local.get $ka) (local.get $i))
                                      (array.get $tuple (local.get $kb) (local.get $j))))))))
          (if (i32.lt_s (local.get $c) (i32.const 0))
            (then
              (array.set $tuple (local.get $ks) (local.get $o) (array.get $tuple (local.get $ka) (local.get $i)))
              (array.set $tuple (local.get $vs) (local.get $o) (array.get $tuple (local.get $va) (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1))))
            (else
              (array.set $tuple (local.get $ks) (local.get $o) (array.get $tuple (local.get $kb) (local.get $j)))
              (array.set $tuple (local.get $vs) (local.get $o) (array.get $tuple (local.get $vb) (local.get $j)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (if (i32.eqz (local.get $c)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
          (local.set $o (i32.add (local.get $o) (i32.const 1)))
          (br $next)))
      (if (i32.gt_u (local.get $o) (global.get $MAP_SMALL))
        (then (return (call $hamt_from_kv (local.get $ks) (local.get $vs) (local.get $o) (global.get $map_absent) (ref.null none)))))
      (return (call $fmap_of (local.get $ks) (local.get $vs) (local.get $o)))))
  (if (ref.test (ref $fmap) (local.get $a))
    (then
      ;; a flatmap into b's trie, b's values winning
      (local.set $fa (ref.cast (ref $fmap) (local.get $a)))
      (local.set $ka (struct.get $fmap $keys (local.get $fa)))
      (local.set $va (struct.get $fmap $vals (local.get $fa)))
      (local.set $root (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $b))))
      (local.set $size (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $b))))
      (local.set $na (array.len (local.get $ka)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $na)))
          (global.set $hamt_added (i32.const 0))
          (local.set $root (call $hamt_put (ref.as_non_null (local.get $root))
            (call $map_hash (array.get $tuple (local.get $ka) (local.get $i)) (i32.const 0)) (i32.const 0)
            (array.get $tuple (local.get $ka) (local.get $i)) (array.get $tuple (local.get $va) (local.get $i)) (i32.const 2)))
          (local.set $size (i32.add (local.get $size) (global.get $hamt_added)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (struct.new $hmap (local.get $size) (ref.as_non_null (local.get $root))))))
  (if (ref.test (ref $fmap) (local.get $b))
    (then
      (local.set $fb (ref.cast (ref $fmap) (local.get $b)))
      (local.set $kb (struct.get $fmap $keys (local.get $fb)))
      (local.set $vb (struct.get $fmap $vals (local.get $fb)))
      (local.set $root (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $a))))
      (local.set $size (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $a))))
      (local.set $nb (array.len (local.get $kb)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $j) (local.get $nb)))
          (global.set $hamt_added (i32.const 0))
          (local.set $root (call $hamt_put (ref.as_non_null (local.get $root))
            (call $map_hash (array.get $tuple (local.get $kb) (local.get $j)) (i32.const 0)) (i32.const 0)
            (array.get $tuple (local.get $kb) (local.get $j)) (array.get $tuple (local.get $vb) (local.get $j)) (i32.const 3)))
          (local.set $size (i32.add (local.get $size) (global.get $hamt_added)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $next)))
      (return (struct.new $hmap (local.get $size) (ref.as_non_null (local.get $root))))))
  ;; two tries
  (global.set $hamt_dups (i32.const 0))
  (local.set $r (call $hamt_merge (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $a)))
                                  (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $b))) (i32.const 0)))
  (struct.new $hmap
    (i32.sub (i32.add (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $a)))
                      (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $b))))
             (global.get $hamt_dups))
    (ref.cast (ref $hnode) (local.get $r))))

;; A map from parallel keys/values ks/vs[0..n], later duplicates winning: a flatmap for
;; n <= 32 entries, else a trie (a flatmap again when duplicates leave 32 keys or fewer).
(func $map_from_arrays (param $ks (ref $tuple)) (param $vs (ref $tuple)) (param $n i32) (result eqref)
  (local $sk (ref $tuple)) (local $sv (ref $tuple)) (local $i i32) (local $size i32)
  (if (i32.gt_u (local.get $n) (global.get $MAP_SMALL))
    (then (return (call $hamt_from_kv (local.get $ks) (local.get $vs) (local.get $n) (global.get $map_absent) (ref.null none)))))
  (local.set $sk (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $sv (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $size (call $fmap_sorted_insert (local.get $sk) (local.get $sv) (local.get $size)
        (array.get $tuple (local.get $ks) (local.get $i)) (array.get $tuple (local.get $vs) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $fmap_of (local.get $sk) (local.get $sv) (local.get $size)))

;; The keys and values of a map sorted by key: a tuple {Keys, Values} of two tuples.
(func $map_sorted_kv (param $m eqref) (result (ref $tuple))
  (local $hm (ref $hmap)) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $n i32)
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (array.new_fixed $tuple 2
      (struct.get $fmap $keys (ref.cast (ref $fmap) (local.get $m)))
      (struct.get $fmap $vals (ref.cast (ref $fmap) (local.get $m)))))))
  (local.set $hm (ref.cast (ref $hmap) (local.get $m)))
  (local.set $n (struct.get $hmap $size (local.get $hm)))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $vs (array.new $tuple (ref.null none) (local.get $n)))
  (drop (call $hamt_collect (struct.get $hmap $root (local.get $hm)) (local.get $ks) (local.get $vs) (i32.const 0) (global.get $map_absent)))
  (call $map_sort_kv (local.get $ks) (local.get $vs) (local.get $n))
  (array.new_fixed $tuple 2 (local.get $ks) (local.get $vs)))

;; The keys and values of a map in iteration order (maps:next/1's order): a tuple {Keys,
;; Values}. term_to_binary writes a flatmap's pairs in this order and a trie's in the
;; reverse order (the VM's encoder pops them off a stack), which is maps:to_list/1's.
(func $map_entries (param $m eqref) (result (ref $tuple))
  (local $hm (ref $hmap)) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $n i32)
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (array.new_fixed $tuple 2
      (struct.get $fmap $keys (ref.cast (ref $fmap) (local.get $m)))
      (struct.get $fmap $vals (ref.cast (ref $fmap) (local.get $m)))))))
  (local.set $hm (ref.cast (ref $hmap) (local.get $m)))
  (local.set $n (struct.get $hmap $size (local.get $hm)))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $vs (array.new $tuple (ref.null none) (local.get $n)))
  (drop (call $hamt_collect (struct.get $hmap $root (local.get $hm)) (local.get $ks) (local.get $vs) (i32.const 0) (global.get $map_absent)))
  (array.new_fixed $tuple 2 (local.get $ks) (local.get $vs)))

;; ---- helpers compiled code calls -------------------------------------------------------------

;; `#{K := V} = M` / map_get: the value, or $FAIL with {badmap, M} or {badkey, K}.
(func $map_get (param $m eqref) (param $key eqref) (result eqref)
  (local $v eqref)
  (if (i32.eqz (call $is_map (local.get $m)))
    (then (return (call $fail (call $tuple2 (global.get $atom.badmap) (local.get $m))))))
  (local.set $v (call $map_lookup (local.get $m) (local.get $key)))
  (if (ref.eq (local.get $v) (global.get $map_absent))
    (then (return (call $fail (call $tuple2 (global.get $atom.badkey) (local.get $key))))))
  (local.get $v))

;; Whether `m` is a map that has `key` (0 for a non-map).
(func $map_is_key (param $m eqref) (param $key eqref) (result i32)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (i32.const 0))))
  (i32.eqz (ref.eq (call $map_lookup (local.get $m) (local.get $key)) (global.get $map_absent))))

;; `M#{K1 => V1, ...}`: kvs holds K1, V1, K2, V2, ...
(func $map_put_pairs (param $m eqref) (param $kvs (ref $tuple)) (result eqref)
  (local $i i32) (local $n i32)
  (if (i32.eqz (call $is_map (local.get $m)))
    (then (return (call $fail (call $tuple2 (global.get $atom.badmap) (local.get $m))))))
  (local.set $n (array.len (local.get $kvs)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
      (local.set $m (call $map_put (local.get $m) (array.get $tuple (local.get $kvs) (local.get $i))
                                   (array.get $tuple (local.get $kvs) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $next)))
  (local.get $m))

;; `M#{K1 := V1, ...}`: fails with {badmap, M} or {badkey, K} for the first missing key.
(func $map_update_pairs (param $m eqref) (param $kvs (ref $tuple)) (result eqref)
  (local $i i32) (local $n i32) (local $r eqref) (local $fm (ref $fmap)) (local $vs (ref $tuple)) (local $j i32)
  (if (i32.eqz (call $is_map (local.get $m)))
    (then (return (call $fail (call $tuple2 (global.get $atom.badmap) (local.get $m))))))
  (local.set $n (array.len (local.get $kvs)))
  (if (ref.test (ref $fmap) (local.get $m))
    (then
      ;; one copy of the values, the key tuple shared
      (local.set $fm (ref.cast (ref $fmap) (local.get $m)))
      (local.set $vs (struct.get $fmap $vals (local.get $fm)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
          (local.set $j (call $fmap_index (local.get $fm) (array.get $tuple (local.get $kvs) (local.get $i))))
          (if (i32.lt_s (local.get $j) (i32.const 0))
            (then (return (call $fail (call $tuple2 (global.get $atom.badkey) (array.get $tuple (local.get $kvs) (local.get $i)))))))
          (if (i32.eqz (ref.eq (array.get $tuple (local.get $vs) (local.get $j))
                               (array.get $tuple (local.get $kvs) (i32.add (local.get $i) (i32.const 1)))))
            (then
              (if (ref.eq (local.get $vs) (struct.get $fmap $vals (local.get $fm)))
                (then (local.set $vs (call $map_slice (local.get $vs) (i32.const 0) (array.len (local.get $vs))))))
              (array.set $tuple (local.get $vs) (local.get $j) (array.get $tuple (local.get $kvs) (i32.add (local.get $i) (i32.const 1))))))
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (br $next)))
      (if (ref.eq (local.get $vs) (struct.get $fmap $vals (local.get $fm))) (then (return (local.get $m))))
      (return (struct.new $fmap (struct.get $fmap $keys (local.get $fm)) (local.get $vs)))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
      (local.set $r (call $map_update (local.get $m) (array.get $tuple (local.get $kvs) (local.get $i))
                                      (array.get $tuple (local.get $kvs) (i32.add (local.get $i) (i32.const 1)))))
      (if (ref.eq (local.get $r) (global.get $map_absent))
        (then (return (call $fail (call $tuple2 (global.get $atom.badkey) (array.get $tuple (local.get $kvs) (local.get $i)))))))
      (local.set $m (local.get $r))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $next)))
  (local.get $m))

;; A map from parallel key and value tuples, later duplicates winning (literals).
(func $map_from_kv (param $ks (ref $tuple)) (param $vs (ref $tuple)) (result eqref)
  (call $map_from_arrays (local.get $ks) (local.get $vs) (array.len (local.get $ks))))

;; A map from parallel key and value tuples that must not repeat a key (binary_to_term's
;; MAP_EXT): $FAIL with badarg when one does.
(func $map_from_kv_unique (param $ks (ref $tuple)) (param $vs (ref $tuple)) (result eqref)
  (local $m eqref)
  (local.set $m (call $map_from_arrays (local.get $ks) (local.get $vs) (array.len (local.get $ks))))
  (if (i32.ne (call $map_size (local.get $m)) (array.len (local.get $ks))) (then (return (call $fail_badarg))))
  (local.get $m))

;; ---- BIFs --------------------------------------------------------------------------------------

(func $map_badmap (param $m eqref) (result eqref)
  (call $fail (call $tuple2 (global.get $atom.badmap) (local.get $m))))

(func $erlang:is_map/1 (param $t eqref) (result eqref)
  (call $bool (call $is_map (local.get $t))))

(func $erlang:map_size/1 (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (ref.i31 (call $map_size (local.get $m))))

(func $erlang:map_get/2 (param $key eqref) (param $m eqref) (result eqref)
  (call $map_get (local.get $m) (local.get $key)))

(func $maps:get/2 (param $key eqref) (param $m eqref) (result eqref)
  (call $map_get (local.get $m) (local.get $key)))

(func $erlang:is_map_key/2 (param $key eqref) (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $bool (call $map_is_key (local.get $m) (local.get $key))))

(func $maps:is_key/2 (param $key eqref) (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $bool (call $map_is_key (local.get $m) (local.get $key))))

(func $maps:find/2 (param $key eqref) (param $m eqref) (result eqref)
  (local $v eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (local.set $v (call $map_lookup (local.get $m) (local.get $key)))
  (if (ref.eq (local.get $v) (global.get $map_absent)) (then (return (global.get $atom.error))))
  (call $tuple2 (global.get $atom.ok) (local.get $v)))

(func $maps:put/3 (param $key eqref) (param $val eqref) (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $map_put (local.get $m) (local.get $key) (local.get $val)))

(func $maps:update/3 (param $key eqref) (param $val eqref) (param $m eqref) (result eqref)
  (local $r eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (local.set $r (call $map_update (local.get $m) (local.get $key) (local.get $val)))
  (if (ref.eq (local.get $r) (global.get $map_absent))
    (then (return (call $fail (call $tuple2 (global.get $atom.badkey) (local.get $key))))))
  (local.get $r))

(func $maps:remove/2 (param $key eqref) (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $map_remove (local.get $m) (local.get $key)))

(func $maps:take/2 (param $key eqref) (param $m eqref) (result eqref)
  (local $r eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (local.set $r (call $map_remove (local.get $m) (local.get $key)))
  (if (ref.eq (global.get $hamt_taken) (global.get $map_absent)) (then (return (global.get $atom.error))))
  (call $tuple2 (global.get $hamt_taken) (local.get $r)))

(func $maps:merge/2 (param $a eqref) (param $b eqref) (result eqref)
  (if (ref.eq (local.get $a) (local.get $b))
    (then
      (if (call $is_map (local.get $a)) (then (return (local.get $a))))
      (return (call $map_badmap (local.get $a)))))
  (if (i32.eqz (call $is_map (local.get $a))) (then (return (call $map_badmap (local.get $a)))))
  (if (i32.eqz (call $is_map (local.get $b))) (then (return (call $map_badmap (local.get $b)))))
  (call $map_merge (local.get $a) (local.get $b)))

;; The length of a proper list, or -1.
(func $map_list_length (param $l eqref) (result i32)
  (local $n i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (i32.const -1))))
  (local.get $n))

(func $maps:from_list/1 (param $l eqref) (result eqref)
  (local $n i32) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $i i32) (local $kv eqref) (local $t (ref $tuple))
  (local.set $n (call $map_list_length (local.get $l)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $vs (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kv (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (if (i32.eqz (ref.test (ref $tuple) (local.get $kv))) (then (return (call $fail_badarg))))
      (local.set $t (ref.cast (ref $tuple) (local.get $kv)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 2)) (then (return (call $fail_badarg))))
      (array.set $tuple (local.get $ks) (local.get $i) (array.get $tuple (local.get $t) (i32.const 0)))
      (array.set $tuple (local.get $vs) (local.get $i) (array.get $tuple (local.get $t) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $map_from_arrays (local.get $ks) (local.get $vs) (local.get $n)))

(func $maps:from_keys/2 (param $l eqref) (param $val eqref) (result eqref)
  (local $n i32) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $i i32)
  (local.set $n (call $map_list_length (local.get $l)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $ks (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $vs (array.new $tuple (local.get $val) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $tuple (local.get $ks) (local.get $i) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $map_from_arrays (local.get $ks) (local.get $vs) (local.get $n)))

;; maps:keys/1 and maps:values/1: a flatmap's in key order; a trie's in reverse iteration
;; order, as the VM conses them up while it walks.
(func $map_list (param $m eqref) (param $which i32) (result eqref)
  (local $kv (ref $tuple)) (local $src (ref $tuple)) (local $n i32) (local $i i32) (local $acc eqref)
  (local.set $kv (call $map_entries (local.get $m)))
  (local.set $src (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (local.get $which))))
  (local.set $n (array.len (local.get $src)))
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (call $tuple_to_list (local.get $src)))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (struct.new $cons (array.get $tuple (local.get $src) (local.get $i)) (local.get $acc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $acc))

(func $maps:keys/1 (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $map_list (local.get $m) (i32.const 0)))

(func $maps:values/1 (param $m eqref) (result eqref)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (call $map_list (local.get $m) (i32.const 1)))

;; erts_internal:map_to_tuple_keys/1: a flatmap's key tuple.
(func $erts_internal:map_to_tuple_keys/1 (param $m eqref) (result eqref)
  (if (ref.test (ref $fmap) (local.get $m))
    (then (return (struct.get $fmap $keys (ref.cast (ref $fmap) (local.get $m))))))
  (if (ref.test (ref $hmap) (local.get $m)) (then (return (call $fail_badarg))))
  (call $map_badmap (local.get $m)))

;; erts_internal:map_hashmap_children/1: a trie's node's entries, last slot first as the
;; VM lists them, leaves as [K|V] and inner nodes as $hmap of size -1 (the VM returns its
;; raw nodes, which erts_internal:term_type/1 names hashmap_node and which are no map to
;; any other BIF; erts_debug:size/1 is their one user).
(func $erts_internal:map_hashmap_children/1 (param $m eqref) (result eqref)
  (local $kids (ref $tuple)) (local $i i32) (local $acc eqref) (local $k eqref)
  (if (ref.test (ref $fmap) (local.get $m)) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref $hmap) (local.get $m))) (then (return (call $map_badmap (local.get $m)))))
  (local.set $kids (struct.get $hnode $kids (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $m)))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $kids))))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (local.set $acc (struct.new $cons
        (if (result eqref) (ref.test (ref $hleaf) (local.get $k))
          (then (struct.new $cons (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $k)))
                                  (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $k)))))
          (else (struct.new $hmap (i32.const -1) (ref.cast (ref $hnode) (local.get $k)))))
        (local.get $acc)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $acc))

;; How many associations one erts_internal:map_next/3 call hands out for an iterator (the
;; VM: a quarter of the caller's remaining reductions, at most 32 on the first call).
(global $map_next_batch i32 (i32.const 1000))

;; erts_internal:map_next(Path, Map, iterator | Acc), the protocol behind maps:next/1 and
;; maps:to_list/1. A flatmap answers everything at once; a trie walks from the leaf at
;; Path (4 bits per level, the root's lowest) and, when entries remain, ends with
;; [NextPath | Map].
(func $erts_internal:map_next/3 (param $path eqref) (param $m eqref) (param $acc eqref) (result eqref)
  (local $iter i32) (local $fm (ref $fmap)) (local $n i32) (local $i i32) (local $res eqref) (local $cur i64)
  (local $elems i32) (local $nodes (ref $tuple)) (local $idxs (ref $limbs)) (local $sp i32) (local $node (ref $hnode))
  (local $kids (ref $tuple)) (local $e i32) (local $kid eqref) (local $leaf (ref $hleaf)) (local $tail (ref null $tuple))
  (local $t (ref $tuple)) (local $idx i32) (local $sz i32) (local $p i64)
  (if (i32.eqz (call $is_map (local.get $m))) (then (return (call $fail_badarg))))
  (local.set $iter (ref.eq (local.get $acc) (global.get $atom.iterator)))
  (if (i32.eqz (i32.or (local.get $iter)
                       (i32.or (ref.is_null (local.get $acc)) (ref.test (ref $cons) (local.get $acc)))))
    (then (return (call $fail_badarg))))
  (if (ref.test (ref $fmap) (local.get $m))
    (then
      (local.set $fm (ref.cast (ref $fmap) (local.get $m)))
      (local.set $n (array.len (struct.get $fmap $keys (local.get $fm))))
      (if (i32.eqz (ref.test (ref i31) (local.get $path))) (then (return (call $fail_badarg))))
      (if (i32.gt_u (i31.get_s (ref.cast (ref i31) (local.get $path))) (local.get $n)) (then (return (call $fail_badarg))))
      (local.set $i (local.get $n))
      (if (local.get $iter)
        (then
          (local.set $res (global.get $atom.none))
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get $i)))
              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
              (local.set $res (call $tuple3 (array.get $tuple (struct.get $fmap $keys (local.get $fm)) (local.get $i))
                                            (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i))
                                            (local.get $res)))
              (br $next)))
          (return (local.get $res))))
      (local.set $res (local.get $acc))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $res (struct.new $cons
            (call $tuple2 (array.get $tuple (struct.get $fmap $keys (local.get $fm)) (local.get $i))
                          (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i)))
            (local.get $res)))
          (br $next)))
      (return (local.get $res))))
  ;; a trie: the path is a non-negative integer of at most 64 bits here
  (if (ref.test (ref i31) (local.get $path))
    (then
      (if (i32.lt_s (i31.get_s (ref.cast (ref i31) (local.get $path))) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $cur (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $path))))))
    (else
      (if (i32.eqz (ref.test (ref $int64) (local.get $path))) (then (return (call $fail_badarg))))
      (local.set $cur (struct.get $int64 $v (ref.cast (ref $int64) (local.get $path))))
      (if (i64.lt_s (local.get $cur) (i64.const 0)) (then (return (call $fail_badarg))))))
  (local.set $n (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $m))))
  (local.set $elems (local.get $n))
  (if (local.get $iter)
    (then
      (if (i32.gt_u (local.get $elems) (global.get $map_next_batch)) (then (local.set $elems (global.get $map_next_batch))))
      (if (i32.and (i64.eqz (local.get $cur)) (i32.gt_u (local.get $elems) (global.get $MAP_SMALL)))
        (then (local.set $elems (global.get $MAP_SMALL))))))
  (local.set $nodes (array.new $tuple (ref.null none) (i32.const 64)))
  (local.set $idxs (array.new_default $limbs (i32.const 64)))
  (global.set $map_next_result (if (result eqref) (local.get $iter) (then (ref.null none)) (else (local.get $acc))))
  (global.set $map_next_last (ref.null none))
  ;; down the path to its leaf
  (local.set $node (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $m))))
  (block $found
    (loop $down
      (local.set $kids (struct.get $hnode $kids (local.get $node)))
      (local.set $e (i32.wrap_i64 (i64.and (local.get $cur) (i64.const 15))))
      (if (i32.ge_u (local.get $e) (array.len (local.get $kids))) (then (return (call $fail_badarg))))
      (if (i32.ge_u (local.get $sp) (i32.const 64)) (then (return (call $fail_badarg))))
      (array.set $tuple (local.get $nodes) (local.get $sp) (local.get $node))
      (array.set $limbs (local.get $idxs) (local.get $sp) (i32.add (local.get $e) (i32.const 1)))
      (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
      (local.set $kid (array.get $tuple (local.get $kids) (local.get $e)))
      (br_if $found (ref.test (ref $hleaf) (local.get $kid)))
      (local.set $node (ref.cast (ref $hnode) (local.get $kid)))
      (local.set $cur (i64.shr_u (local.get $cur) (i64.const 4)))
      (br $down)))
  (local.set $leaf (ref.cast (ref $hleaf) (local.get $kid)))
  (call $map_next_emit (local.get $iter) (local.get $leaf))
  (local.set $elems (i32.sub (local.get $elems) (i32.const 1)))
  ;; then depth first until `elems` are out
  (block $walked
    (loop $walk
      (br_if $walked (i32.eqz (local.get $sp)))
      (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
      (local.set $node (ref.cast (ref $hnode) (array.get $tuple (local.get $nodes) (local.get $sp))))
      (local.set $idx (array.get $limbs (local.get $idxs) (local.get $sp)))
      (local.set $kids (struct.get $hnode $kids (local.get $node)))
      (local.set $sz (array.len (local.get $kids)))
      (block $leaves_done
        (loop $leaves
          (br_if $leaves_done (i32.ge_u (local.get $idx) (local.get $sz)))
          (br_if $leaves_done (i32.eqz (local.get $elems)))
          (local.set $kid (array.get $tuple (local.get $kids) (local.get $idx)))
          (br_if $leaves_done (i32.eqz (ref.test (ref $hleaf) (local.get $kid))))
          (call $map_next_emit (local.get $iter) (ref.cast (ref $hleaf) (local.get $kid)))
          (local.set $elems (i32.sub (local.get $elems) (i32.const 1)))
          (local.set $idx (i32.add (local.get $idx) (i32.const 1)))
          (br $leaves)))
      (if (i32.eqz (local.get $elems))
        (then
          (if (i32.lt_u (local.get $idx) (local.get $sz))
            (then
              (array.set $limbs (local.get $idxs) (local.get $sp) (i32.add (local.get $idx) (i32.const 1)))
              (local.set $sp (i32.add (local.get $sp) (i32.const 1))))
            (else
              ;; up to the first ancestor with entries left
              (block $up_done
                (loop $up
                  (br_if $up_done (i32.eqz (local.get $sp)))
                  (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
                  (local.set $idx (array.get $limbs (local.get $idxs) (local.get $sp)))
                  (if (i32.lt_u (local.get $idx) (array.len (struct.get $hnode $kids
                        (ref.cast (ref $hnode) (array.get $tuple (local.get $nodes) (local.get $sp))))))
                    (then
                      (array.set $limbs (local.get $idxs) (local.get $sp) (i32.add (local.get $idx) (i32.const 1)))
                      (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
                      (br $up_done)))
                  (br $up)))))
          (br $walked)))
      (if (i32.lt_u (local.get $idx) (local.get $sz))
        (then
          (array.set $limbs (local.get $idxs) (local.get $sp) (i32.add (local.get $idx) (i32.const 1)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
          (array.set $tuple (local.get $nodes) (local.get $sp) (array.get $tuple (local.get $kids) (local.get $idx)))
          (array.set $limbs (local.get $idxs) (local.get $sp) (i32.const 0))
          (local.set $sp (i32.add (local.get $sp) (i32.const 1)))))
      (br $walk)))
  ;; the path of the next leaf, if any
  (if (local.get $sp)
    (then
      (local.set $p (i64.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $sp)))
          (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
          (local.set $p (i64.or (i64.shl (local.get $p) (i64.const 4))
            (i64.extend_i32_u (i32.sub (array.get $limbs (local.get $idxs) (local.get $sp)) (i32.const 1)))))
          (br $next)))
      (call $map_next_finish (local.get $iter) (struct.new $cons (call $mk_int (local.get $p)) (local.get $m))))
    (else (call $map_next_finish (local.get $iter) (global.get $atom.none))))
  (global.get $map_next_result))

;; The walk's output under construction: for an iterator, the first {K, V, _} and the
;; last one (whose third element is patched); for a list, the list so far.
(global $map_next_result (mut eqref) (ref.null none))
(global $map_next_last (mut (ref null $tuple)) (ref.null none))

;; Records one association found by the walk.
(func $map_next_emit (param $iter i32) (param $leaf (ref $hleaf))
  (local $t (ref $tuple))
  (if (local.get $iter)
    (then
      (local.set $t (call $tuple3 (struct.get $hleaf $k (local.get $leaf)) (struct.get $hleaf $v (local.get $leaf))
                                  (global.get $atom.none)))
      (if (ref.is_null (global.get $map_next_last))
        (then (global.set $map_next_result (local.get $t)))
        (else (array.set $tuple (ref.as_non_null (global.get $map_next_last)) (i32.const 2) (local.get $t))))
      (global.set $map_next_last (local.get $t)))
    (else
      (global.set $map_next_result (struct.new $cons
        (call $tuple2 (struct.get $hleaf $k (local.get $leaf)) (struct.get $hleaf $v (local.get $leaf)))
        (global.get $map_next_result))))))

;; Ends the walk with `rest` ([Path | Map] or none).
(func $map_next_finish (param $iter i32) (param $rest eqref)
  (local $c (ref $cons))
  (if (local.get $iter)
    (then
      (array.set $tuple (ref.as_non_null (global.get $map_next_last)) (i32.const 2) (local.get $rest))
      (global.set $map_next_last (ref.null none))
      (return)))
  (if (ref.test (ref $cons) (local.get $rest))
    (then
      ;; [Path, Map | Acc]
      (local.set $c (ref.cast (ref $cons) (local.get $rest)))
      (global.set $map_next_result (struct.new $cons (struct.get $cons $hd (local.get $c))
        (struct.new $cons (struct.get $cons $tl (local.get $c)) (global.get $map_next_result)))))))
