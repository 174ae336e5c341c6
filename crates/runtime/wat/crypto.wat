;; crypto.wat — the `crypto` module's digest and HMAC NIFs: hash_nif/2, hash_init_nif/1,
;; hash_update_nif/2, hash_final_nif/1, hash_info_nif/1, mac_nif/4, mac_init_nif/3,
;; mac_update_nif/2, mac_final_nif/1 and hash_equals_nif/2. The digests are the host's
;; (bw.crypto_hash, bw.crypto_hmac; docs/ABI.md §6); crypto.erl's Erlang runs unmodified
;; around them. A bad argument raises what the VM's NIF raises,
;; {badarg, #{c_file_name, c_file_line_num, c_function_arg_num}, Text}, which crypto.erl
;; turns into its documented error.
;;
;; A hash state is a reference to the algorithm and the chunks hashed so far (newest
;; first); hash_update returns a new state and leaves the old one usable, as on the VM. A
;; MAC state is a mutable reference, as on the VM. The digest is computed at the end over
;; all the chunks.

(type $hstate (struct (field $alg i32) (field $chunks eqref)))
(type $mstate (struct (field $alg i32) (field $key (ref $bin)) (field $chunks (mut eqref))))

;; The algorithm number of a digest name (bw.crypto_hash's `alg`), 0 for any other term.
(func $digest_alg (param $t eqref) (result i32)
  (if (ref.eq (local.get $t) (global.get $atom.sha)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $t) (global.get $atom.sha224)) (then (return (i32.const 2))))
  (if (ref.eq (local.get $t) (global.get $atom.sha256)) (then (return (i32.const 3))))
  (if (ref.eq (local.get $t) (global.get $atom.sha384)) (then (return (i32.const 4))))
  (if (ref.eq (local.get $t) (global.get $atom.sha512)) (then (return (i32.const 5))))
  (if (ref.eq (local.get $t) (global.get $atom.md5)) (then (return (i32.const 6))))
  (if (ref.eq (local.get $t) (global.get $atom.sha3_224)) (then (return (i32.const 7))))
  (if (ref.eq (local.get $t) (global.get $atom.sha3_256)) (then (return (i32.const 8))))
  (if (ref.eq (local.get $t) (global.get $atom.sha3_384)) (then (return (i32.const 9))))
  (if (ref.eq (local.get $t) (global.get $atom.sha3_512)) (then (return (i32.const 10))))
  (if (ref.eq (local.get $t) (global.get $atom.blake2b)) (then (return (i32.const 11))))
  (if (ref.eq (local.get $t) (global.get $atom.blake2s)) (then (return (i32.const 12))))
  (i32.const 0))

;; Digest size, block size and OpenSSL's NID of algorithm `alg` (1..12), as hash_info/1
;; reports them: 3 × i16 each.
(data $digest_info
  "\14\00\40\00\40\00" "\1c\00\40\00\a3\02" "\20\00\40\00\a0\02" "\30\00\80\00\a1\02"
  "\40\00\80\00\a2\02" "\10\00\40\00\04\00" "\1c\00\90\00\48\04" "\20\00\88\00\49\04"
  "\30\00\68\00\4a\04" "\40\00\48\00\4b\04" "\40\00\80\00\20\04" "\20\00\40\00\21\04")

;; The texts of the NIFs' errors.
(data $crypto_text "hash.cmac.cBad digest typeBad stateBad digest algorithm for HMACBad refUnknown mac algorithmBad textpbkdf2_hmac.cNot eligible digest typeNot binaryNot integerMust be > 0")

;; The characters of `len` bytes of $crypto_text at `off`.
(func $crypto_text (param $off i32) (param $len i32) (result eqref)
  (call $erlang:binary_to_list/1 (call $bin_of (array.new_data $bytes $crypto_text (local.get $off) (local.get $len)))))

;; The C files the VM's errors name: 0 hash.c, 1 mac.c, 2 pbkdf2_hmac.c (offset, length
;; in $crypto_text).
(func $crypto_file (param $file i32) (result eqref)
  (if (i32.eq (local.get $file) (i32.const 1)) (then (return (call $crypto_text (i32.const 6) (i32.const 5)))))
  (if (i32.eq (local.get $file) (i32.const 2)) (then (return (call $crypto_text (i32.const 100) (i32.const 13)))))
  (call $crypto_text (i32.const 0) (i32.const 6)))

