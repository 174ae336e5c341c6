;; list.wat — the list BIFs: length/1, hd/1, tl/1, ++/2 (append/2), --/2 (subtract/2),
;; list_to_tuple/1, tuple_to_list/1, and the BIFs of module `lists`: reverse/2, member/2,
;; keyfind/3, keymember/3, keysearch/3.
;;
;; Conventions: BIFs take and return eqref and fail by returning $FAIL (docs/ABI.md §3).
;; Every loop walks list tails iteratively, so a list of any length costs no wasm stack.
;; New lists are built front to back by setting the tail of the last cell ($cons fields
;; are mutable for this). Equalities come from compare.wat: member/2 and --/2 use `=:=`,
;; the key functions `==` (as the VM: lists:keyfind(1.0, 1, [{1}]) finds {1}).

;; erlang:length/1: the length of a proper list; badarg on an improper one.
(func $erlang:length/1 (param $l eqref) (result eqref)
  (local $n i32) (local $c (ref $cons))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (ref.i31 (local.get $n)))

;; erlang:hd/1
(func $erlang:hd/1 (param $l eqref) (result eqref)
  (if (ref.test (ref $cons) (local.get $l))
    (then (return (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
  (call $fail_badarg))

;; erlang:tl/1
(func $erlang:tl/1 (param $l eqref) (result eqref)
  (if (ref.test (ref $cons) (local.get $l))
    (then (return (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))))
  (call $fail_badarg))

;; A copy of the proper list `l` ending in `tail` instead of [], or $FAIL (badarg) when `l`
;; is not a proper list. `l` = [] gives `tail` itself.
(func $list_append (param $l eqref) (param $tail eqref) (result eqref)
  (local $head eqref) (local $last (ref null $cons)) (local $c (ref $cons)) (local $new (ref $cons))
  (if (ref.is_null (local.get $l)) (then (return (local.get $tail))))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (local.set $new (struct.new $cons (struct.get $cons $hd (local.get $c)) (ref.null none)))
      (if (ref.is_null (local.get $last))
        (then (local.set $head (local.get $new)))
        (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $new))))
      (local.set $last (local.get $new))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $tail))
  (local.get $head))

;; erlang:++/2: copies the left list (which must be proper); the right may be anything.
(func $erlang:++/2 (param $a eqref) (param $b eqref) (result eqref)
  (return_call $list_append (local.get $a) (local.get $b)))

;; erlang:append/2: the same as ++/2.
(func $erlang:append/2 (param $a eqref) (param $b eqref) (result eqref)
  (return_call $list_append (local.get $a) (local.get $b)))

;; lists:reverse/2: the elements of the proper list `l`, reversed, in front of `tail`.
(func $lists:reverse/2 (param $l eqref) (param $tail eqref) (result eqref)
  (local $c (ref $cons))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (local.set $tail (struct.new $cons (struct.get $cons $hd (local.get $c)) (local.get $tail)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (local.get $tail))

;; Whether `t` is a term whose only `=:=` equal is itself (ref.eq): a small integer, an
;; atom, or []. Integers are canonical, so no boxed integer equals an i31.
(func $is_identity_term (param $t eqref) (result i32)
  (i32.or (i32.or (ref.is_null (local.get $t)) (ref.test (ref i31) (local.get $t)))
          (ref.test (ref $atom) (local.get $t))))

;; lists:member/2: `=:=`; reaching an improper tail before a match is badarg.
(func $lists:member/2 (param $x eqref) (param $l eqref) (result eqref)
  (local $c (ref $cons))
  (if (call $is_identity_term (local.get $x))
    (then
      (block $done
        (loop $next
          (br_if $done (ref.is_null (local.get $l)))
          (local.set $c (block $is (result (ref $cons))
            (br_on_cast $is eqref (ref $cons) (local.get $l))
            (return (call $fail_badarg))))
          (if (ref.eq (struct.get $cons $hd (local.get $c)) (local.get $x))
            (then (return (global.get $atom.true))))
          (local.set $l (struct.get $cons $tl (local.get $c)))
          (br $next)))
      (return (global.get $atom.false))))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (if (call $eq_exact (struct.get $cons $hd (local.get $c)) (local.get $x))
        (then (return (global.get $atom.true))))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (global.get $atom.false))

;; The key position argument of keyfind/keymember/keysearch as a 0-based index, or -1
;; when it is valid but beyond any tuple (a small integer of the VM above 2^30), or -2
;; (badarg) when it is not a positive small integer of the VM (60-bit).
(func $key_index (param $n eqref) (result i32)
  (local $v i32) (local $w i64)
  (if (ref.test (ref i31) (local.get $n))
    (then
      (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $n))))
      (if (i32.le_s (local.get $v) (i32.const 0)) (then (return (i32.const -2))))
      (return (i32.sub (local.get $v) (i32.const 1)))))
  (if (ref.test (ref $int64) (local.get $n))
    (then
      (local.set $w (struct.get $int64 $v (ref.cast (ref $int64) (local.get $n))))
      (if (i32.and (i64.gt_s (local.get $w) (i64.const 0))
                   (i64.lt_s (local.get $w) (i64.const 0x0800000000000000)))
        (then (return (i32.const -1))))))
  (i32.const -2))

