;; io.wat — bytes to and from the host, through the staging area of linear memory.

;; Writes the bytes of binary `b` to file descriptor `fd`, in staging-sized chunks.
(func $write_bin (param $fd i32) (param $b (ref $bin))
  (local $data (ref $bytes)) (local $off i32) (local $left i32) (local $n i32) (local $i i32)
  (local.set $data (struct.get $bin $data (local.get $b)))
  (local.set $off (struct.get $bin $off (local.get $b)))
  (local.set $left (struct.get $bin $size (local.get $b)))
  (block $done
    (loop $chunk
      (br_if $done (i32.eqz (local.get $left)))
      (local.set $n (select (local.get $left) (global.get $staging_size)
        (i32.lt_u (local.get $left) (global.get $staging_size))))
      (local.set $i (i32.const 0))
      (block $copied
        (loop $copy
          (br_if $copied (i32.ge_u (local.get $i) (local.get $n)))
          (i32.store8 (local.get $i) (array.get_u $bytes (local.get $data) (i32.add (local.get $off) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy)))
      (call $host.write (local.get $fd) (i32.const 0) (local.get $n))
      (local.set $off (i32.add (local.get $off) (local.get $n)))
      (local.set $left (i32.sub (local.get $left) (local.get $n)))
      (br $chunk))))

;; A binary holding `len` bytes of linear memory from `ptr`.
(func $bin_from_memory (param $ptr i32) (param $len i32) (result (ref $bin))
  (local $data (ref $bytes)) (local $i i32)
  (local.set $data (array.new_default $bytes (local.get $len)))
  (block $done
    (loop $copy
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (array.set $bytes (local.get $data) (local.get $i) (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $copy)))
  (call $bin_of (local.get $data)))

;; beamwasm_rt:write(Fd, Binary): how the I/O servers reach the host.
(func $beamwasm_rt:write/2 (param $fd eqref) (param $b eqref) (result eqref)
  (if (i32.eqz (i32.and (ref.test (ref i31) (local.get $fd)) (ref.test (ref $bin) (local.get $b))))
    (then (return (call $fail_badarg))))
  (call $write_bin (i31.get_s (ref.cast (ref i31) (local.get $fd))) (ref.cast (ref $bin) (local.get $b)))
  (global.get $atom.ok))
