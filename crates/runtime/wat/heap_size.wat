;; heap_size.wat — the VM's size of a term in heap words: erts_debug:flat_size/1 (the
;; emulator's size_object in copy.c, on a 64-bit VM) and erts_debug:same/2, on which
;; erts_debug:size/1 (Erlang, counting shared subterms once) is built.
;;
;; The words are the VM's, computed from this runtime's terms:
;;   - immediates (atoms, [], pids, ports, integers of 60 bits or fewer): 0;
;;   - a cons cell 2; a tuple of n > 0 elements n + 1 ({} is a shared literal: 0);
;;   - a float 2; a bignum 1 + its 64-bit digits; a reference 3;
;;   - a fun: 5, plus for a local fun one word per free variable;
;;   - a flatmap of n keys n + 3 and its key tuple; a hash trie one word per node header
;;     (two at the root), one per child, and a cons cell [K|V] per leaf, laid out as the
;;     VM lays it out (map.wat);
;;   - a binary as the VM holds it: a byte-aligned one of at most 64 bytes is a heap
;;     binary (2 words and its bytes), a larger one or one built by appending (the VM's
;;     writable binaries) a 6-word reference; a bitstring with trailing bits is a 5-word
;;     sub-binary over either.
;; Where the VM's layout depends on history this runtime does not keep, the figure can
;; differ (docs/LIMITATIONS.md): the bit offset of an unaligned sub-bitstring inside its
;; original (which decides one extra byte of the original), and alias references (4 words
;; on the VM).

(func $erts_debug:flat_size/1 (param $t eqref) (result eqref)
  (call $mk_int (call $heap_words (local.get $t))))

;; erts_debug:same/2: whether two terms are the same object (or equal immediates).
(func $erts_debug:same/2 (param $a eqref) (param $b eqref) (result eqref)
  (select (result eqref) (global.get $atom.true) (global.get $atom.false)
    (ref.eq (local.get $a) (local.get $b))))

;; The heap words of `t`, each subterm counted as often as it occurs. Loops on the last
;; element of each list cell and tuple, so that long lists need no deep recursion.
(func $heap_words (param $t eqref) (result i64)
  (local $sum i64) (local $n i32) (local $i i32) (local $tp (ref $tuple)) (local $v i64)
  (local $fm (ref $fmap)) (local $f (ref $fun))
  (loop $next
    (if (i32.or (ref.is_null (local.get $t)) (ref.test (ref i31) (local.get $t)))
      (then (return (local.get $sum))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (local.set $sum (i64.add (local.get $sum)
          (i64.add (i64.const 2) (call $heap_words (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $next)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tp (ref.cast (ref $tuple) (local.get $t)))
        (local.set $n (array.len (local.get $tp)))
        (if (i32.eqz (local.get $n)) (then (return (local.get $sum))))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.add (local.get $n) (i32.const 1)))))
        (local.set $i (i32.const 0))
        (block $last
          (loop $el
            (br_if $last (i32.ge_u (local.get $i) (i32.sub (local.get $n) (i32.const 1))))
            (local.set $sum (i64.add (local.get $sum) (call $heap_words (array.get $tuple (local.get $tp) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $el)))
        (local.set $t (array.get $tuple (local.get $tp) (i32.sub (local.get $n) (i32.const 1))))
        (br $next)))
    (if (ref.test (ref $float) (local.get $t))
      (then (return (i64.add (local.get $sum) (i64.const 2)))))
    (if (ref.test (ref $int64) (local.get $t))
      (then
        ;; The VM's small integers have 60 bits.
        (local.set $v (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))
        (if (i32.and (i64.ge_s (local.get $v) (i64.const -576460752303423488))
                     (i64.le_s (local.get $v) (i64.const 576460752303423487)))
          (then (return (local.get $sum))))
        (return (i64.add (local.get $sum) (i64.const 2)))))
    (if (ref.test (ref $bigint) (local.get $t))
      (then
        (return (i64.add (local.get $sum)
          (i64.extend_i32_u (i32.add (i32.const 1)
            (i32.shr_u (i32.add (array.len (struct.get $bigint $mag (ref.cast (ref $bigint) (local.get $t)))) (i32.const 1))
              (i32.const 1))))))))
    (if (ref.test (ref $bin) (local.get $t))
      (then (return (i64.add (local.get $sum) (call $heap_words_bin (ref.cast (ref $bin) (local.get $t)))))))
    (if (ref.test (ref $fmap) (local.get $t))
      (then
        (local.set $fm (ref.cast (ref $fmap) (local.get $t)))
        (local.set $n (array.len (struct.get $fmap $keys (local.get $fm))))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.add (local.get $n) (i32.const 3)))))
        (if (local.get $n)
          (then (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.add (local.get $n) (i32.const 1)))))))
        (local.set $i (i32.const 0))
        (block $done
          (loop $kv
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $sum (i64.add (local.get $sum)
              (i64.add (call $heap_words (array.get $tuple (struct.get $fmap $keys (local.get $fm)) (local.get $i)))
                       (call $heap_words (array.get $tuple (struct.get $fmap $vals (local.get $fm)) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $kv)))
        (return (local.get $sum))))
    (if (ref.test (ref $hmap) (local.get $t))
      (then
        ;; The root's header has the map's size; an inner node's (size -1, map.wat) has not.
        (if (i32.ge_s (struct.get $hmap $size (ref.cast (ref $hmap) (local.get $t))) (i32.const 0))
          (then (local.set $sum (i64.add (local.get $sum) (i64.const 1)))))
        (return (i64.add (local.get $sum)
          (call $heap_words_hnode (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $t))))))))
    (if (ref.test (ref $fun) (local.get $t))
      (then
        (local.set $f (ref.cast (ref $fun) (local.get $t)))
        (local.set $sum (i64.add (local.get $sum) (i64.const 5)))
        (if (struct.get $funinfo $kind (struct.get $fun $info (local.get $f)))
          (then (return (local.get $sum))))
        (if (ref.is_null (struct.get $fun $env (local.get $f))) (then (return (local.get $sum))))
        (local.set $tp (ref.as_non_null (struct.get $fun $env (local.get $f))))
        (local.set $n (array.len (local.get $tp)))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $n))))
        (local.set $i (i32.const 0))
        (block $done
          (loop $el
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $sum (i64.add (local.get $sum) (call $heap_words (array.get $tuple (local.get $tp) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $el)))
        (return (local.get $sum))))
    (if (ref.test (ref $ref) (local.get $t))
      (then (return (i64.add (local.get $sum) (i64.const 3))))))
  ;; Atoms, pids and ports are immediates.
  (local.get $sum))

