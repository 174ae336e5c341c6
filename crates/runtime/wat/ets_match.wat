;; ets_match.wat — match specifications (erts/emulator/beam/erl_db_util.c, OTP 25) and the
;; select family of ETS (the traversals of erl_db_hash.c and erl_db_tree.c).
;;
;; A match specification [{Head, Guards, Body}] is compiled once into a tree of nodes: a
;; pattern per head ($mp_*), an expression per guard and body term ($me_*). Compilation
;; checks what db_match_compile checks, in the table dialect (ets:select/2, ets:
;; match_spec_compile/1): heads may hold variables '$N', '_', tuples, lists and maps (map
;; keys literal); guards and bodies are proper lists (a body non-empty) of expressions:
;; constants, bound variables, '$_', '$$', {const, T}, tuple construction {{...}}, list and
;; map construction, the special forms and/andalso/andthen/or/orelse/self, and the guard
;; BIFs of guard_tab (no trace-only form). Anything else is badarg.
;;
;; Matching follows the VM's match program: a head constant matches only an identical
;; term (floats bit for bit, other terms with =:=), a repeated variable with =:=. Each
;; guard must evaluate to `true`; a failing guard BIF or a non-boolean operand of a
;; boolean form fails the clause. In a body the failing expression instead evaluates to
;; 'EXIT', and the last body expression is the clause's result.
;;
;; Variables are numbered by slots: the head's distinct '$N' sorted by N, so '$$' is the
;; slot values in order. The values of a match live in the scratch array $ms_vals (the
;; matcher never calls back into Erlang code, so one array suffices).
;;
;; Compiled specifications are references (the VM's magic references): $ms_progs maps
;; their numbers to the programs. Entries are never freed, which the VM does when the last
;; reference goes away; ets:select/3 continuations reuse their program's reference.

(rec
  (type $ms_prog (struct (field $clauses (ref $tuple)) (field $src eqref)))
  (type $ms_clause (struct
    (field $head eqref)
    (field $nvars i32)
    (field $guards (ref $tuple))
    (field $body (ref $tuple))))
  ;; patterns
  (type $mp_var (struct (field $slot i32) (field $bind i32)))
  (type $mp_skip (struct (field $u i64)))
  (type $mp_const (struct (field $v eqref)))
  (type $mp_tuple (struct (field $elems (ref $tuple))))
  (type $mp_cons (struct (field $hd eqref) (field $tl (mut eqref))))
  (type $mp_map (struct (field $keys (ref $tuple)) (field $vals (ref $tuple))))
  ;; expressions
  (type $me_const (struct (field $v eqref)))
  (type $me_var (struct (field $slot i32)))
  (type $me_whole (struct (field $u f32)))
  (type $me_all (struct (field $u f64)))
  (type $me_self (struct (field $u i64) (field $u2 i64)))
  (type $me_call (struct (field $op i32) (field $args (ref $tuple))))
  (type $me_tuple (struct (field $elems (ref $tuple))))
  (type $me_cons (struct (field $hd eqref) (field $tl (mut eqref))))
  (type $me_map (struct (field $keys (ref $tuple)) (field $vals (ref $tuple))))
  ;; kind: 0 and, 1 or, 2 andalso, 3 orelse
  (type $me_logic (struct (field $kind i32) (field $args (ref $tuple)))))

(global $MP_SKIP (ref $mp_skip) (struct.new $mp_skip (i64.const 0)))
(global $ME_WHOLE (ref $me_whole) (struct.new $me_whole (f32.const 0)))
(global $ME_ALL (ref $me_all) (struct.new $me_all (f64.const 0)))
(global $ME_SELF (ref $me_self) (struct.new $me_self (i64.const 0) (i64.const 0)))

;; Compiled specifications by reference number.
(global $ms_progs (ref $ets_map) (struct.new $ets_map (array.new $ets_i64s (i64.const -1) (i32.const 16))
  (array.new $tuple (ref.null none) (i32.const 16)) (i32.const 0) (i32.const 0)))

;; ---- the guard BIFs ---------------------------------------------------------------------------

;; guard_tab: name, arity and function of each callable BIF (op = index).
(global $ms_bif_arity (ref $limbs) (array.new_fixed $limbs 55
  (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1)
  (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 3) (i32.const 1) (i32.const 2) (i32.const 1)
  (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 2)
  (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1)
  (i32.const 1) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2)
  (i32.const 2) (i32.const 2) (i32.const 1) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2)
  (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 2) (i32.const 1) (i32.const 2)))

(global $ms_bif_names (mut (ref null $tuple)) (ref.null none))

(func $ms_bif_name_tab (result (ref $tuple))
  (if (ref.is_null (global.get $ms_bif_names))
    (then (global.set $ms_bif_names (array.new_fixed $tuple 55
      (global.get $atom.is_atom) (global.get $atom.is_float) (global.get $atom.is_integer) (global.get $atom.is_list)
      (global.get $atom.is_number) (global.get $atom.is_pid) (global.get $atom.is_port) (global.get $atom.is_reference)
      (global.get $atom.is_tuple) (global.get $atom.is_map) (global.get $atom.is_binary) (global.get $atom.is_function)
      (global.get $atom.is_record) (global.get $atom.abs) (global.get $atom.element) (global.get $atom.hd)
      (global.get $atom.length) (global.get $atom.node) (global.get $atom.node) (global.get $atom.round)
      (global.get $atom.size) (global.get $atom.map_size) (global.get $atom.map_get) (global.get $atom.is_map_key)
      (global.get $atom.bit_size) (global.get $atom.byte_size) (global.get $atom.binary_part) (global.get $atom.binary_part)
      (global.get $atom.tl) (global.get $atom.trunc) (global.get $atom.float) (global.get $atom.+)
      (global.get $atom.-) (global.get $atom.+) (global.get $atom.-) (global.get $atom.*)
      (global.get $atom./) (global.get $atom.div) (global.get $atom.rem) (global.get $atom.band)
      (global.get $atom.bor) (global.get $atom.bxor) (global.get $atom.bnot) (global.get $atom.bsl)
      (global.get $atom.bsr) (global.get $atom.>) (global.get $atom.>=) (global.get $atom.<)
      (global.get $atom.=<) (global.get $atom.=:=) (global.get $atom.==) (global.get $atom.=/=)
      (global.get $atom./=) (global.get $atom.not) (global.get $atom.xor)))))
  (ref.as_non_null (global.get $ms_bif_names)))

(table $ms_bifs funcref (elem
  $erlang:is_atom/1 $erlang:is_float/1 $erlang:is_integer/1 $erlang:is_list/1
  $erlang:is_number/1 $erlang:is_pid/1 $erlang:is_port/1 $erlang:is_reference/1
  $erlang:is_tuple/1 $erlang:is_map/1 $erlang:is_binary/1 $erlang:is_function/1
  $erlang:is_record/3 $erlang:abs/1 $erlang:element/2 $erlang:hd/1
  $erlang:length/1 $erlang:node/1 $erlang:node/0 $erlang:round/1
  $erlang:size/1 $erlang:map_size/1 $erlang:map_get/2 $erlang:is_map_key/2
  $erlang:bit_size/1 $erlang:byte_size/1 $erlang:binary_part/2 $erlang:binary_part/3
  $erlang:tl/1 $erlang:trunc/1 $erlang:float/1 $erlang:+/1
  $erlang:-/1 $erlang:+/2 $erlang:-/2 $erlang:*/2
  $erlang://2 $erlang:div/2 $erlang:rem/2 $erlang:band/2
  $erlang:bor/2 $erlang:bxor/2 $erlang:bnot/1 $erlang:bsl/2
  $erlang:bsr/2 $erlang:>/2 $erlang:>=/2 $erlang:</2
  $erlang:=</2 $erlang:=:=/2 $erlang:==/2 $erlang:=/=/2
  $erlang:/=/2 $erlang:not/1 $erlang:xor/2))

;; The op of guard BIF `name`/`arity`, or -1.
(func $ms_bif_lookup (param $name eqref) (param $arity i32) (result i32)
  (local $names (ref $tuple)) (local $i i32)
  (local.set $names (call $ms_bif_name_tab))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $names))))
      (if (i32.and (ref.eq (array.get $tuple (local.get $names) (local.get $i)) (local.get $name))
                   (i32.eq (array.get $limbs (global.get $ms_bif_arity) (local.get $i)) (local.get $arity)))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const -1))

;; Calls guard BIF `op` with the values in `args`.
(func $ms_call_bif (param $op i32) (param $args (ref $tuple)) (result eqref)
  (local $n i32)
  (local.set $n (array.len (local.get $args)))
  (if (i32.eqz (local.get $n)) (then (return (call_indirect $ms_bifs (type $fn0) (local.get $op)))))
  (if (i32.eq (local.get $n) (i32.const 1))
    (then (return (call_indirect $ms_bifs (type $fn1) (array.get $tuple (local.get $args) (i32.const 0)) (local.get $op)))))
  (if (i32.eq (local.get $n) (i32.const 2))
    (then (return (call_indirect $ms_bifs (type $fn2) (array.get $tuple (local.get $args) (i32.const 0))
      (array.get $tuple (local.get $args) (i32.const 1)) (local.get $op)))))
  (call_indirect $ms_bifs (type $fn3) (array.get $tuple (local.get $args) (i32.const 0))
    (array.get $tuple (local.get $args) (i32.const 1)) (array.get $tuple (local.get $args) (i32.const 2)) (local.get $op)))

;; ---- compiling ----------------------------------------------------------------------------------

;; db_is_variable: N for an atom '$N' (N decimal without leading zeros, or 0), else -1.
(func $ms_var_num (param $t eqref) (result i32)
  (local $name (ref $bin)) (local $d (ref $bytes)) (local $p i32) (local $len i32) (local $c i32) (local $n i32)
  (if (i32.eqz (ref.test (ref $atom) (local.get $t))) (then (return (i32.const -1))))
  (local.set $name (call $atom_name (ref.cast (ref $atom) (local.get $t))))
  (local.set $len (struct.get $bin $size (local.get $name)))
  (if (i32.lt_u (local.get $len) (i32.const 2)) (then (return (i32.const -1))))
  (if (i32.gt_u (local.get $len) (i32.const 10)) (then (return (i32.const -1))))
  (local.set $d (struct.get $bin $data (local.get $name)))
  (local.set $p (struct.get $bin $off (local.get $name)))
  (if (i32.ne (array.get_u $bytes (local.get $d) (local.get $p)) (i32.const 36)) (then (return (i32.const -1))))
  (local.set $c (array.get_u $bytes (local.get $d) (i32.add (local.get $p) (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 48))
    (then (return (if (result i32) (i32.eq (local.get $len) (i32.const 2)) (then (i32.const 0)) (else (i32.const -1))))))
  (local.set $len (i32.sub (local.get $len) (i32.const 1)))
  (local.set $p (i32.add (local.get $p) (i32.const 1)))
  (block $done
    (loop $digits
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $c (i32.sub (array.get_u $bytes (local.get $d) (local.get $p)) (i32.const 48)))
      (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i32.const -1))))
      (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10)) (local.get $c)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $digits)))
  (local.get $n))

;; '_' or a variable.
(func $ms_is_wild (param $t eqref) (result i32)
  (i32.or (ref.eq (local.get $t) (global.get $atom._)) (i32.ge_s (call $ms_var_num (local.get $t)) (i32.const 0))))

