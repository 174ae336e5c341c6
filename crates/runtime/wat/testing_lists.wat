;; testing_lists.wat — test exports for list.wat, tuple.wat, atom_bif.wat, fun.wat, misc.wat
;; and literal.wat (their tests: crates/runtime/tests/lists_tuples_atoms.rs and
;; literal_pool.rs). Not part of the ABI: the compiler may drop these exports.
;;
;; `test:lcall(idx, len)` works as testing.wat's `test:call` for functions of arity 0..3:
;; memory[0..len] holds the ETF of an argument list; function number `idx` of the table
;; below is applied and the ETF of {ok, Result} or {error, Reason} is written back (-1:
;; unencodable result, -2: bad argument list). Funs cannot cross the ETF boundary, so an
;; argument may stand for one: {'$fun', M, F, A} is `fun M:F/A` and
;; {'$fun', M, Name, Arity, Index, Uniq, Env} a local fun (anywhere inside lists and
;; tuples). `test:literals(len)` decodes memory[0..len] as a literal pool segment and
;; answers the ETF of {ok, Tuple}, each map in it as {'$map', [{K, V}, ...]}.

(table $test_lfuns funcref (elem
  ;; arity 0 (0..)
  $erlang:node/0 $erlang:nodes/0 $erlang:is_alive/0 $erlang:dt_get_tag/0 $erlang:dt_get_tag_data/0
  $io:printable_range/0 $file:native_name_encoding/0 $persistent_term:get/0 $os:env/0
  $tl_md5_init_state $erts_internal:get_creation/0 $tl_max_heap_size_info
  ;; arity 1 (12..)
  $erlang:length/1 $erlang:hd/1 $erlang:tl/1 $erlang:list_to_tuple/1 $erlang:tuple_to_list/1
  $erlang:tuple_size/1 $erlang:size/1 $erlang:atom_to_list/1 $erlang:list_to_atom/1
  $erlang:list_to_existing_atom/1 $erlang:is_atom/1 $erlang:is_integer/1 $erlang:is_float/1
  $erlang:is_number/1 $erlang:is_boolean/1 $erlang:is_list/1 $erlang:is_tuple/1 $erlang:is_pid/1
  $erlang:is_port/1 $erlang:is_reference/1 $erlang:is_function/1 $erlang:fun_info_mfa/1
  $erlang:fun_to_list/1 $erlang:nodes/1 $erlang:unique_integer/1 $erlang:system_info/1
  $erlang:module_loaded/1 $erlang:get_module_info/1 $erlang:nif_error/1 $erlang:dt_spread_tag/1
  $erlang:dt_restore_tag/1 $erlang:dt_put_tag/1 $erlang:dt_prepend_vm_tag_data/1
  $erlang:dt_append_vm_tag_data/1 $erts_internal:term_type/1 $persistent_term:get/1
  $persistent_term:erase/1 $os:getenv/1 $os:unsetenv/1 $tl_display_text $tl_is_function2
  $erlang:md5/1 $erlang:md5_final/1 $erlang:crc32/1 $erlang:adler32/1 $tl_display_map
  ;; arity 2 (58..)
  $erlang:element/2 $erlang:append_element/2 $erlang:delete_element/2 $erlang:make_tuple/2
  $erlang:is_record/2 $erlang:++/2 $erlang:--/2 $erlang:append/2 $erlang:subtract/2
  $lists:reverse/2 $lists:member/2 $erlang:atom_to_binary/2 $erlang:binary_to_atom/2
  $erlang:binary_to_existing_atom/2 $erlang:is_function/2 $erlang:fun_info/2 $erlang:system_flag/2
  $erlang:get_module_info/2 $erlang:nif_error/2 $persistent_term:get/2 $persistent_term:put/2
  $os:putenv/2 $tl_nodes2 $tl_md5_update_final $erlang:crc32/2 $erlang:adler32/2
  ;; arity 3 (84..)
  $erlang:setelement/3 $erlang:insert_element/3 $erlang:make_tuple/3 $erlang:is_record/3
  $lists:keyfind/3 $lists:keymember/3 $lists:keysearch/3 $erlang:function_exported/3
  $erlang:crc32_combine/3 $erlang:adler32_combine/3 $erlang:is_builtin/3 $erlang:make_fun/3))