;; Raises the VM NIF's argument error: {badarg, #{c_file_name => File, c_file_line_num =>
;; Line, c_function_arg_num => Arg}, Text}, File one of $crypto_file's.
(func $crypto_badarg (param $file i32) (param $line i32) (param $arg i32) (param $off i32) (param $len i32) (result eqref)
  (call $raise_error (call $tuple3 (global.get $atom.badarg)
    (call $maps:from_list/1
      (struct.new $cons (call $tuple2 (global.get $atom.c_file_name) (call $crypto_file (local.get $file)))
        (struct.new $cons (call $tuple2 (global.get $atom.c_file_line_num) (ref.i31 (local.get $line)))
          (struct.new $cons (call $tuple2 (global.get $atom.c_function_arg_num) (ref.i31 (local.get $arg)))
            (ref.null none)))))
    (call $crypto_text (local.get $off) (local.get $len))))
  (unreachable))

(func $crypto_bad_digest (param $line i32) (result eqref)
  (call $crypto_badarg (i32.const 0) (local.get $line) (i32.const 0) (i32.const 11) (i32.const 15)))
(func $crypto_bad_state (param $line i32) (result eqref)
  (call $crypto_badarg (i32.const 0) (local.get $line) (i32.const 0) (i32.const 26) (i32.const 9)))
(func $crypto_bad_ref (param $line i32) (result eqref)
  (call $crypto_badarg (i32.const 1) (local.get $line) (i32.const 0) (i32.const 64) (i32.const 7)))

;; The digest of the bytes of `data` (a binary) by `alg`.
(func $digest (param $alg i32) (param $data (ref $bin)) (result eqref)
  (local $r i32)
  (local.set $r (call $host.crypto_hash (local.get $alg) (i32.const 0) (call $stage_bytes (local.get $data) (i32.const 0))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail (call $staged_error (local.get $r))))))
  (call $bin_from_memory (i32.const 0) (local.get $r)))

;; The HMAC of `data` under `key` with digest `alg`.
(func $hmac (param $alg i32) (param $key (ref $bin)) (param $data (ref $bin)) (result eqref)
  (local $kend i32) (local $dend i32) (local $r i32)
  (local.set $kend (call $stage_bytes (local.get $key) (i32.const 0)))
  (local.set $dend (call $stage_bytes (local.get $data) (local.get $kend)))
  (local.set $r (call $host.crypto_hmac (local.get $alg) (i32.const 0) (local.get $kend)
    (local.get $kend) (i32.sub (local.get $dend) (local.get $kend))))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail (call $staged_error (local.get $r))))))
  (call $bin_from_memory (i32.const 0) (local.get $r)))

;; The chunks of a state (newest first) as one binary.
(func $chunks_binary (param $chunks eqref) (result (ref $bin))
  (ref.cast (ref $bin) (call $erlang:iolist_to_binary/1 (call $list_reverse_onto (local.get $chunks) (ref.null none)))))

;; crypto:hash_nif(Type, Data) -> Digest
(func $crypto:hash_nif/2 (param $type eqref) (param $data eqref) (result eqref)
  (local $alg i32) (local $b (ref null $bin))
  (local.set $alg (call $digest_alg (local.get $type)))
  (if (i32.eqz (local.get $alg)) (then (return (call $crypto_bad_digest (i32.const 108)))))
  (local.set $b (call $as_bytes (local.get $data)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (call $digest (local.get $alg) (ref.as_non_null (local.get $b))))

;; crypto:hash_init_nif(Type) -> State
(func $crypto:hash_init_nif/1 (param $type eqref) (result eqref)
  (local $alg i32)
  (local.set $alg (call $digest_alg (local.get $type)))
  (if (i32.eqz (local.get $alg)) (then (return (call $crypto_bad_digest (i32.const 142)))))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter) (struct.new $hstate (local.get $alg) (ref.null none))))

;; The hash state behind `r`, or null.
(func $hstate_of (param $r eqref) (result (ref null $hstate))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))))
  (if (result (ref null $hstate)) (ref.test (ref $hstate) (local.get $p))
    (then (ref.cast (ref $hstate) (local.get $p)))
    (else (ref.null none))))

;; crypto:hash_update_nif(State, Data) -> NewState
(func $crypto:hash_update_nif/2 (param $state eqref) (param $data eqref) (result eqref)
  (local $s (ref null $hstate)) (local $b (ref null $bin))
  (local.set $s (call $hstate_of (local.get $state)))
  (if (ref.is_null (local.get $s)) (then (return (call $crypto_bad_state (i32.const 171)))))
  (local.set $b (call $as_bytes (local.get $data)))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter)
    (struct.new $hstate (struct.get $hstate $alg (local.get $s))
      (struct.new $cons (ref.as_non_null (local.get $b)) (struct.get $hstate $chunks (local.get $s))))))

