;; term.wat — constructing and taking apart the basic terms (types.wat describes them).

;; The integer `v` as a canonical term: i31 when it fits, else a boxed $int64.
(func $mk_int (param $v i64) (result eqref)
  (if (result eqref)
      (i64.eq (local.get $v)
              (i64.shr_s (i64.shl (local.get $v) (i64.const 33)) (i64.const 33)))
    (then (ref.i31 (i32.wrap_i64 (local.get $v))))
    (else (struct.new $int64 (local.get $v)))))

;; The value of an integer term known to fit in i64 (an i31 or an $int64).
(func $int_i64 (param $t eqref) (result i64)
  (if (result i64) (ref.test (ref i31) (local.get $t))
    (then (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))))
    (else (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t))))))

(func $mk_float (param $v f64) (result (ref $float))
  (struct.new $float (local.get $v)))

;; Tests against the final types one by one: a test against the non-final $int or $num
;; calls into the engine for every value of another type.
(func $is_integer (param $t eqref) (result i32)
  (if (ref.test (ref i31) (local.get $t)) (then (return (i32.const 1))))
  (i32.or (ref.test (ref $int64) (local.get $t)) (ref.test (ref $bigint) (local.get $t))))

(func $is_number (param $t eqref) (result i32)
  (if (ref.test (ref i31) (local.get $t)) (then (return (i32.const 1))))
  (i32.or (ref.test (ref $float) (local.get $t))
    (i32.or (ref.test (ref $int64) (local.get $t)) (ref.test (ref $bigint) (local.get $t)))))

(func $is_boolean (param $t eqref) (result i32)
  (i32.or (ref.eq (local.get $t) (global.get $atom.true))
          (ref.eq (local.get $t) (global.get $atom.false))))

(func $bool (param $b i32) (result eqref)
  (if (result eqref) (local.get $b)
    (then (global.get $atom.true)) (else (global.get $atom.false))))

(func $tuple2 (param $a eqref) (param $b eqref) (result (ref $tuple))
  (array.new_fixed $tuple 2 (local.get $a) (local.get $b)))

(func $tuple3 (param $a eqref) (param $b eqref) (param $c eqref) (result (ref $tuple))
  (array.new_fixed $tuple 3 (local.get $a) (local.get $b) (local.get $c)))

(func $tuple4 (param $a eqref) (param $b eqref) (param $c eqref) (param $d eqref) (result (ref $tuple))
  (array.new_fixed $tuple 4 (local.get $a) (local.get $b) (local.get $c) (local.get $d)))

(func $cons (param $h eqref) (param $t eqref) (result (ref $cons))
  (struct.new $cons (local.get $h) (local.get $t)))

;; The elements of a tuple as a proper list.
(func $tuple_to_list (param $t (ref $tuple)) (result eqref)
  (local $i i32) (local $acc eqref)
  (local.set $i (array.len (local.get $t)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons (array.get $tuple (local.get $t) (local.get $i)) (local.get $acc)))
      (br $next)))
  (local.get $acc))

;; A fresh binary holding `len` bytes copied from `src[off..]`.
(func $bin_copy (param $src (ref $bytes)) (param $off i32) (param $len i32) (result (ref $bin))
  (local $data (ref $bytes))
  (local.set $data (array.new_default $bytes (local.get $len)))
  (array.copy $bytes $bytes (local.get $data) (i32.const 0) (local.get $src) (local.get $off) (local.get $len))
  (struct.new $bin (local.get $data) (i32.const 0) (local.get $len) (i32.const 0) (ref.null $wcursor)))

;; A binary over the whole of `data`, which the caller gives up.
(func $bin_of (param $data (ref $bytes)) (result (ref $bin))
  (struct.new $bin (local.get $data) (i32.const 0) (array.len (local.get $data)) (i32.const 0) (ref.null $wcursor)))

;; The length of a proper list, or -1 if `l` is not one.
(func $list_length (param $l eqref) (result i32)
  (local $n i32)
  (loop $next
    (if (ref.test (ref $cons) (local.get $l))
      (then
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
        (br $next))))
  (if (result i32) (ref.is_null (local.get $l)) (then (local.get $n)) (else (i32.const -1))))

;; The elements of a proper list as a tuple (the caller has checked it is one).
(func $list_to_tuple_unchecked (param $l eqref) (result eqref)
  (local $n i32) (local $t (ref $tuple)) (local $i i32)
  (local.set $n (call $list_length (local.get $l)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (local.set $n (i32.const 0))))
  (local.set $t (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $tuple (local.get $t) (local.get $i) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $t))