(global $test_l_arity1 i32 (i32.const 12))
(global $test_l_arity2 i32 (i32.const 58))
(global $test_l_arity3 i32 (i32.const 84))
(global $test_l_count i32 (i32.const 96))

(func $test:lcount (export "test:lcount") (result i32) (global.get $test_l_count))

;; The text erlang:display/1 would write, as a binary (instead of writing it).
(func $tl_display_text (param $t eqref) (result eqref)
  (call $pb_reset)
  (call $pb_term (local.get $t))
  (call $bin_copy (global.get $pb) (i32.const 0) (global.get $pb_len)))

;; erlang:nodes/2 with the options given as a list of pairs, and each Info map answered
;; as its sorted list of pairs (maps cannot cross the ETF boundary yet).
(func $tl_nodes2 (param $a eqref) (param $l eqref) (result eqref)
  (local $m eqref) (local $r eqref) (local $acc eqref) (local $c (ref $cons)) (local $t (ref $tuple))
  (local $ks eqref) (local $vs eqref) (local $pairs eqref)
  (local.set $m (call $maps:from_list/1 (local.get $l)))
  (if (call $is_fail (local.get $m)) (then (return (local.get $m))))
  (local.set $r (call $erlang:nodes/2 (local.get $a) (local.get $m)))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $r))))
      (local.set $c (ref.cast (ref $cons) (local.get $r)))
      (local.set $t (ref.cast (ref $tuple) (struct.get $cons $hd (local.get $c))))
      (local.set $ks (call $lists:reverse/2 (call $maps:keys/1 (array.get $tuple (local.get $t) (i32.const 1))) (ref.null none)))
      (local.set $vs (call $lists:reverse/2 (call $maps:values/1 (array.get $tuple (local.get $t) (i32.const 1))) (ref.null none)))
      (local.set $pairs (ref.null none))
      (block $zipped
        (loop $zip
          (br_if $zipped (i32.eqz (ref.test (ref $cons) (local.get $ks))))
          (local.set $pairs (struct.new $cons
            (call $tuple2 (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ks))) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $vs))))
            (local.get $pairs)))
          (local.set $ks (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ks))))
          (local.set $vs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $vs))))
          (br $zip)))
      (local.set $acc (struct.new $cons (call $tuple2 (array.get $tuple (local.get $t) (i32.const 0)) (local.get $pairs)) (local.get $acc)))
      (local.set $r (struct.get $cons $tl (local.get $c)))
      (br $next)))
  (call $lists:reverse/2 (local.get $acc) (ref.null none)))

;; system_info(max_heap_size) as the sorted list of its pairs.
(func $tl_max_heap_size_info (result eqref)
  (local $m eqref)
  (local.set $m (call $erlang:system_info/1 (global.get $atom.max_heap_size)))
  (call $lists:reverse/2
    (call $tl_zip (call $maps:keys/1 (local.get $m)) (call $maps:values/1 (local.get $m)))
    (ref.null none)))

;; [{K, V}] from equally long key and value lists, reversed.
(func $tl_zip (param $ks eqref) (param $vs eqref) (result eqref)
  (local $acc eqref)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $ks))))
      (local.set $acc (struct.new $cons
        (call $tuple2 (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ks))) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $vs))))
        (local.get $acc)))
      (local.set $ks (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ks))))
      (local.set $vs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $vs))))
      (br $next)))
  (local.get $acc))

;; The deterministic part of md5_init/0: the state words and the count.
(func $tl_md5_init_state (result eqref)
  (local $c (ref $bin))
  (local.set $c (ref.cast (ref $bin) (call $erlang:md5_init/0)))
  (call $bin_copy (struct.get $bin $data (local.get $c)) (struct.get $bin $off (local.get $c)) (i32.const 24)))

