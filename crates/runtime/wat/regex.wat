;; regex.wat — the `re` module's NIFs: re:version/0, compile/1,2, run/2,3, internal_run/4
;; and inspect/2, over a backtracking regular-expression engine with PCRE semantics.
;; (re:replace/3,4 and re:split/2,3 are Erlang code in stdlib over these, and stay so.)
;;
;; Compiling turns the pattern into a program of i32 words (a `$limbs` array) whose jumps
;; are all relative, so a quantified atom is repeated by copying its words. Matching runs
;; the program with an explicit backtrack stack (`$rx.stk`: triples kind/a/b — a choice
;; point {0, pc, pos} or an undo record {1, slot, old value}), so no subject or pattern
;; exhausts the wasm stack; only lookaround and atomic groups recurse, as deep as the
;; pattern nests them. Positions are byte offsets; in unicode mode characters are decoded
;; from UTF-8 as they are read.
;;
;; A compiled pattern is {re_pattern, Groups, Unicode, 0, Bin} where Bin is
;; <<"BWRE", Flags:32/little, Source/binary>>: running it compiles the source again.
;; The engine's state lives in globals: it never suspends, so it is never re-entered.
;;
;; Program words (pc is the index of the opcode; every offset is relative to it):
;;   0 MATCH               end of the program or of a lookaround/atomic body
;;   1 CHAR c              2 CHARI c (c folded)
;;   3 ANY (not newline)   4 ANYNL
;;   5 CLASS n flags (lo hi)*n   flags: 1 negated, 2 caseless; lo < 0: property -1-lo,
;;                         hi = 1 when that property is negated
;;   6 SPLIT a b           try pc+a, on failure pc+b
;;   7 JMP a               8 SAVE slot
;;   9 MARK k              loop slot k := pos     10 LOOPBACK k a: pc+a unless pos = slot k
;;  11 BOL 12 MBOL 13 EOL 14 MEOL 15 EOS (\z) 16 EOSNL (\Z) 17 SOS (\A) 18 WORDB 19 NWORDB
;;  20 BACKREF g          21 BACKREFI g
;;  22 ASSERT kind len minback maxback, body (len words, ending in MATCH)
;;      kind 0 lookahead, 1 negative lookahead, 2 lookbehind, 3 negative lookbehind, 4 atomic
;;  23 FAIL               24 GSTART (\G)        25 NEWLINE (\R)

;; ---- flags -----------------------------------------------------------------------------
;; 1 caseless, 2 multiline, 4 dotall, 8 extended, 16 ungreedy, 32 unicode, 64 ucp,
;; 128 dollar_endonly, 256 firstline, 512 anchored, 1024 no_auto_capture, 2048 dupnames;
;; bits 12..14 the newline convention (0 lf, 1 cr, 2 crlf, 3 anycrlf, 4 any).

(global $rx.INF i32 (i32.const 0x10000000))

;; compiler state
(global $rx.pat (mut (ref null $bytes)) (ref.null none))
(global $rx.poff (mut i32) (i32.const 0))
(global $rx.plen (mut i32) (i32.const 0))
(global $rx.p (mut i32) (i32.const 0))
(global $rx.code (mut (ref null $limbs)) (ref.null none))
(global $rx.clen (mut i32) (i32.const 0))
(global $rx.ncap (mut i32) (i32.const 0))
(global $rx.nloop (mut i32) (i32.const 0))
(global $rx.err (mut i32) (i32.const 0))
(global $rx.errpos (mut i32) (i32.const 0))
(global $rx.flags (mut i32) (i32.const 0))
(global $rx.cflags (mut i32) (i32.const 0))
(global $rx.names (mut eqref) (ref.null none))
(global $rx.maxref (mut i32) (i32.const 0))
(global $rx.wmin (mut i32) (i32.const 0))
(global $rx.wmax (mut i32) (i32.const 0))
(global $rx.wfix (mut i32) (i32.const 0))
(global $rx.depth (mut i32) (i32.const 0))
(global $rx.qstart (mut i32) (i32.const -1))   ;; where a quantifier's operand starts, when not at the atom's start

;; matcher state
(global $rx.s (mut (ref null $bytes)) (ref.null none))
(global $rx.soff (mut i32) (i32.const 0))
(global $rx.slen (mut i32) (i32.const 0))
(global $rx.caps (mut (ref null $limbs)) (ref.null none))
(global $rx.nslots (mut i32) (i32.const 0))
(global $rx.stk (mut (ref null $limbs)) (ref.null none))
(global $rx.sp (mut i32) (i32.const 0))
(global $rx.steps (mut i64) (i64.const 0))
(global $rx.limit (mut i64) (i64.const 10000000))
(global $rx.over (mut i32) (i32.const 0))
(global $rx.mflags (mut i32) (i32.const 0))   ;; the program's compile flags
(global $rx.rflags (mut i32) (i32.const 0))   ;; run: 1 notempty, 2 notempty_atstart, 4 notbol, 8 noteol, 16 anchored
(global $rx.start (mut i32) (i32.const 0))    ;; where this attempt started
(global $rx.offset (mut i32) (i32.const 0))   ;; the run's offset
(global $rx.cl (mut i32) (i32.const 1))       ;; length of the last decoded character

(data $rx.msgs "missing )\00unmatched parentheses\00missing terminating ] for character class\00nothing to repeat\00numbers out of order in {} quantifier\00\\ at end of pattern\00two named subpatterns have the same name\00reference to non-existent subpattern\00lookbehind assertion is not fixed length\00number too big in {} quantifier\00unrecognized character after (? or (?-\00range out of order in character class\00unknown property name after \\P or \\p\00regular expression is too large\00unknown POSIX class name\00construct not supported by beamwasm's regex engine\00missing ) after comment\00syntax error in subpattern name (missing terminator)\00parentheses are too deeply nested\00group name must start with a non-digit\00")
(data $rx.ver "8.44 2020-02-12 (beamwasm)")
(data $rx.magic "BWRE")

;; ---- small helpers -----------------------------------------------------------------------

(func $rx.seterr (param $code i32) (param $pos i32)
  (if (i32.eqz (global.get $rx.err))
    (then (global.set $rx.err (local.get $code)) (global.set $rx.errpos (local.get $pos)))))

(func $rx.sat (param $a i32) (param $b i32) (result i32)
  (local $s i32)
  (local.set $s (i32.add (local.get $a) (local.get $b)))
  (select (global.get $rx.INF) (local.get $s) (i32.ge_u (local.get $s) (global.get $rx.INF))))

(func $rx.satmul (param $a i32) (param $n i32) (result i32)
  (if (i32.or (i32.eqz (local.get $a)) (i32.eqz (local.get $n))) (then (return (i32.const 0))))
  (if (i32.or (i32.ge_u (local.get $a) (global.get $rx.INF)) (i32.ge_u (local.get $n) (global.get $rx.INF)))
    (then (return (global.get $rx.INF))))
  (if (i64.ge_u (i64.mul (i64.extend_i32_u (local.get $a)) (i64.extend_i32_u (local.get $n)))
                (i64.extend_i32_u (global.get $rx.INF)))
    (then (return (global.get $rx.INF))))
  (i32.mul (local.get $a) (local.get $n)))

;; pattern byte at i (0 past the end)
(func $rx.pb (param $i i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $i) (global.get $rx.plen))
    (then (array.get_u $bytes (ref.as_non_null (global.get $rx.pat)) (i32.add (global.get $rx.poff) (local.get $i))))
    (else (i32.const 0))))

(func $rx.peek (result i32) (call $rx.pb (global.get $rx.p)))
(func $rx.at_end (result i32) (i32.ge_u (global.get $rx.p) (global.get $rx.plen)))

;; Reads one pattern character (UTF-8 decoded in unicode mode) and advances.
(func $rx.getc (result i32)
  (local $b i32) (local $n i32) (local $c i32) (local $i i32)
  (local.set $b (call $rx.peek))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (if (i32.or (i32.lt_u (local.get $b) (i32.const 0xc0))
              (i32.eqz (i32.and (global.get $rx.cflags) (i32.const 32))))
    (then (return (local.get $b))))
  (if (i32.ge_u (local.get $b) (i32.const 0xf0))
    (then (local.set $n (i32.const 3)) (local.set $c (i32.and (local.get $b) (i32.const 7))))
    (else (if (i32.ge_u (local.get $b) (i32.const 0xe0))
      (then (local.set $n (i32.const 2)) (local.set $c (i32.and (local.get $b) (i32.const 15))))
      (else (local.set $n (i32.const 1)) (local.set $c (i32.and (local.get $b) (i32.const 31)))))))
  (block $done
    (loop $more
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (i32.ne (i32.and (call $rx.peek) (i32.const 0xc0)) (i32.const 0x80)))
      (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 6)) (i32.and (call $rx.peek) (i32.const 0x3f))))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $more)))
  (local.get $c))

(func $rx.reserve (param $n i32)
  (local $old (ref $limbs)) (local $new (ref $limbs)) (local $cap i32)
  (local.set $old (ref.as_non_null (global.get $rx.code)))
  (if (i32.le_u (i32.add (global.get $rx.clen) (local.get $n)) (array.len (local.get $old)))
    (then (return)))
  (local.set $cap (i32.shl (i32.add (global.get $rx.clen) (local.get $n)) (i32.const 1)))
  (local.set $new (array.new $limbs (i32.const 0) (local.get $cap)))
  (array.copy $limbs $limbs (local.get $new) (i32.const 0) (local.get $old) (i32.const 0) (global.get $rx.clen))
  (global.set $rx.code (local.get $new)))

(func $rx.emit (param $w i32)
  (call $rx.reserve (i32.const 1))
  (array.set $limbs (ref.as_non_null (global.get $rx.code)) (global.get $rx.clen) (local.get $w))
  (global.set $rx.clen (i32.add (global.get $rx.clen) (i32.const 1))))

(func $rx.emit2 (param $a i32) (param $b i32) (call $rx.emit (local.get $a)) (call $rx.emit (local.get $b)))
(func $rx.emit3 (param $a i32) (param $b i32) (param $c i32)
  (call $rx.emit (local.get $a)) (call $rx.emit (local.get $b)) (call $rx.emit (local.get $c)))

(func $rx.set (param $i i32) (param $w i32)
  (array.set $limbs (ref.as_non_null (global.get $rx.code)) (local.get $i) (local.get $w)))
(func $rx.get (param $i i32) (result i32)
  (array.get $limbs (ref.as_non_null (global.get $rx.code)) (local.get $i)))

;; Opens a gap of 3 words at `at`.
(func $rx.insert3 (param $at i32)
  (call $rx.reserve (i32.const 3))
  (array.copy $limbs $limbs (ref.as_non_null (global.get $rx.code)) (i32.add (local.get $at) (i32.const 3))
    (ref.as_non_null (global.get $rx.code)) (local.get $at) (i32.sub (global.get $rx.clen) (local.get $at)))
  (global.set $rx.clen (i32.add (global.get $rx.clen) (i32.const 3))))

;; ---- character properties ----------------------------------------------------------------

(func $rx.in (param $c i32) (param $lo i32) (param $hi i32) (result i32)
  (i32.le_u (i32.sub (local.get $c) (local.get $lo)) (i32.sub (local.get $hi) (local.get $lo))))

;; Upper case letters (ASCII, Latin-1, Latin Extended-A/B and Additional, Greek, Cyrillic,
;; Armenian, fullwidth): an approximation of the Unicode tables.
(func $rx.is_upper (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (call $rx.in (local.get $c) (i32.const 65) (i32.const 90)))))
  (if (i32.lt_u (local.get $c) (i32.const 0x100))
    (then (return (i32.and (call $rx.in (local.get $c) (i32.const 0xc0) (i32.const 0xde)) (i32.ne (local.get $c) (i32.const 0xd7))))))
  (if (i32.lt_u (local.get $c) (i32.const 0x180))
    (then
      (if (i32.or (call $rx.in (local.get $c) (i32.const 0x139) (i32.const 0x148)) (call $rx.in (local.get $c) (i32.const 0x179) (i32.const 0x17e)))
        (then (return (i32.and (local.get $c) (i32.const 1)))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 0x138)) (i32.or (i32.eq (local.get $c) (i32.const 0x149)) (i32.eq (local.get $c) (i32.const 0x17f))))
        (then (return (i32.const 0))))
      (if (i32.eq (local.get $c) (i32.const 0x178)) (then (return (i32.const 1))))
      (return (i32.eqz (i32.and (local.get $c) (i32.const 1))))))
  (if (call $rx.in (local.get $c) (i32.const 0x391) (i32.const 0x3ab)) (then (return (i32.ne (local.get $c) (i32.const 0x3a2)))))
  (if (call $rx.in (local.get $c) (i32.const 0x400) (i32.const 0x42f)) (then (return (i32.const 1))))
  (if (i32.or (call $rx.in (local.get $c) (i32.const 0x460) (i32.const 0x481)) (call $rx.in (local.get $c) (i32.const 0x48a) (i32.const 0x4bf)))
    (then (return (i32.eqz (i32.and (local.get $c) (i32.const 1))))))
  (if (call $rx.in (local.get $c) (i32.const 0x531) (i32.const 0x556)) (then (return (i32.const 1))))
  (if (call $rx.in (local.get $c) (i32.const 0x1e00) (i32.const 0x1eff)) (then (return (i32.eqz (i32.and (local.get $c) (i32.const 1))))))
  (call $rx.in (local.get $c) (i32.const 0xff21) (i32.const 0xff3a)))

(func $rx.is_lower (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (call $rx.in (local.get $c) (i32.const 97) (i32.const 122)))))
  (if (i32.lt_u (local.get $c) (i32.const 0x100))
    (then (return (i32.or (i32.eq (local.get $c) (i32.const 0xb5))
      (i32.and (call $rx.in (local.get $c) (i32.const 0xdf) (i32.const 0xff)) (i32.ne (local.get $c) (i32.const 0xf7)))))))
  (if (i32.lt_u (local.get $c) (i32.const 0x180)) (then (return (i32.eqz (call $rx.is_upper (local.get $c))))))
  (if (call $rx.in (local.get $c) (i32.const 0x250) (i32.const 0x2af)) (then (return (i32.const 1))))
  (if (call $rx.in (local.get $c) (i32.const 0x3ac) (i32.const 0x3ce)) (then (return (i32.const 1))))
  (if (call $rx.in (local.get $c) (i32.const 0x430) (i32.const 0x45f)) (then (return (i32.const 1))))
  (if (i32.or (call $rx.in (local.get $c) (i32.const 0x460) (i32.const 0x481)) (call $rx.in (local.get $c) (i32.const 0x48a) (i32.const 0x4bf)))
    (then (return (i32.and (local.get $c) (i32.const 1)))))
  (if (call $rx.in (local.get $c) (i32.const 0x561) (i32.const 0x587)) (then (return (i32.const 1))))
  (if (call $rx.in (local.get $c) (i32.const 0x1e00) (i32.const 0x1eff)) (then (return (i32.and (local.get $c) (i32.const 1)))))
  (call $rx.in (local.get $c) (i32.const 0xff41) (i32.const 0xff5a)))

(func $rx.is_han (param $c i32) (result i32)
  (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x3400) (i32.const 0x4dbf))
                  (call $rx.in (local.get $c) (i32.const 0x4e00) (i32.const 0x9fff)))
          (i32.or (call $rx.in (local.get $c) (i32.const 0xf900) (i32.const 0xfaff))
                  (call $rx.in (local.get $c) (i32.const 0x20000) (i32.const 0x3134f)))))

;; Letters (\p{L}).
(func $rx.is_letter (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (call $rx.in (i32.or (local.get $c) (i32.const 32)) (i32.const 97) (i32.const 122)))))
  (if (i32.or (call $rx.is_upper (local.get $c)) (call $rx.is_lower (local.get $c))) (then (return (i32.const 1))))
  (if (i32.lt_u (local.get $c) (i32.const 0x100))
    (then (return (i32.or (i32.eq (local.get $c) (i32.const 0xaa)) (i32.eq (local.get $c) (i32.const 0xba))))))
  (if (call $rx.in (local.get $c) (i32.const 0x180) (i32.const 0x2c1)) (then (return (i32.const 1))))
  (if (call $rx.in (local.get $c) (i32.const 0x370) (i32.const 0x3ff))
    (then (return (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x375)) (i32.eq (local.get $c) (i32.const 0x37e)))
      (i32.or (call $rx.in (local.get $c) (i32.const 0x384) (i32.const 0x385)) (i32.or (i32.eq (local.get $c) (i32.const 0x387)) (i32.eq (local.get $c) (i32.const 0x3f6)))))))))
  (if (call $rx.in (local.get $c) (i32.const 0x400) (i32.const 0x52f))
    (then (return (i32.eqz (call $rx.in (local.get $c) (i32.const 0x482) (i32.const 0x489))))))
  (i32.or
    (i32.or
      (i32.or (call $rx.in (local.get $c) (i32.const 0x5d0) (i32.const 0x5ea)) (call $rx.in (local.get $c) (i32.const 0x620) (i32.const 0x64a)))
      (i32.or (call $rx.in (local.get $c) (i32.const 0x904) (i32.const 0x939)) (call $rx.in (local.get $c) (i32.const 0xe01) (i32.const 0xe30))))
    (i32.or
      (i32.or (call $rx.in (local.get $c) (i32.const 0x1100) (i32.const 0x11ff)) (call $rx.in (local.get $c) (i32.const 0x1f00) (i32.const 0x1fbc)))
      (i32.or
        (i32.or (call $rx.in (local.get $c) (i32.const 0x3041) (i32.const 0x3096)) (call $rx.in (local.get $c) (i32.const 0x30a1) (i32.const 0x30fa)))
        (i32.or (call $rx.is_han (local.get $c)) (call $rx.in (local.get $c) (i32.const 0xac00) (i32.const 0xd7a3)))))))

(func $rx.is_udigit (param $c i32) (result i32)
  (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 48) (i32.const 57))
                  (call $rx.in (local.get $c) (i32.const 0x660) (i32.const 0x669)))
          (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x6f0) (i32.const 0x6f9))
                          (call $rx.in (local.get $c) (i32.const 0x966) (i32.const 0x96f)))
                  (call $rx.in (local.get $c) (i32.const 0xff10) (i32.const 0xff19)))))