;; The variables of the clause being compiled: their numbers sorted ($ms_vn, $ms_nv of
;; them) and whether each is bound yet ($ms_vb).
(global $ms_vn (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $ms_vb (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $ms_nv (mut i32) (i32.const 0))

;; Adds variable number `n` to the set (unsorted; $ms_vars_sort follows).
(func $ms_vars_add (param $n i32)
  (local $i i32) (local $new (ref $limbs))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $i) (global.get $ms_nv)))
      (if (i32.eq (array.get $limbs (global.get $ms_vn) (local.get $i)) (local.get $n)) (then (return)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (if (i32.ge_u (global.get $ms_nv) (array.len (global.get $ms_vn)))
    (then
      (local.set $new (array.new_default $limbs (i32.add (i32.mul (global.get $ms_nv) (i32.const 2)) (i32.const 8))))
      (array.copy $limbs $limbs (local.get $new) (i32.const 0) (global.get $ms_vn) (i32.const 0) (global.get $ms_nv))
      (global.set $ms_vn (local.get $new))))
  (array.set $limbs (global.get $ms_vn) (global.get $ms_nv) (local.get $n))
  (global.set $ms_nv (i32.add (global.get $ms_nv) (i32.const 1))))

;; Sorts the variable numbers (insertion sort: heads have few variables) and clears the
;; bound marks.
(func $ms_vars_sort
  (local $i i32) (local $j i32) (local $x i32) (local $a (ref $limbs))
  (local.set $a (global.get $ms_vn))
  (local.set $i (i32.const 1))
  (block $done
    (loop $outer
      (br_if $done (i32.ge_u (local.get $i) (global.get $ms_nv)))
      (local.set $x (array.get $limbs (local.get $a) (local.get $i)))
      (local.set $j (local.get $i))
      (block $placed
        (loop $inner
          (br_if $placed (i32.eqz (local.get $j)))
          (br_if $placed (i32.le_u (array.get $limbs (local.get $a) (i32.sub (local.get $j) (i32.const 1))) (local.get $x)))
          (array.set $limbs (local.get $a) (local.get $j) (array.get $limbs (local.get $a) (i32.sub (local.get $j) (i32.const 1))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $inner)))
      (array.set $limbs (local.get $a) (local.get $j) (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $outer)))
  (global.set $ms_vb (array.new_default $limbs (i32.add (global.get $ms_nv) (i32.const 1)))))

;; The slot of variable number `n`, or -1 when the head does not bind it.
(func $ms_slot (param $n i32) (result i32)
  (local $i i32)
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $i) (global.get $ms_nv)))
      (if (i32.eq (array.get $limbs (global.get $ms_vn) (local.get $i)) (local.get $n)) (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (i32.const -1))

;; Collects the variables of head term `t` (map keys are literal).
(func $ms_collect_vars (param $t eqref)
  (local $n i32) (local $tup (ref $tuple)) (local $i i32) (local $vs (ref $tuple))
  (loop $again
    (local.set $n (call $ms_var_num (local.get $t)))
    (if (i32.ge_s (local.get $n) (i32.const 0)) (then (call $ms_vars_add (local.get $n)) (return)))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (call $ms_collect_vars (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t))))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (block $done
          (loop $elems
            (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
            (call $ms_collect_vars (array.get $tuple (local.get $tup) (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $elems)))
        (return)))
    (if (call $is_map (local.get $t))
      (then
        (local.set $vs (ref.cast (ref $tuple) (array.get $tuple (call $map_sorted_kv (local.get $t)) (i32.const 1))))
        (block $done
          (loop $vals
            (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $vs))))
            (call $ms_collect_vars (array.get $tuple (local.get $vs) (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $vals)))))))

;; The pattern of head term `t`, or $FAIL.
(func $ms_cpat (param $t eqref) (result eqref)
  (local $n i32) (local $slot i32) (local $tup (ref $tuple)) (local $out (ref $tuple)) (local $i i32) (local $p eqref)
  (local $kv (ref $tuple)) (local $ks (ref $tuple)) (local $vs (ref $tuple)) (local $k eqref)
  (local $head (ref null $mp_cons)) (local $last (ref null $mp_cons)) (local $cell (ref $mp_cons))
  (local.set $n (call $ms_var_num (local.get $t)))
  (if (i32.ge_s (local.get $n) (i32.const 0))
    (then
      (local.set $slot (call $ms_slot (local.get $n)))
      (if (array.get $limbs (global.get $ms_vb) (local.get $slot))
        (then (return (struct.new $mp_var (local.get $slot) (i32.const 0)))))
      (array.set $limbs (global.get $ms_vb) (local.get $slot) (i32.const 1))
      (return (struct.new $mp_var (local.get $slot) (i32.const 1)))))
  (if (ref.eq (local.get $t) (global.get $atom._)) (then (return (global.get $MP_SKIP))))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      ;; a list: its cells iteratively, the tail last
      (loop $cells
        (local.set $p (call $ms_cpat (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
        (if (call $is_fail (local.get $p)) (then (return (local.get $p))))
        (local.set $cell (struct.new $mp_cons (local.get $p) (ref.null none)))
        (if (ref.is_null (local.get $last))
          (then (local.set $head (local.get $cell)))
          (else (struct.set $mp_cons $tl (ref.as_non_null (local.get $last)) (local.get $cell))))
        (local.set $last (local.get $cell))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br_if $cells (ref.test (ref $cons) (local.get $t))))
      (local.set $p (call $ms_cpat (local.get $t)))
      (if (call $is_fail (local.get $p)) (then (return (local.get $p))))
      (struct.set $mp_cons $tl (ref.as_non_null (local.get $last)) (local.get $p))
      (return (local.get $head))))
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (local.set $out (array.new $tuple (ref.null none) (array.len (local.get $tup))))
      (block $done
        (loop $elems
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
          (local.set $p (call $ms_cpat (array.get $tuple (local.get $tup) (local.get $i))))
          (if (call $is_fail (local.get $p)) (then (return (local.get $p))))
          (array.set $tuple (local.get $out) (local.get $i) (local.get $p))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $elems)))
      (return (struct.new $mp_tuple (local.get $out)))))
  (if (call $is_map (local.get $t))
    (then
      (local.set $kv (call $map_sorted_kv (local.get $t)))
      (local.set $ks (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))))
      (local.set $vs (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))))
      (local.set $out (array.new $tuple (ref.null none) (array.len (local.get $vs))))
      (block $done
        (loop $pairs
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $vs))))
          (local.set $k (array.get $tuple (local.get $ks) (local.get $i)))
          (if (call $ms_is_wild (local.get $k)) (then (return (global.get $FAIL))))
          (local.set $p (call $ms_cpat (array.get $tuple (local.get $vs) (local.get $i))))
          (if (call $is_fail (local.get $p)) (then (return (local.get $p))))
          (array.set $tuple (local.get $out) (local.get $i) (local.get $p))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $pairs)))
      (return (struct.new $mp_map (local.get $ks) (local.get $out)))))
  (struct.new $mp_const (local.get $t)))

;; The compiled expressions of list `l` (a proper list, non-empty when `nonempty`), or
;; null when it is not one or an expression does not compile.
(func $ms_cexprs (param $l eqref) (param $nonempty i32) (result (ref null $tuple))
  (local $n i32) (local $out (ref $tuple)) (local $i i32) (local $e eqref)
  (local.set $n (call $list_length (local.get $l)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (ref.null none))))
  (if (i32.and (local.get $nonempty) (i32.eqz (local.get $n))) (then (return (ref.null none))))
  (local.set $out (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $e (call $ms_cexpr (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (call $is_fail (local.get $e)) (then (return (ref.null none))))
      (array.set $tuple (local.get $out) (local.get $i) (local.get $e))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; The expressions of the elements `from..` of tuple `t`, or $FAIL.
(func $ms_cexpr_elems (param $t (ref $tuple)) (param $from i32) (result eqref)
  (local $out (ref $tuple)) (local $i i32) (local $e eqref)
  (local.set $out (array.new $tuple (ref.null none) (i32.sub (array.len (local.get $t)) (local.get $from))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (local.get $from)) (array.len (local.get $t))))
      (local.set $e (call $ms_cexpr (array.get $tuple (local.get $t) (i32.add (local.get $i) (local.get $from)))))
      (if (call $is_fail (local.get $e)) (then (return (local.get $e))))
      (array.set $tuple (local.get $out) (local.get $i) (local.get $e))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; The expression of guard or body term `t`, or $FAIL.
(func $ms_cexpr (param $t eqref) (result eqref)
  (local $n i32) (local $slot i32) (local $tup (ref $tuple)) (local $f eqref) (local $args eqref) (local $op i32)
  (local $kv (ref $tuple)) (local $ks eqref) (local $vs eqref) (local $hd eqref)
  (local $head (ref null $me_cons)) (local $last (ref null $me_cons)) (local $cell (ref $me_cons))
  (if (ref.test (ref $atom) (local.get $t))
    (then
      (local.set $n (call $ms_var_num (local.get $t)))
      (if (i32.ge_s (local.get $n) (i32.const 0))
        (then
          (local.set $slot (call $ms_slot (local.get $n)))
          (if (i32.lt_s (local.get $slot) (i32.const 0)) (then (return (global.get $FAIL))))
          (return (struct.new $me_var (local.get $slot)))))
      (if (ref.eq (local.get $t) (global.get $atom.$_)) (then (return (global.get $ME_WHOLE))))
      (if (ref.eq (local.get $t) (global.get $atom.$$)) (then (return (global.get $ME_ALL))))
      (return (struct.new $me_const (local.get $t)))))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (loop $cells
        (local.set $hd (call $ms_cexpr (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
        (if (call $is_fail (local.get $hd)) (then (return (local.get $hd))))
        (local.set $cell (struct.new $me_cons (local.get $hd) (ref.null none)))
        (if (ref.is_null (local.get $last))
          (then (local.set $head (local.get $cell)))
          (else (struct.set $me_cons $tl (ref.as_non_null (local.get $last)) (local.get $cell))))
        (local.set $last (local.get $cell))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br_if $cells (ref.test (ref $cons) (local.get $t))))
      (local.set $hd (call $ms_cexpr (local.get $t)))
      (if (call $is_fail (local.get $hd)) (then (return (local.get $hd))))
      (struct.set $me_cons $tl (ref.as_non_null (local.get $last)) (local.get $hd))
      (return (local.get $head))))
  (if (call $is_map (local.get $t))
    (then
      (local.set $kv (call $map_sorted_kv (local.get $t)))
      (local.set $ks (call $ms_cexpr_elems (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 0))) (i32.const 0)))
      (if (call $is_fail (local.get $ks)) (then (return (local.get $ks))))
      (local.set $vs (call $ms_cexpr_elems (ref.cast (ref $tuple) (array.get $tuple (local.get $kv) (i32.const 1))) (i32.const 0)))
      (if (call $is_fail (local.get $vs)) (then (return (local.get $vs))))
      (return (struct.new $me_map (ref.cast (ref $tuple) (local.get $ks)) (ref.cast (ref $tuple) (local.get $vs))))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (struct.new $me_const (local.get $t)))))
  (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
  (local.set $n (array.len (local.get $tup)))
  (if (i32.eqz (local.get $n)) (then (return (global.get $FAIL))))
  (local.set $f (array.get $tuple (local.get $tup) (i32.const 0)))
  ;; {{...}}: tuple construction
  (if (i32.and (i32.eq (local.get $n) (i32.const 1)) (ref.test (ref $tuple) (local.get $f)))
    (then
      (local.set $args (call $ms_cexpr_elems (ref.cast (ref $tuple) (local.get $f)) (i32.const 0)))
      (if (call $is_fail (local.get $args)) (then (return (local.get $args))))
      (return (struct.new $me_tuple (ref.cast (ref $tuple) (local.get $args))))))
  (if (i32.eqz (ref.test (ref $atom) (local.get $f))) (then (return (global.get $FAIL))))
  (if (i32.ge_s (call $ms_var_num (local.get $f)) (i32.const 0)) (then (return (global.get $FAIL))))
  ;; special forms
  (if (ref.eq (local.get $f) (global.get $atom.const))
    (then
      (if (i32.ne (local.get $n) (i32.const 2)) (then (return (global.get $FAIL))))
      (return (struct.new $me_const (array.get $tuple (local.get $tup) (i32.const 1))))))
  (local.set $op (i32.const -1))
  (if (ref.eq (local.get $f) (global.get $atom.and)) (then (local.set $op (i32.const 0))))
  (if (ref.eq (local.get $f) (global.get $atom.or)) (then (local.set $op (i32.const 1))))
  (if (i32.or (ref.eq (local.get $f) (global.get $atom.andalso)) (ref.eq (local.get $f) (global.get $atom.andthen)))
    (then (local.set $op (i32.const 2))))
  (if (ref.eq (local.get $f) (global.get $atom.orelse)) (then (local.set $op (i32.const 3))))
  (if (i32.ge_s (local.get $op) (i32.const 0))
    (then
      (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return (global.get $FAIL))))
      (local.set $args (call $ms_cexpr_elems (local.get $tup) (i32.const 1)))
      (if (call $is_fail (local.get $args)) (then (return (local.get $args))))
      (return (struct.new $me_logic (local.get $op) (ref.cast (ref $tuple) (local.get $args))))))
  (if (ref.eq (local.get $f) (global.get $atom.self))
    (then
      (if (i32.ne (local.get $n) (i32.const 1)) (then (return (global.get $FAIL))))
      (return (global.get $ME_SELF))))
  ;; a guard BIF (trace-only forms and unknown functions are errors)
  (local.set $op (call $ms_bif_lookup (local.get $f) (i32.sub (local.get $n) (i32.const 1))))
  (if (i32.lt_s (local.get $op) (i32.const 0)) (then (return (global.get $FAIL))))
  (local.set $args (call $ms_cexpr_elems (local.get $tup) (i32.const 1)))
  (if (call $is_fail (local.get $args)) (then (return (local.get $args))))
  (struct.new $me_call (local.get $op) (ref.cast (ref $tuple) (local.get $args))))

