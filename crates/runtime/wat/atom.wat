;; atom.wat — the atom table: id → atom object, id → name, and name → id.
;;
;; The names of the atoms known at build time come from the passive segment $atom_names
;; (laid out by build.rs and the compiler: u32 total length, u32 count, then per atom a
;; LEB128 length and the UTF-8 name). Atom objects are created on first use, except those
;; compiled code refers to, which are globals registered at start-up so that each atom
;; has exactly one object.

(global $atom_tab (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $atom_names (mut (ref $tuple)) (array.new_fixed $tuple 0))
(global $atom_count (mut i32) (i32.const 0))
;; Open-addressed index of names: slot → id + 1 (0: empty). Built on first lookup.
(global $atom_index (mut (ref null $limbs)) (ref.null none))

(func $atoms_init
  (local $hdr (ref $bytes)) (local $data (ref $bytes)) (local $total i32) (local $count i32)
  (local $pos i32) (local $i i32) (local $len i32) (local $shift i32) (local $b i32)
  (local.set $hdr (array.new_data $bytes $atom_names (i32.const 0) (i32.const 8)))
  (local.set $total (call $bytes_u32le (local.get $hdr) (i32.const 0)))
  (local.set $count (call $bytes_u32le (local.get $hdr) (i32.const 4)))
  (local.set $data (array.new_data $bytes $atom_names (i32.const 0) (local.get $total)))
  (global.set $atom_tab (array.new $tuple (ref.null none) (i32.add (local.get $count) (i32.const 64))))
  (global.set $atom_names (array.new $tuple (ref.null none) (i32.add (local.get $count) (i32.const 64))))
  (global.set $atom_count (local.get $count))
  (local.set $pos (i32.const 8))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      ;; LEB128 length
      (local.set $len (i32.const 0))
      (local.set $shift (i32.const 0))
      (loop $leb
        (local.set $b (array.get_u $bytes (local.get $data) (local.get $pos)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $len (i32.or (local.get $len)
          (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
        (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
        (br_if $leb (i32.and (local.get $b) (i32.const 0x80))))
      (array.set $tuple (global.get $atom_names) (local.get $i)
        (struct.new $bin (local.get $data) (local.get $pos) (local.get $len) (i32.const 0) (ref.null $wcursor)))
      (local.set $pos (i32.add (local.get $pos) (local.get $len)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $atoms_register_well_known))

(func $bytes_u32le (param $b (ref $bytes)) (param $at i32) (result i32)
  (i32.or
    (i32.or (array.get_u $bytes (local.get $b) (local.get $at))
            (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $at) (i32.const 1))) (i32.const 8)))
    (i32.or (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $at) (i32.const 2))) (i32.const 16))
            (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $at) (i32.const 3))) (i32.const 24)))))