;; crypto:hash_final_nif(State) -> Digest
(func $crypto:hash_final_nif/1 (param $state eqref) (result eqref)
  (local $s (ref null $hstate))
  (local.set $s (call $hstate_of (local.get $state)))
  (if (ref.is_null (local.get $s)) (then (return (call $crypto_bad_state (i32.const 205)))))
  (call $digest (struct.get $hstate $alg (local.get $s)) (call $chunks_binary (struct.get $hstate $chunks (local.get $s)))))

;; crypto:hash_info_nif(Type) -> #{type, size, block_size}; badarg for another term.
(func $crypto:hash_info_nif/1 (param $type eqref) (result eqref)
  (local $alg i32) (local $info (ref $bytes))
  (local.set $alg (call $digest_alg (local.get $type)))
  (if (i32.eqz (local.get $alg)) (then (return (call $fail_badarg))))
  (local.set $info (array.new_data $bytes $digest_info (i32.mul (i32.sub (local.get $alg) (i32.const 1)) (i32.const 6)) (i32.const 6)))
  (call $maps:from_list/1
    (struct.new $cons (call $tuple2 (global.get $atom.type) (ref.i31 (call $u16le (local.get $info) (i32.const 4))))
      (struct.new $cons (call $tuple2 (global.get $atom.size) (ref.i31 (call $u16le (local.get $info) (i32.const 0))))
        (struct.new $cons (call $tuple2 (global.get $atom.block_size) (ref.i31 (call $u16le (local.get $info) (i32.const 2))))
          (ref.null none))))))

(func $u16le (param $b (ref $bytes)) (param $at i32) (result i32)
  (i32.or (array.get_u $bytes (local.get $b) (local.get $at))
          (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $at) (i32.const 1))) (i32.const 8))))

;; The HMAC digest of a mac call: `type` must be hmac and `sub` a digest, else the VM's
;; errors (lines of its mac_nif or mac_init_nif). Other MAC types (cmac, poly1305) are not
;; in beamwasm: error({notsup, Type}).
(func $mac_alg (param $type eqref) (param $sub eqref) (param $type_line i32) (param $sub_line i32) (result i32)
  (local $alg i32)
  (if (i32.eqz (ref.eq (local.get $type) (global.get $atom.hmac)))
    (then
      (if (i32.or (ref.eq (local.get $type) (global.get $atom.cmac)) (ref.eq (local.get $type) (global.get $atom.poly1305)))
        (then (call $raise_error (call $tuple2 (global.get $atom.notsup) (local.get $type)))))
      (drop (call $crypto_badarg (i32.const 1) (local.get $type_line) (i32.const 0) (i32.const 71) (i32.const 21)))))
  (local.set $alg (call $digest_alg (local.get $sub)))
  (if (i32.eqz (local.get $alg))
    (then (drop (call $crypto_badarg (i32.const 1) (local.get $sub_line) (i32.const 1) (i32.const 35) (i32.const 29)))))
  (local.get $alg))

;; crypto:mac_nif(Type, SubType, Key, Data) -> Mac
(func $crypto:mac_nif/4 (param $type eqref) (param $sub eqref) (param $key eqref) (param $data eqref) (result eqref)
  (local $alg i32) (local $k (ref null $bin)) (local $d eqref)
  (local.set $alg (call $mac_alg (local.get $type) (local.get $sub) (i32.const 233) (i32.const 263)))
  (local.set $k (call $as_bytes (local.get $key)))
  (if (ref.is_null (local.get $k)) (then (return (call $fail_badarg))))
  (local.set $d (call $erlang:iolist_to_binary/1 (local.get $data)))
  (if (call $is_fail (local.get $d))
    (then (return (call $crypto_badarg (i32.const 1) (i32.const 175) (i32.const 3) (i32.const 92) (i32.const 8)))))
  (call $hmac (local.get $alg) (ref.as_non_null (local.get $k)) (ref.cast (ref $bin) (local.get $d))))

;; crypto:mac_init_nif(Type, SubType, Key) -> State
(func $crypto:mac_init_nif/3 (param $type eqref) (param $sub eqref) (param $key eqref) (result eqref)
  (local $alg i32) (local $k (ref null $bin))
  (local.set $alg (call $mac_alg (local.get $type) (local.get $sub) (i32.const 587) (i32.const 617)))
  (local.set $k (call $as_bytes (local.get $key)))
  (if (ref.is_null (local.get $k)) (then (return (call $fail_badarg))))
  (global.set $ref_counter (i64.add (global.get $ref_counter) (i64.const 1)))
  (struct.new $mref (global.get $ref_counter)
    (struct.new $mstate (local.get $alg) (ref.as_non_null (local.get $k)) (ref.null none))))