(func $rx.is_number (param $c i32) (result i32)
  (i32.or (call $rx.is_udigit (local.get $c))
    (i32.or (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0xb2) (i32.const 0xb3)) (i32.eq (local.get $c) (i32.const 0xb9)))
                    (call $rx.in (local.get $c) (i32.const 0xbc) (i32.const 0xbe)))
            (i32.or (call $rx.in (local.get $c) (i32.const 0x2150) (i32.const 0x2189))
                    (i32.or (call $rx.in (local.get $c) (i32.const 0x2460) (i32.const 0x249b))
                            (call $rx.in (local.get $c) (i32.const 0x2070) (i32.const 0x2089)))))))

(func $rx.is_uspace (param $c i32) (result i32)
  (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 9) (i32.const 13)) (i32.eq (local.get $c) (i32.const 32)))
    (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x85)) (i32.eq (local.get $c) (i32.const 0xa0)))
      (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x1680)) (call $rx.in (local.get $c) (i32.const 0x2000) (i32.const 0x200a)))
        (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x2028) (i32.const 0x2029)) (i32.eq (local.get $c) (i32.const 0x202f)))
          (i32.or (i32.eq (local.get $c) (i32.const 0x205f)) (i32.eq (local.get $c) (i32.const 0x3000))))))))

(func $rx.is_punct (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (i32.and (call $rx.is_apunct (local.get $c))
      (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 36)) (i32.eq (local.get $c) (i32.const 43)))
        (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 60) (i32.const 62)) (i32.eq (local.get $c) (i32.const 94)))
          (i32.or (i32.eq (local.get $c) (i32.const 96)) (i32.or (i32.eq (local.get $c) (i32.const 124)) (i32.eq (local.get $c) (i32.const 126)))))))))))
  (i32.or (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xa1)) (i32.eq (local.get $c) (i32.const 0xa7)))
                  (i32.or (i32.eq (local.get $c) (i32.const 0xab)) (call $rx.in (local.get $c) (i32.const 0xb6) (i32.const 0xb7))))
          (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xbb)) (i32.eq (local.get $c) (i32.const 0xbf)))
                  (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x2010) (i32.const 0x2027)) (call $rx.in (local.get $c) (i32.const 0x2030) (i32.const 0x205e)))
                          (i32.or (call $rx.in (local.get $c) (i32.const 0x3001) (i32.const 0x3003)) (call $rx.in (local.get $c) (i32.const 0x3008) (i32.const 0x3011)))))))

;; ASCII punctuation (POSIX punct: graphic, not alphanumeric)
(func $rx.is_apunct (param $c i32) (result i32)
  (i32.and (call $rx.in (local.get $c) (i32.const 33) (i32.const 126))
    (i32.eqz (i32.or (call $rx.in (local.get $c) (i32.const 48) (i32.const 57))
                     (call $rx.in (i32.or (local.get $c) (i32.const 32)) (i32.const 97) (i32.const 122))))))

(func $rx.is_symbol (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then (return (i32.and (call $rx.is_apunct (local.get $c)) (i32.eqz (call $rx.is_punct (local.get $c)))))))
  (i32.or (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0xa2) (i32.const 0xa6)) (call $rx.in (local.get $c) (i32.const 0xa8) (i32.const 0xa9)))
                  (i32.or (i32.eq (local.get $c) (i32.const 0xac)) (call $rx.in (local.get $c) (i32.const 0xae) (i32.const 0xb1))))
          (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xb4)) (i32.or (i32.eq (local.get $c) (i32.const 0xb8)) (i32.eq (local.get $c) (i32.const 0xd7))))
                  (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xf7)) (call $rx.in (local.get $c) (i32.const 0x20a0) (i32.const 0x20c0)))
                          (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x2100) (i32.const 0x214f)) (call $rx.in (local.get $c) (i32.const 0x2190) (i32.const 0x23ff)))
                                  (i32.or (call $rx.in (local.get $c) (i32.const 0x2500) (i32.const 0x27bf)) (call $rx.in (local.get $c) (i32.const 0x1f300) (i32.const 0x1faff))))))))

(func $rx.is_aword (param $c i32) (result i32)
  (if (i32.ge_u (local.get $c) (i32.const 0x80)) (then (return (call $rx.is_l1alpha (local.get $c)))))
  (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 48) (i32.const 57)) (i32.eq (local.get $c) (i32.const 95)))
          (call $rx.in (i32.or (local.get $c) (i32.const 32)) (i32.const 97) (i32.const 122))))

(func $rx.is_word (param $c i32) (result i32)
  (if (result i32) (i32.and (global.get $rx.mflags) (i32.const 64))
    (then (i32.or (i32.or (call $rx.is_letter (local.get $c)) (call $rx.is_number (local.get $c))) (i32.eq (local.get $c) (i32.const 95))))
    (else (call $rx.is_aword (local.get $c)))))

;; Letters of Latin-1 above ASCII: the VM's character tables classify code points below 256
;; as ISO 8859-1 does, with or without unicode.
(func $rx.is_l1alpha (param $c i32) (result i32)
  (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xaa)) (i32.or (i32.eq (local.get $c) (i32.const 0xb5)) (i32.eq (local.get $c) (i32.const 0xba))))
    (i32.and (call $rx.in (local.get $c) (i32.const 0xc0) (i32.const 0xff))
             (i32.and (i32.ne (local.get $c) (i32.const 0xd7)) (i32.ne (local.get $c) (i32.const 0xf7))))))

;; Property `k` of character `c` (see $rx.prop_name for the numbering).
(func $rx.prop (param $k i32) (param $c i32) (result i32)
  (block $b60 (block $b59 (block $b58 (block $b57 (block $b56 (block $b55 (block $b54 (block $b53 (block $b52 (block $b51 (block $b50
  (block $b47 (block $b46 (block $b45 (block $b44 (block $b43 (block $b42 (block $b41 (block $b40
  (block $b39 (block $b38 (block $b37 (block $b36 (block $b35 (block $b34 (block $b33 (block $b32 (block $b31 (block $b30
  (block $b29 (block $b28 (block $b27 (block $b26 (block $b25 (block $b24 (block $b23 (block $b22 (block $b21 (block $b20
  (block $b13 (block $b12 (block $b11 (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $none
    (br_table $none $b1 $b2 $b3 $b4 $b5 $none $none $none $none $none $b11 $b12 $b13 $none $none $none $none $none $none
      $b20 $b21 $b22 $b23 $b24 $b25 $b26 $b27 $b28 $b29 $b30 $b31 $b32 $b33 $b34 $b35 $b36 $b37 $b38 $b39 $b40 $b41 $b42 $b43 $b44 $b45 $b46 $b47
      $none $none $b50 $b51 $b52 $b53 $b54 $b55 $b56 $b57 $b58 $b59 $b60 $none (local.get $k)))
    (return (i32.const 0)))
  (return (call $rx.in (local.get $c) (i32.const 48) (i32.const 57))))                      ;; 1 \d
  (return (call $rx.is_aword (local.get $c))))                                              ;; 2 \w
  (return (i32.or (call $rx.in (local.get $c) (i32.const 9) (i32.const 13)) (i32.eq (local.get $c) (i32.const 32))))) ;; 3 \s
  (return (i32.or (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.eq (local.get $c) (i32.const 32)))   ;; 4 \h
    (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xa0)) (i32.eq (local.get $c) (i32.const 0x1680)))
      (i32.or (i32.or (call $rx.in (local.get $c) (i32.const 0x2000) (i32.const 0x200a)) (i32.eq (local.get $c) (i32.const 0x202f)))
        (i32.or (i32.eq (local.get $c) (i32.const 0x205f)) (i32.eq (local.get $c) (i32.const 0x3000))))))))
  (return (i32.or (call $rx.in (local.get $c) (i32.const 10) (i32.const 13))                 ;; 5 \v
    (i32.or (i32.eq (local.get $c) (i32.const 0x85)) (call $rx.in (local.get $c) (i32.const 0x2028) (i32.const 0x2029))))))
  (return (call $rx.is_udigit (local.get $c))))                                             ;; 11 \d ucp
  (return (i32.or (i32.or (call $rx.is_letter (local.get $c)) (call $rx.is_number (local.get $c))) (i32.eq (local.get $c) (i32.const 95))))) ;; 12 \w ucp
  (return (call $rx.is_uspace (local.get $c))))                                             ;; 13 \s ucp
  (return (call $rx.is_letter (local.get $c))))                                             ;; 20 L
  (return (call $rx.is_upper (local.get $c))))                                              ;; 21 Lu
  (return (call $rx.is_lower (local.get $c))))                                              ;; 22 Ll
  (return (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0x1c5)) (i32.eq (local.get $c) (i32.const 0x1c8))) (i32.or (i32.eq (local.get $c) (i32.const 0x1cb)) (i32.eq (local.get $c) (i32.const 0x1f2)))))) ;; 23 Lt
  (return (call $rx.in (local.get $c) (i32.const 0x2b0) (i32.const 0x2c1))))                ;; 24 Lm
  (return (i32.and (call $rx.is_letter (local.get $c))                                      ;; 25 Lo
    (i32.eqz (i32.or (i32.or (call $rx.is_upper (local.get $c)) (call $rx.is_lower (local.get $c))) (call $rx.in (local.get $c) (i32.const 0x2b0) (i32.const 0x2c1)))))))
  (return (call $rx.is_number (local.get $c))))                                             ;; 26 N
  (return (call $rx.is_udigit (local.get $c))))                                             ;; 27 Nd
  (return (call $rx.is_punct (local.get $c))))                                              ;; 28 P
  (return (call $rx.is_symbol (local.get $c))))                                             ;; 29 S
  (return (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 0xa0)))  ;; 30 Z
    (i32.and (call $rx.is_uspace (local.get $c)) (i32.gt_u (local.get $c) (i32.const 0x85))))))
  (return (i32.and (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 0xa0)))  ;; 31 Zs
    (i32.and (call $rx.is_uspace (local.get $c)) (i32.gt_u (local.get $c) (i32.const 0x85))))
    (i32.eqz (call $rx.in (local.get $c) (i32.const 0x2028) (i32.const 0x2029))))))
  (return (i32.const 1)))                                                                   ;; 32 Any
  (return (i32.and (call $rx.is_letter (local.get $c))                                      ;; 33 Latin
    (i32.or (i32.lt_u (local.get $c) (i32.const 0x2b0)) (call $rx.in (local.get $c) (i32.const 0x1e00) (i32.const 0x1eff))))))
  (return (i32.and (call $rx.is_letter (local.get $c))                                      ;; 34 Greek
    (i32.or (call $rx.in (local.get $c) (i32.const 0x370) (i32.const 0x3ff)) (call $rx.in (local.get $c) (i32.const 0x1f00) (i32.const 0x1fff))))))
  (return (i32.and (call $rx.is_letter (local.get $c)) (call $rx.in (local.get $c) (i32.const 0x400) (i32.const 0x52f))))) ;; 35 Cyrillic
  (return (call $rx.is_han (local.get $c))))                                                ;; 36 Han
  (return (call $rx.in (local.get $c) (i32.const 0x600) (i32.const 0x6ff))))                ;; 37 Arabic
  (return (call $rx.in (local.get $c) (i32.const 0x591) (i32.const 0x5f4))))                ;; 38 Hebrew
  (return (i32.or (call $rx.is_letter (local.get $c)) (call $rx.is_number (local.get $c))))) ;; 39 Xan
  (return (i32.or (i32.or (call $rx.is_letter (local.get $c)) (call $rx.is_number (local.get $c))) (i32.eq (local.get $c) (i32.const 95))))) ;; 40 Xwd
  (return (call $rx.is_uspace (local.get $c))))                                             ;; 41 Xsp
  (return (call $rx.in (local.get $c) (i32.const 0x3041) (i32.const 0x309f))))              ;; 42 Hiragana
  (return (call $rx.in (local.get $c) (i32.const 0x30a0) (i32.const 0x30ff))))              ;; 43 Katakana
  (return (i32.and (i32.eqz (call $rx.is_letter (local.get $c))) (i32.eqz (call $rx.prop (i32.const 45) (local.get $c)))))) ;; 44 Common
  (return (i32.or (call $rx.in (local.get $c) (i32.const 0x300) (i32.const 0x36f)) (call $rx.in (local.get $c) (i32.const 0x20d0) (i32.const 0x20ff))))) ;; 45 M
  (return (i32.or (call $rx.in (local.get $c) (i32.const 0x300) (i32.const 0x36f)) (call $rx.in (local.get $c) (i32.const 0x20d0) (i32.const 0x20dc))))) ;; 46 Mn
  (return (i32.or (i32.lt_u (local.get $c) (i32.const 32)) (call $rx.in (local.get $c) (i32.const 127) (i32.const 159))))) ;; 47 C / Cc
  (return (i32.and (call $rx.is_aword (local.get $c)) (i32.eqz (i32.or (call $rx.in (local.get $c) (i32.const 48) (i32.const 57)) (i32.eq (local.get $c) (i32.const 95))))))) ;; 50 alpha
  (return (i32.and (call $rx.is_aword (local.get $c)) (i32.ne (local.get $c) (i32.const 95))))) ;; 51 alnum
  (return (i32.or (call $rx.in (local.get $c) (i32.const 9) (i32.const 13)) (i32.eq (local.get $c) (i32.const 32))))) ;; 52 space
  (return (i32.and (i32.lt_u (local.get $c) (i32.const 256)) (call $rx.is_upper (local.get $c)))))  ;; 53 upper
  (return (i32.and (i32.lt_u (local.get $c) (i32.const 256)) (i32.and (call $rx.is_lower (local.get $c)) (i32.ne (local.get $c) (i32.const 0xb5)))))) ;; 54 lower
  (return (call $rx.is_apunct (local.get $c))))                                             ;; 55 punct
  (return (i32.or (call $rx.in (local.get $c) (i32.const 48) (i32.const 57)) (call $rx.in (i32.or (local.get $c) (i32.const 32)) (i32.const 97) (i32.const 102))))) ;; 56 xdigit
  (return (i32.or (i32.lt_u (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 127)))))  ;; 57 cntrl
  (return (call $rx.in (local.get $c) (i32.const 33) (i32.const 126))))                     ;; 58 graph
  (return (call $rx.in (local.get $c) (i32.const 32) (i32.const 126))))                     ;; 59 print
  (i32.lt_u (local.get $c) (i32.const 128)))                                                ;; 60 ascii