;; The first tuple of list `l` whose element `idx` (0-based; -1: none can match) is `==`
;; to `key`; null when there is none; $FAIL (badarg) when the list is improper first.
(func $key_search (param $key eqref) (param $idx i32) (param $l eqref) (result eqref)
  (local $c (ref $cons)) (local $t (ref $tuple)) (local $e eqref) (local $mode i32) (local $kf f64)
  ;; mode 0: identity (atom, [], other immediates); 1: small integer (also equals a float
  ;; of the same value); 2: general `==`
  (if (ref.test (ref i31) (local.get $key))
    (then
      (local.set $mode (i32.const 1))
      (local.set $kf (f64.convert_i32_s (i31.get_s (ref.cast (ref i31) (local.get $key))))))
    (else
      (if (i32.eqz (i32.or (ref.is_null (local.get $key)) (ref.test (ref $atom) (local.get $key))))
        (then (local.set $mode (i32.const 2))))))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $c (block $is (result (ref $cons))
        (br_on_cast $is eqref (ref $cons) (local.get $l))
        (return (call $fail_badarg))))
      (block $skip
        (local.set $t (block $is (result (ref $tuple))
          (br_on_cast $is eqref (ref $tuple) (struct.get $cons $hd (local.get $c)))
          (br $skip)))
        (br_if $skip (i32.ge_u (local.get $idx) (array.len (local.get $t))))
        (local.set $e (array.get $tuple (local.get $t) (local.get $idx)))
        (if (ref.eq (local.get $e) (local.get $key)) (then (return (local.get $t))))
        (br_if $skip (i32.eqz (local.get $mode)))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (if (ref.test (ref $float) (local.get $e))
              (then
                (if (f64.eq (struct.get $float $v (ref.cast (ref $float) (local.get $e))) (local.get $kf))
                  (then (return (local.get $t))))))
            (br $skip)))
        (if (call $eq (local.get $e) (local.get $key)) (then (return (local.get $t)))))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (ref.null none))

;; lists:keyfind/3
(func $lists:keyfind/3 (param $key eqref) (param $n eqref) (param $l eqref) (result eqref)
  (local $idx i32) (local $r eqref)
  (local.set $idx (call $key_index (local.get $n)))
  (if (i32.eq (local.get $idx) (i32.const -2)) (then (return (call $fail_badarg))))
  (local.set $r (call $key_search (local.get $key) (local.get $idx) (local.get $l)))
  (if (ref.is_null (local.get $r)) (then (return (global.get $atom.false))))
  (local.get $r))