(func $mstate_of (param $r eqref) (result (ref null $mstate))
  (local $p eqref)
  (if (i32.eqz (ref.test (ref $mref) (local.get $r))) (then (return (ref.null none))))
  (local.set $p (struct.get $mref $payload (ref.cast (ref $mref) (local.get $r))))
  (if (result (ref null $mstate)) (ref.test (ref $mstate) (local.get $p))
    (then (ref.cast (ref $mstate) (local.get $p)))
    (else (ref.null none))))

;; crypto:mac_update_nif(State, Data) -> State
(func $crypto:mac_update_nif/2 (param $state eqref) (param $data eqref) (result eqref)
  (local $s (ref null $mstate)) (local $d eqref)
  (local.set $s (call $mstate_of (local.get $state)))
  (if (ref.is_null (local.get $s)) (then (return (call $crypto_bad_ref (i32.const 817)))))
  (local.set $d (call $erlang:iolist_to_binary/1 (local.get $data)))
  (if (call $is_fail (local.get $d))
    (then (return (call $crypto_badarg (i32.const 1) (i32.const 820) (i32.const 1) (i32.const 92) (i32.const 8)))))
  (struct.set $mstate $chunks (local.get $s) (struct.new $cons (local.get $d) (struct.get $mstate $chunks (local.get $s))))
  (local.get $state))

;; crypto:mac_final_nif(State) -> Mac
(func $crypto:mac_final_nif/1 (param $state eqref) (result eqref)
  (local $s (ref null $mstate))
  (local.set $s (call $mstate_of (local.get $state)))
  (if (ref.is_null (local.get $s)) (then (return (call $crypto_bad_ref (i32.const 847)))))
  (call $hmac (struct.get $mstate $alg (local.get $s)) (struct.get $mstate $key (local.get $s))
    (call $chunks_binary (struct.get $mstate $chunks (local.get $s)))))