;; One clause {Head, Guards, Body}, or null.
(func $ms_cclause (param $c eqref) (result (ref null $ms_clause))
  (local $tup (ref $tuple)) (local $head eqref) (local $guards (ref null $tuple)) (local $body (ref null $tuple))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $c))) (then (return (ref.null none))))
  (local.set $tup (ref.cast (ref $tuple) (local.get $c)))
  (if (i32.ne (array.len (local.get $tup)) (i32.const 3)) (then (return (ref.null none))))
  (global.set $ms_nv (i32.const 0))
  (call $ms_collect_vars (array.get $tuple (local.get $tup) (i32.const 0)))
  (call $ms_vars_sort)
  (local.set $head (call $ms_cpat (array.get $tuple (local.get $tup) (i32.const 0))))
  (if (call $is_fail (local.get $head)) (then (return (ref.null none))))
  (local.set $guards (call $ms_cexprs (array.get $tuple (local.get $tup) (i32.const 1)) (i32.const 0)))
  (if (ref.is_null (local.get $guards)) (then (return (ref.null none))))
  (local.set $body (call $ms_cexprs (array.get $tuple (local.get $tup) (i32.const 2)) (i32.const 1)))
  (if (ref.is_null (local.get $body)) (then (return (ref.null none))))
  (struct.new $ms_clause (local.get $head) (global.get $ms_nv) (ref.as_non_null (local.get $guards)) (ref.as_non_null (local.get $body))))

;; db_match_compile: the program of match specification `ms` (a proper list of clauses,
;; possibly empty), or null.
(func $ms_compile (param $ms eqref) (result (ref null $ms_prog))
  (local $n i32) (local $out (ref $tuple)) (local $i i32) (local $c (ref null $ms_clause))
  (local.set $n (call $list_length (local.get $ms)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (ref.null none))))
  (local.set $out (array.new $tuple (ref.null none) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (call $ms_cclause (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ms)))))
      (if (ref.is_null (local.get $c)) (then (return (ref.null none))))
      (array.set $tuple (local.get $out) (local.get $i) (local.get $c))
      (local.set $ms (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ms))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (struct.new $ms_prog (local.get $out) (ref.null none)))

;; ---- running ------------------------------------------------------------------------------------

;; The variable values of the current match, the whole object and the number of variables.
(global $ms_vals (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $ms_obj (mut eqref) (ref.null none))
(global $ms_nvars (mut i32) (i32.const 0))

;; Whether head constant `c` matches `t`: floats bit for bit, anything else with =:=.
(func $ms_const_eq (param $c eqref) (param $t eqref) (result i32)
  (if (ref.test (ref $float) (local.get $c))
    (then
      (if (i32.eqz (ref.test (ref $float) (local.get $t))) (then (return (i32.const 0))))
      (return (i64.eq (i64.reinterpret_f64 (struct.get $float $v (ref.cast (ref $float) (local.get $c))))
                      (i64.reinterpret_f64 (struct.get $float $v (ref.cast (ref $float) (local.get $t))))))))
  (call $eq_exact (local.get $c) (local.get $t)))

;; Whether pattern `p` matches `t` (binding variables in $ms_vals).
(func $ms_match (param $p eqref) (param $t eqref) (result i32)
  (local $v (ref $mp_var)) (local $pe (ref $tuple)) (local $te (ref $tuple)) (local $i i32) (local $n i32)
  (local $pc (ref $mp_cons)) (local $pm (ref $mp_map)) (local $x eqref)
  (loop $again
    (if (ref.test (ref $mp_var) (local.get $p))
      (then
        (local.set $v (ref.cast (ref $mp_var) (local.get $p)))
        (if (struct.get $mp_var $bind (local.get $v))
          (then (array.set $tuple (global.get $ms_vals) (struct.get $mp_var $slot (local.get $v)) (local.get $t)) (return (i32.const 1))))
        (return (call $eq_exact (array.get $tuple (global.get $ms_vals) (struct.get $mp_var $slot (local.get $v))) (local.get $t)))))
    (if (ref.test (ref $mp_skip) (local.get $p)) (then (return (i32.const 1))))
    (if (ref.test (ref $mp_const) (local.get $p))
      (then (return (call $ms_const_eq (struct.get $mp_const $v (ref.cast (ref $mp_const) (local.get $p))) (local.get $t)))))
    (if (ref.test (ref $mp_tuple) (local.get $p))
      (then
        (if (i32.eqz (ref.test (ref $tuple) (local.get $t))) (then (return (i32.const 0))))
        (local.set $pe (struct.get $mp_tuple $elems (ref.cast (ref $mp_tuple) (local.get $p))))
        (local.set $te (ref.cast (ref $tuple) (local.get $t)))
        (local.set $n (array.len (local.get $pe)))
        (if (i32.ne (local.get $n) (array.len (local.get $te))) (then (return (i32.const 0))))
        (block $done
          (loop $elems
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (i32.eqz (call $ms_match (array.get $tuple (local.get $pe) (local.get $i)) (array.get $tuple (local.get $te) (local.get $i))))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $elems)))
        (return (i32.const 1))))
    (if (ref.test (ref $mp_cons) (local.get $p))
      (then
        (if (i32.eqz (ref.test (ref $cons) (local.get $t))) (then (return (i32.const 0))))
        (local.set $pc (ref.cast (ref $mp_cons) (local.get $p)))
        (if (i32.eqz (call $ms_match (struct.get $mp_cons $hd (local.get $pc)) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))))
          (then (return (i32.const 0))))
        (local.set $p (struct.get $mp_cons $tl (local.get $pc)))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $again)))
    (if (ref.test (ref $mp_map) (local.get $p))
      (then
        (if (i32.eqz (call $is_map (local.get $t))) (then (return (i32.const 0))))
        (local.set $pm (ref.cast (ref $mp_map) (local.get $p)))
        (local.set $n (array.len (struct.get $mp_map $keys (local.get $pm))))
        (if (i32.lt_u (call $map_size (local.get $t)) (local.get $n)) (then (return (i32.const 0))))
        (block $done
          (loop $pairs
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $x (call $map_lookup (local.get $t) (array.get $tuple (struct.get $mp_map $keys (local.get $pm)) (local.get $i))))
            (if (ref.eq (local.get $x) (global.get $map_absent)) (then (return (i32.const 0))))
            (if (i32.eqz (call $ms_match (array.get $tuple (struct.get $mp_map $vals (local.get $pm)) (local.get $i)) (local.get $x)))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $pairs)))
        (return (i32.const 1)))))
  (i32.const 0))

;; A failure inside an expression: $FAIL in a guard, 'EXIT' in a body.
(func $ms_failed (param $guard i32) (result eqref)
  (if (result eqref) (local.get $guard) (then (global.get $FAIL)) (else (global.get $atom.EXIT))))

;; The values of expressions `es` (a guard failure: $FAIL instead of the tuple).
(func $ms_eval_all (param $es (ref $tuple)) (param $guard i32) (result eqref)
  (local $out (ref $tuple)) (local $i i32) (local $v eqref)
  (local.set $out (array.new $tuple (ref.null none) (array.len (local.get $es))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $es))))
      (local.set $v (call $ms_eval (array.get $tuple (local.get $es) (local.get $i)) (local.get $guard)))
      (if (call $is_fail (local.get $v)) (then (return (local.get $v))))
      (array.set $tuple (local.get $out) (local.get $i) (local.get $v))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $out))