;; lists:keymember/3
(func $lists:keymember/3 (param $key eqref) (param $n eqref) (param $l eqref) (result eqref)
  (local $idx i32) (local $r eqref)
  (local.set $idx (call $key_index (local.get $n)))
  (if (i32.eq (local.get $idx) (i32.const -2)) (then (return (call $fail_badarg))))
  (local.set $r (call $key_search (local.get $key) (local.get $idx) (local.get $l)))
  (if (ref.is_null (local.get $r)) (then (return (global.get $atom.false))))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (global.get $atom.true))

;; lists:keysearch/3: {value, Tuple} or false.
(func $lists:keysearch/3 (param $key eqref) (param $n eqref) (param $l eqref) (result eqref)
  (local $idx i32) (local $r eqref)
  (local.set $idx (call $key_index (local.get $n)))
  (if (i32.eq (local.get $idx) (i32.const -2)) (then (return (call $fail_badarg))))
  (local.set $r (call $key_search (local.get $key) (local.get $idx) (local.get $l)))
  (if (ref.is_null (local.get $r)) (then (return (global.get $atom.false))))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (call $tuple2 (global.get $atom.value) (local.get $r)))

;; erlang:list_to_tuple/1
(func $erlang:list_to_tuple/1 (param $l eqref) (result eqref)
  (local $n i32) (local $t (ref $tuple)) (local $i i32) (local $c (ref $cons))
  (local.set $n (call $list_length (local.get $l)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.gt_u (local.get $n) (global.get $MAX_ARITY)) (then (return (call $fail_badarg))))
  (local.set $t (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (ref.cast (ref $cons) (local.get $l)))
      (array.set $tuple (local.get $t) (local.get $i) (struct.get $cons $hd (local.get $c)))
      (local.set $l (struct.get $cons $tl (local.get $c)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $t))

;; erlang:tuple_to_list/1
(func $erlang:tuple_to_list/1 (param $t eqref) (result eqref)
  (if (ref.test (ref $tuple) (local.get $t))
    (then (return (call $tuple_to_list (ref.cast (ref $tuple) (local.get $t))))))
  (call $fail_badarg))

;; ---- subtraction ------------------------------------------------------------------------

;; Right-hand lists up to this length are matched by a linear scan; longer ones are
;; sorted (exact term order) into a multiset and searched by bisection.
(global $SUBTRACT_LINEAR i32 (i32.const 16))

;; erlang:--/2: for each element of `b`, removes its first `=:=` occurrence from `a`.
;; Both lists must be proper (checked before anything else, as the VM does).
(func $erlang:--/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $na i32) (local $nb i32)
  (local.set $nb (call $list_length (local.get $b)))
  (local.set $na (call $list_length (local.get $a)))
  (if (i32.or (i32.lt_s (local.get $na) (i32.const 0)) (i32.lt_s (local.get $nb) (i32.const 0)))
    (then (return (call $fail_badarg))))
  (if (i32.or (i32.eqz (local.get $na)) (i32.eqz (local.get $nb))) (then (return (local.get $a))))
  (if (i32.le_u (local.get $nb) (global.get $SUBTRACT_LINEAR))
    (then (return_call $subtract_linear (local.get $a) (local.get $b) (local.get $nb))))
  (return_call $subtract_sorted (local.get $a) (local.get $b) (local.get $nb)))

;; erlang:subtract/2: the same as --/2.
(func $erlang:subtract/2 (param $a eqref) (param $b eqref) (result eqref)
  (return_call $erlang:--/2 (local.get $a) (local.get $b)))

;; --/2 for a short right-hand list of `nb` elements: each element of `a` is looked up in
;; the remaining elements of `b`, and removed from both when found.
(func $subtract_linear (param $a eqref) (param $b eqref) (param $nb i32) (result eqref)
  (local $rest (ref $tuple)) (local $i i32) (local $c (ref $cons)) (local $x eqref)
  (local $head eqref) (local $last (ref null $cons)) (local $new (ref $cons)) (local $found i32)
  (local.set $rest (array.new $tuple (ref.null none) (local.get $nb)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
      (local.set $c (ref.cast (ref $cons) (local.get $b)))
      (array.set $tuple (local.get $rest) (local.get $i) (struct.get $cons $hd (local.get $c)))
      (local.set $b (struct.get $cons $tl (local.get $c)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $a)))
      ;; once `b` is used up, the rest of `a` is shared, not copied
      (if (i32.eqz (local.get $nb))
        (then
          (if (ref.is_null (local.get $last)) (then (return (local.get $a))))
          (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $a))
          (return (local.get $head))))
      (local.set $c (ref.cast (ref $cons) (local.get $a)))
      (local.set $x (struct.get $cons $hd (local.get $c)))
      (local.set $found (i32.const 0))
      (local.set $i (i32.const 0))
      (block $scanned
        (loop $scan
          (br_if $scanned (i32.ge_u (local.get $i) (local.get $nb)))
          (if (call $eq_exact (array.get $tuple (local.get $rest) (local.get $i)) (local.get $x))
            (then
              ;; remove it, keeping the order of the others
              (local.set $nb (i32.sub (local.get $nb) (i32.const 1)))
              (array.copy $tuple $tuple (local.get $rest) (local.get $i)
                (local.get $rest) (i32.add (local.get $i) (i32.const 1)) (i32.sub (local.get $nb) (local.get $i)))
              (local.set $found (i32.const 1))
              (br $scanned)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $scan)))
      (if (i32.eqz (local.get $found))
        (then
          (local.set $new (struct.new $cons (local.get $x) (ref.null none)))
          (if (ref.is_null (local.get $last))
            (then (local.set $head (local.get $new)))
            (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $new))))
          (local.set $last (local.get $new))))
      (local.set $a (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (local.get $head))

;; Sorts `v[0..n)` in exact term order (a bottom-up merge sort through `tmp`); returns
;; the array holding the result (`v` or `tmp`).
(func $sort_terms (param $v (ref $tuple)) (param $tmp (ref $tuple)) (param $n i32) (result (ref $tuple))
  (local $w i32) (local $lo i32) (local $mid i32) (local $hi i32) (local $i i32) (local $j i32)
  (local $k i32) (local $src (ref $tuple)) (local $dst (ref $tuple)) (local $swap (ref $tuple))
  (local.set $src (local.get $v))
  (local.set $dst (local.get $tmp))
  (local.set $w (i32.const 1))
  (block $sorted
    (loop $pass
      (br_if $sorted (i32.ge_u (local.get $w) (local.get $n)))
      (local.set $lo (i32.const 0))
      (block $merged
        (loop $run
          (br_if $merged (i32.ge_u (local.get $lo) (local.get $n)))
          (local.set $mid (select (i32.add (local.get $lo) (local.get $w)) (local.get $n)
            (i32.lt_u (i32.add (local.get $lo) (local.get $w)) (local.get $n))))
          (local.set $hi (select (i32.add (local.get $mid) (local.get $w)) (local.get $n)
            (i32.lt_u (i32.add (local.get $mid) (local.get $w)) (local.get $n))))
          (local.set $i (local.get $lo))
          (local.set $j (local.get $mid))
          (local.set $k (local.get $lo))
          (block $out
            (loop $merge
              (br_if $out (i32.ge_u (local.get $k) (local.get $hi)))
              ;; take from the left run while it lasts and its head is not greater
              (if (if (result i32) (i32.ge_u (local.get $i) (local.get $mid))
                    (then (i32.const 0))
                    (else (if (result i32) (i32.ge_u (local.get $j) (local.get $hi))
                      (then (i32.const 1))
                      (else (i32.le_s (call $cmp_term (array.get $tuple (local.get $src) (local.get $i))
                                                      (array.get $tuple (local.get $src) (local.get $j)))
                                      (i32.const 0))))))
                (then
                  (array.set $tuple (local.get $dst) (local.get $k) (array.get $tuple (local.get $src) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1))))
                (else
                  (array.set $tuple (local.get $dst) (local.get $k) (array.get $tuple (local.get $src) (local.get $j)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $merge)))
          (local.set $lo (local.get $hi))
          (br $run)))
      (local.set $swap (local.get $src))
      (local.set $src (local.get $dst))
      (local.set $dst (local.get $swap))
      (local.set $w (i32.shl (local.get $w) (i32.const 1)))
      (br $pass)))
  (local.get $src))

;; --/2 for a long right-hand list: `b` becomes a sorted array of distinct values with
;; their multiplicities; each element of `a` found there with a count left is dropped.
(func $subtract_sorted (param $a eqref) (param $b eqref) (param $nb i32) (result eqref)
  (local $v (ref $tuple)) (local $i i32) (local $c (ref $cons)) (local $u i32) (local $counts (ref $limbs))
  (local $x eqref) (local $lo i32) (local $hi i32) (local $mid i32) (local $r i32)
  (local $head eqref) (local $last (ref null $cons)) (local $new (ref $cons)) (local $left i32)
  (local.set $v (array.new $tuple (ref.null none) (local.get $nb)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
      (local.set $c (ref.cast (ref $cons) (local.get $b)))
      (array.set $tuple (local.get $v) (local.get $i) (struct.get $cons $hd (local.get $c)))
      (local.set $b (struct.get $cons $tl (local.get $c)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $v (call $sort_terms (local.get $v) (array.new $tuple (ref.null none) (local.get $nb)) (local.get $nb)))
  ;; collapse runs of equal values into (value, count)
  (local.set $counts (array.new $limbs (i32.const 1) (local.get $nb)))
  (local.set $u (i32.const 1))
  (local.set $i (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
      (if (call $cmp_term (array.get $tuple (local.get $v) (i32.sub (local.get $u) (i32.const 1)))
                          (array.get $tuple (local.get $v) (local.get $i)))
        (then
          (array.set $tuple (local.get $v) (local.get $u) (array.get $tuple (local.get $v) (local.get $i)))
          (local.set $u (i32.add (local.get $u) (i32.const 1))))
        (else
          (array.set $limbs (local.get $counts) (i32.sub (local.get $u) (i32.const 1))
            (i32.add (array.get $limbs (local.get $counts) (i32.sub (local.get $u) (i32.const 1))) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $left (local.get $nb))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $a)))
      (if (i32.eqz (local.get $left))
        (then
          (if (ref.is_null (local.get $last)) (then (return (local.get $a))))
          (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $a))
          (return (local.get $head))))
      (local.set $c (ref.cast (ref $cons) (local.get $a)))
      (local.set $x (struct.get $cons $hd (local.get $c)))
      ;; bisect for x among v[0..u)
      (local.set $lo (i32.const 0))
      (local.set $hi (local.get $u))
      (local.set $r (i32.const 1))
      (block $found
        (loop $bisect
          (br_if $found (i32.ge_u (local.get $lo) (local.get $hi)))
          (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
          (local.set $r (call $cmp_term (local.get $x) (array.get $tuple (local.get $v) (local.get $mid))))
          (br_if $found (i32.eqz (local.get $r)))
          (if (i32.lt_s (local.get $r) (i32.const 0))
            (then (local.set $hi (local.get $mid)))
            (else (local.set $lo (i32.add (local.get $mid) (i32.const 1)))))
          (local.set $r (i32.const 1))
          (br $bisect)))
      (if (i32.and (i32.eqz (local.get $r))
                   (i32.ne (array.get $limbs (local.get $counts) (local.get $mid)) (i32.const 0)))
        (then
          (array.set $limbs (local.get $counts) (local.get $mid)
            (i32.sub (array.get $limbs (local.get $counts) (local.get $mid)) (i32.const 1)))
          (local.set $left (i32.sub (local.get $left) (i32.const 1))))
        (else
          (local.set $new (struct.new $cons (local.get $x) (ref.null none)))
          (if (ref.is_null (local.get $last))
            (then (local.set $head (local.get $new)))
            (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $new))))
          (local.set $last (local.get $new))))
      (local.set $a (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (local.get $head))