;; The other case of `c`, or `c` itself (ASCII only unless unicode).
(func $rx.other_case (param $c i32) (result i32)
  (if (i32.lt_u (local.get $c) (i32.const 0x80))
    (then
      (if (call $rx.in (local.get $c) (i32.const 65) (i32.const 90)) (then (return (i32.add (local.get $c) (i32.const 32)))))
      (if (call $rx.in (local.get $c) (i32.const 97) (i32.const 122)) (then (return (i32.sub (local.get $c) (i32.const 32)))))
      (return (local.get $c))))
  (if (i32.lt_u (local.get $c) (i32.const 0x100))
    (then
      (if (i32.or (i32.eq (local.get $c) (i32.const 0xd7)) (i32.eq (local.get $c) (i32.const 0xf7))) (then (return (local.get $c))))
      (if (call $rx.in (local.get $c) (i32.const 0xc0) (i32.const 0xde)) (then (return (i32.add (local.get $c) (i32.const 32)))))
      (if (call $rx.in (local.get $c) (i32.const 0xe0) (i32.const 0xfe)) (then (return (i32.sub (local.get $c) (i32.const 32)))))
      (if (i32.and (i32.eq (local.get $c) (i32.const 0xff)) (i32.ne (i32.and (global.get $rx.mflags) (i32.const 32)) (i32.const 0)))
        (then (return (i32.const 0x178))))
      (return (local.get $c))))
  (if (i32.eqz (i32.and (global.get $rx.mflags) (i32.const 32))) (then (return (local.get $c))))
  (if (i32.lt_u (local.get $c) (i32.const 0x180))
    (then
      (if (i32.eq (local.get $c) (i32.const 0x178)) (then (return (i32.const 0xff))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 0x130)) (i32.or (i32.eq (local.get $c) (i32.const 0x131))
            (i32.or (i32.eq (local.get $c) (i32.const 0x138)) (i32.or (i32.eq (local.get $c) (i32.const 0x149)) (i32.eq (local.get $c) (i32.const 0x17f))))))
        (then (return (local.get $c))))
      (if (i32.or (call $rx.in (local.get $c) (i32.const 0x139) (i32.const 0x148)) (call $rx.in (local.get $c) (i32.const 0x179) (i32.const 0x17e)))
        (then (return (select (i32.add (local.get $c) (i32.const 1)) (i32.sub (local.get $c) (i32.const 1)) (i32.and (local.get $c) (i32.const 1))))))
      (return (i32.xor (local.get $c) (i32.const 1)))))
  (if (call $rx.in (local.get $c) (i32.const 0x391) (i32.const 0x3ab))
    (then (return (select (local.get $c) (i32.add (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 0x3a2))))))
  (if (call $rx.in (local.get $c) (i32.const 0x3b1) (i32.const 0x3cb))
    (then (return (select (i32.const 0x3a3) (i32.sub (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 0x3c2))))))
  (if (call $rx.in (local.get $c) (i32.const 0x410) (i32.const 0x42f)) (then (return (i32.add (local.get $c) (i32.const 32)))))
  (if (call $rx.in (local.get $c) (i32.const 0x430) (i32.const 0x44f)) (then (return (i32.sub (local.get $c) (i32.const 32)))))
  (if (call $rx.in (local.get $c) (i32.const 0x400) (i32.const 0x40f)) (then (return (i32.add (local.get $c) (i32.const 80)))))
  (if (call $rx.in (local.get $c) (i32.const 0x450) (i32.const 0x45f)) (then (return (i32.sub (local.get $c) (i32.const 80)))))
  (if (i32.or (call $rx.in (local.get $c) (i32.const 0x460) (i32.const 0x481)) (i32.or (call $rx.in (local.get $c) (i32.const 0x48a) (i32.const 0x4bf))
        (call $rx.in (local.get $c) (i32.const 0x1e00) (i32.const 0x1eff))))
    (then (return (i32.xor (local.get $c) (i32.const 1)))))
  (if (call $rx.in (local.get $c) (i32.const 0x531) (i32.const 0x556)) (then (return (i32.add (local.get $c) (i32.const 48)))))
  (if (call $rx.in (local.get $c) (i32.const 0x561) (i32.const 0x586)) (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (if (call $rx.in (local.get $c) (i32.const 0xff21) (i32.const 0xff3a)) (then (return (i32.add (local.get $c) (i32.const 32)))))
  (if (call $rx.in (local.get $c) (i32.const 0xff41) (i32.const 0xff5a)) (then (return (i32.sub (local.get $c) (i32.const 32)))))
  (local.get $c))

(func $rx.fold (param $c i32) (result i32)
  (local $o i32)
  (local.set $o (call $rx.other_case (local.get $c)))
  (select (local.get $o) (local.get $c) (i32.lt_u (local.get $o) (local.get $c))))

;; ---- the compiler ------------------------------------------------------------------------

(data $rx.pnames "L\00Lu\00Ll\00Lt\00Lm\00Lo\00N\00Nd\00P\00S\00Z\00Zs\00Any\00Latin\00Greek\00Cyrillic\00Han\00Arabic\00Hebrew\00Xan\00Xwd\00Xsp\00Hiragana\00Katakana\00Common\00M\00Mn\00C\00Cc\00Xps\00Po\00Ps\00Pe\00Pd\00Pc\00Pi\00Pf\00Sm\00Sc\00Sk\00So\00Nl\00No\00Zl\00Zp\00Cf\00L&\00")
(data $rx.pkinds "\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20\21\22\23\24\25\26\27\28\29\2a\2b\2c\2d\2e\2f\2f\29\1c\1c\1c\1c\1c\1c\1c\1d\1d\1d\1d\1a\1a\1e\1e\2f\14")
(data $rx.posix "alpha\00digit\00alnum\00space\00upper\00lower\00punct\00xdigit\00word\00blank\00cntrl\00graph\00print\00ascii\00")
(data $rx.posixk "\32\01\33\34\35\36\37\38\02\04\39\3a\3b\3c")
(data $rx.posixu "\14\0b\27\0d\15\16\37\38\0c\04\39\3a\3b\3c")

;; The index of the pattern bytes [at, at+len) in a NUL-separated name list, or -1.
(func $rx.lookup (param $names (ref $bytes)) (param $at i32) (param $len i32) (result i32)
  (local $i i32) (local $idx i32) (local $j i32)
  (block $none
    (loop $entry
      (br_if $none (i32.ge_u (local.get $i) (array.len (local.get $names))))
      (local.set $j (i32.const 0))
      (block $differ
        (loop $ch
          (if (i32.eq (local.get $j) (local.get $len))
            (then
              (br_if $differ (i32.ne (array.get_u $bytes (local.get $names) (i32.add (local.get $i) (local.get $j))) (i32.const 0)))
              (return (local.get $idx))))
          (br_if $differ (i32.ne (array.get_u $bytes (local.get $names) (i32.add (local.get $i) (local.get $j)))
                                 (call $rx.pb (i32.add (local.get $at) (local.get $j)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $ch)))
      ;; skip to the next entry
      (loop $skip
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $skip (i32.ne (array.get_u $bytes (local.get $names) (i32.sub (local.get $i) (i32.const 1))) (i32.const 0))))
      (local.set $idx (i32.add (local.get $idx) (i32.const 1)))
      (br $entry)))
  (i32.const -1))

(func $rx.hexval (param $b i32) (result i32)
  (if (call $rx.in (local.get $b) (i32.const 48) (i32.const 57)) (then (return (i32.sub (local.get $b) (i32.const 48)))))
  (if (call $rx.in (i32.or (local.get $b) (i32.const 32)) (i32.const 97) (i32.const 102))
    (then (return (i32.sub (i32.or (local.get $b) (i32.const 32)) (i32.const 87)))))
  (i32.const -1))

;; A class item for property escape \p / \P at p (after the letter): emits (-1-kind, neg).
;; Returns 0 on error.
(func $rx.parse_prop (param $neg i32) (result i32)
  (local $at i32) (local $len i32) (local $idx i32) (local $names (ref $bytes)) (local $br i32)
  (local.set $names (array.new_data $bytes $rx.pnames (i32.const 0) (i32.const 176)))
  (if (i32.eq (call $rx.peek) (i32.const 123))
    (then
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (if (i32.eq (call $rx.peek) (i32.const 94))
        (then (local.set $neg (i32.xor (local.get $neg) (i32.const 1))) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (local.set $at (global.get $rx.p))
      (block $end
        (loop $scan
          (if (call $rx.at_end) (then (call $rx.seterr (i32.const 13) (global.get $rx.p)) (return (i32.const 0))))
          (br_if $end (i32.eq (call $rx.peek) (i32.const 125)))
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
          (br $scan)))
      (local.set $br (i32.const 1))
      (local.set $len (i32.sub (global.get $rx.p) (local.get $at))))
    (else
      (if (call $rx.at_end) (then (call $rx.seterr (i32.const 13) (global.get $rx.p)) (return (i32.const 0))))
      (local.set $at (global.get $rx.p))
      (local.set $len (i32.const 1))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
  (local.set $idx (call $rx.lookup (local.get $names) (local.get $at) (local.get $len)))
  (if (i32.lt_s (local.get $idx) (i32.const 0))
    (then (call $rx.seterr (i32.const 13) (global.get $rx.p)) (return (i32.const 0))))
  (if (local.get $br) (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
  (call $rx.emit2
    (i32.sub (i32.const -1) (array.get_u $bytes (array.new_data $bytes $rx.pkinds (i32.const 0) (i32.const 47)) (local.get $idx)))
    (local.get $neg))
  (i32.const 1))

;; For a class-type escape letter `c` (already consumed), emits one class item and returns 1;
;; returns 0 when `c` is not one (nothing consumed beyond it).
(func $rx.class_escape (param $c i32) (result i32)
  (local $k i32) (local $neg i32) (local $u i32)
  (local.set $u (i32.ne (i32.and (global.get $rx.cflags) (i32.const 64)) (i32.const 0)))
  (local.set $neg (call $rx.in (local.get $c) (i32.const 65) (i32.const 90)))
  (local.set $k (i32.const 0))
  (block $known
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 100))
      (then (local.set $k (select (i32.const 11) (i32.const 1) (local.get $u))) (br $known)))
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 119))
      (then (local.set $k (select (i32.const 12) (i32.const 2) (local.get $u))) (br $known)))
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 115))
      (then (local.set $k (select (i32.const 13) (i32.const 3) (local.get $u))) (br $known)))
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 104)) (then (local.set $k (i32.const 4)) (br $known)))
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 118)) (then (local.set $k (i32.const 5)) (br $known)))
    (if (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 112))
      (then (drop (call $rx.parse_prop (local.get $neg))) (return (i32.const 1))))
    (return (i32.const 0)))
  (call $rx.emit2 (i32.sub (i32.const -1) (local.get $k)) (local.get $neg))
  (i32.const 1))

;; The value of a character escape whose letter `c` has been consumed.
(func $rx.esc_value (param $c i32) (result i32)
  (local $v i32) (local $d i32) (local $n i32)
  (if (i32.eq (local.get $c) (i32.const 110)) (then (return (i32.const 10))))
  (if (i32.eq (local.get $c) (i32.const 116)) (then (return (i32.const 9))))
  (if (i32.eq (local.get $c) (i32.const 114)) (then (return (i32.const 13))))
  (if (i32.eq (local.get $c) (i32.const 102)) (then (return (i32.const 12))))
  (if (i32.eq (local.get $c) (i32.const 101)) (then (return (i32.const 27))))
  (if (i32.eq (local.get $c) (i32.const 97)) (then (return (i32.const 7))))
  (if (i32.eq (local.get $c) (i32.const 99))   ;; \cX
    (then
      (if (call $rx.at_end) (then (call $rx.seterr (i32.const 6) (global.get $rx.p)) (return (i32.const 0))))
      (local.set $v (call $rx.getc))
      (if (call $rx.in (local.get $v) (i32.const 97) (i32.const 122)) (then (local.set $v (i32.sub (local.get $v) (i32.const 32)))))
      (return (i32.xor (local.get $v) (i32.const 0x40)))))
  (if (i32.eq (local.get $c) (i32.const 120))  ;; \xhh, \x{h...}
    (then
      (if (i32.eq (call $rx.peek) (i32.const 123))
        (then
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
          (block $end
            (loop $hex
              (local.set $d (call $rx.hexval (call $rx.peek)))
              (br_if $end (i32.lt_s (local.get $d) (i32.const 0)))
              (local.set $v (i32.and (i32.or (i32.shl (local.get $v) (i32.const 4)) (local.get $d)) (i32.const 0x7fffffff)))
              (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
              (br $hex)))
          (if (i32.eq (call $rx.peek) (i32.const 125)) (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
          (return (local.get $v))))
      (block $end2
        (loop $hex2
          (br_if $end2 (i32.ge_u (local.get $n) (i32.const 2)))
          (local.set $d (call $rx.hexval (call $rx.peek)))
          (br_if $end2 (i32.lt_s (local.get $d) (i32.const 0)))
          (local.set $v (i32.or (i32.shl (local.get $v) (i32.const 4)) (local.get $d)))
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $hex2)))
      (return (local.get $v))))
  (if (i32.eq (local.get $c) (i32.const 48))   ;; \0oo
    (then
      (block $end3
        (loop $oct
          (br_if $end3 (i32.ge_u (local.get $n) (i32.const 2)))
          (br_if $end3 (i32.eqz (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 55))))
          (local.set $v (i32.or (i32.shl (local.get $v) (i32.const 3)) (i32.sub (call $rx.peek) (i32.const 48))))
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $oct)))
      (return (local.get $v))))
  (local.get $c))

;; Reads one character inside a class: a literal or a character escape. Returns the
;; character, or -1 when a class-type escape was emitted as an item instead.
(func $rx.class_char (result i32)
  (local $c i32)
  (if (i32.ne (call $rx.peek) (i32.const 92)) (then (return (call $rx.getc))))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (if (call $rx.at_end) (then (call $rx.seterr (i32.const 6) (global.get $rx.p)) (return (i32.const 0))))
  (local.set $c (call $rx.getc))
  (if (call $rx.class_escape (local.get $c)) (then (return (i32.const -1))))
  (if (i32.eq (local.get $c) (i32.const 98)) (then (return (i32.const 8))))
  ;; In a class there are no back references: \1 to \7 start an octal escape of up to
  ;; three digits, as in PCRE (luerl's `%q` splits on [\0-\39...\177-\237]).
  (if (call $rx.in (local.get $c) (i32.const 49) (i32.const 55))
    (then
      (local.set $c (i32.sub (local.get $c) (i32.const 48)))
      (if (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 55))
        (then
          (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 3)) (i32.sub (call $rx.getc) (i32.const 48))))
          (if (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 55))
            (then (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 3)) (i32.sub (call $rx.getc) (i32.const 48))))))))
      (return (local.get $c))))
  (call $rx.esc_value (local.get $c)))

;; A character class; p is just after '['.
(func $rx.parse_class
  (local $at i32) (local $n i32) (local $neg i32) (local $lo i32) (local $hi i32) (local $first i32)
  (local $nstart i32) (local $idx i32) (local $pneg i32)
  (if (i32.eq (call $rx.peek) (i32.const 94))
    (then (local.set $neg (i32.const 1)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
  (local.set $at (global.get $rx.clen))
  (call $rx.emit3 (i32.const 5) (i32.const 0) (i32.const 0))
  (local.set $first (i32.const 1))
  (block $done
    (loop $item
      (if (call $rx.at_end) (then (call $rx.seterr (i32.const 3) (global.get $rx.plen)) (return)))
      (br_if $done (i32.and (i32.eq (call $rx.peek) (i32.const 93)) (i32.eqz (local.get $first))))
      (local.set $first (i32.const 0))
      ;; [:name:]
      (if (i32.and (i32.eq (call $rx.peek) (i32.const 91)) (i32.eq (call $rx.pb (i32.add (global.get $rx.p) (i32.const 1))) (i32.const 58)))
        (then
          (local.set $nstart (i32.add (global.get $rx.p) (i32.const 2)))
          (local.set $pneg (i32.const 0))
          (if (i32.eq (call $rx.pb (local.get $nstart)) (i32.const 94))
            (then (local.set $pneg (i32.const 1)) (local.set $nstart (i32.add (local.get $nstart) (i32.const 1)))))
          (local.set $idx (local.get $nstart))
          (block $nf
            (loop $scan
              (br_if $nf (i32.ge_u (local.get $idx) (global.get $rx.plen)))
              (br_if $nf (i32.eqz (call $rx.in (call $rx.pb (local.get $idx)) (i32.const 97) (i32.const 122))))
              (local.set $idx (i32.add (local.get $idx) (i32.const 1)))
              (br $scan)))
          (if (i32.and (i32.eq (call $rx.pb (local.get $idx)) (i32.const 58)) (i32.eq (call $rx.pb (i32.add (local.get $idx) (i32.const 1))) (i32.const 93)))
            (then
              (local.set $lo (call $rx.lookup (array.new_data $bytes $rx.posix (i32.const 0) (i32.const 84))
                (local.get $nstart) (i32.sub (local.get $idx) (local.get $nstart))))
              (if (i32.lt_s (local.get $lo) (i32.const 0))
                (then (call $rx.seterr (i32.const 15) (local.get $nstart)) (return)))
              (local.set $lo (array.get_u $bytes
                (if (result (ref $bytes)) (i32.and (global.get $rx.cflags) (i32.const 64))
                  (then (array.new_data $bytes $rx.posixu (i32.const 0) (i32.const 14)))
                  (else (array.new_data $bytes $rx.posixk (i32.const 0) (i32.const 14))))
                (local.get $lo)))
              (call $rx.emit2 (i32.sub (i32.const -1) (local.get $lo)) (local.get $pneg))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (global.set $rx.p (i32.add (local.get $idx) (i32.const 2)))
              (br $item)))))
      (local.set $lo (call $rx.class_char))
      (if (global.get $rx.err) (then (return)))
      (if (i32.lt_s (local.get $lo) (i32.const 0))
        (then (local.set $n (i32.add (local.get $n) (i32.const 1))) (br $item)))
      (local.set $hi (local.get $lo))
      (if (i32.and (i32.eq (call $rx.peek) (i32.const 45))
                   (i32.and (i32.lt_u (i32.add (global.get $rx.p) (i32.const 1)) (global.get $rx.plen))
                            (i32.ne (call $rx.pb (i32.add (global.get $rx.p) (i32.const 1))) (i32.const 93))))
        (then
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
          (local.set $nstart (global.get $rx.p))
          (local.set $hi (call $rx.class_char))
          (if (global.get $rx.err) (then (return)))
          (if (i32.lt_s (local.get $hi) (i32.const 0))
            (then
              ;; [a-\d]: a, '-', and the escape's item (already emitted)
              (call $rx.emit2 (local.get $lo) (local.get $lo))
              (call $rx.emit2 (i32.const 45) (i32.const 45))
              (local.set $n (i32.add (local.get $n) (i32.const 3)))
              (br $item)))
          (if (i32.lt_u (local.get $hi) (local.get $lo))
            (then (call $rx.seterr (i32.const 12) (local.get $nstart)) (return)))))
      (call $rx.emit2 (local.get $lo) (local.get $hi))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $item)))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (call $rx.set (i32.add (local.get $at) (i32.const 1)) (local.get $n))
  (call $rx.set (i32.add (local.get $at) (i32.const 2))
    (i32.or (local.get $neg) (i32.shl (i32.and (global.get $rx.flags) (i32.const 1)) (i32.const 1)))))

;; Emits a literal character.
(func $rx.emit_char (param $c i32)
  (local $f i32)
  (if (i32.and (global.get $rx.flags) (i32.const 1))
    (then
      (local.set $f (call $rx.fold (local.get $c)))
      (if (i32.ne (call $rx.other_case (local.get $f)) (local.get $f))
        (then (call $rx.emit2 (i32.const 2) (local.get $f)) (return)))))
  (call $rx.emit2 (i32.const 1) (local.get $c)))

;; A decimal number at p (at most 9 digits kept), or -1 when there is none.
(func $rx.number (result i32)
  (local $v i32) (local $any i32)
  (local.set $v (i32.const 0))
  (block $end
    (loop $d
      (br_if $end (i32.eqz (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 57))))
      (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10)) (i32.sub (call $rx.peek) (i32.const 48))))
      (if (i32.gt_u (local.get $v) (i32.const 100000000)) (then (local.set $v (i32.const 100000000))))
      (local.set $any (i32.const 1))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (br $d)))
  (select (local.get $v) (i32.const -1) (local.get $any)))