;; md5_final(md5_update(C, D)): the VM's contexts hold stray bytes, so only digests compare.
(func $tl_md5_update_final (param $c eqref) (param $d eqref) (result eqref)
  (local $r eqref)
  (local.set $r (call $erlang:md5_update/2 (local.get $c) (local.get $d)))
  (if (call $is_fail (local.get $r)) (then (return (local.get $r))))
  (call $erlang:md5_final/1 (local.get $r)))

;; The display text of maps:from_list(L) (maps cannot cross the ETF boundary).
(func $tl_display_map (param $l eqref) (result eqref)
  (local $m eqref)
  (local.set $m (call $maps:from_list/1 (local.get $l)))
  (if (call $is_fail (local.get $m)) (then (return (local.get $m))))
  (call $tl_display_text (local.get $m)))

;; $is_function2 as a boolean.
(func $tl_is_function2 (param $a eqref) (result eqref)
  (local $t (ref $tuple))
  (local.set $t (ref.cast (ref $tuple) (local.get $a)))
  (call $bool (call $is_function2 (array.get $tuple (local.get $t) (i32.const 0)) (array.get $tuple (local.get $t) (i32.const 1)))))

;; A trampoline funs made by $tl_funs point at (never called by the tests).
(func $tl_never (result eqref) (global.get $atom.undefined))
(elem declare func $tl_never)

;; Replaces every {'$fun', ...} stand-in inside `t` by the fun it describes.
(func $tl_funs (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $n i32) (local $i i32) (local $new (ref $tuple)) (local $c (ref $cons))
  (local $head eqref) (local $last (ref null $cons)) (local $cell (ref $cons)) (local $env eqref)
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (local.set $n (array.len (local.get $tup)))
      (if (if (result i32) (i32.ge_u (local.get $n) (i32.const 4))
            (then (call $eq_exact (array.get $tuple (local.get $tup) (i32.const 0)) (call $tl_fun_tag)))
            (else (i32.const 0)))
        (then
          (if (i32.eq (local.get $n) (i32.const 4))
            (then
              (return (struct.new $fun (ref.func $tl_never)
                (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 3))))
                (struct.new $funinfo (i32.const 1)
                  (ref.cast (ref $atom) (array.get $tuple (local.get $tup) (i32.const 1)))
                  (ref.cast (ref $atom) (array.get $tuple (local.get $tup) (i32.const 2)))
                  (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 3))))
                  (i32.const 0) (i32.const 0))
                (ref.null none)))))
          (local.set $env (call $tl_funs (array.get $tuple (local.get $tup) (i32.const 6))))
          (return (struct.new $fun (ref.func $tl_never)
            (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 3))))
            (struct.new $funinfo (i32.const 0)
              (ref.cast (ref $atom) (array.get $tuple (local.get $tup) (i32.const 1)))
              (ref.cast (ref $atom) (array.get $tuple (local.get $tup) (i32.const 2)))
              (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 3))))
              (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $tup) (i32.const 4))))
              (i32.wrap_i64 (call $int_i64 (array.get $tuple (local.get $tup) (i32.const 5)))))
            (if (result (ref null $tuple)) (ref.is_null (local.get $env))
              (then (ref.null none))
              (else (ref.cast (ref $tuple) (call $erlang:list_to_tuple/1 (local.get $env)))))))))
      (local.set $new (array.new $tuple (ref.null none) (local.get $n)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (array.set $tuple (local.get $new) (local.get $i) (call $tl_funs (array.get $tuple (local.get $tup) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (local.get $new))))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $t))))
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $cell (struct.new $cons (call $tl_funs (struct.get $cons $hd (local.get $c))) (ref.null none)))
          (if (ref.is_null (local.get $last))
            (then (local.set $head (local.get $cell)))
            (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $cell))))
          (local.set $last (local.get $cell))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (br $next)))
      (struct.set $cons $tl (ref.as_non_null (local.get $last)) (call $tl_funs (local.get $t)))
      (return (local.get $head))))
  (local.get $t))

