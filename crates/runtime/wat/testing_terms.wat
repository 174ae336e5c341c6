;; testing_terms.wat — test exports for compare.wat, hash.wat and map.wat (their tests:
;; crates/runtime/tests/term_order.rs, phash2.rs, maps_*.rs). Not part of the ABI.
;;
;; `test:mcall(idx, len)` works as testing.wat's `test:call`: memory[0..len] holds the ETF
;; of an argument list; the function number `idx` of the table below is applied and the
;; ETF of {ok, Result} or {error, Reason} is written back (-1: unencodable result, -2: bad
;; argument list). Maps cannot cross the ETF boundary yet, so the `tm_*` functions build
;; maps from lists and answer lists (mirrored by Erlang funs in the tests' driver).

(table $test_mfuns funcref (elem
  ;; arity 1 (0..)
  $erlang:phash2/1 $tm_from_list $tm_puts $tm_keys $tm_values $tm_iter $tm_size $tm_phash2
  $maps:from_list/1 $maps:keys/1 $maps:values/1 $erlang:map_size/1 $tm_from_keys $tm_hamt_shape
  ;; arity 2 (14..)
  $tm_cmp $erlang:phash2/2 $erlang:phash/2 $tm_remove $tm_merge $tm_get $tm_find $tm_is_key $tm_take $tm_mcmp
  $maps:get/2 $maps:find/2 $maps:remove/2 $maps:take/2 $maps:merge/2 $maps:is_key/2 $erlang:map_get/2
  $erlang:is_map_key/2 $maps:from_keys/2 $erlang:and/2 $erlang:or/2 $erlang:xor/2 $tm_merge_hint
  ;; arity 3 (37..)
  $tm_update $tm_put $maps:put/3 $maps:update/3 $erts_internal:map_next/3))

(global $test_m_arity2 i32 (i32.const 14))
(global $test_m_arity3 i32 (i32.const 37))
(global $test_m_count i32 (i32.const 42))

(func $test:mcount (export "test:mcount") (result i32) (global.get $test_m_count))

;; maps:to_list/1 as maps.erl does it, through erts_internal:map_next/3.
(func $tm_to_list (param $m eqref) (result eqref)
  (local $r eqref) (local $c (ref $cons)) (local $c2 (ref $cons))
  (local.set $r (call $erts_internal:map_next/3 (ref.i31 (i32.const 0)) (local.get $m) (ref.null none)))
  (loop $more
    (if (ref.test (ref $cons) (local.get $r))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $r)))
        (if (call $is_integer (struct.get $cons $hd (local.get $c)))
          (then
            (local.set $c2 (ref.cast (ref $cons) (struct.get $cons $tl (local.get $c))))
            (local.set $r (call $erts_internal:map_next/3 (struct.get $cons $hd (local.get $c))
              (struct.get $cons $hd (local.get $c2)) (struct.get $cons $tl (local.get $c2))))
            (br $more))))))
  (local.get $r))

;; A map's result as a list (maps cannot be encoded yet); failures pass through.
(func $tm_out (param $m eqref) (result eqref)
  (if (call $is_fail (local.get $m)) (then (return (local.get $m))))
  (call $tm_to_list (local.get $m)))

(func $tm_from_list (param $l eqref) (result eqref)
  (call $tm_out (call $maps:from_list/1 (local.get $l))))