;; The group number of the name at [at, at+len), or -1.
(func $rx.name_group (param $at i32) (param $len i32) (result i32)
  (local $l eqref) (local $t (ref $tuple)) (local $b (ref $bin)) (local $i i32)
  (local.set $l (global.get $rx.names))
  (block $none
    (loop $next
      (br_if $none (ref.is_null (local.get $l)))
      (local.set $t (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $b (ref.cast (ref $bin) (array.get $tuple (local.get $t) (i32.const 0))))
      (if (i32.eq (struct.get $bin $size (local.get $b)) (local.get $len))
        (then
          (local.set $i (i32.const 0))
          (block $differ
            (loop $ch
              (if (i32.eq (local.get $i) (local.get $len))
                (then (return (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $t) (i32.const 1)))))))
              (br_if $differ (i32.ne (array.get_u $bytes (struct.get $bin $data (local.get $b)) (i32.add (struct.get $bin $off (local.get $b)) (local.get $i)))
                                     (call $rx.pb (i32.add (local.get $at) (local.get $i)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $ch)))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (i32.const -1))

;; Reads a group name up to the terminator `term`; returns its start (length in $rx.wmax
;; is not used: the caller computes it from p). Returns -1 on error.
(func $rx.read_name (param $term i32) (result i32)
  (local $at i32) (local $c i32)
  (local.set $at (global.get $rx.p))
  (if (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 57))
    (then (call $rx.seterr (i32.const 20) (global.get $rx.p)) (return (i32.const -1))))
  (block $end
    (loop $ch
      (local.set $c (call $rx.peek))
      (br_if $end (i32.eqz (i32.or (call $rx.is_aword (local.get $c)) (i32.ge_u (local.get $c) (i32.const 128)))))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (br $ch)))
  (if (i32.or (i32.ne (call $rx.peek) (local.get $term)) (i32.eq (global.get $rx.p) (local.get $at)))
    (then (call $rx.seterr (i32.const 18) (global.get $rx.p)) (return (i32.const -1))))
  (local.get $at))

;; Emits a back reference to group g.
(func $rx.emit_backref (param $g i32)
  (if (i32.gt_s (local.get $g) (global.get $rx.maxref)) (then (global.set $rx.maxref (local.get $g))))
  (call $rx.emit2 (select (i32.const 21) (i32.const 20) (i32.and (global.get $rx.flags) (i32.const 1))) (local.get $g))
  (global.set $rx.wmin (i32.const 0))
  (global.set $rx.wmax (global.get $rx.INF)))

;; An escape outside a class; p is after the backslash. Returns 1 (an atom), 2 (an
;; assertion) or 0 (nothing emitted). Sets the width.
(func $rx.parse_escape (result i32)
  (local $c i32) (local $g i32) (local $at i32) (local $brace i32) (local $neg i32)
  (global.set $rx.wmin (i32.const 1))
  (global.set $rx.wmax (i32.const 1))
  (if (call $rx.at_end) (then (call $rx.seterr (i32.const 6) (global.get $rx.p)) (return (i32.const 0))))
  (local.set $c (call $rx.getc))
  ;; class escapes
  (local.set $at (global.get $rx.clen))
  (call $rx.emit3 (i32.const 5) (i32.const 1) (i32.const 0))
  (if (call $rx.class_escape (local.get $c)) (then (return (i32.const 1))))
  (global.set $rx.clen (local.get $at))
  (global.set $rx.wmin (i32.const 0))
  (global.set $rx.wmax (i32.const 0))
  (if (i32.eq (local.get $c) (i32.const 98)) (then (call $rx.emit (i32.const 18)) (return (i32.const 2))))  ;; \b
  (if (i32.eq (local.get $c) (i32.const 66)) (then (call $rx.emit (i32.const 19)) (return (i32.const 2))))  ;; \B
  (if (i32.eq (local.get $c) (i32.const 65)) (then (call $rx.emit (i32.const 17)) (return (i32.const 2))))  ;; \A
  (if (i32.eq (local.get $c) (i32.const 122)) (then (call $rx.emit (i32.const 15)) (return (i32.const 2)))) ;; \z
  (if (i32.eq (local.get $c) (i32.const 90)) (then (call $rx.emit (i32.const 16)) (return (i32.const 2))))  ;; \Z
  (if (i32.eq (local.get $c) (i32.const 71)) (then (call $rx.emit (i32.const 24)) (return (i32.const 2))))  ;; \G
  (if (i32.eq (local.get $c) (i32.const 69)) (then (return (i32.const 0))))                                 ;; \E
  (if (i32.eq (local.get $c) (i32.const 75)) (then (call $rx.seterr (i32.const 16) (global.get $rx.p)) (return (i32.const 0)))) ;; \K
  (if (i32.eq (local.get $c) (i32.const 81))  ;; \Q...\E
    (then
      (block $end
        (loop $lit
          (br_if $end (call $rx.at_end))
          (if (i32.and (i32.eq (call $rx.peek) (i32.const 92)) (i32.eq (call $rx.pb (i32.add (global.get $rx.p) (i32.const 1))) (i32.const 69)))
            (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 2))) (br $end)))
          (global.set $rx.qstart (global.get $rx.clen))
          (call $rx.emit_char (call $rx.getc))
          (global.set $rx.wmin (i32.add (global.get $rx.wmin) (i32.const 1)))
          (br $lit)))
      (global.set $rx.wmax (global.get $rx.wmin))
      (return (i32.ne (global.get $rx.wmin) (i32.const 0)))))
  (global.set $rx.wmin (i32.const 1))
  (global.set $rx.wmax (i32.const 1))
  (if (i32.eq (local.get $c) (i32.const 78)) (then (call $rx.emit (i32.const 3)) (return (i32.const 1))))  ;; \N
  (if (i32.eq (local.get $c) (i32.const 88)) (then (call $rx.seterr (i32.const 16) (global.get $rx.p)) (return (i32.const 0)))) ;; \X
  (if (i32.eq (local.get $c) (i32.const 67)) (then (call $rx.emit (i32.const 4)) (return (i32.const 1))))  ;; \C: one unit
  (if (i32.eq (local.get $c) (i32.const 82))                                                                ;; \R
    (then (call $rx.emit (i32.const 25)) (global.set $rx.wmax (i32.const 2)) (return (i32.const 1))))
  ;; back references
  (if (call $rx.in (local.get $c) (i32.const 49) (i32.const 57))
    (then
      (global.set $rx.p (i32.sub (global.get $rx.p) (i32.const 1)))
      (local.set $at (global.get $rx.p))
      (local.set $g (call $rx.number))
      (if (i32.and (i32.ge_u (local.get $g) (i32.const 10)) (i32.gt_u (local.get $g) (global.get $rx.ncap)))
        (then
          ;; octal when not that many groups
          (global.set $rx.p (local.get $at))
          (local.set $g (i32.const 0))
          (block $end
            (loop $oct
              (br_if $end (i32.eqz (call $rx.in (call $rx.peek) (i32.const 48) (i32.const 55))))
              (br_if $end (i32.ge_u (i32.sub (global.get $rx.p) (local.get $at)) (i32.const 3)))
              (local.set $g (i32.or (i32.shl (local.get $g) (i32.const 3)) (i32.sub (call $rx.peek) (i32.const 48))))
              (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
              (br $oct)))
          (if (i32.eq (global.get $rx.p) (local.get $at))
            (then (local.set $g (call $rx.getc))))
          (call $rx.emit_char (local.get $g))
          (return (i32.const 1))))
      (call $rx.emit_backref (local.get $g))
      (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 103))  ;; \g
    (then
      (if (i32.eq (call $rx.peek) (i32.const 123))
        (then (local.set $brace (i32.const 1)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (if (i32.eq (call $rx.peek) (i32.const 45))
        (then (local.set $neg (i32.const 1)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (if (i32.eq (call $rx.peek) (i32.const 43)) (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (local.set $g (call $rx.number))
      (if (i32.and (i32.lt_s (local.get $g) (i32.const 0)) (local.get $brace))
        (then
          (local.set $at (call $rx.read_name (i32.const 125)))
          (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i32.const 0))))
          (local.set $g (call $rx.name_group (local.get $at) (i32.sub (global.get $rx.p) (local.get $at))))
          (if (i32.lt_s (local.get $g) (i32.const 0))
            (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))))
      (if (i32.lt_s (local.get $g) (i32.const 0))
        (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))
      (if (local.get $neg)
        (then (local.set $g (i32.add (i32.sub (global.get $rx.ncap) (local.get $g)) (i32.const 1)))))
      (if (local.get $brace)
        (then
          (if (i32.ne (call $rx.peek) (i32.const 125))
            (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (if (i32.le_s (local.get $g) (i32.const 0))
        (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))
      (call $rx.emit_backref (local.get $g))
      (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 107))  ;; \k<name> \k'name' \k{name}
    (then
      (local.set $c (call $rx.peek))
      (local.set $brace (select (i32.const 62) (select (i32.const 39) (i32.const 125) (i32.eq (local.get $c) (i32.const 39)))
                                (i32.eq (local.get $c) (i32.const 60))))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (local.set $at (call $rx.read_name (local.get $brace)))
      (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i32.const 0))))
      (local.set $g (call $rx.name_group (local.get $at) (i32.sub (global.get $rx.p) (local.get $at))))
      (if (i32.lt_s (local.get $g) (i32.const 0))
        (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (call $rx.emit_backref (local.get $g))
      (return (i32.const 1))))
  (call $rx.emit_char (call $rx.esc_value (local.get $c)))
  (i32.const 1))

;; Inline option letters at p, up to ')' or ':'; returns the new flags, or -1 on error.
(func $rx.parse_flags (result i32)
  (local $f i32) (local $neg i32) (local $c i32) (local $bit i32)
  (local.set $f (global.get $rx.flags))
  (block $end
    (loop $ch
      (local.set $c (call $rx.peek))
      (br_if $end (i32.or (i32.eq (local.get $c) (i32.const 41)) (i32.eq (local.get $c) (i32.const 58))))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (if (i32.eq (local.get $c) (i32.const 45)) (then (local.set $neg (i32.const 1)) (br $ch)))
      (local.set $bit (i32.const -1))
      (if (i32.eq (local.get $c) (i32.const 105)) (then (local.set $bit (i32.const 1))))
      (if (i32.eq (local.get $c) (i32.const 109)) (then (local.set $bit (i32.const 2))))
      (if (i32.eq (local.get $c) (i32.const 115)) (then (local.set $bit (i32.const 4))))
      (if (i32.eq (local.get $c) (i32.const 120)) (then (local.set $bit (i32.const 8))))
      (if (i32.eq (local.get $c) (i32.const 85)) (then (local.set $bit (i32.const 16))))
      (if (i32.eq (local.get $c) (i32.const 74)) (then (local.set $bit (i32.const 2048))))
      (if (i32.eq (local.get $c) (i32.const 88)) (then (local.set $bit (i32.const 0))))
      (if (i32.lt_s (local.get $bit) (i32.const 0))
        (then (call $rx.seterr (i32.const 11) (i32.sub (global.get $rx.p) (i32.const 1))) (return (i32.const -1))))
      (local.set $f (select (i32.and (local.get $f) (i32.xor (local.get $bit) (i32.const -1)))
                            (i32.or (local.get $f) (local.get $bit)) (local.get $neg)))
      (br $ch)))
  (local.get $f))

;; A group; p is after '('. Returns 1 (an atom), 2 (an assertion) or 0 (nothing).
(func $rx.parse_group (result i32)
  (local $saved i32) (local $c i32) (local $kind i32) (local $cap i32) (local $hdr i32) (local $body i32)
  (local $at i32) (local $len i32) (local $f i32) (local $g i32) (local $term i32)
  (local.set $saved (global.get $rx.flags))
  (local.set $kind (i32.const -1))   ;; -1 plain, 0..4 ASSERT kinds
  (local.set $cap (i32.const 0))
  (if (i32.eq (call $rx.peek) (i32.const 63))
    (then
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (local.set $c (call $rx.peek))
      (block $decided
        (if (i32.eq (local.get $c) (i32.const 58)) (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 61)) (then (local.set $kind (i32.const 0)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 33)) (then (local.set $kind (i32.const 1)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 62)) (then (local.set $kind (i32.const 4)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 35))  ;; comment
          (then
            (block $end
              (loop $skip
                (if (call $rx.at_end) (then (call $rx.seterr (i32.const 17) (global.get $rx.p)) (return (i32.const 0))))
                (br_if $end (i32.eq (call $rx.peek) (i32.const 41)))
                (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
                (br $skip)))
            (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
            (global.set $rx.wmin (i32.const 0)) (global.set $rx.wmax (i32.const 0))
            (return (i32.const 0))))
        (if (i32.eq (local.get $c) (i32.const 60))
          (then
            (local.set $c (call $rx.pb (i32.add (global.get $rx.p) (i32.const 1))))
            (if (i32.eq (local.get $c) (i32.const 61)) (then (local.set $kind (i32.const 2)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 2))) (br $decided)))
            (if (i32.eq (local.get $c) (i32.const 33)) (then (local.set $kind (i32.const 3)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 2))) (br $decided)))
            (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
            (local.set $term (i32.const 62))
            (local.set $cap (i32.const 2))
            (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 39))
          (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (local.set $term (i32.const 39)) (local.set $cap (i32.const 2)) (br $decided)))
        (if (i32.eq (local.get $c) (i32.const 80))
          (then
            (local.set $c (call $rx.pb (i32.add (global.get $rx.p) (i32.const 1))))
            (if (i32.eq (local.get $c) (i32.const 60))
              (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 2))) (local.set $term (i32.const 62)) (local.set $cap (i32.const 2)) (br $decided)))
            (if (i32.eq (local.get $c) (i32.const 61))  ;; (?P=name)
              (then
                (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 2)))
                (local.set $at (call $rx.read_name (i32.const 41)))
                (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i32.const 0))))
                (local.set $g (call $rx.name_group (local.get $at) (i32.sub (global.get $rx.p) (local.get $at))))
                (if (i32.lt_s (local.get $g) (i32.const 0))
                  (then (call $rx.seterr (i32.const 8) (global.get $rx.p)) (return (i32.const 0))))
                (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
                (call $rx.emit_backref (local.get $g))
                (return (i32.const 1))))
            (call $rx.seterr (i32.const 16) (global.get $rx.p))
            (return (i32.const 0))))
        ;; option letters
        (if (i32.or (call $rx.in (i32.or (local.get $c) (i32.const 32)) (i32.const 97) (i32.const 122)) (i32.eq (local.get $c) (i32.const 45)))
          (then
            (local.set $f (call $rx.parse_flags))
            (if (i32.lt_s (local.get $f) (i32.const 0)) (then (return (i32.const 0))))
            (if (i32.eq (call $rx.peek) (i32.const 41))
              (then
                (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
                (global.set $rx.flags (local.get $f))
                (global.set $rx.wmin (i32.const 0)) (global.set $rx.wmax (i32.const 0))
                (return (i32.const 0))))
            (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
            (global.set $rx.flags (local.get $f))
            (br $decided)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 124))
              (i32.or (i32.or (i32.eq (local.get $c) (i32.const 82)) (i32.eq (local.get $c) (i32.const 40)))
                      (i32.or (i32.eq (local.get $c) (i32.const 38)) (call $rx.in (local.get $c) (i32.const 48) (i32.const 57)))))
          (then (call $rx.seterr (i32.const 16) (global.get $rx.p)) (return (i32.const 0))))
        (call $rx.seterr (i32.const 11) (global.get $rx.p))
        (return (i32.const 0))))
    (else
      (if (i32.eqz (i32.and (global.get $rx.cflags) (i32.const 1024))) (then (local.set $cap (i32.const 1))))))
  (global.set $rx.depth (i32.add (global.get $rx.depth) (i32.const 1)))
  (if (i32.gt_u (global.get $rx.depth) (i32.const 250))
    (then (call $rx.seterr (i32.const 19) (global.get $rx.p)) (return (i32.const 0))))
  (if (local.get $cap)
    (then
      (global.set $rx.ncap (i32.add (global.get $rx.ncap) (i32.const 1)))
      (local.set $g (global.get $rx.ncap))
      (if (i32.eq (local.get $cap) (i32.const 2))
        (then
          (local.set $at (call $rx.read_name (local.get $term)))
          (if (i32.lt_s (local.get $at) (i32.const 0)) (then (return (i32.const 0))))
          (local.set $len (i32.sub (global.get $rx.p) (local.get $at)))
          (if (i32.and (i32.ge_s (call $rx.name_group (local.get $at) (local.get $len)) (i32.const 0))
                       (i32.eqz (i32.and (global.get $rx.flags) (i32.const 2048))))
            (then (call $rx.seterr (i32.const 7) (global.get $rx.p)) (return (i32.const 0))))
          (global.set $rx.names (struct.new $cons
            (call $tuple2 (call $rx.pat_bin (local.get $at) (local.get $len)) (ref.i31 (local.get $g)))
            (global.get $rx.names)))
          (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))
      (call $rx.emit2 (i32.const 8) (i32.shl (local.get $g) (i32.const 1)))))
  (if (i32.ge_s (local.get $kind) (i32.const 0))
    (then
      (local.set $hdr (global.get $rx.clen))
      (call $rx.emit3 (i32.const 22) (local.get $kind) (i32.const 0))
      (call $rx.emit2 (i32.const 0) (i32.const 0))
      (local.set $body (global.get $rx.clen))))
  (call $rx.parse_alt)
  (if (global.get $rx.err) (then (return (i32.const 0))))
  (if (i32.ne (call $rx.peek) (i32.const 41))
    (then (call $rx.seterr (i32.const 1) (global.get $rx.plen)) (return (i32.const 0))))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (global.set $rx.depth (i32.sub (global.get $rx.depth) (i32.const 1)))
  (global.set $rx.flags (local.get $saved))
  (if (local.get $cap)
    (then (call $rx.emit2 (i32.const 8) (i32.add (i32.shl (local.get $g) (i32.const 1)) (i32.const 1)))))
  (if (i32.ge_s (local.get $kind) (i32.const 0))
    (then
      (call $rx.emit (i32.const 0))
      (call $rx.set (i32.add (local.get $hdr) (i32.const 2)) (i32.sub (global.get $rx.clen) (local.get $body)))
      (if (i32.ge_u (local.get $kind) (i32.const 2))
        (then
          (if (i32.eq (local.get $kind) (i32.const 4)) (then (return (i32.const 1))))
          (if (i32.or (i32.eqz (global.get $rx.wfix)) (i32.ge_u (global.get $rx.wmax) (global.get $rx.INF)))
            (then (call $rx.seterr (i32.const 9) (i32.sub (global.get $rx.p) (i32.const 1))) (return (i32.const 0))))
          (call $rx.set (i32.add (local.get $hdr) (i32.const 3)) (global.get $rx.wmin))
          (call $rx.set (i32.add (local.get $hdr) (i32.const 4)) (global.get $rx.wmax))))
      (global.set $rx.wmin (i32.const 0)) (global.set $rx.wmax (i32.const 0))
      (return (i32.const 2))))
  (i32.const 1))

;; A copy of the pattern bytes [at, at+len) as a binary.
(func $rx.pat_bin (param $at i32) (param $len i32) (result (ref $bin))
  (local $d (ref $bytes))
  (local.set $d (array.new $bytes (i32.const 0) (local.get $len)))
  (array.copy $bytes $bytes (local.get $d) (i32.const 0) (ref.as_non_null (global.get $rx.pat))
    (i32.add (global.get $rx.poff) (local.get $at)) (local.get $len))
  (call $bin_of (local.get $d)))

;; Skips white space and # comments in extended mode.
(func $rx.skip_ext
  (local $c i32)
  (if (i32.eqz (i32.and (global.get $rx.flags) (i32.const 8))) (then (return)))
  (block $end
    (loop $ws
      (br_if $end (call $rx.at_end))
      (local.set $c (call $rx.peek))
      (if (i32.or (call $rx.in (local.get $c) (i32.const 9) (i32.const 13)) (i32.eq (local.get $c) (i32.const 32)))
        (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (br $ws)))
      (if (i32.eq (local.get $c) (i32.const 35))
        (then
          (block $eol
            (loop $skip
              (br_if $eol (call $rx.at_end))
              (br_if $eol (i32.eq (call $rx.peek) (i32.const 10)))
              (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
              (br $skip)))
          (br $ws))))))

;; One atom at p. Returns 1 (quantifiable), 2 (assertion) or 0 (nothing); sets the width.
(func $rx.parse_atom (result i32)
  (local $c i32)
  (local.set $c (call $rx.peek))
  (global.set $rx.wmin (i32.const 1))
  (global.set $rx.wmax (i32.const 1))
  (if (i32.eq (local.get $c) (i32.const 40))
    (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (return (call $rx.parse_group))))
  (if (i32.eq (local.get $c) (i32.const 91))
    (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (call $rx.parse_class) (return (i32.const 1))))
  (if (i32.eq (local.get $c) (i32.const 92))
    (then (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))) (return (call $rx.parse_escape))))
  (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 42)) (i32.eq (local.get $c) (i32.const 43))) (i32.eq (local.get $c) (i32.const 63)))
    (then (call $rx.seterr (i32.const 4) (global.get $rx.p)) (return (i32.const 0))))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (if (i32.eq (local.get $c) (i32.const 46))
    (then (call $rx.emit (select (i32.const 4) (i32.const 3) (i32.and (global.get $rx.flags) (i32.const 4)))) (return (i32.const 1))))
  (global.set $rx.wmin (i32.const 0))
  (global.set $rx.wmax (i32.const 0))
  (if (i32.eq (local.get $c) (i32.const 94))
    (then (call $rx.emit (select (i32.const 12) (i32.const 11) (i32.and (global.get $rx.flags) (i32.const 2)))) (return (i32.const 2))))
  (if (i32.eq (local.get $c) (i32.const 36))
    (then
      (call $rx.emit
        (if (result i32) (i32.and (global.get $rx.flags) (i32.const 2))
          (then (i32.const 14))
          (else (select (i32.const 15) (i32.const 13) (i32.and (global.get $rx.cflags) (i32.const 128))))))
      (return (i32.const 2))))
  (global.set $rx.wmin (i32.const 1))
  (global.set $rx.wmax (i32.const 1))
  (global.set $rx.p (i32.sub (global.get $rx.p) (i32.const 1)))
  (call $rx.emit_char (call $rx.getc))
  (i32.const 1))