;; Makes `a` the object of its id (compiled code's atom globals, at start-up).
(func $atom_register (param $a (ref $atom))
  (array.set $tuple (global.get $atom_tab) (struct.get $atom $id (local.get $a)) (local.get $a)))

;; The atom with id `id`.
(func $atom_get (param $id i32) (result (ref $atom))
  (local $a eqref)
  (local.set $a (array.get $tuple (global.get $atom_tab) (local.get $id)))
  (if (ref.is_null (local.get $a))
    (then
      (local.set $a (struct.new $atom (local.get $id)))
      (array.set $tuple (global.get $atom_tab) (local.get $id) (local.get $a))))
  (ref.cast (ref $atom) (local.get $a)))

;; The UTF-8 name of an atom, as a binary.
(func $atom_name (param $a (ref $atom)) (result (ref $bin))
  (ref.cast (ref $bin) (array.get $tuple (global.get $atom_names) (struct.get $atom $id (local.get $a)))))

(func $atom_hash_bytes (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $h i32) (local $i i32)
  (local.set $h (i32.const 0x811c9dc5))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $h (i32.mul
        (i32.xor (local.get $h) (array.get_u $bytes (local.get $d) (i32.add (local.get $off) (local.get $i))))
        (i32.const 0x01000193)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $h))

(func $atom_index_insert (param $idx (ref $limbs)) (param $id i32)
  (local $name (ref $bin)) (local $mask i32) (local $slot i32)
  (local.set $name (ref.cast (ref $bin) (array.get $tuple (global.get $atom_names) (local.get $id))))
  (local.set $mask (i32.sub (array.len (local.get $idx)) (i32.const 1)))
  (local.set $slot (i32.and (local.get $mask)
    (call $atom_hash_bytes (struct.get $bin $data (local.get $name)) (struct.get $bin $off (local.get $name))
      (struct.get $bin $size (local.get $name)))))
  (loop $probe
    (if (array.get $limbs (local.get $idx) (local.get $slot))
      (then
        (local.set $slot (i32.and (local.get $mask) (i32.add (local.get $slot) (i32.const 1))))
        (br $probe))))
  (array.set $limbs (local.get $idx) (local.get $slot) (i32.add (local.get $id) (i32.const 1))))

;; ---- atoms that exist without the program having made them ----------------------------

;; The atoms a VM would have that the program's atom table lacks: those of a booted
;; `elixir` and of every module of the program (compiler: existing_atoms.rs). A hook data
;; segment: u32 compressed length, u32 inflated length, u32 written-out length, then zlib
;; data that inflates to a u32 count and the names, sorted bytewise and front-coded (per
;; name: LEB128 prefix shared with the previous one, LEB128 rest length, rest). Empty here
;; (no names); on first use written out into $existing (each name a LEB128 length and
;; UTF-8 bytes) with $existing_at (where each starts: its length's first byte).
(data $existing_atoms "\00\00\00\00\00\00\00\00\00\00\00\00")
(global $existing (mut (ref null $bytes)) (ref.null none))
(global $existing_at (mut (ref null $limbs)) (ref.null none))

;; The id of the atom named d[off..off+len] if it exists: the program's, one made at run
;; time, or one of $existing_atoms (made now, as the VM made it when it loaded its
;; module). -1 if the VM would not have it either.
(func $atom_find_existing (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $id i32)
  (local.set $id (call $atom_find (local.get $d) (local.get $off) (local.get $len)))
  (if (i32.ge_s (local.get $id) (i32.const 0)) (then (return (local.get $id))))
  (if (i32.eqz (call $existing_has (local.get $d) (local.get $off) (local.get $len))) (then (return (i32.const -1))))
  (struct.get $atom $id (call $atom_intern (local.get $d) (local.get $off) (local.get $len))))

;; Inflates $existing_atoms (once), writes its names out and indexes them. A corrupt
;; segment (never the compiler's) counts as none.
(func $existing_load
  (local $hdr (ref $bytes)) (local $zlen i32) (local $raw (ref null $bytes)) (local $n i32) (local $i i32)
  (local $ip i32) (local $op i32) (local $shared i32) (local $rest i32) (local $len i32) (local $start i32)
  (local $prev i32) (local $out (ref $bytes)) (local $at (ref $limbs)) (local $explen i32)
  (local.set $hdr (array.new_data $bytes $existing_atoms (i32.const 0) (i32.const 12)))
  (local.set $zlen (call $bytes_u32le (local.get $hdr) (i32.const 0)))
  (local.set $explen (call $bytes_u32le (local.get $hdr) (i32.const 8)))
  (if (local.get $zlen)
    (then
      (local.set $raw (call $zlib_inflate (array.new_data $bytes $existing_atoms (i32.const 12) (local.get $zlen))
        (i32.const 0) (local.get $zlen) (call $bytes_u32le (local.get $hdr) (i32.const 4))))))
  (global.set $existing (array.new_default $bytes (i32.const 0)))
  (global.set $existing_at (array.new_default $limbs (i32.const 0)))
  (if (ref.is_null (local.get $raw)) (then (return)))
  (local.set $n (call $bytes_u32le (ref.as_non_null (local.get $raw)) (i32.const 0)))
  (local.set $out (array.new_default $bytes (local.get $explen)))
  (local.set $at (array.new_default $limbs (local.get $n)))
  (local.set $ip (i32.const 4))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $shared (call $existing_leb (ref.as_non_null (local.get $raw)) (local.get $ip)))
      (local.set $ip (global.get $existing_pos))
      (local.set $rest (call $existing_leb (ref.as_non_null (local.get $raw)) (local.get $ip)))
      (local.set $ip (global.get $existing_pos))
      (local.set $len (i32.add (local.get $shared) (local.get $rest)))
      (array.set $limbs (local.get $at) (local.get $i) (local.get $op))
      ;; the length, then the shared prefix from the previous name, then the rest
      (local.set $start (local.get $op))
      (loop $leb
        (array.set $bytes (local.get $out) (local.get $op)
          (i32.or (i32.and (local.get $len) (i32.const 0x7f)) (select (i32.const 0x80) (i32.const 0) (i32.gt_u (local.get $len) (i32.const 0x7f)))))
        (local.set $op (i32.add (local.get $op) (i32.const 1)))
        (local.set $len (i32.shr_u (local.get $len) (i32.const 7)))
        (br_if $leb (local.get $len)))
      (local.set $start (local.get $op))
      (array.copy $bytes $bytes (local.get $out) (local.get $op) (local.get $out) (local.get $prev) (local.get $shared))
      (array.copy $bytes $bytes (local.get $out) (i32.add (local.get $op) (local.get $shared))
        (ref.as_non_null (local.get $raw)) (local.get $ip) (local.get $rest))
      (local.set $ip (i32.add (local.get $ip) (local.get $rest)))
      (local.set $prev (local.get $start))
      (local.set $op (i32.add (local.get $start) (i32.add (local.get $shared) (local.get $rest))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.set $existing (local.get $out))
  (global.set $existing_at (local.get $at)))

;; A LEB128 number at d[pos]; the position after it goes to $existing_pos.
(global $existing_pos (mut i32) (i32.const 0))
(func $existing_leb (param $d (ref $bytes)) (param $pos i32) (result i32)
  (local $v i32) (local $shift i32) (local $b i32)
  (loop $next
    (local.set $b (array.get_u $bytes (local.get $d) (local.get $pos)))
    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
    (local.set $v (i32.or (local.get $v) (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
    (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
    (br_if $next (i32.and (local.get $b) (i32.const 0x80))))
  (global.set $existing_pos (local.get $pos))
  (local.get $v))

;; Whether d[off..off+len] is one of $existing_atoms' names (binary search).
(func $existing_has (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $names (ref $bytes)) (local $at (ref $limbs)) (local $lo i32) (local $hi i32) (local $mid i32)
  (local $pos i32) (local $nlen i32) (local $shift i32) (local $b i32) (local $c i32)
  (if (ref.is_null (global.get $existing_at)) (then (call $existing_load)))
  (local.set $names (ref.as_non_null (global.get $existing)))
  (local.set $at (ref.as_non_null (global.get $existing_at)))
  (local.set $hi (array.len (local.get $at)))
  (block $absent
    (loop $search
      (br_if $absent (i32.ge_u (local.get $lo) (local.get $hi)))
      (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
      (local.set $pos (array.get $limbs (local.get $at) (local.get $mid)))
      (local.set $nlen (i32.const 0))
      (local.set $shift (i32.const 0))
      (loop $leb
        (local.set $b (array.get_u $bytes (local.get $names) (local.get $pos)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $nlen (i32.or (local.get $nlen) (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (local.get $shift))))
        (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
        (br_if $leb (i32.and (local.get $b) (i32.const 0x80))))
      (local.set $c (call $bytes_compare (local.get $d) (local.get $off) (local.get $len)
        (local.get $names) (local.get $pos) (local.get $nlen)))
      (if (i32.eqz (local.get $c)) (then (return (i32.const 1))))
      (if (i32.lt_s (local.get $c) (i32.const 0))
        (then (local.set $hi (local.get $mid)))
        (else (local.set $lo (i32.add (local.get $mid) (i32.const 1)))))
      (br $search)))
  (i32.const 0))

;; Compares a[ao..ao+alen] with b[bo..bo+blen] bytewise: negative, 0 or positive.
(func $bytes_compare (param $a (ref $bytes)) (param $ao i32) (param $alen i32)
                     (param $b (ref $bytes)) (param $bo i32) (param $blen i32) (result i32)
  (local $i i32) (local $n i32) (local $x i32) (local $y i32)
  (local.set $n (select (local.get $alen) (local.get $blen) (i32.lt_u (local.get $alen) (local.get $blen))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get_u $bytes (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $y (array.get_u $bytes (local.get $b) (i32.add (local.get $bo) (local.get $i))))
      (if (i32.ne (local.get $x) (local.get $y)) (then (return (i32.sub (local.get $x) (local.get $y)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.sub (local.get $alen) (local.get $blen)))

;; (Re)builds the name index with room for twice the atoms there are.
(func $atom_index_build (result (ref $limbs))
  (local $cap i32) (local $idx (ref $limbs)) (local $i i32)
  (local.set $cap (i32.const 256))
  (loop $grow
    (if (i32.lt_u (local.get $cap) (i32.mul (global.get $atom_count) (i32.const 2)))
      (then (local.set $cap (i32.shl (local.get $cap) (i32.const 1))) (br $grow))))
  (local.set $idx (array.new_default $limbs (local.get $cap)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $atom_count)))
      (call $atom_index_insert (local.get $idx) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (global.set $atom_index (local.get $idx))
  (local.get $idx))

;; The id of the atom named by the UTF-8 bytes `d[off..off+len]`, or -1.
(func $atom_find (param $d (ref $bytes)) (param $off i32) (param $len i32) (result i32)
  (local $idx (ref $limbs)) (local $mask i32) (local $slot i32) (local $e i32) (local $name (ref $bin))
  (local.set $idx (block $have (result (ref $limbs))
    (br_on_non_null $have (global.get $atom_index))
    (call $atom_index_build)))
  (local.set $mask (i32.sub (array.len (local.get $idx)) (i32.const 1)))
  (local.set $slot (i32.and (local.get $mask)
    (call $atom_hash_bytes (local.get $d) (local.get $off) (local.get $len))))
  (loop $probe
    (local.set $e (array.get $limbs (local.get $idx) (local.get $slot)))
    (if (i32.eqz (local.get $e)) (then (return (i32.const -1))))
    (local.set $name (ref.cast (ref $bin)
      (array.get $tuple (global.get $atom_names) (i32.sub (local.get $e) (i32.const 1)))))
    (if (i32.eq (struct.get $bin $size (local.get $name)) (local.get $len))
      (then
        (if (call $bytes_equal (struct.get $bin $data (local.get $name)) (struct.get $bin $off (local.get $name))
              (local.get $d) (local.get $off) (local.get $len))
          (then (return (i32.sub (local.get $e) (i32.const 1)))))))
    (local.set $slot (i32.and (local.get $mask) (i32.add (local.get $slot) (i32.const 1))))
    (br $probe))
  (unreachable))

(func $bytes_equal (param $a (ref $bytes)) (param $ao i32) (param $b (ref $bytes)) (param $bo i32) (param $len i32) (result i32)
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (if (i32.ne (array.get_u $bytes (local.get $a) (i32.add (local.get $ao) (local.get $i)))
                  (array.get_u $bytes (local.get $b) (i32.add (local.get $bo) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; The atom named by the UTF-8 bytes `d[off..off+len]`, created if it does not exist.
;; The caller has checked the name's validity and length.
(func $atom_intern (param $d (ref $bytes)) (param $off i32) (param $len i32) (result (ref $atom))
  (local $id i32) (local $n i32) (local $grown (ref $tuple))
  (local.set $id (call $atom_find (local.get $d) (local.get $off) (local.get $len)))
  (if (i32.ge_s (local.get $id) (i32.const 0))
    (then (return (call $atom_get (local.get $id)))))
  (local.set $id (global.get $atom_count))
  (local.set $n (array.len (global.get $atom_tab)))
  (if (i32.ge_u (local.get $id) (local.get $n))
    (then
      (local.set $grown (array.new $tuple (ref.null none) (i32.mul (local.get $n) (i32.const 2))))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $atom_tab) (i32.const 0) (local.get $n))
      (global.set $atom_tab (local.get $grown))
      (local.set $grown (array.new $tuple (ref.null none) (i32.mul (local.get $n) (i32.const 2))))
      (array.copy $tuple $tuple (local.get $grown) (i32.const 0) (global.get $atom_names) (i32.const 0) (local.get $n))
      (global.set $atom_names (local.get $grown))))
  (array.set $tuple (global.get $atom_names) (local.get $id)
    (call $bin_copy (local.get $d) (local.get $off) (local.get $len)))
  (global.set $atom_count (i32.add (local.get $id) (i32.const 1)))
  ;; Keep the index at most half full.
  (if (ref.is_null (global.get $atom_index))
    (then)
    (else
      (if (i32.gt_u (i32.mul (global.get $atom_count) (i32.const 2))
                    (array.len (ref.as_non_null (global.get $atom_index))))
        (then (drop (call $atom_index_build)))
        (else (call $atom_index_insert (ref.as_non_null (global.get $atom_index)) (local.get $id))))))
  (call $atom_get (local.get $id)))

;; Creates the object of every atom that has none yet, so compiled code can read atoms
;; straight from the table (after the compiler's globals are registered).
(func $atoms_materialize
  (local $i i32)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $atom_count)))
      (drop (call $atom_get (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