;; maps:put of each {K, V} of the list in turn, from #{}.
(func $tm_puts_into (param $m eqref) (param $l eqref) (result eqref)
  (local $t (ref $tuple))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $t (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $m (call $maps:put/3 (array.get $tuple (local.get $t) (i32.const 0)) (array.get $tuple (local.get $t) (i32.const 1))
                                      (local.get $m)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $m))

(func $tm_empty (result eqref)
  (call $maps:from_list/1 (ref.null none)))

(func $tm_puts (param $l eqref) (result eqref)
  (call $tm_out (call $tm_puts_into (call $tm_empty) (local.get $l))))

(func $tm_keys (param $l eqref) (result eqref)
  (call $maps:keys/1 (call $maps:from_list/1 (local.get $l))))

(func $tm_values (param $l eqref) (result eqref)
  (call $maps:values/1 (call $maps:from_list/1 (local.get $l))))

(func $tm_size (param $l eqref) (result eqref)
  (call $erlang:map_size/1 (call $maps:from_list/1 (local.get $l))))

(func $tm_phash2 (param $l eqref) (result eqref)
  (call $erlang:phash2/1 (call $maps:from_list/1 (local.get $l))))

(func $tm_from_keys (param $l eqref) (result eqref)
  (call $tm_out (call $maps:from_keys/2 (local.get $l) (global.get $atom.ok))))

;; The associations in maps:next/1 order.
(func $tm_iter (param $l eqref) (result eqref)
  (local $m eqref) (local $i eqref) (local $acc eqref) (local $t (ref $tuple)) (local $c (ref $cons))
  (local.set $m (call $maps:from_list/1 (local.get $l)))
  (if (call $is_fail (local.get $m)) (then (return (local.get $m))))
  (local.set $i (call $erts_internal:map_next/3 (ref.i31 (i32.const 0)) (local.get $m) (global.get $atom.iterator)))
  (loop $more
    (if (ref.test (ref $tuple) (local.get $i))
      (then
        (local.set $t (ref.cast (ref $tuple) (local.get $i)))
        (local.set $acc (struct.new $cons (call $tuple2 (array.get $tuple (local.get $t) (i32.const 0))
                                                        (array.get $tuple (local.get $t) (i32.const 1))) (local.get $acc)))
        (local.set $i (array.get $tuple (local.get $t) (i32.const 2)))
        (br $more)))
    (if (ref.test (ref $cons) (local.get $i))
      (then
        (local.set $c (ref.cast (ref $cons) (local.get $i)))
        (local.set $i (call $erts_internal:map_next/3 (struct.get $cons $hd (local.get $c)) (struct.get $cons $tl (local.get $c))
                                                       (global.get $atom.iterator)))
        (br $more))))
  (call $erlang:lists_reverse_tm (local.get $acc)))

(func $erlang:lists_reverse_tm (param $l eqref) (result eqref)
  (local $acc eqref)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (struct.new $cons (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (local.get $acc))

;; {A < B as -1/0/1, A == B, A =:= B, erts_internal:cmp_term(A, B)}
(func $tm_cmp (param $a eqref) (param $b eqref) (result eqref)
  (call $tuple4 (ref.i31 (call $cmp_sign (call $compare (local.get $a) (local.get $b))))
    (call $erlang:==/2 (local.get $a) (local.get $b))
    (call $erlang:=:=/2 (local.get $a) (local.get $b))
    (call $erts_internal:cmp_term/2 (local.get $a) (local.get $b))))

;; The same for two maps built from lists.
(func $tm_mcmp (param $a eqref) (param $b eqref) (result eqref)
  (call $tm_cmp (call $maps:from_list/1 (local.get $a)) (call $maps:from_list/1 (local.get $b))))

;; maps:remove of each key in turn.
(func $tm_remove (param $l eqref) (param $ks eqref) (result eqref)
  (local $m eqref)
  (local.set $m (call $maps:from_list/1 (local.get $l)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $ks))))
      (local.set $m (call $maps:remove/2 (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ks))) (local.get $m)))
      (local.set $ks (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ks))))
      (br $next)))
  (call $tm_out (local.get $m)))

(func $tm_merge (param $a eqref) (param $b eqref) (result eqref)
  (call $tm_out (call $maps:merge/2 (call $maps:from_list/1 (local.get $a)) (call $maps:from_list/1 (local.get $b)))))

;; maps:merge(from_list(A), maps:put of B's pairs into from_list(A)): tries sharing nodes.
(func $tm_merge_hint (param $a eqref) (param $b eqref) (result eqref)
  (local $m eqref)
  (local.set $m (call $maps:from_list/1 (local.get $a)))
  (call $tm_out (call $maps:merge/2 (local.get $m) (call $tm_puts_into (local.get $m) (local.get $b)))))

(func $tm_get (param $l eqref) (param $k eqref) (result eqref)
  (call $maps:get/2 (local.get $k) (call $maps:from_list/1 (local.get $l))))

(func $tm_find (param $l eqref) (param $k eqref) (result eqref)
  (call $maps:find/2 (local.get $k) (call $maps:from_list/1 (local.get $l))))

(func $tm_is_key (param $l eqref) (param $k eqref) (result eqref)
  (call $maps:is_key/2 (local.get $k) (call $maps:from_list/1 (local.get $l))))

(func $tm_take (param $l eqref) (param $k eqref) (result eqref)
  (local $r eqref) (local $t (ref $tuple))
  (local.set $r (call $maps:take/2 (local.get $k) (call $maps:from_list/1 (local.get $l))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $r))) (then (return (local.get $r))))
  (local.set $t (ref.cast (ref $tuple) (local.get $r)))
  (call $tuple2 (array.get $tuple (local.get $t) (i32.const 0)) (call $tm_to_list (array.get $tuple (local.get $t) (i32.const 1)))))