;; A quantifier after the atom that starts at code index `s`, if there is one.
(func $rx.parse_quant (param $s i32)
  (local $c i32) (local $min i32) (local $max i32) (local $save i32) (local $mode i32)
  (local.set $c (call $rx.peek))
  (block $got
    (if (i32.eq (local.get $c) (i32.const 42)) (then (local.set $min (i32.const 0)) (local.set $max (global.get $rx.INF)) (br $got)))
    (if (i32.eq (local.get $c) (i32.const 43)) (then (local.set $min (i32.const 1)) (local.set $max (global.get $rx.INF)) (br $got)))
    (if (i32.eq (local.get $c) (i32.const 63)) (then (local.set $min (i32.const 0)) (local.set $max (i32.const 1)) (br $got)))
    (if (i32.ne (local.get $c) (i32.const 123)) (then (return)))
    (local.set $save (global.get $rx.p))
    (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
    (local.set $min (call $rx.number))
    (if (i32.lt_s (local.get $min) (i32.const 0)) (then (global.set $rx.p (local.get $save)) (return)))
    (local.set $max (local.get $min))
    (if (i32.eq (call $rx.peek) (i32.const 44))
      (then
        (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
        (local.set $max (call $rx.number))
        (if (i32.lt_s (local.get $max) (i32.const 0)) (then (local.set $max (global.get $rx.INF))))))
    (if (i32.ne (call $rx.peek) (i32.const 125)) (then (global.set $rx.p (local.get $save)) (return)))
    (if (i32.or (i32.gt_u (local.get $min) (i32.const 65535))
                (i32.and (i32.gt_u (local.get $max) (i32.const 65535)) (i32.lt_u (local.get $max) (global.get $rx.INF))))
      (then (call $rx.seterr (i32.const 10) (global.get $rx.p)) (return)))
    (if (i32.lt_u (local.get $max) (local.get $min))
      (then (call $rx.seterr (i32.const 5) (global.get $rx.p)) (return)))
    (global.set $rx.p (i32.sub (global.get $rx.p) (i32.const 0))))
  (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
  (local.set $mode (i32.shr_u (i32.and (global.get $rx.flags) (i32.const 16)) (i32.const 4)))
  (if (i32.eq (call $rx.peek) (i32.const 63))
    (then (local.set $mode (i32.xor (local.get $mode) (i32.const 1))) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1))))
    (else (if (i32.eq (call $rx.peek) (i32.const 43))
      (then (local.set $mode (i32.const 2)) (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))))))
  (global.set $rx.wmin (call $rx.satmul (global.get $rx.wmin) (local.get $min)))
  (global.set $rx.wmax (if (result i32) (i32.ge_u (local.get $max) (global.get $rx.INF))
    (then (select (global.get $rx.INF) (i32.const 0) (global.get $rx.wmax)))
    (else (call $rx.satmul (global.get $rx.wmax) (local.get $max)))))
  (call $rx.repeat (local.get $s) (local.get $min) (local.get $max) (local.get $mode)))

;; Replaces the code from `s` to the end by `min` to `max` repetitions of it.
;; mode 0 greedy, 1 lazy, 2 possessive.
(func $rx.repeat (param $s i32) (param $min i32) (param $max i32) (param $mode i32)
  (local $x (ref $limbs)) (local $len i32) (local $i i32) (local $r i32) (local $blk i32) (local $hdr i32) (local $body i32)
  (local.set $len (i32.sub (global.get $rx.clen) (local.get $s)))
  (local.set $x (array.new $limbs (i32.const 0) (local.get $len)))
  (array.copy $limbs $limbs (local.get $x) (i32.const 0) (ref.as_non_null (global.get $rx.code)) (local.get $s) (local.get $len))
  (global.set $rx.clen (local.get $s))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then
      (local.set $hdr (global.get $rx.clen))
      (call $rx.emit3 (i32.const 22) (i32.const 4) (i32.const 0))
      (call $rx.emit2 (i32.const 0) (i32.const 0))
      (local.set $body (global.get $rx.clen))))
  (local.set $i (i32.const 0))
  (block $done
    (loop $copy
      (br_if $done (i32.ge_u (local.get $i) (local.get $min)))
      (call $rx.append (local.get $x) (local.get $len))
      (br_if $done (global.get $rx.err))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $copy)))
  (if (i32.ge_u (local.get $max) (global.get $rx.INF))
    (then
      ;; L0: SPLIT 3 (8+len) | MARK k | X | LOOPBACK k -(5+len)
      (if (i32.eq (local.get $mode) (i32.const 1))
        (then (call $rx.emit3 (i32.const 6) (i32.add (i32.const 8) (local.get $len)) (i32.const 3)))
        (else (call $rx.emit3 (i32.const 6) (i32.const 3) (i32.add (i32.const 8) (local.get $len)))))
      (call $rx.emit2 (i32.const 9) (global.get $rx.nloop))
      (call $rx.append (local.get $x) (local.get $len))
      (call $rx.emit3 (i32.const 10) (global.get $rx.nloop) (i32.sub (i32.const -5) (local.get $len)))
      (global.set $rx.nloop (i32.add (global.get $rx.nloop) (i32.const 1))))
    (else
      (local.set $r (i32.sub (local.get $max) (local.get $min)))
      (local.set $blk (i32.add (local.get $len) (i32.const 3)))
      (local.set $i (i32.const 0))
      (block $done2
        (loop $opt
          (br_if $done2 (i32.ge_u (local.get $i) (local.get $r)))
          (br_if $done2 (global.get $rx.err))
          (if (i32.eq (local.get $mode) (i32.const 1))
            (then (call $rx.emit3 (i32.const 6) (i32.mul (i32.sub (local.get $r) (local.get $i)) (local.get $blk)) (i32.const 3)))
            (else (call $rx.emit3 (i32.const 6) (i32.const 3) (i32.mul (i32.sub (local.get $r) (local.get $i)) (local.get $blk)))))
          (call $rx.append (local.get $x) (local.get $len))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $opt)))))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then
      (call $rx.emit (i32.const 0))
      (call $rx.set (i32.add (local.get $hdr) (i32.const 2)) (i32.sub (global.get $rx.clen) (local.get $body))))))

(func $rx.append (param $x (ref $limbs)) (param $len i32)
  (if (i32.gt_u (i32.add (global.get $rx.clen) (local.get $len)) (i32.const 0x400000))
    (then (call $rx.seterr (i32.const 14) (global.get $rx.p)) (return)))
  (call $rx.reserve (local.get $len))
  (array.copy $limbs $limbs (ref.as_non_null (global.get $rx.code)) (global.get $rx.clen) (local.get $x) (i32.const 0) (local.get $len))
  (global.set $rx.clen (i32.add (global.get $rx.clen) (local.get $len))))

;; A sequence of quantified atoms, up to '|' or ')' or the end. Sets the width.
(func $rx.parse_seq
  (local $mn i32) (local $mx i32) (local $s i32) (local $r i32) (local $c i32)
  (block $end
    (loop $atom
      (call $rx.skip_ext)
      (br_if $end (call $rx.at_end))
      (local.set $c (call $rx.peek))
      (br_if $end (i32.or (i32.eq (local.get $c) (i32.const 124)) (i32.eq (local.get $c) (i32.const 41))))
      (local.set $s (global.get $rx.clen))
      (global.set $rx.qstart (i32.const -1))
      (local.set $r (call $rx.parse_atom))
      (br_if $end (global.get $rx.err))
      (if (i32.ge_s (global.get $rx.qstart) (i32.const 0)) (then (local.set $s (global.get $rx.qstart))))
      (call $rx.skip_ext)
      (if (i32.eq (local.get $r) (i32.const 1)) (then (call $rx.parse_quant (local.get $s))))
      (br_if $end (global.get $rx.err))
      (local.set $mn (call $rx.sat (local.get $mn) (global.get $rx.wmin)))
      (local.set $mx (call $rx.sat (local.get $mx) (global.get $rx.wmax)))
      (br $atom)))
  (global.set $rx.wmin (local.get $mn))
  (global.set $rx.wmax (local.get $mx)))

;; Alternatives. Sets the width, and $rx.wfix when every alternative has a fixed width.
(func $rx.parse_alt
  (local $start i32) (local $chain i32) (local $nx i32) (local $mn i32) (local $mx i32) (local $fix i32)
  (local.set $start (global.get $rx.clen))
  (local.set $chain (i32.const -1))
  (call $rx.parse_seq)
  (local.set $mn (global.get $rx.wmin))
  (local.set $mx (global.get $rx.wmax))
  (local.set $fix (i32.eq (global.get $rx.wmin) (global.get $rx.wmax)))
  (block $end
    (loop $alt
      (br_if $end (global.get $rx.err))
      (br_if $end (i32.ne (call $rx.peek) (i32.const 124)))
      (br_if $end (call $rx.at_end))
      (global.set $rx.p (i32.add (global.get $rx.p) (i32.const 1)))
      (call $rx.insert3 (local.get $start))
      (call $rx.set (local.get $start) (i32.const 6))
      (call $rx.set (i32.add (local.get $start) (i32.const 1)) (i32.const 3))
      (call $rx.set (i32.add (local.get $start) (i32.const 2)) (i32.sub (i32.add (global.get $rx.clen) (i32.const 2)) (local.get $start)))
      (call $rx.emit2 (i32.const 7) (local.get $chain))
      (local.set $chain (i32.sub (global.get $rx.clen) (i32.const 2)))
      (local.set $start (global.get $rx.clen))
      (call $rx.parse_seq)
      (if (i32.lt_u (global.get $rx.wmin) (local.get $mn)) (then (local.set $mn (global.get $rx.wmin))))
      (if (i32.gt_u (global.get $rx.wmax) (local.get $mx)) (then (local.set $mx (global.get $rx.wmax))))
      (local.set $fix (i32.and (local.get $fix) (i32.eq (global.get $rx.wmin) (global.get $rx.wmax))))
      (br $alt)))
  (block $done
    (loop $patch
      (br_if $done (i32.lt_s (local.get $chain) (i32.const 0)))
      (local.set $nx (call $rx.get (i32.add (local.get $chain) (i32.const 1))))
      (call $rx.set (i32.add (local.get $chain) (i32.const 1)) (i32.sub (global.get $rx.clen) (local.get $chain)))
      (local.set $chain (local.get $nx))
      (br $patch)))
  (global.set $rx.wmin (local.get $mn))
  (global.set $rx.wmax (local.get $mx))
  (global.set $rx.wfix (local.get $fix)))

;; Compiles `len` pattern bytes of `d` from `off` with compile flags `flags`. Returns 1 on
;; success (the program in $rx.code, groups in $rx.ncap, names in $rx.names), else 0 with
;; $rx.err / $rx.errpos set.
(func $rx.compile (param $d (ref $bytes)) (param $off i32) (param $len i32) (param $flags i32) (result i32)
  (global.set $rx.pat (local.get $d))
  (global.set $rx.poff (local.get $off))
  (global.set $rx.plen (local.get $len))
  (global.set $rx.p (i32.const 0))
  (global.set $rx.code (array.new $limbs (i32.const 0) (i32.const 64)))
  (global.set $rx.clen (i32.const 0))
  (global.set $rx.ncap (i32.const 0))
  (global.set $rx.nloop (i32.const 0))
  (global.set $rx.err (i32.const 0))
  (global.set $rx.errpos (i32.const 0))
  (global.set $rx.flags (local.get $flags))
  (global.set $rx.cflags (local.get $flags))
  (global.set $rx.mflags (local.get $flags))
  (global.set $rx.names (ref.null none))
  (global.set $rx.maxref (i32.const 0))
  (global.set $rx.depth (i32.const 0))
  (call $rx.parse_alt)
  (if (i32.and (i32.eqz (global.get $rx.err)) (i32.eqz (call $rx.at_end)))
    (then (call $rx.seterr (i32.const 2) (global.get $rx.p))))
  (if (i32.and (i32.eqz (global.get $rx.err)) (i32.gt_s (global.get $rx.maxref) (global.get $rx.ncap)))
    (then (call $rx.seterr (i32.const 8) (global.get $rx.plen))))
  (call $rx.emit (i32.const 0))
  (i32.eqz (global.get $rx.err)))

;; ---- the matcher -------------------------------------------------------------------------

(func $rx.sb (param $i i32) (result i32)
  (if (i32.ge_u (local.get $i) (global.get $rx.slen)) (then (return (i32.const 0x100))))
  (array.get_u $bytes (ref.as_non_null (global.get $rx.s)) (i32.add (global.get $rx.soff) (local.get $i))))

;; The character at i (< slen); its length goes to $rx.cl.
(func $rx.cp (param $i i32) (result i32)
  (local $b i32) (local $n i32) (local $c i32) (local $nb i32)
  (local.set $b (call $rx.sb (local.get $i)))
  (global.set $rx.cl (i32.const 1))
  (if (i32.or (i32.lt_u (local.get $b) (i32.const 0xc0)) (i32.eqz (i32.and (global.get $rx.mflags) (i32.const 32))))
    (then (return (local.get $b))))
  (if (i32.ge_u (local.get $b) (i32.const 0xf0))
    (then (local.set $n (i32.const 3)) (local.set $c (i32.and (local.get $b) (i32.const 7))))
    (else (if (i32.ge_u (local.get $b) (i32.const 0xe0))
      (then (local.set $n (i32.const 2)) (local.set $c (i32.and (local.get $b) (i32.const 15))))
      (else (local.set $n (i32.const 1)) (local.set $c (i32.and (local.get $b) (i32.const 31)))))))
  (block $done
    (loop $more
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (i32.ge_u (i32.add (local.get $i) (global.get $rx.cl)) (global.get $rx.slen)))
      (local.set $nb (call $rx.sb (i32.add (local.get $i) (global.get $rx.cl))))
      (br_if $done (i32.ne (i32.and (local.get $nb) (i32.const 0xc0)) (i32.const 0x80)))
      (local.set $c (i32.or (i32.shl (local.get $c) (i32.const 6)) (i32.and (local.get $nb) (i32.const 0x3f))))
      (global.set $rx.cl (i32.add (global.get $rx.cl) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $more)))
  (local.get $c))