;; The value of expression `e` ($FAIL only in a guard).
(func $ms_eval (param $e eqref) (param $guard i32) (result eqref)
  (local $args eqref) (local $v eqref) (local $kind i32) (local $es (ref $tuple)) (local $i i32) (local $n i32)
  (local $acc eqref) (local $c (ref $me_cons)) (local $head (ref null $cons)) (local $last (ref null $cons)) (local $cell (ref $cons))
  (local $ks eqref)
  (if (ref.test (ref $me_const) (local.get $e)) (then (return (struct.get $me_const $v (ref.cast (ref $me_const) (local.get $e))))))
  (if (ref.test (ref $me_var) (local.get $e))
    (then (return (array.get $tuple (global.get $ms_vals) (struct.get $me_var $slot (ref.cast (ref $me_var) (local.get $e)))))))
  (if (ref.test (ref $me_call) (local.get $e))
    (then (return (call $ms_eval_call (ref.cast (ref $me_call) (local.get $e)) (local.get $guard)))))
  (if (ref.test (ref $me_whole) (local.get $e)) (then (return (global.get $ms_obj))))
  (if (ref.test (ref $me_all) (local.get $e))
    (then
      (local.set $i (global.get $ms_nvars))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $acc (struct.new $cons (array.get $tuple (global.get $ms_vals) (local.get $i)) (local.get $acc)))
          (br $next)))
      (return (local.get $acc))))
  (if (ref.test (ref $me_tuple) (local.get $e))
    (then (return (call $ms_eval_all (struct.get $me_tuple $elems (ref.cast (ref $me_tuple) (local.get $e))) (local.get $guard)))))
  (if (ref.test (ref $me_cons) (local.get $e))
    (then
      ;; the cells iteratively, then the tail
      (loop $cells
        (local.set $c (ref.cast (ref $me_cons) (local.get $e)))
        (local.set $v (call $ms_eval (struct.get $me_cons $hd (local.get $c)) (local.get $guard)))
        (if (call $is_fail (local.get $v)) (then (return (local.get $v))))
        (local.set $cell (struct.new $cons (local.get $v) (ref.null none)))
        (if (ref.is_null (local.get $last))
          (then (local.set $head (local.get $cell)))
          (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $cell))))
        (local.set $last (local.get $cell))
        (local.set $e (struct.get $me_cons $tl (local.get $c)))
        (br_if $cells (ref.test (ref $me_cons) (local.get $e))))
      (local.set $v (call $ms_eval (local.get $e) (local.get $guard)))
      (if (call $is_fail (local.get $v)) (then (return (local.get $v))))
      (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $v))
      (return (local.get $head))))
  (if (ref.test (ref $me_logic) (local.get $e))
    (then
      (local.set $kind (struct.get $me_logic $kind (ref.cast (ref $me_logic) (local.get $e))))
      (local.set $es (struct.get $me_logic $args (ref.cast (ref $me_logic) (local.get $e))))
      (local.set $n (array.len (local.get $es)))
      (if (i32.lt_u (local.get $kind) (i32.const 2))
        (then
          ;; and / or: every operand evaluated, each must be a boolean
          (local.set $args (call $ms_eval_all (local.get $es) (local.get $guard)))
          (if (call $is_fail (local.get $args)) (then (return (local.get $args))))
          (local.set $acc (if (result eqref) (local.get $kind) (then (global.get $atom.false)) (else (global.get $atom.true))))
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $v (array.get $tuple (ref.cast (ref $tuple) (local.get $args)) (local.get $i)))
              (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $ms_failed (local.get $guard)))))
              (if (local.get $kind)
                (then (if (ref.eq (local.get $v) (global.get $atom.true)) (then (local.set $acc (local.get $v)))))
                (else (if (ref.eq (local.get $v) (global.get $atom.false)) (then (local.set $acc (local.get $v))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
          (return (local.get $acc))))
      ;; andalso / orelse: left to right, the last operand's value as is
      (loop $next
        (local.set $v (call $ms_eval (array.get $tuple (local.get $es) (local.get $i)) (local.get $guard)))
        (if (call $is_fail (local.get $v)) (then (return (local.get $v))))
        (if (i32.eq (local.get $i) (i32.sub (local.get $n) (i32.const 1))) (then (return (local.get $v))))
        (if (i32.eq (local.get $kind) (i32.const 2))
          (then (if (ref.eq (local.get $v) (global.get $atom.false)) (then (return (local.get $v)))))
          (else (if (ref.eq (local.get $v) (global.get $atom.true)) (then (return (local.get $v))))))
        (if (i32.eqz (call $is_boolean (local.get $v))) (then (return (call $ms_failed (local.get $guard)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
      (unreachable)))
  (if (ref.test (ref $me_map) (local.get $e))
    (then
      (local.set $ks (call $ms_eval_all (struct.get $me_map $keys (ref.cast (ref $me_map) (local.get $e))) (local.get $guard)))
      (if (call $is_fail (local.get $ks)) (then (return (local.get $ks))))
      (local.set $args (call $ms_eval_all (struct.get $me_map $vals (ref.cast (ref $me_map) (local.get $e))) (local.get $guard)))
      (if (call $is_fail (local.get $args)) (then (return (local.get $args))))
      (return (call $map_from_kv (ref.cast (ref $tuple) (local.get $ks)) (ref.cast (ref $tuple) (local.get $args))))))
  ;; self
  (call $ets_self))

;; A guard BIF call: its arguments evaluated into locals (no argument tuple), then the BIF.
(func $ms_eval_call (param $c (ref $me_call)) (param $guard i32) (result eqref)
  (local $es (ref $tuple)) (local $n i32) (local $a eqref) (local $b eqref) (local $d eqref) (local $op i32) (local $v eqref)
  (local.set $es (struct.get $me_call $args (local.get $c)))
  (local.set $op (struct.get $me_call $op (local.get $c)))
  (local.set $n (array.len (local.get $es)))
  (if (local.get $n)
    (then
      (local.set $a (call $ms_eval (array.get $tuple (local.get $es) (i32.const 0)) (local.get $guard)))
      (if (call $is_fail (local.get $a)) (then (return (local.get $a))))))
  (if (i32.ge_u (local.get $n) (i32.const 2))
    (then
      (local.set $b (call $ms_eval (array.get $tuple (local.get $es) (i32.const 1)) (local.get $guard)))
      (if (call $is_fail (local.get $b)) (then (return (local.get $b))))))
  (if (i32.ge_u (local.get $n) (i32.const 3))
    (then
      (local.set $d (call $ms_eval (array.get $tuple (local.get $es) (i32.const 2)) (local.get $guard)))
      (if (call $is_fail (local.get $d)) (then (return (local.get $d))))))
  (block $called
    (if (i32.eqz (local.get $n)) (then (local.set $v (call_indirect $ms_bifs (type $fn0) (local.get $op))) (br $called)))
    (if (i32.eq (local.get $n) (i32.const 1))
      (then (local.set $v (call_indirect $ms_bifs (type $fn1) (local.get $a) (local.get $op))) (br $called)))
    (if (i32.eq (local.get $n) (i32.const 2))
      (then (local.set $v (call_indirect $ms_bifs (type $fn2) (local.get $a) (local.get $b) (local.get $op))) (br $called)))
    (local.set $v (call_indirect $ms_bifs (type $fn3) (local.get $a) (local.get $b) (local.get $d) (local.get $op))))
  (if (call $is_fail (local.get $v)) (then (return (call $ms_failed (local.get $guard)))))
  (local.get $v))

;; db_prog_match: the result of the first clause of `prog` that matches `obj`, or $FAIL.
(func $ms_run (param $prog (ref $ms_prog)) (param $obj eqref) (result eqref)
  (local $cs (ref $tuple)) (local $i i32) (local $c (ref $ms_clause)) (local $gs (ref $tuple)) (local $bs (ref $tuple))
  (local $j i32) (local $v eqref) (local $n i32)
  (global.set $ms_obj (local.get $obj))
  (local.set $cs (struct.get $ms_prog $clauses (local.get $prog)))
  (block $nomatch
    (loop $clauses
      (br_if $nomatch (i32.ge_u (local.get $i) (array.len (local.get $cs))))
      (local.set $c (ref.cast (ref $ms_clause) (array.get $tuple (local.get $cs) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $n (struct.get $ms_clause $nvars (local.get $c)))
      (if (i32.gt_u (local.get $n) (array.len (global.get $ms_vals)))
        (then (global.set $ms_vals (array.new $tuple (ref.null none) (i32.add (local.get $n) (i32.const 8))))))
      (global.set $ms_nvars (local.get $n))
      (br_if $clauses (i32.eqz (call $ms_match (struct.get $ms_clause $head (local.get $c)) (local.get $obj))))
      (local.set $gs (struct.get $ms_clause $guards (local.get $c)))
      (local.set $j (i32.const 0))
      (block $guards_ok
        (loop $guards
          (br_if $guards_ok (i32.ge_u (local.get $j) (array.len (local.get $gs))))
          (br_if $clauses (i32.eqz (ref.eq (call $ms_eval (array.get $tuple (local.get $gs) (local.get $j)) (i32.const 1))
                                         (global.get $atom.true))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $guards)))
      (local.set $bs (struct.get $ms_clause $body (local.get $c)))
      (local.set $j (i32.const 0))
      (block $body_done
        (loop $body
          (br_if $body_done (i32.ge_u (local.get $j) (array.len (local.get $bs))))
          (local.set $v (call $ms_eval (array.get $tuple (local.get $bs) (local.get $j)) (i32.const 0)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $body)))
      (return (local.get $v))))
  (global.get $FAIL))

;; ---- compiled specifications as terms -----------------------------------------------------------

;; A reference to `prog` (registered under its number).
(func $ms_ref (param $prog (ref $ms_prog)) (result (ref $ref))
  (local $r (ref $ref))
  (local.set $r (call $ets_make_ref))
  (call $ms_map_put (struct.get $ref $n (local.get $r)) (local.get $prog))
  (local.get $r))

(func $ms_map_put (param $n i64) (param $prog (ref $ms_prog))
  (call $ets_map_put (global.get $ms_progs) (local.get $n) (local.get $prog)))

;; The program a compiled-specification reference stands for, or null.
(func $ms_of_ref (param $t eqref) (result (ref null $ms_prog))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $ref) (local.get $t))) (then (return (ref.null none))))
  (if (i64.lt_s (struct.get $ref $n (ref.cast (ref $ref) (local.get $t))) (i64.const 0)) (then (return (ref.null none))))
  (local.set $p (call $ets_map_get (global.get $ms_progs) (struct.get $ref $n (ref.cast (ref $ref) (local.get $t)))))
  (if (ref.test (ref $ms_prog) (local.get $p)) (then (return (ref.cast (ref $ms_prog) (local.get $p)))))
  (ref.null none))

;; ets:match_spec_compile(MatchSpec).
(func $ets:match_spec_compile/1 (param $ms eqref) (result eqref)
  (local $p (ref null $ms_prog))
  (if (i32.eqz (ref.test (ref $cons) (local.get $ms))) (then (return (call $fail_badarg))))
  (local.set $p (call $ms_compile (local.get $ms)))
  (if (ref.is_null (local.get $p)) (then (return (call $fail_badarg))))
  (call $ms_ref (ref.as_non_null (local.get $p))))

;; ets:is_compiled_ms(Term).
(func $ets:is_compiled_ms/1 (param $t eqref) (result eqref)
  (call $bool (i32.eqz (ref.is_null (call $ms_of_ref (local.get $t))))))

;; ets:match_spec_run_r(List, CompiledMatchSpec, Acc): the results prepended to Acc.
(func $ets:match_spec_run_r/3 (param $l eqref) (param $cms eqref) (param $acc eqref) (result eqref)
  (local $p (ref null $ms_prog)) (local $r eqref)
  (if (i32.eqz (i32.or (ref.is_null (local.get $l)) (ref.test (ref $cons) (local.get $l)))) (then (return (call $fail_badarg))))
  (local.set $p (call $ms_of_ref (local.get $cms)))
  (if (ref.is_null (local.get $p)) (then (return (call $fail_badarg))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $r (call $ms_run (ref.as_non_null (local.get $p)) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (i32.eqz (call $is_fail (local.get $r))) (then (local.set $acc (struct.new $cons (local.get $r) (local.get $acc)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $l))) (then (return (call $fail_badarg))))
  (local.get $acc))

;; ---- analysing a specification against a table ----------------------------------------------------

;; db_has_variable: whether `t` holds '_' or a variable anywhere.
(func $ms_has_var (param $t eqref) (result i32)
  (local $tup (ref $tuple)) (local $i i32) (local $kv (ref $tuple))
  (loop $again
    (if (ref.test (ref $atom) (local.get $t)) (then (return (call $ms_is_wild (local.get $t)))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (if (call $ms_has_var (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))) (then (return (i32.const 1))))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (block $done
          (loop $elems
            (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
            (if (call $ms_has_var (array.get $tuple (local.get $tup) (local.get $i))) (then (return (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $elems)))
        (return (i32.const 0))))
    (if (call $is_map (local.get $t))
      (then
        (local.set $kv (call $map_sorted_kv (local.get $t)))
        (if (call $ms_has_var (array.get $tuple (local.get $kv) (i32.const 0))) (then (return (i32.const 1))))
        (return (call $ms_has_var (array.get $tuple (local.get $kv) (i32.const 1)))))))
  (i32.const 0))

;; Whether `t` holds a map anywhere (db_has_map).
(func $ms_has_map (param $t eqref) (result i32)
  (local $tup (ref $tuple)) (local $i i32)
  (loop $again
    (if (call $is_map (local.get $t)) (then (return (i32.const 1))))
    (if (ref.test (ref $cons) (local.get $t))
      (then
        (if (call $ms_has_map (struct.get $cons $hd (ref.cast (ref $cons) (local.get $t)))) (then (return (i32.const 1))))
        (local.set $t (struct.get $cons $tl (ref.cast (ref $cons) (local.get $t))))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $t))
      (then
        (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
        (block $done
          (loop $elems
            (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $tup))))
            (if (call $ms_has_map (array.get $tuple (local.get $tup) (local.get $i))) (then (return (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $elems))))))
  (i32.const 0))

;; The key of match head `h` for a table with key position `kp`, or $FAIL when the head
;; is not a tuple that long.
(func $ms_head_key (param $h eqref) (param $kp i32) (result eqref)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $h))) (then (return (global.get $FAIL))))
  (if (i32.lt_u (array.len (ref.cast (ref $tuple) (local.get $h))) (local.get $kp)) (then (return (global.get $FAIL))))
  (array.get $tuple (ref.cast (ref $tuple) (local.get $h)) (i32.sub (local.get $kp) (i32.const 1))))

;; The result of analysing a specification against a hash table (analyze_pattern):
;; whether anything can match, whether every clause binds its key, and if so the buckets
;; to search, in the order the clauses name them.
(global $sel_something (mut i32) (i32.const 0))
(global $sel_keyed (mut i32) (i32.const 0))
(global $sel_bkts (mut (ref $limbs)) (array.new_fixed $limbs 0))
(global $sel_nb (mut i32) (i32.const 0))

(func $ets_h_analyze (param $t (ref $ets_tab)) (param $ms eqref)
  (local $c (ref $tuple)) (local $head eqref) (local $key eqref) (local $h i32) (local $ix i32) (local $j i32) (local $new (ref $limbs))
  (global.set $sel_something (i32.const 0))
  (global.set $sel_keyed (i32.const 1))
  (global.set $sel_nb (i32.const 0))
  (block $done
    (loop $clauses
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $ms))))
      (br_if $done (i32.eqz (global.get $sel_keyed)))
      (local.set $c (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ms)))))
      (local.set $ms (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ms))))
      (local.set $head (array.get $tuple (local.get $c) (i32.const 0)))
      (if (call $ms_is_wild (local.get $head))
        (then (global.set $sel_keyed (i32.const 0)) (global.set $sel_something (i32.const 1)) (br $clauses)))
      (local.set $key (call $ms_head_key (local.get $head) (struct.get $ets_tab $keypos (local.get $t))))
      (br_if $clauses (call $is_fail (local.get $key)))
      (if (call $ms_has_var (local.get $key))
        (then (global.set $sel_keyed (i32.const 0)) (global.set $sel_something (i32.const 1)) (br $clauses)))
      (local.set $h (call $ets_hash (local.get $key)))
      (local.set $ix (call $ets_h_ix (local.get $t) (local.get $h)))
      ;; coarse-locked tables look for the key now; fine-locked ones search the bucket anyway
      (if (i32.eqz (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_FINE)))
        (then (br_if $clauses (ref.is_null (call $ets_h_find (local.get $t) (local.get $key) (local.get $h))))))
      (global.set $sel_something (i32.const 1))
      (local.set $j (i32.const 0))
      (block $add
        (loop $seen
          (br_if $add (i32.ge_u (local.get $j) (global.get $sel_nb)))
          (br_if $clauses (i32.eq (array.get $limbs (global.get $sel_bkts) (local.get $j)) (local.get $ix)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $seen)))
      (if (i32.ge_u (global.get $sel_nb) (array.len (global.get $sel_bkts)))
        (then
          (local.set $new (array.new_default $limbs (i32.add (i32.mul (global.get $sel_nb) (i32.const 2)) (i32.const 8))))
          (array.copy $limbs $limbs (local.get $new) (i32.const 0) (global.get $sel_bkts) (i32.const 0) (global.get $sel_nb))
          (global.set $sel_bkts (local.get $new))))
      (array.set $limbs (global.get $sel_bkts) (global.get $sel_nb) (local.get $ix))
      (global.set $sel_nb (i32.add (global.get $sel_nb) (i32.const 1)))
      (br $clauses))))

