;; fun.wat — the fun BIFs: fun_info/2, fun_info_mfa/1, fun_to_list/1, is_function/2 (and
;; the guard helper $is_function2), make_fun/3.
;;
;; A fun is a `$fun {code, arity, info, env}` (types.wat); `info` is a `$funinfo` the
;; compiler builds once per fun: kind 0 local (module, the lambda's function name, its
;; visible arity, the FunT index and old_uniq), kind 1 external (`fun M:F/A`). As in OTP
;; 25, a local fun's `index` and `new_index` are both the FunT index, `uniq` is its
;; old_uniq and `new_uniq` is the module's MD5 (the same 16 bytes as module_info(md5)).
;;
;; Known gaps, each named where it matters:
;;   - fun_info(F, pid) answers the calling process, not the process that created F: a
;;     $fun does not record its creator (types.wat would need a field; rarely observable);
;;   - fun_info(F, refc) answers 2 for a local fun: reference counts do not exist here.
;;
;; BIFs take and return eqref and fail by returning $FAIL (docs/ABI.md §3).

;; The compiler replaces this body: the value of erlang:get_module_info(M, Item) for the
;; program module M, Item being 0 module, 1 exports, 2 attributes, 3 compile, 4 md5,
;; 5 functions, 6 nifs — each the exact term the VM gives; $FAIL when M is not a module
;; of the program. (`native` is always false and answered by the runtime.)
(func $hook:module_info (param $m (ref $atom)) (param $item i32) (result eqref)
  (global.get $FAIL))

;; The compiler replaces this body: the export fun `fun M:F/A` (0 =< A =< 255), the very
;; object fun literals of the program use when there is one, else a new $fun of kind 1
;; whose code calls M:F/A and so raises undef when it does not exist.
(func $hook:make_fun (param $m (ref $atom)) (param $f (ref $atom)) (param $arity i32) (result eqref)
  (call $fail_badarg))

;; The calling process's pid, for fun_info(F, pid).
;; TODO(lead): call process.wat's erlang:self/0 once it exists.
(func $fun_creator_pid (result eqref)
  (global.get $atom.undefined))

;; The free variables of a fun as a list.
(func $fun_env_list (param $f (ref $fun)) (result eqref)
  (local $env (ref null $tuple))
  (local.set $env (struct.get $fun $env (local.get $f)))
  (if (ref.is_null (local.get $env)) (then (return (ref.null none))))
  (call $tuple_to_list (ref.as_non_null (local.get $env))))

;; The module MD5 of a local fun's module: new_uniq.
(func $fun_new_uniq (param $m (ref $atom)) (result eqref)
  (local $r eqref)
  (local.set $r (call $hook:module_info (local.get $m) (i32.const 4)))
  (if (call $is_fail (local.get $r))
    (then (return (call $bin_of (array.new_default $bytes (i32.const 16))))))
  (local.get $r))

