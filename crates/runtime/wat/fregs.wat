;; fregs.wat — the float registers of compiled code: converting terms into them and
;; checking the results of float arithmetic.

;; fconv: a number as an f64 for the float registers; badarith for anything else.
(func $fconv (param $t eqref) (result f64)
  (local $f eqref)
  (if (ref.test (ref i31) (local.get $t))
    (then (return (f64.convert_i32_s (i31.get_s (ref.cast (ref i31) (local.get $t)))))))
  (if (ref.test (ref $float) (local.get $t))
    (then (return (struct.get $float $v (ref.cast (ref $float) (local.get $t))))))
  (if (ref.test (ref $int64) (local.get $t))
    (then (return (f64.convert_i64_s (struct.get $int64 $v (ref.cast (ref $int64) (local.get $t)))))))
  (local.set $f (call $erlang:float/1 (local.get $t)))
  (if (ref.test (ref $float) (local.get $f))
    (then (return (struct.get $float $v (ref.cast (ref $float) (local.get $f))))))
  (call $raise_error (global.get $atom.badarith))
  (unreachable))

;; A float operation's result must be finite, else badarith.
(func $fcheck (param $v f64)
  (if (f64.ne (f64.sub (local.get $v) (local.get $v)) (f64.const 0))
    (then (call $raise_error (global.get $atom.badarith)))))