;; A class of terms for the partly-bound comparisons (the VM compares tag words).
(func $ms_pb_tag (param $t eqref) (result i32)
  (if (ref.test (ref $tuple) (local.get $t)) (then (return (i32.const 1))))
  (if (ref.test (ref $cons) (local.get $t)) (then (return (i32.const 2))))
  (if (i32.or (ref.test (ref i31) (local.get $t)) (ref.test (ref $int64) (local.get $t))) (then (return (i32.const 3))))
  (if (ref.test (ref $bigint) (local.get $t)) (then (return (i32.const 4))))
  (if (ref.test (ref $float) (local.get $t)) (then (return (i32.const 5))))
  (if (ref.test (ref $atom) (local.get $t)) (then (return (i32.const 6))))
  (if (ref.is_null (local.get $t)) (then (return (i32.const 7))))
  (i32.add (call $cmp_rank (local.get $t)) (i32.const 16)))

;; The result flag of a partly-bound comparison (the VM's *done).
(global $ms_pb_done (mut i32) (i32.const 0))

;; do_partly_bound_can_match_lesser (`dir` -1) / _greater (`dir` 1): whether partly bound
;; key `a` can match something ordered before (after) partly bound key `b`.
(func $ms_pb_can (param $a eqref) (param $b eqref) (param $dir i32) (result i32)
  (local $c i32) (local $ta (ref $tuple)) (local $tb (ref $tuple)) (local $i i32) (local $j i32)
  (if (call $ms_is_wild (local.get $a))
    (then (global.set $ms_pb_done (i32.const 1)) (return (i32.eqz (call $ms_is_wild (local.get $b))))))
  (if (call $ms_is_wild (local.get $b)) (then (global.set $ms_pb_done (i32.const 1)) (return (i32.const 0))))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 0))))
  (if (i32.ne (call $ms_pb_tag (local.get $a)) (call $ms_pb_tag (local.get $b)))
    (then
      (global.set $ms_pb_done (i32.const 1))
      (return (i32.eq (call $cmp_sign (call $compare (local.get $a) (local.get $b))) (local.get $dir)))))
  (if (ref.test (ref $tuple) (local.get $a))
    (then
      (local.set $ta (ref.cast (ref $tuple) (local.get $a)))
      (local.set $tb (ref.cast (ref $tuple) (local.get $b)))
      (if (i32.lt_u (array.len (local.get $ta)) (array.len (local.get $tb))) (then (return (i32.lt_s (local.get $dir) (i32.const 0)))))
      (if (i32.gt_u (array.len (local.get $ta)) (array.len (local.get $tb))) (then (return (i32.gt_s (local.get $dir) (i32.const 0)))))
      (block $done
        (loop $elems
          (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $ta))))
          (local.set $j (call $ms_pb_can (array.get $tuple (local.get $ta) (local.get $i)) (array.get $tuple (local.get $tb) (local.get $i)) (local.get $dir)))
          (if (i32.or (local.get $j) (global.get $ms_pb_done)) (then (return (local.get $j))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $elems)))
      (return (i32.const 0))))
  (if (ref.test (ref $cons) (local.get $a))
    (then
      (loop $cells
        (local.set $j (call $ms_pb_can (struct.get $cons $hd (ref.cast (ref $cons) (local.get $a)))
                                       (struct.get $cons $hd (ref.cast (ref $cons) (local.get $b))) (local.get $dir)))
        (if (i32.or (local.get $j) (global.get $ms_pb_done)) (then (return (local.get $j))))
        (local.set $a (struct.get $cons $tl (ref.cast (ref $cons) (local.get $a))))
        (local.set $b (struct.get $cons $tl (ref.cast (ref $cons) (local.get $b))))
        (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 0))))
        (if (i32.or (i32.eqz (ref.test (ref $cons) (local.get $a))) (i32.eqz (ref.test (ref $cons) (local.get $b))))
          (then (return (call $ms_pb_can (local.get $a) (local.get $b) (local.get $dir)))))
        (br $cells))))
  (local.set $c (call $cmp_sign (call $compare (local.get $a) (local.get $b))))
  (if (local.get $c) (then (global.set $ms_pb_done (i32.const 1))))
  (i32.eq (local.get $c) (local.get $dir)))

;; The key boundness of a specification against an ordered_set (0 unbound, 1 partly
;; bound, 2 bound, 3 impossible), and the least and most partly bound keys.
(global $sel_bound (mut i32) (i32.const 0))
(global $sel_least (mut eqref) (ref.null none))
(global $sel_most (mut eqref) (ref.null none))

(func $ets_t_analyze (param $t (ref $ets_tab)) (param $ms eqref)
  (local $head eqref) (local $key eqref) (local $b i32) (local $have i32)
  (global.set $sel_bound (i32.const 3))
  (block $done
    (loop $clauses
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $ms))))
      (local.set $head (array.get $tuple (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ms)))) (i32.const 0)))
      (local.set $ms (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ms))))
      (block $classified
        (if (call $ms_is_wild (local.get $head)) (then (local.set $b (i32.const 0)) (br $classified)))
        (local.set $key (call $ms_head_key (local.get $head) (struct.get $ets_tab $keypos (local.get $t))))
        (if (call $is_fail (local.get $key)) (then (local.set $b (i32.const 3)) (br $classified)))
        (if (i32.eqz (call $ms_has_var (local.get $key))) (then (local.set $b (i32.const 2)) (br $classified)))
        (if (i32.or (call $ms_is_wild (local.get $key)) (call $ms_has_map (local.get $key)))
          (then (local.set $b (i32.const 0)) (br $classified)))
        (local.set $b (i32.const 1)))
      (if (i32.and (i32.ge_u (local.get $b) (i32.const 1)) (i32.le_u (local.get $b) (i32.const 2)))
        (then
          (if (i32.eqz (local.get $have))
            (then (global.set $sel_least (local.get $key)) (global.set $sel_most (local.get $key)) (local.set $have (i32.const 1)))
            (else
              (global.set $ms_pb_done (i32.const 0))
              (if (call $ms_pb_can (local.get $key) (global.get $sel_least) (i32.const -1)) (then (global.set $sel_least (local.get $key))))
              (global.set $ms_pb_done (i32.const 0))
              (if (call $ms_pb_can (local.get $key) (global.get $sel_most) (i32.const 1)) (then (global.set $sel_most (local.get $key))))))))
      (if (i32.lt_u (local.get $b) (global.get $sel_bound)) (then (global.set $sel_bound (local.get $b))))
      (br $clauses)))
  (if (i32.eq (global.get $sel_bound) (i32.const 2))
    (then
      (if (call $compare (global.get $sel_least) (global.get $sel_most)) (then (global.set $sel_bound (i32.const 1)))))))

;; db_match_keeps_key: whether clause {Match, _, Body} is sure to keep the object's key
;; (select_replace).
(func $ms_keeps_key (param $kp i32) (param $match eqref) (param $body eqref) (result i32)
  (local $b eqref) (local $bt (ref $tuple)) (local $sub eqref) (local $const i32) (local $mk eqref) (local $sk eqref) (local $st (ref $tuple))
  (if (i32.eqz (ref.test (ref $cons) (local.get $body))) (then (return (i32.const 0))))
  (if (i32.eqz (ref.is_null (struct.get $cons $tl (ref.cast (ref $cons) (local.get $body))))) (then (return (i32.const 0))))
  (local.set $b (struct.get $cons $hd (ref.cast (ref $cons) (local.get $body))))
  (if (ref.eq (local.get $b) (global.get $atom.$_)) (then (return (i32.const 1))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $b))) (then (return (i32.const 0))))
  (local.set $mk (call $ms_head_key (local.get $match) (local.get $kp)))
  (if (call $is_fail (local.get $mk)) (then (return (i32.const 0))))
  (local.set $bt (ref.cast (ref $tuple) (local.get $b)))
  (if (i32.and (i32.eq (array.len (local.get $bt)) (i32.const 2)) (ref.eq (array.get $tuple (local.get $bt) (i32.const 0)) (global.get $atom.const)))
    (then (local.set $sub (array.get $tuple (local.get $bt) (i32.const 1))) (local.set $const (i32.const 1)))
    (else
      (if (i32.ne (array.len (local.get $bt)) (i32.const 1)) (then (return (i32.const 0))))
      (local.set $sub (array.get $tuple (local.get $bt) (i32.const 0)))))
  (local.set $sk (call $ms_head_key (local.get $sub) (local.get $kp)))
  (if (call $is_fail (local.get $sk)) (then (return (i32.const 0))))
  (if (call $ms_eq_body (local.get $mk) (local.get $sk) (local.get $const)) (then (return (i32.const 1))))
  (if (local.get $const) (then (return (i32.const 0))))
  (if (i32.eqz (ref.test (ref $tuple) (local.get $sk))) (then (return (i32.const 0))))
  (local.set $st (ref.cast (ref $tuple) (local.get $sk)))
  (i32.and (i32.and (i32.eq (array.len (local.get $st)) (i32.const 3)) (ref.eq (array.get $tuple (local.get $st) (i32.const 0)) (global.get $atom.element)))
    (i32.and (ref.eq (array.get $tuple (local.get $st) (i32.const 2)) (global.get $atom.$_))
      (call $eq_exact (array.get $tuple (local.get $st) (i32.const 1)) (ref.i31 (local.get $kp))))))