;; crypto:pbkdf2_hmac_nif(Digest, Pass, Salt, Iterations, KeyLen) -> Key (RFC 8018's
;; PBKDF2 over the host's HMAC; sha and the sha2 family only, as on the VM).
(func $crypto:pbkdf2_hmac_nif/5 (param $d eqref) (param $pass eqref) (param $salt eqref) (param $iter eqref) (param $klen eqref) (result eqref)
  (local $alg i32) (local $p (ref null $bin)) (local $s (ref null $bin)) (local $n i32) (local $len i32)
  (local $out (ref $bytes)) (local $at i32) (local $block i32) (local $u (ref $bin)) (local $t (ref $bytes))
  (local $seed (ref $bytes)) (local $k i32) (local $i i32) (local $hlen i32) (local $take i32)
  (local.set $alg (call $digest_alg (local.get $d)))
  (if (i32.eqz (local.get $alg)) (then (return (call $crypto_badarg (i32.const 2) (i32.const 34) (i32.const 0) (i32.const 11) (i32.const 15)))))
  (if (i32.gt_u (local.get $alg) (i32.const 5))
    (then (return (call $crypto_badarg (i32.const 2) (i32.const 38) (i32.const 0) (i32.const 113) (i32.const 24)))))
  (local.set $p (call $as_bytes (local.get $pass)))
  (if (ref.is_null (local.get $p)) (then (return (call $crypto_badarg (i32.const 2) (i32.const 41) (i32.const 1) (i32.const 137) (i32.const 10)))))
  (local.set $s (call $as_bytes (local.get $salt)))
  (if (ref.is_null (local.get $s)) (then (return (call $crypto_badarg (i32.const 2) (i32.const 44) (i32.const 2) (i32.const 137) (i32.const 10)))))
  (if (i32.eqz (ref.test (ref i31) (local.get $iter)))
    (then (return (call $crypto_badarg (i32.const 2) (i32.const 47) (i32.const 3) (i32.const 147) (i32.const 11)))))
  (local.set $n (i31.get_s (ref.cast (ref i31) (local.get $iter))))
  (if (i32.le_s (local.get $n) (i32.const 0))
    (then (return (call $crypto_badarg (i32.const 2) (i32.const 49) (i32.const 3) (i32.const 158) (i32.const 11)))))
  (if (i32.eqz (ref.test (ref i31) (local.get $klen)))
    (then (return (call $crypto_badarg (i32.const 2) (i32.const 52) (i32.const 4) (i32.const 147) (i32.const 11)))))
  (local.set $len (i31.get_s (ref.cast (ref i31) (local.get $klen))))
  (if (i32.le_s (local.get $len) (i32.const 0))
    (then (return (call $crypto_badarg (i32.const 2) (i32.const 54) (i32.const 4) (i32.const 158) (i32.const 11)))))
  (local.set $out (array.new_default $bytes (local.get $len)))
  ;; Salt followed by the block number (4 bytes, big-endian).
  (local.set $seed (array.new_default $bytes (i32.add (struct.get $bin $size (local.get $s)) (i32.const 4))))
  (array.copy $bytes $bytes (local.get $seed) (i32.const 0)
    (struct.get $bin $data (local.get $s)) (struct.get $bin $off (local.get $s)) (struct.get $bin $size (local.get $s)))
  (block $done
    (loop $blocks
      (br_if $done (i32.ge_u (local.get $at) (local.get $len)))
      (local.set $block (i32.add (local.get $block) (i32.const 1)))
      (local.set $i (struct.get $bin $size (local.get $s)))
      (array.set $bytes (local.get $seed) (local.get $i) (i32.shr_u (local.get $block) (i32.const 24)))
      (array.set $bytes (local.get $seed) (i32.add (local.get $i) (i32.const 1)) (i32.shr_u (local.get $block) (i32.const 16)))
      (array.set $bytes (local.get $seed) (i32.add (local.get $i) (i32.const 2)) (i32.shr_u (local.get $block) (i32.const 8)))
      (array.set $bytes (local.get $seed) (i32.add (local.get $i) (i32.const 3)) (local.get $block))
      (local.set $u (ref.cast (ref $bin) (call $hmac (local.get $alg) (ref.as_non_null (local.get $p)) (call $bin_of (local.get $seed)))))
      (local.set $hlen (struct.get $bin $size (local.get $u)))
      (local.set $t (array.new_default $bytes (local.get $hlen)))
      (array.copy $bytes $bytes (local.get $t) (i32.const 0) (struct.get $bin $data (local.get $u)) (struct.get $bin $off (local.get $u)) (local.get $hlen))
      (local.set $k (i32.const 1))
      (block $iterated
        (loop $iterate
          (br_if $iterated (i32.ge_u (local.get $k) (local.get $n)))
          (local.set $u (ref.cast (ref $bin) (call $hmac (local.get $alg) (ref.as_non_null (local.get $p)) (local.get $u))))
          (local.set $i (i32.const 0))
          (block $xored
            (loop $xor
              (br_if $xored (i32.ge_u (local.get $i) (local.get $hlen)))
              (array.set $bytes (local.get $t) (local.get $i)
                (i32.xor (array.get_u $bytes (local.get $t) (local.get $i))
                  (array.get_u $bytes (struct.get $bin $data (local.get $u)) (i32.add (struct.get $bin $off (local.get $u)) (local.get $i)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $xor)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $iterate)))
      (local.set $take (select (local.get $hlen) (i32.sub (local.get $len) (local.get $at))
        (i32.lt_u (local.get $hlen) (i32.sub (local.get $len) (local.get $at)))))
      (array.copy $bytes $bytes (local.get $out) (local.get $at) (local.get $t) (i32.const 0) (local.get $take))
      (local.set $at (i32.add (local.get $at) (local.get $take)))
      (br $blocks)))
  (call $bin_of (local.get $out)))

;; crypto:hash_equals_nif(A, B): whether two binaries of one size are equal, looking at
;; every byte whatever the first difference (badarg for other sizes or terms).
(func $crypto:hash_equals_nif/2 (param $a eqref) (param $b eqref) (result eqref)
  (local $x (ref null $bin)) (local $y (ref null $bin)) (local $n i32) (local $i i32) (local $diff i32)
  (local.set $x (call $as_bytes (local.get $a)))
  (local.set $y (call $as_bytes (local.get $b)))
  (if (i32.or (ref.is_null (local.get $x)) (ref.is_null (local.get $y))) (then (return (call $fail_badarg))))
  (local.set $n (struct.get $bin $size (local.get $x)))
  (if (i32.ne (local.get $n) (struct.get $bin $size (local.get $y))) (then (return (call $fail_badarg))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $diff (i32.or (local.get $diff) (i32.xor
        (array.get_u $bytes (struct.get $bin $data (local.get $x)) (i32.add (struct.get $bin $off (local.get $x)) (local.get $i)))
        (array.get_u $bytes (struct.get $bin $data (local.get $y)) (i32.add (struct.get $bin $off (local.get $y)) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (result eqref) (local.get $diff) (then (global.get $atom.false)) (else (global.get $atom.true))))