;; erlang:fun_info/2: {Item, Value}.
(func $erlang:fun_info/2 (param $f eqref) (param $item eqref) (result eqref)
  (local $fun (ref $fun)) (local $info (ref $funinfo)) (local $local i32) (local $v eqref)
  (local.set $fun (block $is (result (ref $fun))
    (br_on_cast $is eqref (ref $fun) (local.get $f))
    (return (call $fail_badarg))))
  (local.set $info (struct.get $fun $info (local.get $fun)))
  (local.set $local (i32.eqz (struct.get $funinfo $kind (local.get $info))))
  (block $have
    (if (ref.eq (local.get $item) (global.get $atom.arity))
      (then (local.set $v (ref.i31 (struct.get $fun $arity (local.get $fun)))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.module))
      (then (local.set $v (struct.get $funinfo $module (local.get $info))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.name))
      (then (local.set $v (struct.get $funinfo $name (local.get $info))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.env))
      (then (local.set $v (call $fun_env_list (local.get $fun))) (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.type))
      (then (local.set $v (select (result eqref) (global.get $atom.local) (global.get $atom.external) (local.get $local)))
            (br $have)))
    (local.set $v (global.get $atom.undefined))
    (if (ref.eq (local.get $item) (global.get $atom.index))
      (then
        (if (local.get $local) (then (local.set $v (ref.i31 (struct.get $funinfo $index (local.get $info))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.new_index))
      (then
        (if (local.get $local) (then (local.set $v (ref.i31 (struct.get $funinfo $index (local.get $info))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.uniq))
      (then
        (if (local.get $local)
          (then (local.set $v (call $mk_int (i64.extend_i32_u (struct.get $funinfo $uniq (local.get $info)))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.new_uniq))
      (then
        (if (local.get $local)
          (then (local.set $v (call $fun_new_uniq (struct.get $funinfo $module (local.get $info))))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.pid))
      (then
        (if (local.get $local) (then (local.set $v (call $fun_creator_pid))))
        (br $have)))
    (if (ref.eq (local.get $item) (global.get $atom.refc))
      (then
        (if (local.get $local) (then (local.set $v (ref.i31 (i32.const 2)))))
        (br $have)))
    (return (call $fail_badarg)))
  (call $tuple2 (local.get $item) (local.get $v)))

;; erlang:fun_info_mfa/1: {Module, Name, Arity}; for a local fun, the lambda's function
;; name and the fun's visible arity.
(func $erlang:fun_info_mfa/1 (param $f eqref) (result eqref)
  (local $fun (ref $fun)) (local $info (ref $funinfo))
  (local.set $fun (block $is (result (ref $fun))
    (br_on_cast $is eqref (ref $fun) (local.get $f))
    (return (call $fail_badarg))))
  (local.set $info (struct.get $fun $info (local.get $fun)))
  (call $tuple3 (struct.get $funinfo $module (local.get $info)) (struct.get $funinfo $name (local.get $info))
    (ref.i31 (struct.get $fun $arity (local.get $fun)))))

;; erlang:fun_to_list/1: "#Fun<Mod.Index.Uniq>" or "fun M:F/A", as a list of bytes (names
;; appear as their UTF-8 bytes, as the VM gives them).
(func $erlang:fun_to_list/1 (param $f eqref) (result eqref)
  (if (i32.eqz (ref.test (ref $fun) (local.get $f))) (then (return (call $fail_badarg))))
  (call $pb_reset)
  (call $pb_fun (ref.cast (ref $fun) (local.get $f)))
  (call $pb_to_list))

;; The arity argument of is_function/2 as a count, -1 when it is a valid integer no fun
;; has (a bignum or above 255), or -2 when it is not a non-negative integer.
(func $fun_arity_arg (param $n eqref) (result i32)
  (local $v i32)
  (if (ref.test (ref i31) (local.get $n))
    (then
      (local.set $v (i31.get_s (ref.cast (ref i31) (local.get $n))))
      (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (i32.const -2))))
      (return (local.get $v))))
  (if (ref.test (ref $int64) (local.get $n))
    (then
      (if (i64.lt_s (struct.get $int64 $v (ref.cast (ref $int64) (local.get $n))) (i64.const 0))
        (then (return (i32.const -2))))
      (return (i32.const -1))))
  (if (ref.test (ref $bigint) (local.get $n))
    (then
      (if (struct.get $bigint $neg (ref.cast (ref $bigint) (local.get $n))) (then (return (i32.const -2))))
      (return (i32.const -1))))
  (i32.const -2))

;; is_function(F, N) in a guard: 1 when F is a fun of arity N; 0 otherwise, a bad N
;; included (the guard fails rather than raising).
(func $is_function2 (param $f eqref) (param $n eqref) (result i32)
  (if (i32.eqz (ref.test (ref $fun) (local.get $f))) (then (return (i32.const 0))))
  (if (i32.eqz (ref.test (ref i31) (local.get $n))) (then (return (i32.const 0))))
  (i32.eq (struct.get $fun $arity (ref.cast (ref $fun) (local.get $f)))
          (i31.get_s (ref.cast (ref i31) (local.get $n)))))

;; erlang:is_function/2: badarg unless N is a non-negative integer.
(func $erlang:is_function/2 (param $f eqref) (param $n eqref) (result eqref)
  (local $a i32)
  (local.set $a (call $fun_arity_arg (local.get $n)))
  (if (i32.eq (local.get $a) (i32.const -2)) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref $fun) (local.get $f))) (then (return (global.get $atom.false))))
  (call $bool (i32.eq (struct.get $fun $arity (ref.cast (ref $fun) (local.get $f))) (local.get $a))))

;; erlang:make_fun/3: `fun M:F/A` for atoms M, F and 0 =< A =< 255.
(func $erlang:make_fun/3 (param $m eqref) (param $f eqref) (param $a eqref) (result eqref)
  (local $n i32)
  (if (i32.eqz (i32.and (ref.test (ref $atom) (local.get $m)) (ref.test (ref $atom) (local.get $f))))
    (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.test (ref i31) (local.get $a))) (then (return (call $fail_badarg))))
  (local.set $n (i31.get_s (ref.cast (ref i31) (local.get $a))))
  (if (i32.gt_u (local.get $n) (i32.const 255)) (then (return (call $fail_badarg))))
  (call $hook:make_fun (ref.cast (ref $atom) (local.get $m)) (ref.cast (ref $atom) (local.get $f)) (local.get $n)))