;; The start of the character before i (> 0).
(func $rx.back1 (param $i i32) (result i32)
  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
  (if (i32.eqz (i32.and (global.get $rx.mflags) (i32.const 32))) (then (return (local.get $i))))
  (block $done
    (loop $cont
      (br_if $done (i32.eqz (local.get $i)))
      (br_if $done (i32.ne (i32.and (call $rx.sb (local.get $i)) (i32.const 0xc0)) (i32.const 0x80)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $cont)))
  (local.get $i))

(func $rx.nlmode (result i32) (i32.and (i32.shr_u (global.get $rx.mflags) (i32.const 12)) (i32.const 7)))

;; The length of the newline at i (0: none).
(func $rx.nl_at (param $i i32) (result i32)
  (local $b i32) (local $m i32) (local $crlf i32)
  (if (i32.ge_u (local.get $i) (global.get $rx.slen)) (then (return (i32.const 0))))
  (local.set $b (call $rx.sb (local.get $i)))
  (local.set $m (call $rx.nlmode))
  (local.set $crlf (i32.and (i32.eq (local.get $b) (i32.const 13))
    (i32.and (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (global.get $rx.slen))
             (i32.eq (call $rx.sb (i32.add (local.get $i) (i32.const 1))) (i32.const 10)))))
  (if (i32.eqz (local.get $m)) (then (return (i32.eq (local.get $b) (i32.const 10)))))
  (if (i32.eq (local.get $m) (i32.const 1)) (then (return (i32.eq (local.get $b) (i32.const 13)))))
  (if (i32.eq (local.get $m) (i32.const 2)) (then (return (i32.shl (local.get $crlf) (i32.const 1)))))
  (if (local.get $crlf) (then (return (i32.const 2))))
  (if (i32.or (i32.eq (local.get $b) (i32.const 10)) (i32.eq (local.get $b) (i32.const 13))) (then (return (i32.const 1))))
  (if (i32.eq (local.get $m) (i32.const 4))
    (then
      (if (i32.or (call $rx.in (local.get $b) (i32.const 11) (i32.const 12)) (i32.eq (call $rx.cp (local.get $i)) (i32.const 0x85)))
        (then (return (global.get $rx.cl))))
      (if (call $rx.in (call $rx.cp (local.get $i)) (i32.const 0x2028) (i32.const 0x2029)) (then (return (global.get $rx.cl))))))
  (i32.const 0))

;; Whether a newline ends at i.
(func $rx.nl_before (param $i i32) (result i32)
  (local $j i32)
  (if (i32.eqz (local.get $i)) (then (return (i32.const 0))))
  (local.set $j (i32.sub (local.get $i) (i32.const 1)))
  (if (i32.and (i32.ge_u (local.get $i) (i32.const 2)) (i32.eq (call $rx.sb (local.get $j)) (i32.const 10)))
    (then (if (i32.eq (call $rx.nl_at (i32.sub (local.get $i) (i32.const 2))) (i32.const 2)) (then (return (i32.const 1))))))
  (if (i32.and (i32.ge_u (local.get $i) (i32.const 3)) (i32.eq (call $rx.nlmode) (i32.const 4)))
    (then (if (i32.eq (call $rx.nl_at (i32.sub (local.get $i) (i32.const 3))) (i32.const 3)) (then (return (i32.const 1))))))
  (i32.eq (call $rx.nl_at (local.get $j)) (i32.const 1)))

(func $rx.word_before (param $i i32) (result i32)
  (if (i32.eqz (local.get $i)) (then (return (i32.const 0))))
  (call $rx.is_word (call $rx.cp (call $rx.back1 (local.get $i)))))

(func $rx.word_at (param $i i32) (result i32)
  (if (i32.ge_u (local.get $i) (global.get $rx.slen)) (then (return (i32.const 0))))
  (call $rx.is_word (call $rx.cp (local.get $i))))

(func $rx.push (param $k i32) (param $a i32) (param $b i32)
  (local $old (ref $limbs)) (local $new (ref $limbs))
  (local.set $old (ref.as_non_null (global.get $rx.stk)))
  (if (i32.gt_u (i32.add (global.get $rx.sp) (i32.const 3)) (array.len (local.get $old)))
    (then
      (local.set $new (array.new $limbs (i32.const 0) (i32.shl (array.len (local.get $old)) (i32.const 1))))
      (array.copy $limbs $limbs (local.get $new) (i32.const 0) (local.get $old) (i32.const 0) (global.get $rx.sp))
      (global.set $rx.stk (local.get $new))
      (local.set $old (local.get $new))))
  (array.set $limbs (local.get $old) (global.get $rx.sp) (local.get $k))
  (array.set $limbs (local.get $old) (i32.add (global.get $rx.sp) (i32.const 1)) (local.get $a))
  (array.set $limbs (local.get $old) (i32.add (global.get $rx.sp) (i32.const 2)) (local.get $b))
  (global.set $rx.sp (i32.add (global.get $rx.sp) (i32.const 3))))

;; Sets capture/loop slot k to v, recording the old value for backtracking.
(func $rx.setslot (param $k i32) (param $v i32)
  (local $caps (ref $limbs))
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (call $rx.push (i32.const 1) (local.get $k) (array.get $limbs (local.get $caps) (local.get $k)))
  (array.set $limbs (local.get $caps) (local.get $k) (local.get $v)))

(func $rx.save_all
  (local $i i32) (local $caps (ref $limbs))
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (block $done
    (loop $s
      (br_if $done (i32.ge_u (local.get $i) (global.get $rx.nslots)))
      (call $rx.push (i32.const 1) (local.get $i) (array.get $limbs (local.get $caps) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $s))))

;; Whether character c is in the class at pc (ignoring negation and case).
(func $rx.class_has (param $code (ref $limbs)) (param $pc i32) (param $c i32) (result i32)
  (local $n i32) (local $i i32) (local $lo i32) (local $hi i32)
  (local.set $n (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))))
  (local.set $i (i32.add (local.get $pc) (i32.const 3)))
  (block $no
    (loop $item
      (br_if $no (i32.eqz (local.get $n)))
      (local.set $lo (array.get $limbs (local.get $code) (local.get $i)))
      (local.set $hi (array.get $limbs (local.get $code) (i32.add (local.get $i) (i32.const 1))))
      (if (i32.ge_s (local.get $lo) (i32.const 0))
        (then (if (i32.and (i32.ge_u (local.get $c) (local.get $lo)) (i32.le_u (local.get $c) (local.get $hi))) (then (return (i32.const 1)))))
        (else (if (i32.xor (call $rx.prop (i32.sub (i32.const -1) (local.get $lo)) (local.get $c)) (local.get $hi)) (then (return (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $item)))
  (i32.const 0))

;; Runs the program from pc at pos. target -1: the whole pattern (MATCH checks notempty);
;; -2: a lookahead/atomic body; >= 0: a lookbehind body, which must end at target.
;; Returns the end position, or -1 (no match, or the match limit: $rx.over).
(func $rx.exec (param $pc i32) (param $pos i32) (param $target i32) (result i32)
  (local $base i32) (local $code (ref $limbs)) (local $caps (ref $limbs)) (local $c i32) (local $cl i32)
  (local $k i32) (local $a i32) (local $b i32) (local $m i32) (local $r i32) (local $st i32) (local $stk (ref $limbs))
  (local $e i32) (local $len i32)
  (local.set $code (ref.as_non_null (global.get $rx.code)))
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (local.set $base (global.get $rx.sp))
  (loop $run
    (global.set $rx.steps (i64.add (global.get $rx.steps) (i64.const 1)))
    (if (i64.gt_u (global.get $rx.steps) (global.get $rx.limit))
      (then (global.set $rx.over (i32.const 1)) (global.set $rx.sp (local.get $base)) (return (i32.const -1))))
    (block $fail
      (block $op25 (block $op24 (block $op23 (block $op22 (block $op21 (block $op20
      (block $op19 (block $op18 (block $op17 (block $op16 (block $op15 (block $op14 (block $op13 (block $op12 (block $op11 (block $op10
      (block $op9 (block $op8 (block $op7 (block $op6 (block $op5 (block $op4 (block $op3 (block $op2 (block $op1 (block $op0
        (br_table $op0 $op1 $op2 $op3 $op4 $op5 $op6 $op7 $op8 $op9 $op10 $op11 $op12 $op13 $op14 $op15 $op16 $op17 $op18 $op19
                  $op20 $op21 $op22 $op23 $op24 $op25 $fail (array.get $limbs (local.get $code) (local.get $pc))))
        ;; 0 MATCH
        (if (i32.eq (local.get $target) (i32.const -1))
          (then
            (if (i32.eq (local.get $pos) (global.get $rx.start))
              (then
                (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 1)))
                (br_if $fail (i32.and (i32.ne (i32.and (global.get $rx.rflags) (i32.const 2)) (i32.const 0)) (i32.eq (local.get $pos) (global.get $rx.offset))))))))
        (if (i32.ge_s (local.get $target) (i32.const 0))
          (then (br_if $fail (i32.ne (local.get $pos) (local.get $target)))))
        (global.set $rx.sp (local.get $base))
        (return (local.get $pos)))
      ;; 1 CHAR
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (br_if $fail (i32.ne (call $rx.cp (local.get $pos)) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1)))))
      (local.set $pos (i32.add (local.get $pos) (global.get $rx.cl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 2 CHARI
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (local.set $c (call $rx.cp (local.get $pos)))
      (local.set $cl (global.get $rx.cl))
      (br_if $fail (i32.ne (call $rx.fold (local.get $c)) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1)))))
      (local.set $pos (i32.add (local.get $pos) (local.get $cl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 3 ANY
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (br_if $fail (call $rx.nl_at (local.get $pos)))
      (drop (call $rx.cp (local.get $pos)))
      (local.set $pos (i32.add (local.get $pos) (global.get $rx.cl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 4 ANYNL
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (drop (call $rx.cp (local.get $pos)))
      (local.set $pos (i32.add (local.get $pos) (global.get $rx.cl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 5 CLASS
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (local.set $c (call $rx.cp (local.get $pos)))
      (local.set $cl (global.get $rx.cl))
      (local.set $k (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 2))))
      (local.set $m (call $rx.class_has (local.get $code) (local.get $pc) (local.get $c)))
      (if (i32.and (i32.eqz (local.get $m)) (i32.ne (i32.and (local.get $k) (i32.const 2)) (i32.const 0)))
        (then
          (local.set $a (call $rx.other_case (local.get $c)))
          (if (i32.ne (local.get $a) (local.get $c))
            (then (local.set $m (call $rx.class_has (local.get $code) (local.get $pc) (local.get $a)))))))
      (br_if $fail (i32.eq (local.get $m) (i32.and (local.get $k) (i32.const 1))))
      (local.set $pos (i32.add (local.get $pos) (local.get $cl)))
      (local.set $pc (i32.add (local.get $pc)
        (i32.add (i32.const 3) (i32.shl (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))) (i32.const 1)))))
      (br $run))
      ;; 6 SPLIT
      (call $rx.push (i32.const 0)
        (i32.add (local.get $pc) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 2)))) (local.get $pos))
      (local.set $pc (i32.add (local.get $pc) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1)))))
      (br $run))
      ;; 7 JMP
      (local.set $pc (i32.add (local.get $pc) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1)))))
      (br $run))
      ;; 8 SAVE
      (call $rx.setslot (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))) (local.get $pos))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 9 MARK
      (call $rx.setslot (i32.add (i32.shl (i32.add (global.get $rx.ncap) (i32.const 1)) (i32.const 1))
                                 (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))))
                        (local.get $pos))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 10 LOOPBACK
      (local.set $k (i32.add (i32.shl (i32.add (global.get $rx.ncap) (i32.const 1)) (i32.const 1))
                             (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1)))))
      (if (i32.ne (local.get $pos) (array.get $limbs (local.get $caps) (local.get $k)))
        (then (local.set $pc (i32.add (local.get $pc) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 2))))))
        (else (local.set $pc (i32.add (local.get $pc) (i32.const 3)))))
      (br $run))
      ;; 11 BOL
      (br_if $fail (i32.or (local.get $pos) (i32.and (global.get $rx.rflags) (i32.const 4))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 12 MBOL
      (if (i32.eqz (local.get $pos))
        (then (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 4))))
        (else
          (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
          (br_if $fail (i32.eqz (call $rx.nl_before (local.get $pos))))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 13 EOL
      (if (i32.eq (local.get $pos) (global.get $rx.slen))
        (then (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 8))))
        (else
          (br_if $fail (i32.ne (call $rx.nl_at (local.get $pos)) (i32.sub (global.get $rx.slen) (local.get $pos))))
          (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 8)))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 14 MEOL
      (if (i32.eq (local.get $pos) (global.get $rx.slen))
        (then (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 8))))
        (else (br_if $fail (i32.eqz (call $rx.nl_at (local.get $pos))))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 15 EOS
      (br_if $fail (i32.ne (local.get $pos) (global.get $rx.slen)))
      (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 8)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 16 EOSNL
      (if (i32.ne (local.get $pos) (global.get $rx.slen))
        (then (br_if $fail (i32.ne (call $rx.nl_at (local.get $pos)) (i32.sub (global.get $rx.slen) (local.get $pos))))))
      (br_if $fail (i32.and (global.get $rx.rflags) (i32.const 8)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 17 SOS
      (br_if $fail (i32.or (local.get $pos) (i32.and (global.get $rx.rflags) (i32.const 4))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 18 WORDB
      (br_if $fail (i32.eq (call $rx.word_before (local.get $pos)) (call $rx.word_at (local.get $pos))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 19 NWORDB
      (br_if $fail (i32.ne (call $rx.word_before (local.get $pos)) (call $rx.word_at (local.get $pos))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 20 BACKREF
      (local.set $k (i32.shl (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))) (i32.const 1)))
      (br_if $fail (i32.ge_u (local.get $k) (i32.shl (i32.add (global.get $rx.ncap) (i32.const 1)) (i32.const 1))))
      (local.set $a (array.get $limbs (local.get $caps) (local.get $k)))
      (local.set $b (array.get $limbs (local.get $caps) (i32.add (local.get $k) (i32.const 1))))
      (br_if $fail (i32.or (i32.lt_s (local.get $a) (i32.const 0)) (i32.lt_s (local.get $b) (i32.const 0))))
      (local.set $len (i32.sub (local.get $b) (local.get $a)))
      (br_if $fail (i32.gt_s (i32.add (local.get $pos) (local.get $len)) (global.get $rx.slen)))
      (br_if $fail (i32.eqz (call $bytes_equal (ref.as_non_null (global.get $rx.s)) (i32.add (global.get $rx.soff) (local.get $a))
        (ref.as_non_null (global.get $rx.s)) (i32.add (global.get $rx.soff) (local.get $pos)) (local.get $len))))
      (local.set $pos (i32.add (local.get $pos) (local.get $len)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 21 BACKREFI
      (local.set $k (i32.shl (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))) (i32.const 1)))
      (br_if $fail (i32.ge_u (local.get $k) (i32.shl (i32.add (global.get $rx.ncap) (i32.const 1)) (i32.const 1))))
      (local.set $a (array.get $limbs (local.get $caps) (local.get $k)))
      (local.set $b (array.get $limbs (local.get $caps) (i32.add (local.get $k) (i32.const 1))))
      (br_if $fail (i32.or (i32.lt_s (local.get $a) (i32.const 0)) (i32.lt_s (local.get $b) (i32.const 0))))
      (block $same
        (loop $ch
          (br_if $same (i32.ge_u (local.get $a) (local.get $b)))
          (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
          (local.set $c (call $rx.fold (call $rx.cp (local.get $a))))
          (local.set $a (i32.add (local.get $a) (global.get $rx.cl)))
          (br_if $fail (i32.ne (local.get $c) (call $rx.fold (call $rx.cp (local.get $pos)))))
          (local.set $pos (i32.add (local.get $pos) (global.get $rx.cl)))
          (br $ch)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (br $run))
      ;; 22 ASSERT kind len minback maxback
      (local.set $k (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 1))))
      (local.set $e (i32.add (i32.add (local.get $pc) (i32.const 5)) (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 2)))))
      (call $rx.save_all)
      (if (i32.lt_u (local.get $k) (i32.const 2))
        (then (local.set $r (call $rx.exec (i32.add (local.get $pc) (i32.const 5)) (local.get $pos) (i32.const -2))))
        (else (if (i32.eq (local.get $k) (i32.const 4))
          (then (local.set $r (call $rx.exec (i32.add (local.get $pc) (i32.const 5)) (local.get $pos) (i32.const -2))))
          (else
            ;; lookbehind: try each start minback..maxback characters back
            (local.set $r (i32.const -1))
            (local.set $a (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 3))))
            (local.set $b (array.get $limbs (local.get $code) (i32.add (local.get $pc) (i32.const 4))))
            (local.set $st (local.get $pos))
            (local.set $m (i32.const 0))
            (block $tried
              (loop $back
                (br_if $tried (i32.ge_u (local.get $m) (local.get $a)))
                (br_if $tried (i32.eqz (local.get $st)))
                (local.set $st (call $rx.back1 (local.get $st)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $back)))
            (if (i32.eq (local.get $m) (local.get $a))
              (then
                (block $found
                  (loop $try
                    (local.set $r (call $rx.exec (i32.add (local.get $pc) (i32.const 5)) (local.get $st) (local.get $pos)))
                    (br_if $found (i32.ge_s (local.get $r) (i32.const 0)))
                    (br_if $found (global.get $rx.over))
                    (br_if $found (i32.ge_u (local.get $m) (local.get $b)))
                    (br_if $found (i32.eqz (local.get $st)))
                    (local.set $st (call $rx.back1 (local.get $st)))
                    (local.set $m (i32.add (local.get $m) (i32.const 1)))
                    (br $try)))))))))
      (if (global.get $rx.over) (then (global.set $rx.sp (local.get $base)) (return (i32.const -1))))
      (if (i32.and (local.get $k) (i32.const 1))
        (then (br_if $fail (i32.ge_s (local.get $r) (i32.const 0))))
        (else (br_if $fail (i32.lt_s (local.get $r) (i32.const 0)))))
      (if (i32.eq (local.get $k) (i32.const 4)) (then (local.set $pos (local.get $r))))
      (local.set $pc (local.get $e))
      (br $run))
      ;; 23 FAIL
      (br $fail))
      ;; 24 GSTART
      (br_if $fail (i32.ne (local.get $pos) (global.get $rx.offset)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
      ;; 25 NEWLINE (\R)
      (br_if $fail (i32.ge_u (local.get $pos) (global.get $rx.slen)))
      (local.set $c (call $rx.cp (local.get $pos)))
      (local.set $cl (global.get $rx.cl))
      (if (i32.and (i32.eq (local.get $c) (i32.const 13))
                   (i32.and (i32.lt_u (i32.add (local.get $pos) (i32.const 1)) (global.get $rx.slen))
                            (i32.eq (call $rx.sb (i32.add (local.get $pos) (i32.const 1))) (i32.const 10))))
        (then (local.set $cl (i32.const 2)))
        (else (br_if $fail (i32.eqz (i32.or (call $rx.in (local.get $c) (i32.const 10) (i32.const 13))
          (i32.or (i32.eq (local.get $c) (i32.const 0x85)) (call $rx.in (local.get $c) (i32.const 0x2028) (i32.const 0x2029))))))))
      (local.set $pos (i32.add (local.get $pos) (local.get $cl)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $run))
    ;; backtrack
    (local.set $stk (ref.as_non_null (global.get $rx.stk)))
    (loop $pop
      (if (i32.le_u (global.get $rx.sp) (local.get $base)) (then (return (i32.const -1))))
      (global.set $rx.sp (i32.sub (global.get $rx.sp) (i32.const 3)))
      (local.set $a (array.get $limbs (local.get $stk) (i32.add (global.get $rx.sp) (i32.const 1))))
      (local.set $b (array.get $limbs (local.get $stk) (i32.add (global.get $rx.sp) (i32.const 2))))
      (if (i32.eqz (array.get $limbs (local.get $stk) (global.get $rx.sp)))
        (then (local.set $pc (local.get $a)) (local.set $pos (local.get $b)) (br $run)))
      (array.set $limbs (local.get $caps) (local.get $a) (local.get $b))
      (br $pop)))
  (i32.const -1))

;; Searches from byte `from`. Returns 1 (match: slots 0 and 1 hold it), 0 or -1 (limit).
(func $rx.search (param $from i32) (result i32)
  (local $start i32) (local $r i32) (local $caps (ref $limbs)) (local $first i32) (local $b i32)
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (local.set $start (local.get $from))
  ;; a pattern starting with an ASCII literal: skip to its occurrences
  (local.set $first (i32.const -1))
  (if (i32.eq (array.get $limbs (ref.as_non_null (global.get $rx.code)) (i32.const 0)) (i32.const 1))
    (then
      (local.set $b (array.get $limbs (ref.as_non_null (global.get $rx.code)) (i32.const 1)))
      (if (i32.lt_u (local.get $b) (i32.const 128)) (then (local.set $first (local.get $b))))))
  (global.set $rx.sp (i32.const 0))
  (loop $attempt
    (if (i32.and (i32.ge_s (local.get $first) (i32.const 0))
                 (i32.eqz (i32.and (i32.or (global.get $rx.rflags) (i32.shr_u (global.get $rx.mflags) (i32.const 5))) (i32.const 16))))
      (then
        (block $found
          (loop $scan
            (br_if $found (i32.ge_u (local.get $start) (global.get $rx.slen)))
            (br_if $found (i32.eq (call $rx.sb (local.get $start)) (local.get $first)))
            (if (i32.and (global.get $rx.mflags) (i32.const 256))
              (then (if (call $rx.nl_at (local.get $start)) (then (return (i32.const 0))))))
            (local.set $start (i32.add (local.get $start) (i32.const 1)))
            (br $scan)))))
    (array.fill $limbs (local.get $caps) (i32.const 0) (i32.const -1) (global.get $rx.nslots))
    (global.set $rx.start (local.get $start))
    (global.set $rx.steps (i64.const 0))
    (local.set $r (call $rx.exec (i32.const 0) (local.get $start) (i32.const -1)))
    (if (global.get $rx.over) (then (return (i32.const -1))))
    (if (i32.ge_s (local.get $r) (i32.const 0))
      (then
        (array.set $limbs (local.get $caps) (i32.const 0) (local.get $start))
        (array.set $limbs (local.get $caps) (i32.const 1) (local.get $r))
        (return (i32.const 1))))
    (if (i32.and (i32.or (global.get $rx.rflags) (i32.shr_u (global.get $rx.mflags) (i32.const 5))) (i32.const 16))
      (then (return (i32.const 0))))
    (if (i32.and (global.get $rx.mflags) (i32.const 256))
      (then (if (call $rx.nl_at (local.get $start)) (then (return (i32.const 0))))))
    (if (i32.ge_u (local.get $start) (global.get $rx.slen)) (then (return (i32.const 0))))
    (drop (call $rx.cp (local.get $start)))
    (local.set $start (i32.add (local.get $start) (global.get $rx.cl)))
    (br $attempt))
  (i32.const 0))

;; ---- the BIFs ----------------------------------------------------------------------------

;; The compile-flag bit of a compile option, 0 for one without effect here, -1 if `o` is not
;; a compile option. {newline, NL} sets the newline bits (returned with bit 30 set).
(func $rx.copt (param $o eqref) (result i32)
  (local $t (ref $tuple)) (local $v eqref)
  (if (ref.eq (local.get $o) (global.get $atom.caseless)) (then (return (i32.const 1))))
  (if (ref.eq (local.get $o) (global.get $atom.multiline)) (then (return (i32.const 2))))
  (if (ref.eq (local.get $o) (global.get $atom.dotall)) (then (return (i32.const 4))))
  (if (ref.eq (local.get $o) (global.get $atom.extended)) (then (return (i32.const 8))))
  (if (ref.eq (local.get $o) (global.get $atom.ungreedy)) (then (return (i32.const 16))))
  (if (ref.eq (local.get $o) (global.get $atom.unicode)) (then (return (i32.const 32))))
  (if (ref.eq (local.get $o) (global.get $atom.ucp)) (then (return (i32.const 64))))
  (if (ref.eq (local.get $o) (global.get $atom.dollar_endonly)) (then (return (i32.const 128))))
  (if (ref.eq (local.get $o) (global.get $atom.firstline)) (then (return (i32.const 256))))
  (if (ref.eq (local.get $o) (global.get $atom.anchored)) (then (return (i32.const 512))))
  (if (ref.eq (local.get $o) (global.get $atom.no_auto_capture)) (then (return (i32.const 1024))))
  (if (ref.eq (local.get $o) (global.get $atom.dupnames)) (then (return (i32.const 2048))))
  (if (i32.or (i32.or (ref.eq (local.get $o) (global.get $atom.bsr_anycrlf)) (ref.eq (local.get $o) (global.get $atom.bsr_unicode)))
              (i32.or (ref.eq (local.get $o) (global.get $atom.no_start_optimize)) (ref.eq (local.get $o) (global.get $atom.never_utf))))
    (then (return (i32.const 0))))
  (if (ref.test (ref $tuple) (local.get $o))
    (then
      (local.set $t (ref.cast (ref $tuple) (local.get $o)))
      (if (i32.and (i32.eq (array.len (local.get $t)) (i32.const 2))
                   (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.newline)))
        (then
          (local.set $v (array.get $tuple (local.get $t) (i32.const 1)))
          (if (ref.eq (local.get $v) (global.get $atom.lf)) (then (return (i32.const 0x40000000))))
          (if (ref.eq (local.get $v) (global.get $atom.cr)) (then (return (i32.const 0x40001000))))
          (if (ref.eq (local.get $v) (global.get $atom.crlf)) (then (return (i32.const 0x40002000))))
          (if (ref.eq (local.get $v) (global.get $atom.anycrlf)) (then (return (i32.const 0x40003000))))
          (if (ref.eq (local.get $v) (global.get $atom.any)) (then (return (i32.const 0x40004000))))))))
  (i32.const -1))

(func $rx.addflag (param $flags i32) (param $f i32) (result i32)
  (if (i32.and (local.get $f) (i32.const 0x40000000))
    (then (return (i32.or (i32.and (local.get $flags) (i32.const 0xffff8fff)) (i32.and (local.get $f) (i32.const 0x7000))))))
  (i32.or (local.get $flags) (local.get $f)))

;; Pattern or subject data as a binary: binaries as they are, iodata (or, when unicode,
;; chardata) converted; null when it is neither.
(func $rx.to_bin (param $v eqref) (param $unicode i32) (result (ref null $bin))
  (local $r eqref)
  (if (ref.test (ref $bin) (local.get $v))
    (then
      (if (struct.get $bin $bits (ref.cast (ref $bin) (local.get $v))) (then (return (ref.null $bin))))
      (return (ref.cast (ref $bin) (local.get $v)))))
  (if (i32.eqz (i32.or (ref.is_null (local.get $v)) (ref.test (ref $cons) (local.get $v)))) (then (return (ref.null $bin))))
  (if (local.get $unicode)
    (then (local.set $r (call $unicode:characters_to_binary/2 (local.get $v) (global.get $atom.unicode))))
    (else (local.set $r (call $erlang:iolist_to_binary/1 (local.get $v)))))
  (if (ref.test (ref $bin) (local.get $r)) (then (return (ref.cast (ref $bin) (local.get $r)))))
  (ref.null $bin))

;; The message of error `code` as a string.
(func $rx.errmsg (param $code i32) (result eqref)
  (local $d (ref $bytes)) (local $i i32) (local $n i32) (local $e i32)
  (local.set $d (array.new_data $bytes $rx.msgs (i32.const 0) (i32.const 673)))
  (local.set $n (i32.sub (local.get $code) (i32.const 1)))
  (block $at
    (loop $skip
      (br_if $at (i32.eqz (local.get $n)))
      (if (i32.eqz (array.get_u $bytes (local.get $d) (local.get $i))) (then (local.set $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $skip)))
  (local.set $e (local.get $i))
  (loop $end
    (if (array.get_u $bytes (local.get $d) (local.get $e)) (then (local.set $e (i32.add (local.get $e) (i32.const 1))) (br $end))))
  (call $uc.utf8_list (local.get $d) (local.get $i) (local.get $e) (ref.null none)))

;; {Msg, Pos} for the latest compile error.
(func $rx.errterm (result eqref)
  (call $tuple2 (call $rx.errmsg (global.get $rx.err)) (ref.i31 (global.get $rx.errpos))))

;; Compiles pattern `p` (a binary, iodata, or a compiled {re_pattern, ...}) with compile
;; flags `flags`. Returns 1 (compiled), 0 (a compile error) or -1 (badarg).
(func $rx.load (param $p eqref) (param $flags i32) (result i32)
  (local $t (ref $tuple)) (local $b (ref null $bin)) (local $d (ref $bytes)) (local $off i32)
  (if (ref.test (ref $tuple) (local.get $p))
    (then
      (local.set $t (ref.cast (ref $tuple) (local.get $p)))
      (if (i32.ne (array.len (local.get $t)) (i32.const 5)) (then (return (i32.const -1))))
      (if (i32.eqz (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.re_pattern))) (then (return (i32.const -1))))
      (local.set $b (call $rx.to_bin (array.get $tuple (local.get $t) (i32.const 4)) (i32.const 0)))
      (if (ref.is_null (local.get $b)) (then (return (i32.const -1))))
      (if (i32.lt_u (struct.get $bin $size (local.get $b)) (i32.const 8)) (then (return (i32.const -1))))
      (local.set $d (struct.get $bin $data (local.get $b)))
      (local.set $off (struct.get $bin $off (local.get $b)))
      (if (i32.eqz (call $bytes_equal (local.get $d) (local.get $off)
                     (array.new_data $bytes $rx.magic (i32.const 0) (i32.const 4)) (i32.const 0) (i32.const 4)))
        (then (return (i32.const -1))))
      (return (call $rx.compile (local.get $d) (i32.add (local.get $off) (i32.const 8))
        (i32.sub (struct.get $bin $size (local.get $b)) (i32.const 8))
        (call $bytes_u32le (local.get $d) (i32.add (local.get $off) (i32.const 4)))))))
  (local.set $b (call $rx.to_bin (local.get $p) (i32.and (local.get $flags) (i32.const 32))))
  (if (ref.is_null (local.get $b)) (then (return (i32.const -1))))
  (call $rx.compile (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b)) (local.get $flags)))

;; The compiled-pattern term for the program just compiled from `src` with `flags`.
(func $rx.pattern_term (param $src (ref $bin)) (param $flags i32) (result eqref)
  (local $d (ref $bytes)) (local $n i32)
  (local.set $n (struct.get $bin $size (local.get $src)))
  (local.set $d (array.new $bytes (i32.const 0) (i32.add (local.get $n) (i32.const 8))))
  (array.copy $bytes $bytes (local.get $d) (i32.const 0) (array.new_data $bytes $rx.magic (i32.const 0) (i32.const 4)) (i32.const 0) (i32.const 4))
  (array.set $bytes (local.get $d) (i32.const 4) (local.get $flags))
  (array.set $bytes (local.get $d) (i32.const 5) (i32.shr_u (local.get $flags) (i32.const 8)))
  (array.set $bytes (local.get $d) (i32.const 6) (i32.shr_u (local.get $flags) (i32.const 16)))
  (array.set $bytes (local.get $d) (i32.const 7) (i32.shr_u (local.get $flags) (i32.const 24)))
  (array.copy $bytes $bytes (local.get $d) (i32.const 8) (struct.get $bin $data (local.get $src)) (struct.get $bin $off (local.get $src)) (local.get $n))
  (array.new_fixed $tuple 5 (global.get $atom.re_pattern) (ref.i31 (global.get $rx.ncap))
    (ref.i31 (i32.shr_u (i32.and (local.get $flags) (i32.const 32)) (i32.const 5)))
    (ref.i31 (i32.ge_u (i32.and (i32.shr_u (local.get $flags) (i32.const 12)) (i32.const 7)) (i32.const 2)))
    (call $bin_of (local.get $d))))

(func $re:version/0 (result eqref)
  (call $bin_of (array.new_data $bytes $rx.ver (i32.const 0) (i32.const 26))))

(func $re:compile/1 (param $p eqref) (result eqref)
  (return_call $re:compile/2 (local.get $p) (ref.null none)))

(func $re:compile/2 (param $p eqref) (param $opts eqref) (result eqref)
  (local $flags i32) (local $f i32) (local $l eqref) (local $b (ref null $bin)) (local $r i32)
  (local.set $l (local.get $opts))
  (block $done
    (loop $opt
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (call $fail_badarg))))
      (local.set $f (call $rx.copt (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (if (i32.lt_s (local.get $f) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $flags (call $rx.addflag (local.get $flags) (local.get $f)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $opt)))
  (local.set $b (call $rx.to_bin (local.get $p) (i32.and (local.get $flags) (i32.const 32))))
  (if (ref.is_null (local.get $b)) (then (return (call $fail_badarg))))
  (local.set $r (call $rx.compile (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b))
    (struct.get $bin $size (local.get $b)) (local.get $flags)))
  (if (i32.eqz (local.get $r))
    (then (return (call $tuple2 (global.get $atom.error) (call $rx.errterm)))))
  (call $tuple2 (global.get $atom.ok) (call $rx.pattern_term (ref.as_non_null (local.get $b)) (local.get $flags))))

;; Byte order of two binaries.
(func $rx.bin_lt (param $a (ref $bin)) (param $b (ref $bin)) (result i32)
  (local $i i32) (local $n i32) (local $x i32) (local $y i32)
  (local.set $n (struct.get $bin $size (local.get $a)))
  (if (i32.gt_u (local.get $n) (struct.get $bin $size (local.get $b))) (then (local.set $n (struct.get $bin $size (local.get $b)))))
  (block $eq
    (loop $ch
      (br_if $eq (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get_u $bytes (struct.get $bin $data (local.get $a)) (i32.add (struct.get $bin $off (local.get $a)) (local.get $i))))
      (local.set $y (array.get_u $bytes (struct.get $bin $data (local.get $b)) (i32.add (struct.get $bin $off (local.get $b)) (local.get $i))))
      (if (i32.ne (local.get $x) (local.get $y)) (then (return (i32.lt_u (local.get $x) (local.get $y)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $ch)))
  (i32.lt_u (struct.get $bin $size (local.get $a)) (struct.get $bin $size (local.get $b))))

;; The {Name, Group} pairs of the compiled program, sorted by name, as a tuple.
(func $rx.sorted_names (result (ref $tuple))
  (local $n i32) (local $t (ref $tuple)) (local $l eqref) (local $i i32) (local $j i32) (local $x eqref)
  (local.set $n (call $list_length (global.get $rx.names)))
  (local.set $t (array.new $tuple (ref.null none) (local.get $n)))
  (local.set $l (global.get $rx.names))
  (block $done
    (loop $fill
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $x (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      ;; insertion sort
      (local.set $j (local.get $i))
      (block $placed
        (loop $shift
          (br_if $placed (i32.eqz (local.get $j)))
          (br_if $placed (i32.eqz (call $rx.bin_lt
            (ref.cast (ref $bin) (array.get $tuple (ref.cast (ref $tuple) (local.get $x)) (i32.const 0)))
            (ref.cast (ref $bin) (array.get $tuple (ref.cast (ref $tuple) (array.get $tuple (local.get $t) (i32.sub (local.get $j) (i32.const 1)))) (i32.const 0))))))
          (array.set $tuple (local.get $t) (local.get $j) (array.get $tuple (local.get $t) (i32.sub (local.get $j) (i32.const 1))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
      (array.set $tuple (local.get $t) (local.get $j) (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $fill)))
  (local.get $t))

(func $re:inspect/2 (param $mp eqref) (param $what eqref) (result eqref)
  (local $t (ref $tuple)) (local $i i32) (local $acc eqref)
  (if (i32.eqz (ref.test (ref $tuple) (local.get $mp))) (then (return (call $fail_badarg))))
  (if (i32.eqz (ref.eq (local.get $what) (global.get $atom.namelist))) (then (return (call $fail_badarg))))
  (if (i32.ne (call $rx.load (local.get $mp) (i32.const 0)) (i32.const 1)) (then (return (call $fail_badarg))))
  (local.set $t (call $rx.sorted_names))
  (local.set $i (array.len (local.get $t)))
  (block $done
    (loop $build
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons
        (array.get $tuple (ref.cast (ref $tuple) (array.get $tuple (local.get $t) (local.get $i))) (i32.const 0))
        (local.get $acc)))
      (br $build)))
  (call $tuple2 (global.get $atom.namelist) (local.get $acc)))

;; capture spec: mode 0 all, 1 all_but_first, 2 first, 3 none, 4 the groups in $rx.clist
(global $rx.cmode (mut i32) (i32.const 0))
(global $rx.clist (mut (ref null $limbs)) (ref.null none))

;; The group named by binary `b`, or -1.
(func $rx.group_of_bin (param $b (ref $bin)) (result i32)
  (local $l eqref) (local $t (ref $tuple)) (local $n (ref $bin))
  (local.set $l (global.get $rx.names))
  (block $none
    (loop $next
      (br_if $none (ref.is_null (local.get $l)))
      (local.set $t (ref.cast (ref $tuple) (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l)))))
      (local.set $n (ref.cast (ref $bin) (array.get $tuple (local.get $t) (i32.const 0))))
      (if (i32.eq (struct.get $bin $size (local.get $n)) (struct.get $bin $size (local.get $b)))
        (then
          (if (call $bytes_equal (struct.get $bin $data (local.get $n)) (struct.get $bin $off (local.get $n))
                (struct.get $bin $data (local.get $b)) (struct.get $bin $off (local.get $b)) (struct.get $bin $size (local.get $b)))
            (then (return (i31.get_s (ref.cast (ref i31) (array.get $tuple (local.get $t) (i32.const 1)))))))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $next)))
  (i32.const -1))

;; Resolves a capture value spec; 0 when it is not one.
(func $rx.resolve_spec (param $spec eqref) (result i32)
  (local $n i32) (local $l eqref) (local $i i32) (local $x eqref) (local $g i32) (local $b (ref null $bin)) (local $t (ref $tuple))
  (if (ref.eq (local.get $spec) (global.get $atom.all)) (then (global.set $rx.cmode (i32.const 0)) (return (i32.const 1))))
  (if (ref.eq (local.get $spec) (global.get $atom.all_but_first)) (then (global.set $rx.cmode (i32.const 1)) (return (i32.const 1))))
  (if (ref.eq (local.get $spec) (global.get $atom.first)) (then (global.set $rx.cmode (i32.const 2)) (return (i32.const 1))))
  (if (ref.eq (local.get $spec) (global.get $atom.none)) (then (global.set $rx.cmode (i32.const 3)) (return (i32.const 1))))
  (global.set $rx.cmode (i32.const 4))
  (if (ref.eq (local.get $spec) (global.get $atom.all_names))
    (then
      (local.set $t (call $rx.sorted_names))
      (local.set $n (array.len (local.get $t)))
      (global.set $rx.clist (array.new $limbs (i32.const 0) (local.get $n)))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (array.set $limbs (ref.as_non_null (global.get $rx.clist)) (local.get $i)
            (i31.get_s (ref.cast (ref i31) (array.get $tuple (ref.cast (ref $tuple) (array.get $tuple (local.get $t) (local.get $i))) (i32.const 1)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (return (i32.const 1))))
  (local.set $n (call $list_length (local.get $spec)))
  (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const 0))))
  (global.set $rx.clist (array.new $limbs (i32.const 0) (local.get $n)))
  (local.set $l (local.get $spec))
  (block $done
    (loop $each
      (br_if $done (ref.is_null (local.get $l)))
      (local.set $x (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $g (i32.const -1))
      (if (ref.test (ref i31) (local.get $x))
        (then
          (local.set $g (i31.get_s (ref.cast (ref i31) (local.get $x))))
          (if (i32.or (i32.lt_s (local.get $g) (i32.const 0)) (i32.gt_s (local.get $g) (global.get $rx.ncap)))
            (then (return (i32.const 0)))))
        (else
          (if (ref.test (ref $atom) (local.get $x))
            (then (local.set $b (call $atom_name (ref.cast (ref $atom) (local.get $x)))))
            (else (local.set $b (call $rx.to_bin (local.get $x) (i32.const 1)))))
          (if (ref.is_null (local.get $b)) (then (return (i32.const 0))))
          (local.set $g (call $rx.group_of_bin (ref.as_non_null (local.get $b))))))
      (array.set $limbs (ref.as_non_null (global.get $rx.clist)) (local.get $i) (local.get $g))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (br $each)))
  (i32.const 1))

;; The value of group g of the latest match: type 0 index, 1 binary, 2 list.
(func $rx.value (param $g i32) (param $type i32) (param $sb (ref $bin)) (result eqref)
  (local $s i32) (local $e i32) (local $caps (ref $limbs)) (local $acc eqref) (local $d (ref $bytes))
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (local.set $s (i32.const -1))
  (if (i32.ge_s (local.get $g) (i32.const 0))
    (then
      (local.set $s (array.get $limbs (local.get $caps) (i32.shl (local.get $g) (i32.const 1))))
      (local.set $e (array.get $limbs (local.get $caps) (i32.add (i32.shl (local.get $g) (i32.const 1)) (i32.const 1))))
      (if (i32.lt_s (local.get $e) (i32.const 0)) (then (local.set $s (i32.const -1))))))
  (if (i32.eqz (local.get $type))
    (then
      (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (call $tuple2 (ref.i31 (i32.const -1)) (ref.i31 (i32.const 0))))))
      (return (call $tuple2 (call $bin.int (local.get $s)) (call $bin.int (i32.sub (local.get $e) (local.get $s)))))))
  (if (i32.lt_s (local.get $s) (i32.const 0))
    (then (local.set $s (i32.const 0)) (local.set $e (i32.const 0))))
  (if (i32.eq (local.get $type) (i32.const 1))
    (then (return (call $bin.sub (local.get $sb) (local.get $s) (i32.sub (local.get $e) (local.get $s))))))
  (local.set $d (struct.get $bin $data (local.get $sb)))
  (local.set $s (i32.add (local.get $s) (struct.get $bin $off (local.get $sb))))
  (local.set $e (i32.add (local.get $e) (struct.get $bin $off (local.get $sb))))
  (if (i32.and (global.get $rx.mflags) (i32.const 32))
    (then (return (call $uc.utf8_list (local.get $d) (local.get $s) (local.get $e) (ref.null none)))))
  (block $done
    (loop $b
      (br_if $done (i32.le_u (local.get $e) (local.get $s)))
      (local.set $e (i32.sub (local.get $e) (i32.const 1)))
      (local.set $acc (struct.new $cons (ref.i31 (array.get_u $bytes (local.get $d) (local.get $e))) (local.get $acc)))
      (br $b)))
  (local.get $acc))

;; The captured values of the latest match, as the spec asks.
(func $rx.match_list (param $type i32) (param $sb (ref $bin)) (result eqref)
  (local $hi i32) (local $lo i32) (local $acc eqref) (local $i i32) (local $caps (ref $limbs)) (local $l (ref $limbs))
  (local.set $caps (ref.as_non_null (global.get $rx.caps)))
  (if (i32.eq (global.get $rx.cmode) (i32.const 4))
    (then
      (local.set $l (ref.as_non_null (global.get $rx.clist)))
      (local.set $i (array.len (local.get $l)))
      (block $done
        (loop $each
          (br_if $done (i32.eqz (local.get $i)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (local.set $acc (struct.new $cons
            (call $rx.value (array.get $limbs (local.get $l) (local.get $i)) (local.get $type) (local.get $sb)) (local.get $acc)))
          (br $each)))
      (return (local.get $acc))))
  (if (i32.eq (global.get $rx.cmode) (i32.const 2))
    (then (return (struct.new $cons (call $rx.value (i32.const 0) (local.get $type) (local.get $sb)) (ref.null none)))))
  ;; all / all_but_first: up to the highest group that is set
  (local.set $hi (global.get $rx.ncap))
  (block $found
    (loop $down
      (br_if $found (i32.eqz (local.get $hi)))
      (br_if $found (i32.ge_s (array.get $limbs (local.get $caps) (i32.add (i32.shl (local.get $hi) (i32.const 1)) (i32.const 1))) (i32.const 0)))
      (local.set $hi (i32.sub (local.get $hi) (i32.const 1)))
      (br $down)))
  (local.set $lo (global.get $rx.cmode))
  (local.set $i (i32.add (local.get $hi) (i32.const 1)))
  (block $done2
    (loop $each2
      (br_if $done2 (i32.le_s (local.get $i) (local.get $lo)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $acc (struct.new $cons (call $rx.value (local.get $i) (local.get $type) (local.get $sb)) (local.get $acc)))
      (br $each2)))
  (local.get $acc))

;; The position one character after a (loopexec's forward/5 in re.erl).
(func $rx.forward (param $a i32) (result i32)
  (local $b i32)
  (if (i32.ge_u (local.get $a) (global.get $rx.slen)) (then (return (i32.add (local.get $a) (i32.const 1)))))
  (if (i32.ge_u (call $rx.nlmode) (i32.const 2))
    (then
      (if (i32.and (i32.eq (call $rx.sb (local.get $a)) (i32.const 13))
                   (i32.and (i32.lt_u (i32.add (local.get $a) (i32.const 1)) (global.get $rx.slen))
                            (i32.eq (call $rx.sb (i32.add (local.get $a) (i32.const 1))) (i32.const 10))))
        (then (return (i32.add (local.get $a) (i32.const 2)))))))
  (if (i32.eqz (i32.and (global.get $rx.mflags) (i32.const 32))) (then (return (i32.add (local.get $a) (i32.const 1)))))
  (local.set $b (call $rx.sb (local.get $a)))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xe0)) (i32.const 0xc0)) (then (return (i32.add (local.get $a) (i32.const 2)))))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xf0)) (i32.const 0xe0)) (then (return (i32.add (local.get $a) (i32.const 3)))))
  (if (i32.eq (i32.and (local.get $b) (i32.const 0xf8)) (i32.const 0xf0)) (then (return (i32.add (local.get $a) (i32.const 4)))))
  (i32.add (local.get $a) (i32.const 1)))

(func $re:run/2 (param $s eqref) (param $re eqref) (result eqref)
  (return_call $re:run/3 (local.get $s) (local.get $re) (ref.null none)))

(func $re:internal_run/4 (param $s eqref) (param $re eqref) (param $opts eqref) (param $first eqref) (result eqref)
  (return_call $re:run/3 (local.get $s) (local.get $re) (local.get $opts)))

(func $re:run/3 (param $subj eqref) (param $re eqref) (param $opts eqref) (result eqref)
  (local $copts i32) (local $rflags i32) (local $global i32) (local $type i32) (local $spec eqref) (local $offset i32)
  (local $report i32) (local $limit i64) (local $l eqref) (local $o eqref) (local $t (ref $tuple)) (local $f i32)
  (local $r i32) (local $sb (ref null $bin)) (local $x i32) (local $a i32) (local $acc eqref) (local $m i32) (local $n i32)
  (local $v eqref) (local $any i32)
  (local.set $spec (global.get $atom.all))
  (local.set $limit (i64.const 10000000))
  (local.set $l (local.get $opts))
  (block $done
    (loop $opt
      (br_if $done (ref.is_null (local.get $l)))
      (if (i32.eqz (ref.test (ref $cons) (local.get $l))) (then (return (call $fail_badarg))))
      (local.set $o (struct.get $cons $hd (ref.cast (ref $cons) (local.get $l))))
      (local.set $l (struct.get $cons $tl (ref.cast (ref $cons) (local.get $l))))
      (if (ref.eq (local.get $o) (global.get $atom.global)) (then (local.set $global (i32.const 1)) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.anchored)) (then (local.set $rflags (i32.or (local.get $rflags) (i32.const 16))) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.notempty)) (then (local.set $rflags (i32.or (local.get $rflags) (i32.const 1))) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.notempty_atstart)) (then (local.set $rflags (i32.or (local.get $rflags) (i32.const 2))) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.notbol)) (then (local.set $rflags (i32.or (local.get $rflags) (i32.const 4))) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.noteol)) (then (local.set $rflags (i32.or (local.get $rflags) (i32.const 8))) (br $opt)))
      (if (ref.eq (local.get $o) (global.get $atom.report_errors)) (then (local.set $report (i32.const 1)) (br $opt)))
      (if (ref.test (ref $tuple) (local.get $o))
        (then
          (local.set $t (ref.cast (ref $tuple) (local.get $o)))
          (if (i32.and (i32.ge_u (array.len (local.get $t)) (i32.const 2)) (i32.le_u (array.len (local.get $t)) (i32.const 3)))
            (then
              (if (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.capture))
                (then
                  (local.set $spec (array.get $tuple (local.get $t) (i32.const 1)))
                  (local.set $type (i32.const 0))
                  (if (i32.eq (array.len (local.get $t)) (i32.const 3))
                    (then
                      (local.set $v (array.get $tuple (local.get $t) (i32.const 2)))
                      (if (ref.eq (local.get $v) (global.get $atom.binary)) (then (local.set $type (i32.const 1)))
                        (else (if (ref.eq (local.get $v) (global.get $atom.list)) (then (local.set $type (i32.const 2)))
                          (else (if (i32.eqz (ref.eq (local.get $v) (global.get $atom.index))) (then (return (call $fail_badarg))))))))))
                  (br $opt)))
              (if (i32.eq (array.len (local.get $t)) (i32.const 2))
                (then
                  (local.set $v (array.get $tuple (local.get $t) (i32.const 1)))
                  (if (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.offset))
                    (then
                      (if (i32.eqz (ref.test (ref i31) (local.get $v))) (then (return (call $fail_badarg))))
                      (local.set $offset (i31.get_s (ref.cast (ref i31) (local.get $v))))
                      (if (i32.lt_s (local.get $offset) (i32.const 0)) (then (return (call $fail_badarg))))
                      (br $opt)))
                  (if (i32.or (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.match_limit))
                              (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.match_limit_recursion)))
                    (then
                      (if (i32.eqz (call $is_integer (local.get $v))) (then (return (call $fail_badarg))))
                      (if (ref.eq (array.get $tuple (local.get $t) (i32.const 0)) (global.get $atom.match_limit))
                        (then (local.set $limit (call $bin.uint (local.get $v)))))
                      (br $opt)))))))))
      (local.set $f (call $rx.copt (local.get $o)))
      (if (i32.lt_s (local.get $f) (i32.const 0)) (then (return (call $fail_badarg))))
      (local.set $copts (call $rx.addflag (local.get $copts) (local.get $f)))
      (br $opt)))
  (local.set $r (call $rx.load (local.get $re) (local.get $copts)))
  (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (call $fail_badarg))))
  (if (i32.eqz (local.get $r))
    (then
      (if (local.get $report)
        (then (return (call $tuple2 (global.get $atom.error) (call $tuple2 (global.get $atom.compile) (call $rx.errterm))))))
      (return (call $fail_badarg))))
  (local.set $sb (call $rx.to_bin (local.get $subj) (i32.and (global.get $rx.mflags) (i32.const 32))))
  (if (ref.is_null (local.get $sb)) (then (return (call $fail_badarg))))
  (if (i32.gt_u (local.get $offset) (struct.get $bin $size (local.get $sb))) (then (return (call $fail_badarg))))
  (if (i32.eqz (call $rx.resolve_spec (local.get $spec))) (then (return (call $fail_badarg))))
  ;; the matcher
  (global.set $rx.s (struct.get $bin $data (local.get $sb)))
  (global.set $rx.soff (struct.get $bin $off (local.get $sb)))
  (global.set $rx.slen (struct.get $bin $size (local.get $sb)))
  (global.set $rx.nslots (i32.add (i32.shl (i32.add (global.get $rx.ncap) (i32.const 1)) (i32.const 1)) (global.get $rx.nloop)))
  (global.set $rx.caps (array.new $limbs (i32.const -1) (global.get $rx.nslots)))
  (if (ref.is_null (global.get $rx.stk)) (then (global.set $rx.stk (array.new $limbs (i32.const 0) (i32.const 3072)))))
  (global.set $rx.steps (i64.const 0))
  (global.set $rx.over (i32.const 0))
  (global.set $rx.limit (select (local.get $limit) (i64.const 10000000) (i64.ge_s (local.get $limit) (i64.const 0))))
  (if (i32.eqz (local.get $global))
    (then
      (global.set $rx.rflags (local.get $rflags))
      (global.set $rx.offset (local.get $offset))
      (local.set $m (call $rx.search (local.get $offset)))
      (call $rx.release)
      (if (i32.lt_s (local.get $m) (i32.const 0))
        (then
          (if (local.get $report) (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.match_limit)))))
          (return (global.get $atom.nomatch))))
      (if (i32.eqz (local.get $m)) (then (return (global.get $atom.nomatch))))
      (if (i32.eq (global.get $rx.cmode) (i32.const 3)) (then (return (global.get $atom.match))))
      (return (call $tuple2 (global.get $atom.match) (call $rx.match_list (local.get $type) (ref.as_non_null (local.get $sb)))))))
  ;; global: re.erl's loopexec
  (local.set $x (local.get $offset))
  (block $end
    (loop $next
      (br_if $end (i32.gt_u (local.get $x) (global.get $rx.slen)))
      (global.set $rx.rflags (local.get $rflags))
      (global.set $rx.offset (local.get $x))
      (local.set $m (call $rx.search (local.get $x)))
      (br_if $end (i32.le_s (local.get $m) (i32.const 0)))
      (local.set $any (i32.const 1))
      (local.set $a (array.get $limbs (ref.as_non_null (global.get $rx.caps)) (i32.const 0)))
      (local.set $n (i32.sub (array.get $limbs (ref.as_non_null (global.get $rx.caps)) (i32.const 1)) (local.get $a)))
      (local.set $acc (struct.new $cons (call $rx.match_list (local.get $type) (ref.as_non_null (local.get $sb))) (local.get $acc)))
      (if (i32.gt_s (local.get $n) (i32.const 0))
        (then (local.set $x (i32.add (local.get $a) (local.get $n))) (br $next)))
      (global.set $rx.rflags (i32.or (local.get $rflags) (i32.const 18)))
      (local.set $m (call $rx.search (local.get $x)))
      (br_if $end (i32.lt_s (local.get $m) (i32.const 0)))
      (if (i32.gt_s (local.get $m) (i32.const 0))
        (then
          (local.set $acc (struct.new $cons (call $rx.match_list (local.get $type) (ref.as_non_null (local.get $sb))) (local.get $acc)))
          (local.set $n (i32.sub (array.get $limbs (ref.as_non_null (global.get $rx.caps)) (i32.const 1))
                                 (array.get $limbs (ref.as_non_null (global.get $rx.caps)) (i32.const 0))))
          (if (i32.gt_s (local.get $n) (i32.const 0))
            (then (local.set $x (i32.add (local.get $a) (local.get $n))) (br $next)))))
      (local.set $x (call $rx.forward (local.get $a)))
      (br $next)))
  (call $rx.release)
  (if (i32.and (global.get $rx.over) (local.get $report))
    (then (return (call $tuple2 (global.get $atom.error) (global.get $atom.match_limit)))))
  (if (i32.eqz (local.get $any)) (then (return (global.get $atom.nomatch))))
  (if (i32.eq (global.get $rx.cmode) (i32.const 3)) (then (return (global.get $atom.match))))
  (call $tuple2 (global.get $atom.match) (call $lists:reverse/2 (local.get $acc) (ref.null none))))

;; Drops the references to the subject and pattern so the collector can take them.
(func $rx.release
  (global.set $rx.s (ref.null none))
  (global.set $rx.pat (ref.null none)))