;; The atom '$fun'.
(func $tl_fun_tag (result eqref)
  (local $b (ref $bytes))
  (local.set $b (array.new_fixed $bytes 4 (i32.const 36) (i32.const 102) (i32.const 117) (i32.const 110)))
  (call $atom_intern (local.get $b) (i32.const 0) (i32.const 4)))

;; Copies memory[0..len] into a fresh byte array.
(func $tl_input (param $len i32) (result (ref $bytes))
  (local $in (ref $bytes)) (local $i i32)
  (local.set $in (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $in) (local.get $i) (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $in))

;; Writes the ETF of {ok, R} or {error, Reason} (R the $FAIL sentinel) at memory[0..];
;; returns its length, or -1.
(func $tl_output (param $r eqref) (result i32)
  (local $out eqref) (local $bin (ref $bin)) (local $n i32) (local $i i32)
  (if (call $is_fail (local.get $r))
    (then (local.set $r (call $tuple2 (global.get $atom.error) (global.get $fail_reason))))
    (else (local.set $r (call $tuple2 (global.get $atom.ok) (local.get $r)))))
  (local.set $out (call $erlang:term_to_binary/1 (local.get $r)))
  (if (call $is_fail (local.get $out)) (then (return (i32.const -1))))
  (local.set $bin (ref.cast (ref $bin) (local.get $out)))
  (local.set $n (struct.get $bin $size (local.get $bin)))
  (call $test_mem_reserve (local.get $n))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (local.get $i) (array.get_u $bytes (struct.get $bin $data (local.get $bin))
        (i32.add (struct.get $bin $off (local.get $bin)) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $n))

(func $test:lcall (export "test:lcall") (param $idx i32) (param $len i32) (result i32)
  (local $args eqref) (local $argc i32) (local $a eqref) (local $b eqref) (local $c eqref) (local $r eqref)
  (local $l eqref)
  (local.set $args (call $erlang:binary_to_term/1 (call $bin_of (call $tl_input (local.get $len)))))
  (if (call $is_fail (local.get $args)) (then (return (i32.const -2))))
  (local.set $args (call $tl_funs (local.get $args)))
  (local.set $argc (call $list_length (local.get $args)))
  (local.set $l (local.get $args))
  (if (i32.ge_s (local.get $argc) (i32.const 1))
    (then
      (local.set $a (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))))
  (if (i32.ge_s (local.get $argc) (i32.const 2))
    (then
      (local.set $b (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))))
  (if (i32.ge_s (local.get $argc) (i32.const 3))
    (then (local.set $c (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))))
  (if (i32.ge_u (local.get $idx) (global.get $test_l_count)) (then (return (i32.const -2))))
  (if (i32.lt_u (local.get $idx) (global.get $test_l_arity1))
    (then
      (if (local.get $argc) (then (return (i32.const -2))))
      (return (call $tl_output (call_indirect $test_lfuns (type $fn0) (local.get $idx))))))
  (if (i32.lt_u (local.get $idx) (global.get $test_l_arity2))
    (then
      (if (i32.ne (local.get $argc) (i32.const 1)) (then (return (i32.const -2))))
      (return (call $tl_output (call_indirect $test_lfuns (type $fn1) (local.get $a) (local.get $idx))))))
  (if (i32.lt_u (local.get $idx) (global.get $test_l_arity3))
    (then
      (if (i32.ne (local.get $argc) (i32.const 2)) (then (return (i32.const -2))))
      (return (call $tl_output (call_indirect $test_lfuns (type $fn2) (local.get $a) (local.get $b) (local.get $idx))))))
  (if (i32.ne (local.get $argc) (i32.const 3)) (then (return (i32.const -2))))
  (call $tl_output (call_indirect $test_lfuns (type $fn3) (local.get $a) (local.get $b) (local.get $c) (local.get $idx))))

;; `t` with every map replaced by {'$map', [{K, V}, ...]} in maps:to_list/1's order
;; (maps cannot cross the ETF boundary yet).
(func $tl_maps (param $t eqref) (result eqref)
  (local $tup (ref $tuple)) (local $n i32) (local $i i32) (local $new (ref $tuple)) (local $c (ref $cons))
  (local $head eqref) (local $last (ref null $cons)) (local $cell (ref $cons)) (local $ks eqref) (local $vs eqref)
  (local $pairs eqref)
  (if (call $is_map (local.get $t))
    (then
      (local.set $ks (call $lists:reverse/2 (call $maps:keys/1 (local.get $t)) (ref.null none)))
      (local.set $vs (call $lists:reverse/2 (call $maps:values/1 (local.get $t)) (ref.null none)))
      (block $zipped
        (loop $zip
          (br_if $zipped (i32.eqz (ref.test (ref $cons) (local.get $ks))))
          (local.set $pairs (struct.new $cons
            (call $tuple2 (call $tl_maps (struct.get $cons $hd (ref.cast (ref $cons) (local.get $ks))))
                          (call $tl_maps (struct.get $cons $hd (ref.cast (ref $cons) (local.get $vs)))))
            (local.get $pairs)))
          (local.set $ks (struct.get $cons $tl (ref.cast (ref $cons) (local.get $ks))))
          (local.set $vs (struct.get $cons $tl (ref.cast (ref $cons) (local.get $vs))))
          (br $zip)))
      (return (call $tuple2 (call $tl_map_tag) (local.get $pairs)))))
  (if (ref.test (ref $tuple) (local.get $t))
    (then
      (local.set $tup (ref.cast (ref $tuple) (local.get $t)))
      (local.set $n (array.len (local.get $tup)))
      (local.set $new (array.new $tuple (ref.null none) (local.get $n)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (array.set $tuple (local.get $new) (local.get $i) (call $tl_maps (array.get $tuple (local.get $tup) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (local.get $new))))
  (if (ref.test (ref $cons) (local.get $t))
    (then
      (block $done
        (loop $next
          (br_if $done (i32.eqz (ref.test (ref $cons) (local.get $t))))
          (local.set $c (ref.cast (ref $cons) (local.get $t)))
          (local.set $cell (struct.new $cons (call $tl_maps (struct.get $cons $hd (local.get $c))) (ref.null none)))
          (if (ref.is_null (local.get $last))
            (then (local.set $head (local.get $cell)))
            (else (struct.set $cons $tl (ref.as_non_null (local.get $last)) (local.get $cell))))
          (local.set $last (local.get $cell))
          (local.set $t (struct.get $cons $tl (local.get $c)))
          (br $next)))
      (struct.set $cons $tl (ref.as_non_null (local.get $last)) (call $tl_maps (local.get $t)))
      (return (local.get $head))))
  (local.get $t))

;; The atom '$map'.
(func $tl_map_tag (result eqref)
  (local $b (ref $bytes))
  (local.set $b (array.new_fixed $bytes 4 (i32.const 36) (i32.const 109) (i32.const 97) (i32.const 112)))
  (call $atom_intern (local.get $b) (i32.const 0) (i32.const 4)))

;; Decodes memory[0..len] as a literal pool segment: {ok, {Literal, ...}}, maps shown as
;; by $tl_maps.
(func $test:literals (export "test:literals") (param $len i32) (result i32)
  (call $tl_output (call $tl_maps (call $literals_decode (call $tl_input (local.get $len))))))

;; Decodes memory[0..len] as a literal pool segment and answers how many literals it holds
;; (for timing the decoder alone).
(func $test:literals_count (export "test:literals_count") (param $len i32) (result i32)
  (array.len (call $literals_decode (call $tl_input (local.get $len)))))