;; db_match_eq_body: whether constructing term `b` always builds what matching term `a`
;; matched.
(func $ms_eq_body (param $a eqref) (param $b eqref) (param $const i32) (result i32)
  (local $bt (ref $tuple)) (local $at (ref $tuple)) (local $i i32)
  (loop $again
    (if (ref.test (ref $cons) (local.get $b))
      (then
        (if (i32.eqz (ref.test (ref $cons) (local.get $a))) (then (return (i32.const 0))))
        (if (i32.eqz (call $ms_eq_body (struct.get $cons $hd (ref.cast (ref $cons) (local.get $a)))
                                       (struct.get $cons $hd (ref.cast (ref $cons) (local.get $b))) (local.get $const)))
          (then (return (i32.const 0))))
        (local.set $a (struct.get $cons $tl (ref.cast (ref $cons) (local.get $a))))
        (local.set $b (struct.get $cons $tl (ref.cast (ref $cons) (local.get $b))))
        (br $again)))
    (if (ref.test (ref $tuple) (local.get $b))
      (then
        (local.set $bt (ref.cast (ref $tuple) (local.get $b)))
        (if (i32.eqz (local.get $const))
          (then
            (if (i32.and (i32.eq (array.len (local.get $bt)) (i32.const 1)) (ref.test (ref $tuple) (array.get $tuple (local.get $bt) (i32.const 0))))
              (then (local.set $bt (ref.cast (ref $tuple) (array.get $tuple (local.get $bt) (i32.const 0)))))
              (else
                (if (i32.and (i32.eq (array.len (local.get $bt)) (i32.const 2)) (ref.eq (array.get $tuple (local.get $bt) (i32.const 0)) (global.get $atom.const)))
                  (then (return (call $ms_eq_body (local.get $a) (array.get $tuple (local.get $bt) (i32.const 1)) (i32.const 1)))))
                (return (i32.const 0))))))
        (if (i32.eqz (ref.test (ref $tuple) (local.get $a))) (then (return (i32.const 0))))
        (local.set $at (ref.cast (ref $tuple) (local.get $a)))
        (if (i32.ne (array.len (local.get $at)) (array.len (local.get $bt))) (then (return (i32.const 0))))
        (block $done
          (loop $elems
            (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $at))))
            (if (i32.eqz (call $ms_eq_body (array.get $tuple (local.get $at) (local.get $i)) (array.get $tuple (local.get $bt) (local.get $i)) (local.get $const)))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $elems)))
        (return (i32.const 1))))
    (if (call $is_map (local.get $b)) (then (return (i32.const 0))))
    (if (i32.or (i32.or (ref.test (ref $atom) (local.get $b)) (ref.is_null (local.get $b))) (ref.test (ref i31) (local.get $b)))
      (then
        ;; immediates: identical, and not a wildcard ('$N' only matters in const mode)
        (if (i32.eqz (ref.eq (local.get $a) (local.get $b))) (then (return (i32.const 0))))
        (if (i32.or (ref.eq (local.get $a) (global.get $atom._))
              (i32.or (ref.eq (local.get $a) (global.get $atom.$$)) (ref.eq (local.get $a) (global.get $atom.$_))))
          (then (return (i32.const 0))))
        (if (i32.and (local.get $const) (i32.ge_s (call $ms_var_num (local.get $a)) (i32.const 0))) (then (return (i32.const 0))))
        (return (i32.const 1))))
    (return (call $eq_exact (local.get $a) (local.get $b))))
  (i32.const 0))

;; ---- traversals -----------------------------------------------------------------------------------

;; What a traversal does with each match: 0 select (collect results), 1 count `true`,
;; 2 delete on `true`, 3 replace with the result.
(global $SEL_SELECT i32 (i32.const 0))
(global $SEL_COUNT i32 (i32.const 1))
(global $SEL_DELETE i32 (i32.const 2))
(global $SEL_REPLACE i32 (i32.const 3))

;; The state of a traversal: collected results, their number, objects visited, and for
;; select_delete whether deleted objects are only marked (the table is fixed).
(global $sel_acc (mut eqref) (ref.null none))
(global $sel_got (mut i32) (i32.const 0))
(global $sel_visited (mut i32) (i32.const 0))
(global $sel_pseudo (mut i32) (i32.const 0))

;; Runs `prog` on the live objects of bucket `ix` in chain order.
(func $ets_h_sel_bucket (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $mode i32) (param $ix i32)
  (local $prev (ref null $ets_hent)) (local $b (ref null $ets_hent)) (local $e (ref $ets_hent)) (local $r eqref)
  (local.set $b (call $ets_bucket (local.get $t) (local.get $ix)))
  (block $done
    (loop $next
      (br_if $done (ref.is_null (local.get $b)))
      (local.set $e (ref.as_non_null (local.get $b)))
      (local.set $b (struct.get $ets_hent $next (local.get $e)))
      (block $keep
        (br_if $keep (struct.get $ets_hent $pdel (local.get $e)))
        (global.set $sel_visited (i32.add (global.get $sel_visited) (i32.const 1)))
        (local.set $r (call $ms_run (local.get $prog) (struct.get $ets_hent $obj (local.get $e))))
        (if (i32.eqz (local.get $mode))
          (then
            (if (i32.eqz (call $is_fail (local.get $r)))
              (then
                (global.set $sel_acc (struct.new $cons (local.get $r) (global.get $sel_acc)))
                (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))))
            (br $keep)))
        (if (i32.eq (local.get $mode) (global.get $SEL_REPLACE))
          (then
            (if (i32.eqz (call $is_fail (local.get $r)))
              (then
                (struct.set $ets_hent $obj (local.get $e) (ref.cast (ref $tuple) (local.get $r)))
                (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))))
            (br $keep)))
        (br_if $keep (i32.eqz (ref.eq (local.get $r) (global.get $atom.true))))
        (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))
        (br_if $keep (i32.eq (local.get $mode) (global.get $SEL_COUNT)))
        ;; delete
        (call $ets_h_add_items (local.get $t) (struct.get $ets_hent $hval (local.get $e)) (i32.const -1))
        (if (global.get $sel_pseudo)
          (then
            (struct.set $ets_hent $pdel (local.get $e) (i32.const 1))
            (call $ets_h_add_fixdel (local.get $t) (local.get $ix))
            (br $keep)))
        (call $ets_h_unlink (local.get $t) (local.get $ix) (local.get $prev) (local.get $e))
        (br $next))
      (local.set $prev (local.get $e))
      (br $next))))

;; A whole-table (or keyed) traversal of a hash table; the state is left in $sel_*.
(func $ets_h_sel_all (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $mode i32) (param $ms eqref)
  (local $ix i32) (local $j i32) (local $fine i32) (local $local_fix i32)
  (global.set $sel_acc (ref.null none))
  (global.set $sel_got (i32.const 0))
  (global.set $sel_visited (i32.const 0))
  (call $ets_h_analyze (local.get $t) (local.get $ms))
  (if (i32.eqz (global.get $sel_something)) (then (return)))
  ;; select_delete marks objects deleted while some other fixation holds the table
  (local.set $fine (i32.ne (i32.and (struct.get $ets_tab $opts (local.get $t)) (global.get $ETS_FINE)) (i32.const 0)))
  (local.set $local_fix (i32.and (local.get $fine) (i32.eqz (call $ets_only_writer (local.get $t)))))
  (global.set $sel_pseudo (i32.gt_s (i32.add (struct.get $ets_tab $nfixed (local.get $t)) (local.get $local_fix)) (local.get $fine)))
  (if (global.get $sel_keyed)
    (then
      (block $done
        (loop $buckets
          (br_if $done (i32.ge_u (local.get $j) (global.get $sel_nb)))
          (call $ets_h_sel_bucket (local.get $t) (local.get $prog) (local.get $mode) (array.get $limbs (global.get $sel_bkts) (local.get $j)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $buckets))))
    (else
      (loop $buckets
        (call $ets_h_sel_bucket (local.get $t) (local.get $prog) (local.get $mode) (local.get $ix))
        (local.set $ix (call $ets_h_next_slot (local.get $t) (local.get $ix)))
        (br_if $buckets (local.get $ix)))))
  (if (i32.and (i32.eq (local.get $mode) (global.get $SEL_DELETE)) (i32.ne (global.get $sel_got) (i32.const 0)))
    (then
      (if (i32.eqz (i32.add (struct.get $ets_tab $nfixed (local.get $t)) (local.get $local_fix)))
        (then (call $ets_h_try_shrink (local.get $t) (struct.get $ets_tab $nitems (local.get $t))))))))

;; ONLY_WRITER: the table is private or protected and the caller owns it.
(func $ets_only_writer (param $t (ref $ets_tab)) (result i32)
  (i32.and (i32.ne (i32.and (struct.get $ets_tab $prot (local.get $t)) (i32.const 3)) (i32.const 0))
           (call $ets_pid_eq (struct.get $ets_tab $owner (local.get $t)) (call $ets_self))))

;; Runs `prog` on the object of tree node `n` for `mode` (deletions are only recorded, in
;; $sel_acc as keys).
(func $ets_t_sel_node (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $mode i32) (param $n (ref $ets_node))
  (local $r eqref)
  (global.set $sel_visited (i32.add (global.get $sel_visited) (i32.const 1)))
  (local.set $r (call $ms_run (local.get $prog) (struct.get $ets_node $obj (local.get $n))))
  (if (i32.eqz (local.get $mode))
    (then
      (if (i32.eqz (call $is_fail (local.get $r)))
        (then
          (global.set $sel_acc (struct.new $cons (local.get $r) (global.get $sel_acc)))
          (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))))
      (return)))
  (if (i32.eq (local.get $mode) (global.get $SEL_REPLACE))
    (then
      (if (i32.eqz (call $is_fail (local.get $r)))
        (then
          (struct.set $ets_node $obj (local.get $n) (ref.cast (ref $tuple) (local.get $r)))
          (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))))
      (return)))
  (if (ref.eq (local.get $r) (global.get $atom.true))
    (then
      (global.set $sel_got (i32.add (global.get $sel_got) (i32.const 1)))
      (if (i32.eq (local.get $mode) (global.get $SEL_DELETE))
        (then (global.set $sel_acc (struct.new $cons (call $ets_key (local.get $t) (struct.get $ets_node $obj (local.get $n))) (global.get $sel_acc))))))))