(func $tm_update (param $l eqref) (param $k eqref) (param $v eqref) (result eqref)
  (call $tm_out (call $maps:update/3 (local.get $k) (local.get $v) (call $maps:from_list/1 (local.get $l)))))

(func $tm_put (param $l eqref) (param $k eqref) (param $v eqref) (result eqref)
  (call $tm_out (call $maps:put/3 (local.get $k) (local.get $v) (call $maps:from_list/1 (local.get $l)))))

;; The trie's shape: nested lists of bitmaps and leaf keys (a debugging aid).
(func $tm_hamt_shape (param $l eqref) (result eqref)
  (local $m eqref)
  (local.set $m (call $maps:from_list/1 (local.get $l)))
  (if (i32.eqz (ref.test (ref $hmap) (local.get $m))) (then (return (global.get $atom.false))))
  (call $tm_shape (struct.get $hmap $root (ref.cast (ref $hmap) (local.get $m)))))

(func $tm_shape (param $n (ref $hnode)) (result eqref)
  (local $kids (ref $tuple)) (local $i i32) (local $acc eqref) (local $k eqref)
  (local.set $kids (struct.get $hnode $kids (local.get $n)))
  (local.set $i (array.len (local.get $kids)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $k (array.get $tuple (local.get $kids) (local.get $i)))
      (local.set $acc (struct.new $cons
        (if (result eqref) (ref.test (ref $hleaf) (local.get $k))
          (then (struct.get $hleaf $k (ref.cast (ref $hleaf) (local.get $k))))
          (else (call $tm_shape (ref.cast (ref $hnode) (local.get $k)))))
        (local.get $acc)))
      (br $next)))
  (call $tuple2 (call $mk_int (i64.extend_i32_u (struct.get $hnode $bitmap (local.get $n)))) (local.get $acc)))

(func $test:mcall (export "test:mcall") (param $idx i32) (param $len i32) (result i32)
  (local $in (ref $bytes)) (local $i i32) (local $args eqref) (local $a eqref) (local $b eqref) (local $c eqref)
  (local $r eqref) (local $out eqref) (local $bin (ref $bin)) (local $n i32) (local $argc i32)
  (local.set $in (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $in) (local.get $i) (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $args (call $erlang:binary_to_term/1 (call $bin_of (local.get $in))))
  (if (call $is_fail (local.get $args)) (then (return (i32.const -2))))
  (local.set $argc (call $map_list_length (local.get $args)))
  (if (i32.ge_s (local.get $argc) (i32.const 1))
    (then (local.set $a (struct.get $cons $hd (ref.cast (ref $cons) (local.get $args))))))
  (if (i32.ge_s (local.get $argc) (i32.const 2))
    (then (local.set $b (struct.get $cons $hd (ref.cast (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))))))
  (if (i32.ge_s (local.get $argc) (i32.const 3))
    (then (local.set $c (struct.get $cons $hd (ref.cast (ref $cons) (struct.get $cons $tl (ref.cast (ref $cons)
      (struct.get $cons $tl (ref.cast (ref $cons) (local.get $args))))))))))
  (if (i32.ge_u (local.get $idx) (global.get $test_m_count)) (then (return (i32.const -2))))
  (if (i32.lt_u (local.get $idx) (global.get $test_m_arity2))
    (then
      (if (i32.ne (local.get $argc) (i32.const 1)) (then (return (i32.const -2))))
      (local.set $r (call_indirect $test_mfuns (type $fn1) (local.get $a) (local.get $idx))))
    (else
      (if (i32.lt_u (local.get $idx) (global.get $test_m_arity3))
        (then
          (if (i32.ne (local.get $argc) (i32.const 2)) (then (return (i32.const -2))))
          (local.set $r (call_indirect $test_mfuns (type $fn2) (local.get $a) (local.get $b) (local.get $idx))))
        (else
          (if (i32.ne (local.get $argc) (i32.const 3)) (then (return (i32.const -2))))
          (local.set $r (call_indirect $test_mfuns (type $fn3) (local.get $a) (local.get $b) (local.get $c) (local.get $idx)))))))
  (if (call $is_fail (local.get $r))
    (then (local.set $r (call $tuple2 (global.get $atom.error) (global.get $fail_reason))))
    (else (local.set $r (call $tuple2 (global.get $atom.ok) (local.get $r)))))
  (local.set $out (call $erlang:term_to_binary/1 (local.get $r)))
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