;; A trie node: its header, one word per child, and the children (leaves are [K|V] cells).
;; The root's extra word (the map's size) is added by the caller.
(func $heap_words_hnode (param $node (ref $hnode)) (result i64)
  (local $kids (ref $tuple)) (local $n i32) (local $i i32) (local $sum i64) (local $kid eqref)
  (local.set $kids (struct.get $hnode $kids (local.get $node)))
  (local.set $n (array.len (local.get $kids)))
  (local.set $sum (i64.extend_i32_u (i32.add (local.get $n) (i32.const 1))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $kid (array.get $tuple (local.get $kids) (local.get $i)))
      (if (ref.test (ref $hnode) (local.get $kid))
        (then (local.set $sum (i64.add (local.get $sum) (call $heap_words_hnode (ref.cast (ref $hnode) (local.get $kid))))))
        (else
          (local.set $sum (i64.add (local.get $sum)
            (i64.add (i64.const 2)
              (i64.add (call $heap_words (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $kid))))
                       (call $heap_words (struct.get $hleaf $v (ref.cast (ref $hleaf) (local.get $kid))))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $sum))

;; A binary's words: a heap binary (2 + its bytes in words) when byte-aligned, at most 64
;; bytes and not built by appending; else a 6-word reference to an off-heap binary; with
;; trailing bits, a 5-word sub-binary over a binary of its bytes and one more (as the VM
;; builds a bitstring of at most 64 bytes; one taken from a larger binary by matching
;; is, on the VM, a sub-binary of that binary: 11 words).
(func $heap_words_bin (param $b (ref $bin)) (result i64)
  (local $size i32) (local $offheap i32)
  (local.set $size (struct.get $bin $size (local.get $b)))
  (local.set $offheap (i32.eqz (ref.is_null (struct.get $bin $wr (local.get $b)))))
  (if (i32.eqz (struct.get $bin $bits (local.get $b)))
    (then
      (if (i32.or (local.get $offheap) (i32.gt_u (local.get $size) (i32.const 64)))
        (then (return (i64.const 6))))
      (return (i64.extend_i32_u (i32.add (i32.const 2) (i32.shr_u (i32.add (local.get $size) (i32.const 7)) (i32.const 3)))))))
  (if (i32.or (local.get $offheap) (i32.ge_u (local.get $size) (i32.const 64)))
    (then (return (i64.const 11))))
  (i64.extend_i32_u (i32.add (i32.const 7) (i32.shr_u (i32.add (local.get $size) (i32.const 8)) (i32.const 3)))))