;; Visits the nodes under `n` in order (`fwd`) or in reverse order.
(func $ets_t_sel_walk (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $mode i32) (param $n (ref null $ets_node)) (param $fwd i32)
  (loop $again
    (if (ref.is_null (local.get $n)) (then (return)))
    (if (local.get $fwd)
      (then
        (call $ets_t_sel_walk (local.get $t) (local.get $prog) (local.get $mode) (struct.get $ets_node $left (ref.as_non_null (local.get $n))) (local.get $fwd))
        (call $ets_t_sel_node (local.get $t) (local.get $prog) (local.get $mode) (ref.as_non_null (local.get $n)))
        (local.set $n (struct.get $ets_node $right (ref.as_non_null (local.get $n)))))
      (else
        (call $ets_t_sel_walk (local.get $t) (local.get $prog) (local.get $mode) (struct.get $ets_node $right (ref.as_non_null (local.get $n))) (local.get $fwd))
        (call $ets_t_sel_node (local.get $t) (local.get $prog) (local.get $mode) (ref.as_non_null (local.get $n)))
        (local.set $n (struct.get $ets_node $left (ref.as_non_null (local.get $n))))))
    (br $again)))

;; A whole-table traversal of an ordered_set: select collects in key order (descending
;; with `reverse`); the state is left in $sel_*.
(func $ets_t_sel_all (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $mode i32) (param $ms eqref) (param $reverse i32)
  (local $n (ref null $ets_node)) (local $l eqref)
  (global.set $sel_acc (ref.null none))
  (global.set $sel_got (i32.const 0))
  (global.set $sel_visited (i32.const 0))
  (call $ets_t_analyze (local.get $t) (local.get $ms))
  (if (i32.eq (global.get $sel_bound) (i32.const 3)) (then (return)))
  (if (i32.eq (global.get $sel_bound) (i32.const 2))
    (then
      (local.set $n (call $ets_t_find (local.get $t) (global.get $sel_least)))
      (if (i32.eqz (ref.is_null (local.get $n)))
        (then (call $ets_t_sel_node (local.get $t) (local.get $prog) (local.get $mode) (ref.as_non_null (local.get $n))))))
    (else
      ;; results are prepended: walk backwards for ascending order
      (call $ets_t_sel_walk (local.get $t) (local.get $prog) (local.get $mode) (struct.get $ets_tab $root (local.get $t)) (local.get $reverse))))
  (if (i32.eq (local.get $mode) (global.get $SEL_DELETE))
    (then
      (local.set $l (global.get $sel_acc))
      (global.set $sel_acc (ref.null none))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
          (drop (call $ets_t_erase (local.get $t) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
          (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
          (br $next))))))

;; The compiled specification for a select BIF, or null (badarg). select_replace also
;; needs every clause to keep the key.
(func $ets_sel_prog (param $t (ref $ets_tab)) (param $ms eqref) (param $mode i32) (result (ref null $ms_prog))
  (local $l eqref) (local $c (ref $tuple))
  (if (i32.eq (local.get $mode) (global.get $SEL_REPLACE))
    (then
      (local.set $l (local.get $ms))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
          (if (ref.test (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
            (then
              (local.set $c (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
              (if (i32.eq (array.len (local.get $c)) (i32.const 3))
                (then
                  (if (i32.eqz (call $ms_keeps_key (struct.get $ets_tab $keypos (local.get $t))
                        (array.get $tuple (local.get $c) (i32.const 0)) (array.get $tuple (local.get $c) (i32.const 2))))
                    (then (return (ref.null none))))))))
          (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
          (br $next)))))
  (call $ms_compile (local.get $ms)))

;; select/2, select_reverse/2, select_count/2, internal_select_delete/2, select_replace/2.
(func $ets_select (param $id eqref) (param $ms eqref) (param $mode i32) (param $reverse i32) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $prog (ref null $ms_prog))
  (local.set $t (call $ets_tab_for (local.get $id)
    (if (result i32) (i32.ge_u (local.get $mode) (global.get $SEL_DELETE)) (then (i32.const 4)) (else (i32.const 6)))))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.and (i32.eq (local.get $mode) (global.get $SEL_REPLACE)) (i32.eq (struct.get $ets_tab $type (local.get $tab)) (global.get $ETS_BAG)))
    (then (return (call $ets_fail_cause (global.get $atom.table_type)))))
  (local.set $prog (call $ets_sel_prog (local.get $tab) (local.get $ms) (local.get $mode)))
  (if (ref.is_null (local.get $prog)) (then (return (call $fail_badarg))))
  (if (call $ets_is_hash (local.get $tab))
    (then (call $ets_h_sel_all (local.get $tab) (ref.as_non_null (local.get $prog)) (local.get $mode) (local.get $ms)))
    (else (call $ets_t_sel_all (local.get $tab) (ref.as_non_null (local.get $prog)) (local.get $mode) (local.get $ms) (local.get $reverse))))
  (if (i32.eqz (local.get $mode)) (then (return (global.get $sel_acc))))
  (call $mk_int (i64.extend_i32_u (global.get $sel_got))))

(func $ets:select/2 (param $id eqref) (param $ms eqref) (result eqref)
  (call $ets_select (local.get $id) (local.get $ms) (global.get $SEL_SELECT) (i32.const 0)))

(func $ets:select_reverse/2 (param $id eqref) (param $ms eqref) (result eqref)
  (call $ets_select (local.get $id) (local.get $ms) (global.get $SEL_SELECT) (i32.const 1)))

(func $ets:select_count/2 (param $id eqref) (param $ms eqref) (result eqref)
  (call $ets_select (local.get $id) (local.get $ms) (global.get $SEL_COUNT) (i32.const 0)))

(func $ets:internal_select_delete/2 (param $id eqref) (param $ms eqref) (result eqref)
  (call $ets_select (local.get $id) (local.get $ms) (global.get $SEL_DELETE) (i32.const 0)))

(func $ets:select_replace/2 (param $id eqref) (param $ms eqref) (result eqref)
  (call $ets_select (local.get $id) (local.get $ms) (global.get $SEL_REPLACE) (i32.const 0)))

;; [{Pattern, [], [Body]}] for match/2,3 ('$$') and match_object/2,3 ('$_').
(func $ets_match_ms (param $pat eqref) (param $body eqref) (result eqref)
  (struct.new $cons (call $tuple3 (local.get $pat) (ref.null none) (struct.new $cons (local.get $body) (ref.null none))) (ref.null none)))

(func $ets:match/2 (param $id eqref) (param $pat eqref) (result eqref)
  (call $ets:select/2 (local.get $id) (call $ets_match_ms (local.get $pat) (global.get $atom.$$))))

(func $ets:match_object/2 (param $id eqref) (param $pat eqref) (result eqref)
  (call $ets:select/2 (local.get $id) (call $ets_match_ms (local.get $pat) (global.get $atom.$_))))

;; ---- chunks (select/3, select/1 and their match and reverse variants) ----------------------------------

;; The first `n` cells of list `l` (in order, or reversed when `rev`); the rest of `l` is
;; left in $sel_rest_tail.
(global $sel_rest_tail (mut eqref) (ref.null none))
(func $ets_list_split (param $l eqref) (param $n i32) (param $rev i32) (result eqref)
  (local $acc eqref)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $l))))
      (local.set $acc (struct.new $cons (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))) (local.get $acc)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (global.set $sel_rest_tail (local.get $l))
  (if (result eqref) (local.get $rev) (then (local.get $acc)) (else (call $lists:reverse/2 (local.get $acc) (ref.null none)))))

;; on_loop_ended of a chunked hash select: the chunk (and continuation) from the
;; collected $sel_acc / $sel_got. `first`: the first call that never trapped (then an
;; untouched table is '$end_of_table'; otherwise the leftover matches are kept reversed,
;; as the VM's continuation code does).
(func $ets_h_chunk_end (param $tid eqref) (param $mp eqref) (param $chunk i32) (param $slot i32) (param $first i32) (param $iters i32) (result eqref)
  (local $rest eqref) (local $rest_n i32) (local $acc eqref)
  (if (i32.and (local.get $first) (i32.eq (local.get $iters) (i32.const 1000)))
    (then (return (if (result eqref) (local.get $chunk) (then (global.get $atom.$end_of_table)) (else (ref.null none))))))
  (local.set $acc (global.get $sel_acc))
  (if (i32.eqz (local.get $chunk)) (then (return (local.get $acc))))
  (if (i32.gt_s (global.get $sel_got) (local.get $chunk))
    (then
      (local.set $rest_n (i32.sub (global.get $sel_got) (local.get $chunk)))
      (local.set $rest (call $ets_list_split (local.get $acc) (local.get $rest_n) (i32.eqz (local.get $first))))
      (local.set $acc (global.get $sel_rest_tail))))
  (if (i32.or (i32.eqz (ref.is_null (local.get $rest))) (i32.ge_s (local.get $slot) (i32.const 0)))
    (then (return (call $tuple2 (local.get $acc)
      (array.new_fixed $tuple 6 (local.get $tid) (ref.i31 (local.get $slot)) (ref.i31 (local.get $chunk)) (local.get $mp)
        (local.get $rest) (ref.i31 (local.get $rest_n)))))))
  (if (ref.is_null (local.get $acc)) (then (return (global.get $atom.$end_of_table))))
  (call $tuple2 (local.get $acc) (global.get $atom.$end_of_table)))

;; Traverses a hash table from bucket `slot` (in iteration order) until a chunk is full, as
;; match_traverse(_continue) does, with the VM's iteration budget of 1000 objects per
;; trap. $sel_acc/$sel_got hold what was collected before. `first`: a first call.
(func $ets_h_chunk_run (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $tid eqref) (param $mp eqref)
                       (param $chunk i32) (param $slot i32) (param $first i32) (result eqref)
  (local $iters i32) (local $before i32)
  (local.set $iters (i32.const 1000))
  (loop $buckets
    (local.set $before (global.get $sel_visited))
    (call $ets_h_sel_bucket (local.get $t) (local.get $prog) (global.get $SEL_SELECT) (local.get $slot))
    (local.set $iters (i32.sub (local.get $iters) (i32.sub (global.get $sel_visited) (local.get $before))))
    (local.set $slot (call $ets_h_next_slot (local.get $t) (local.get $slot)))
    (if (i32.eqz (local.get $slot))
      (then (return (call $ets_h_chunk_end (local.get $tid) (local.get $mp) (local.get $chunk) (i32.const -1) (local.get $first) (local.get $iters)))))
    (if (i32.and (i32.ne (local.get $chunk) (i32.const 0)) (i32.ge_s (global.get $sel_got) (local.get $chunk)))
      (then (return (call $ets_h_chunk_end (local.get $tid) (local.get $mp) (local.get $chunk) (local.get $slot) (local.get $first) (local.get $iters)))))
    (if (i32.le_s (local.get $iters) (i32.const 0))
      (then (local.set $first (i32.const 0)) (local.set $iters (i32.const 1000))))
    (br $buckets))
  (unreachable))

;; The first chunk of a tree select: traverse from the first (last, when `reverse`) key.
(func $ets_t_chunk_run (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $tid eqref) (param $mp eqref)
                       (param $chunk i32) (param $reverse i32) (param $from eqref) (param $have_from i32) (param $endc eqref) (result eqref)
  (local $n (ref null $ets_node)) (local $last (ref null $ets_node)) (local $dir i32) (local $acc eqref)
  (local.set $dir (if (result i32) (local.get $reverse) (then (i32.const -1)) (else (i32.const 1))))
  (if (local.get $have_from)
    (then (local.set $n (call $ets_t_step (local.get $t) (local.get $from) (local.get $dir))))
    (else
      (local.set $n (struct.get $ets_tab $root (local.get $t)))
      (if (i32.eqz (ref.is_null (local.get $n)))
        (then (local.set $n (if (result (ref $ets_node)) (local.get $reverse)
          (then (call $ets_t_max (ref.as_non_null (local.get $n))))
          (else (call $ets_t_min (ref.as_non_null (local.get $n))))))))))
  (block $stop
    (loop $walk
      (br_if $stop (ref.is_null (local.get $n)))
      (local.set $last (local.get $n))
      (call $ets_t_sel_node (local.get $t) (local.get $prog) (global.get $SEL_SELECT) (ref.as_non_null (local.get $n)))
      (br_if $stop (i32.eq (global.get $sel_got) (local.get $chunk)))
      (local.set $n (call $ets_t_step (local.get $t)
        (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.as_non_null (local.get $n)))) (local.get $dir)))
      (br $walk)))
  (local.set $acc (call $lists:reverse/2 (global.get $sel_acc) (ref.null none)))
  (if (i32.or (i32.lt_s (global.get $sel_got) (local.get $chunk)) (ref.is_null (local.get $last)))
    (then
      (if (i32.eqz (global.get $sel_got)) (then (return (global.get $atom.$end_of_table))))
      (return (call $tuple2 (local.get $acc) (global.get $atom.$end_of_table)))))
  (call $tuple2 (local.get $acc)
    (array.new_fixed $tuple 8 (local.get $tid)
      (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.as_non_null (local.get $last))))
      (local.get $endc) (ref.i31 (local.get $chunk)) (local.get $mp) (ref.null none) (ref.i31 (local.get $reverse)) (ref.i31 (i32.const 0)))))

;; select/3 and select_reverse/3 (and match/3, match_object/3).
(func $ets_select_chunk (param $id eqref) (param $ms eqref) (param $n eqref) (param $reverse i32) (result eqref)
  (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $prog (ref null $ms_prog)) (local $chunk i32)
  (local $tid eqref) (local $j i32) (local $node (ref null $ets_node)) (local $endc eqref)
  (local.set $t (call $ets_rd (local.get $id)))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (call $fail_badarg))))
  (local.set $chunk (i31.get_s (ref.cast (ref i31) (local.get $n))))
  (if (i32.le_s (local.get $chunk) (i32.const 0)) (then (return (call $fail_badarg))))
  (local.set $prog (call $ms_compile (local.get $ms)))
  (if (ref.is_null (local.get $prog)) (then (return (call $fail_badarg))))
  (local.set $tid (struct.get $ets_tab $tid (local.get $tab)))
  (global.set $sel_acc (ref.null none))
  (global.set $sel_got (i32.const 0))
  (global.set $sel_visited (i32.const 0))
  (if (call $ets_is_hash (local.get $tab))
    (then
      (call $ets_h_analyze (local.get $tab) (local.get $ms))
      (if (i32.eqz (global.get $sel_something)) (then (return (global.get $atom.$end_of_table))))
      (if (global.get $sel_keyed)
        (then
          (block $done
            (loop $buckets
              (br_if $done (i32.ge_u (local.get $j) (global.get $sel_nb)))
              (call $ets_h_sel_bucket (local.get $tab) (ref.as_non_null (local.get $prog)) (global.get $SEL_SELECT)
                (array.get $limbs (global.get $sel_bkts) (local.get $j)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $buckets)))
          (return (call $ets_h_chunk_end (local.get $tid) (call $ms_ref (ref.as_non_null (local.get $prog))) (local.get $chunk)
            (i32.const -1) (i32.const 1) (i32.sub (i32.const 1000) (global.get $sel_visited))))))
      (return (call $ets_h_chunk_run (local.get $tab) (ref.as_non_null (local.get $prog)) (local.get $tid)
        (call $ms_ref (ref.as_non_null (local.get $prog))) (local.get $chunk) (i32.const 0) (i32.const 1)))))
  (call $ets_t_analyze (local.get $tab) (local.get $ms))
  (if (i32.eq (global.get $sel_bound) (i32.const 3)) (then (return (global.get $atom.$end_of_table))))
  (if (i32.eq (global.get $sel_bound) (i32.const 2))
    (then
      (local.set $node (call $ets_t_find (local.get $tab) (global.get $sel_least)))
      (if (i32.eqz (ref.is_null (local.get $node)))
        (then (call $ets_t_sel_node (local.get $tab) (ref.as_non_null (local.get $prog)) (global.get $SEL_SELECT) (ref.as_non_null (local.get $node)))))
      (if (ref.is_null (global.get $sel_acc)) (then (return (global.get $atom.$end_of_table))))
      (return (call $tuple2 (global.get $sel_acc) (global.get $atom.$end_of_table)))))
  (if (i32.eq (global.get $sel_bound) (i32.const 1))
    (then (local.set $endc (if (result eqref) (local.get $reverse) (then (global.get $sel_least)) (else (global.get $sel_most))))))
  (call $ets_t_chunk_run (local.get $tab) (ref.as_non_null (local.get $prog)) (local.get $tid)
    (call $ms_ref (ref.as_non_null (local.get $prog))) (local.get $chunk) (local.get $reverse) (ref.null none) (i32.const 0) (local.get $endc)))

(func $ets:select/3 (param $id eqref) (param $ms eqref) (param $n eqref) (result eqref)
  (call $ets_select_chunk (local.get $id) (local.get $ms) (local.get $n) (i32.const 0)))

(func $ets:select_reverse/3 (param $id eqref) (param $ms eqref) (param $n eqref) (result eqref)
  (call $ets_select_chunk (local.get $id) (local.get $ms) (local.get $n) (i32.const 1)))

(func $ets:match/3 (param $id eqref) (param $pat eqref) (param $n eqref) (result eqref)
  (call $ets_select_chunk (local.get $id) (call $ets_match_ms (local.get $pat) (global.get $atom.$$)) (local.get $n) (i32.const 0)))

(func $ets:match_object/3 (param $id eqref) (param $pat eqref) (param $n eqref) (result eqref)
  (call $ets_select_chunk (local.get $id) (call $ets_match_ms (local.get $pat) (global.get $atom.$_)) (local.get $n) (i32.const 0)))

;; select/1 (and match/1, match_object/1, select_reverse/1): the next chunk of a
;; continuation.
(func $ets:select/1 (param $cont eqref) (result eqref)
  (local $c (ref $tuple)) (local $t (ref null $ets_tab)) (local $tab (ref $ets_tab)) (local $prog (ref null $ms_prog))
  (local $slot i32) (local $chunk i32) (local $got i32) (local $reverse i32) (local $acc eqref) (local $n i32)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $cont)))
    (then
      (if (ref.eq (local.get $cont) (global.get $atom.$end_of_table)) (then (return (local.get $cont))))
      (return (call $fail_badarg))))
  (local.set $c (ref.cast (ref $tuple) (local.get $cont)))
  (if (i32.eqz (array.len (local.get $c))) (then (return (call $fail_badarg))))
  (local.set $t (call $ets_rd (array.get $tuple (local.get $c) (i32.const 0))))
  (if (ref.is_null (local.get $t)) (then (return (call $ets_fail_tab))))
  (local.set $tab (ref.as_non_null (local.get $t)))
  (global.set $sel_visited (i32.const 0))
  (if (call $ets_is_hash (local.get $tab))
    (then
      ;; {Tid, Slot, ChunkSize, MatchProg, Rest, RestSize}
      (if (i32.ne (array.len (local.get $c)) (i32.const 6)) (then (return (call $fail_badarg))))
      (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 1)))) (then (return (call $fail_badarg))))
      (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 2)))) (then (return (call $fail_badarg))))
      (local.set $acc (array.get $tuple (local.get $c) (i32.const 4)))
      (if (i32.eqz (i32.or (ref.is_null (local.get $acc)) (ref.test (ref $cons) (local.get $acc)))) (then (return (call $fail_badarg))))
      (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 5)))) (then (return (call $fail_badarg))))
      (local.set $slot (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 1)))))
      (local.set $chunk (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 2)))))
      (local.set $got (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 5)))))
      (if (i32.lt_s (local.get $chunk) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $prog (call $ms_of_ref (array.get $tuple (local.get $c) (i32.const 3))))
      (if (ref.is_null (local.get $prog)) (then (return (call $fail_badarg))))
      (if (i32.lt_s (local.get $got) (i32.const 0)) (then (return (call $fail_badarg))))
      (global.set $sel_acc (local.get $acc))
      (global.set $sel_got (local.get $got))
      (if (i32.or (i32.lt_s (local.get $slot) (i32.const 0))
                  (i32.and (i32.ne (local.get $chunk) (i32.const 0)) (i32.ge_s (local.get $got) (local.get $chunk))))
        (then (return (call $ets_h_chunk_end (array.get $tuple (local.get $c) (i32.const 0)) (array.get $tuple (local.get $c) (i32.const 3))
          (local.get $chunk) (local.get $slot) (i32.const 0) (i32.const 1000)))))
      (if (i32.ge_u (local.get $slot) (struct.get $ets_tab $nactive (local.get $tab))) (then (return (call $fail_badarg))))
      (return (call $ets_h_chunk_run (local.get $tab) (ref.as_non_null (local.get $prog)) (array.get $tuple (local.get $c) (i32.const 0))
        (array.get $tuple (local.get $c) (i32.const 3)) (local.get $chunk) (local.get $slot) (i32.const 0)))))
  ;; {Tid, LastKey, EndCondition, ChunkSize, MatchProg, Accum, Reverse, Got}
  (if (i32.ne (array.len (local.get $c)) (i32.const 8)) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 3)))) (then (return (call $fail_badarg))))
  (local.set $acc (array.get $tuple (local.get $c) (i32.const 5)))
  (if (i32.eqz (i32.or (ref.is_null (local.get $acc)) (ref.test (ref $cons) (local.get $acc)))) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 6)))) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref i31) (array.get $tuple (local.get $c) (i32.const 7)))) (then (return (call $fail_badarg))))
  (local.set $prog (call $ms_of_ref (array.get $tuple (local.get $c) (i32.const 4))))
  (if (ref.is_null (local.get $prog)) (then (return (call $fail_badarg))))
  (local.set $chunk (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 3)))))
  (local.set $reverse (i32.ne (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 6)))) (i32.const 0)))
  (global.set $sel_acc (local.get $acc))
  (global.set $sel_got (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $c) (i32.const 7)))))
  (if (local.get $chunk)
    (then (return (call $ets_t_chunk_run (local.get $tab) (ref.as_non_null (local.get $prog)) (array.get $tuple (local.get $c) (i32.const 0))
      (array.get $tuple (local.get $c) (i32.const 4)) (local.get $chunk) (local.get $reverse)
      (array.get $tuple (local.get $c) (i32.const 1)) (i32.const 1) (array.get $tuple (local.get $c) (i32.const 2))))))
  ;; a whole select's continuation: the rest, walking away from the result's head
  (call $ets_t_chunk_rest (local.get $tab) (ref.as_non_null (local.get $prog)) (array.get $tuple (local.get $c) (i32.const 1)) (local.get $reverse)))

;; The rest of a whole-table tree select after key `from` (prepending, so walking from the
;; far end towards `from`).
(func $ets_t_chunk_rest (param $t (ref $ets_tab)) (param $prog (ref $ms_prog)) (param $from eqref) (param $reverse i32) (result eqref)
  (local $n (ref null $ets_node)) (local $dir i32)
  (local.set $dir (if (result i32) (local.get $reverse) (then (i32.const 1)) (else (i32.const -1))))
  (local.set $n (call $ets_t_step (local.get $t) (local.get $from) (local.get $dir)))
  (block $stop
    (loop $walk
      (br_if $stop (ref.is_null (local.get $n)))
      (call $ets_t_sel_node (local.get $t) (local.get $prog) (global.get $SEL_SELECT) (ref.as_non_null (local.get $n)))
      (local.set $n (call $ets_t_step (local.get $t)
        (call $ets_key (local.get $t) (struct.get $ets_node $obj (ref.as_non_null (local.get $n)))) (local.get $dir)))
      (br $walk)))
  (global.get $sel_acc))

(func $ets:select_reverse/1 (param $cont eqref) (result eqref)
  (call $ets:select/1 (local.get $cont)))

(func $ets:match/1 (param $cont eqref) (result eqref)
  (call $ets:select/1 (local.get $cont)))

(func $ets:match_object/1 (param $cont eqref) (result eqref)
  (call $ets:select/1 (local.get $cont)))
