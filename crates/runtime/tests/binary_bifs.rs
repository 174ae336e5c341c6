//! The BIFs on binaries and iolists against the VM, results and error reasons:
//! byte_size/bit_size, binary_part, split_binary, list_to_binary and friends over nested
//! iolists with binary and improper tails, iolist_to_iovec's exact output shape,
//! bitstring_to_list, and the binary module (part, copy, first/last/at, decode/encode
//! unsigned, longest common prefix/suffix, match/matches/split with every option, plain
//! and compiled patterns, subjects long enough for the Horspool path).
mod bintest;
mod common;
use bintest::*;
use common::{count, seed, Rng, T};

fn bytes(r: &mut Rng, max: u64) -> Vec<u8> {
    let n = r.below(max + 1) as usize;
    (0..n).map(|_| r.next() as u8).collect()
}

fn bitstring(r: &mut Rng, max_bits: u64) -> T {
    let bits = r.below(max_bits + 1) as usize;
    bits_term(bytes(r, bits.div_ceil(8) as u64 + 1), bits)
}

/// Positions and lengths around the interesting boundaries of a subject of `n` bytes.
fn pos(r: &mut Rng, n: usize) -> T {
    match r.below(12) {
        0 => T::int(-1),
        1 => T::int(n as i128 + 1),
        2 => T::atom("x"),
        3 => T::int(1i128 << 64),
        4 => T::int(n as i128),
        5 => T::int(-(n as i128)),
        6 => T::int(0),
        _ => T::int(r.range(-(n as i64) - 1, n as i64 + 1) as i128),
    }
}

/// An iolist (or not quite one).
fn iolist(r: &mut Rng, depth: u32, bits_ok: bool) -> T {
    let n = r.below(6) as usize;
    let items = (0..n)
        .map(|_| match r.below(if depth == 0 { 4 } else { 6 }) {
            0 | 1 => {
                if r.chance(3) {
                    r.pick(&[T::int(256), T::int(-1), T::atom("a"), T::Float(1.0), T::int(1i128 << 70)]).clone()
                } else {
                    T::int(r.below(256) as i128)
                }
            }
            2 => T::Bin(bytes(r, 6)),
            3 => {
                if bits_ok || r.chance(5) {
                    bitstring(r, 20)
                } else {
                    T::Bin(bytes(r, 3))
                }
            }
            _ => iolist(r, depth - 1, bits_ok),
        })
        .collect();
    let tail = match r.below(10) {
        0 => Some(Box::new(T::Bin(bytes(r, 4)))),
        1 if r.chance(30) => {
            let b = bitstring(r, 12);
            Some(Box::new(r.pick(&[T::atom("t"), T::int(3), b]).clone()))
        }
        _ => None,
    };
    T::List(items, tail)
}

#[test]
fn sizes_parts_and_lists() {
    let mut r = Rng::new(seed());
    let mut cases = Vec::new();
    for _ in 0..count(300) {
        let b = if r.chance(70) { T::Bin(bytes(&mut r, 10)) } else { bitstring(&mut r, 60) };
        let n = match &b {
            T::Bin(v) => v.len(),
            T::Bits(v, _) => v.len() - 1,
            _ => 0,
        };
        let other = r.pick(&[T::atom("a"), T::int(1), T::list(vec![T::int(1)]), T::Tuple(vec![])]).clone();
        let subj = if r.chance(8) { other } else { b };
        for f in ["erlang:byte_size", "erlang:bit_size", "erlang:binary_to_list", "erlang:bitstring_to_list", "erlang:is_binary",
                  "erlang:is_bitstring", "binary:copy", "binary:first", "binary:last", "binary:referenced_byte_size",
                  "binary:decode_unsigned", "unicode:bin_is_7bit"] {
            cases.push(BCase::new(f, vec![subj.clone()]));
        }
        let (p, l) = (pos(&mut r, n), pos(&mut r, n));
        cases.push(BCase::new("erlang:binary_part", vec![subj.clone(), p.clone(), l.clone()]));
        cases.push(BCase::new("binary:part", vec![subj.clone(), p.clone(), l.clone()]));
        cases.push(BCase::new("erlang:binary_part", vec![subj.clone(), T::Tuple(vec![p.clone(), l.clone()])]));
        cases.push(BCase::new("binary:part", vec![subj.clone(), if r.chance(10) { T::Tuple(vec![p.clone()]) } else { T::Tuple(vec![p.clone(), l.clone()]) }]));
        cases.push(BCase::new("erlang:split_binary", vec![subj.clone(), p.clone()]));
        cases.push(BCase::new("binary:at", vec![subj.clone(), p.clone()]));
        cases.push(BCase::new("erlang:binary_to_list", vec![subj.clone(), p.clone(), l.clone()]));
        cases.push(BCase::new("binary:copy", vec![subj.clone(), T::int(r.range(-1, 5) as i128)]));
        let e = r.pick(&[T::atom("big"), T::atom("little"), T::atom("native")]).clone();
        cases.push(BCase::new("binary:decode_unsigned", vec![subj.clone(), e.clone()]));
        let v = match r.below(4) {
            0 => T::int(r.below(70000) as i128),
            1 => T::int(-(r.below(5) as i128)),
            2 => {
                let mut m = bytes(&mut r, 30);
                m.push(1 + r.below(255) as u8);
                T::Int(false, m)
            }
            _ => T::int((r.next() >> r.below(64)) as i128),
        };
        cases.push(BCase::new("binary:encode_unsigned", vec![v.clone()]));
        cases.push(BCase::new("binary:encode_unsigned", vec![v, e]));
    }
    // Long decode/encode round trips and the prefix/suffix functions.
    for _ in 0..count(100) {
        let b = T::Bin(bytes(&mut r, 40));
        cases.push(BCase::new("binary:decode_unsigned", vec![b.clone(), T::atom("little")]));
        cases.push(BCase::new("binary:decode_unsigned", vec![b]));
        let base = bytes(&mut r, 8);
        let k = 1 + r.below(4);
        let l: Vec<T> = (0..k)
            .map(|_| {
                let mut v = base.clone();
                v.truncate(r.below(base.len() as u64 + 1) as usize);
                if r.chance(50) {
                    v.extend(bytes(&mut r, 3));
                }
                if r.chance(50) {
                    v.reverse();
                }
                T::Bin(v)
            })
            .collect();
        let mut l = l;
        if r.chance(10) {
            let b = bitstring(&mut r, 12);
            l.push(r.pick(&[b, T::atom("a")]).clone());
        }
        let list = if r.chance(5) { T::List(l, Some(Box::new(T::bin("x")))) } else { T::list(l) };
        cases.push(BCase::new("binary:longest_common_prefix", vec![list.clone()]));
        cases.push(BCase::new("binary:longest_common_suffix", vec![list]));
    }
    cases.push(BCase::new("binary:longest_common_prefix", vec![T::list(vec![])]));
    cases.push(BCase::new("binary:longest_common_suffix", vec![T::atom("a")]));
    check("sizes, parts and lists", &cases);
}

#[test]
fn iolists() {
    // The deep term below needs a deep native stack to encode and drop on the Rust side.
    let t = std::thread::Builder::new().stack_size(512 << 20).spawn(iolists_body).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = t.join() {
        std::panic::resume_unwind(e);
    }
}

fn iolists_body() {
    let mut r = Rng::new(seed() ^ 0x10);
    let mut cases = Vec::new();
    for _ in 0..count(600) {
        let bits_ok = r.chance(30);
        let l = iolist(&mut r, 3, bits_ok);
        for f in ["erlang:list_to_binary", "erlang:iolist_to_binary", "erlang:iolist_size", "erlang:list_to_bitstring",
                  "erlang:iolist_to_iovec", "binary:list_to_bin"] {
            cases.push(BCase::new(f, vec![l.clone()]));
        }
    }
    for t in [T::Bin(vec![1, 2]), T::Bin(vec![]), bits_term(vec![0xf0], 4), T::atom("a"), T::list(vec![]), T::int(1)] {
        for f in ["erlang:list_to_binary", "erlang:iolist_to_binary", "erlang:iolist_size", "erlang:list_to_bitstring", "erlang:iolist_to_iovec"] {
            cases.push(BCase::new(f, vec![t.clone()]));
        }
    }
    // iolist_to_iovec's accumulator: binaries around 256 and 512 bytes, long byte runs,
    // accumulators past 8192 bytes.
    let sizes = [0usize, 1, 100, 200, 255, 256, 257, 300, 511, 512, 600, 1000, 5000, 9000];
    for _ in 0..count(200) {
        let n = 1 + r.below(6) as usize;
        let items: Vec<T> = (0..n)
            .map(|_| match r.below(3) {
                0 => T::Bin(vec![7; *r.pick(&sizes)]),
                1 => T::list((0..r.below(300)).map(|i| T::int((i % 256) as i128)).collect()),
                _ => T::list(vec![T::Bin(vec![1; *r.pick(&sizes)]), T::int(2)]),
            })
            .collect();
        cases.push(BCase::new("erlang:iolist_to_iovec", vec![T::list(items)]));
    }
    cases.push(BCase::new("erlang:iolist_to_iovec", vec![T::list(vec![T::Bin(vec![3; 9000]); 4])]));
    cases.push(BCase::new("erlang:iolist_to_iovec", vec![T::list((0..20000).map(|i| T::int((i % 256) as i128)).collect())]));
    // Deep nesting walks without recursion.
    let mut deep = T::list(vec![T::int(1)]);
    for _ in 0..20000 {
        deep = T::List(vec![deep, T::int(2)], None);
    }
    cases.push(BCase::new("erlang:iolist_size", vec![deep.clone()]));
    cases.push(BCase::new("erlang:list_to_binary", vec![deep]));
    check("iolists", &cases);
}

fn subject(r: &mut Rng, alphabet: &[u8], max: u64) -> Vec<u8> {
    let n = r.below(max + 1) as usize;
    (0..n).map(|_| *r.pick(alphabet)).collect()
}

fn pattern(r: &mut Rng, alphabet: &[u8]) -> T {
    let one = |r: &mut Rng| T::Bin(subject(r, alphabet, 3).into_iter().chain(std::iter::once(*r.pick(alphabet))).collect());
    match r.below(20) {
        0 => T::Bin(vec![]),
        1 => T::list(vec![]),
        2 => T::list(vec![one(r), T::Bin(vec![])]),
        3 => T::atom("x"),
        4 => bits_term(vec![b'a', 0x80], 9),
        5 => T::List(vec![one(r)], Some(Box::new(one(r)))),
        6..=11 => one(r),
        _ => T::list((0..1 + r.below(4)).map(|_| one(r)).collect()),
    }
}

fn options(r: &mut Rng, n: usize, split: bool) -> T {
    let mut v = Vec::new();
    for _ in 0..r.below(3) {
        let o = match r.below(if split { 8 } else { 4 }) {
            0 | 1 => {
                let s = r.range(-1, n as i64 + 1);
                let l = r.range(-(n as i64) - 1, n as i64 + 1);
                T::Tuple(vec![T::atom("scope"), T::Tuple(vec![T::int(s as i128), T::int(l as i128)])])
            }
            2 => r.pick(&[T::atom("global"), T::Tuple(vec![T::atom("scope"), T::int(1)]), T::atom("bad")]).clone(),
            3 => T::Tuple(vec![T::atom("scope"), T::Tuple(vec![T::int(0), T::int(n as i128)])]),
            4 => T::atom("global"),
            5 => T::atom("trim"),
            6 => T::atom("trim_all"),
            _ => T::atom("global"),
        };
        v.push(o);
    }
    if r.chance(3) {
        return T::List(v, Some(Box::new(T::atom("junk"))));
    }
    if r.chance(2) {
        return T::atom("global");
    }
    T::list(v)
}

#[test]
fn searching() {
    let mut r = Rng::new(seed() ^ 0x5ea);
    let mut cases = Vec::new();
    for _ in 0..count(700) {
        let alphabet: &[u8] = if r.chance(50) { b"ab," } else { b"abcd,;" };
        let s = subject(&mut r, alphabet, 30);
        let n = s.len();
        let subj = if r.chance(6) {
            r.pick(&[bits_term(vec![b'a', b',', 0x80], 17), bits_term(vec![0x80], 3), T::atom("s"), T::Bin(vec![])]).clone()
        } else {
            T::Bin(s)
        };
        let p = pattern(&mut r, alphabet);
        let o = options(&mut r, n, false);
        let so = options(&mut r, n, true);
        cases.push(BCase::new("binary:match", vec![subj.clone(), p.clone()]));
        cases.push(BCase::new("binary:matches", vec![subj.clone(), p.clone()]));
        cases.push(BCase::new("binary:split", vec![subj.clone(), p.clone()]));
        cases.push(BCase::new("binary:match", vec![subj.clone(), p.clone(), o.clone()]));
        cases.push(BCase::new("binary:matches", vec![subj.clone(), p.clone(), o]));
        cases.push(BCase::new("binary:split", vec![subj.clone(), p.clone(), so.clone()]));
        cases.push(BCase::new("tb_cp_matches", vec![subj.clone(), p.clone(), T::list(vec![])]));
        cases.push(BCase::new("tb_cp_split", vec![subj, p, so]));
    }
    // Long subjects: the Horspool and multi-pattern paths.
    for _ in 0..count(100) {
        let alphabet: &[u8] = *r.pick(&[&b"ab"[..], &b"abcdefgh"[..], &b"abcdefghijklmnopqrstuvwxyz"[..]]);
        let s = subject(&mut r, alphabet, 3000);
        let plen = 1 + r.below(8) as usize;
        let p = if !s.is_empty() && r.chance(70) {
            let at = r.below(s.len() as u64) as usize;
            T::Bin(s[at..(at + plen).min(s.len())].to_vec())
        } else {
            T::Bin(subject(&mut r, alphabet, plen as u64).into_iter().chain(std::iter::once(b'a')).collect())
        };
        let p = if r.chance(30) { T::list(vec![p, T::Bin(subject(&mut r, alphabet, 4).into_iter().chain(std::iter::once(b'b')).collect())]) } else { p };
        let n = s.len();
        cases.push(BCase::new("binary:matches", vec![T::Bin(s.clone()), p.clone()]));
        cases.push(BCase::new("binary:match", vec![T::Bin(s.clone()), p.clone(), options(&mut r, n, false)]));
        cases.push(BCase::new("binary:split", vec![T::Bin(s.clone()), p.clone(), T::list(vec![T::atom("global"), T::atom("trim_all")])]));
        cases.push(BCase::new("tb_cp_match", vec![T::Bin(s), p, T::list(vec![])]));
    }
    // Overlapping and nested patterns: the VM's leftmost-longest choice.
    for (s, ps) in [
        ("abcd", vec!["bc", "abcd", "c"]), ("abcabc", vec!["bc", "ab", "c"]), ("aaaa", vec!["a", "aa", "aaa"]),
        ("abcde", vec!["abc", "b", "cde"]), ("xabcx", vec!["abc", "bc", "b", "ab"]), ("aaa", vec!["aa"]),
        ("abababa", vec!["aba", "bab"]), ("abc", vec!["abcd", "bcd"]), ("ab", vec!["b", "ab", "a"]),
    ] {
        let p = T::list(ps.iter().map(|x| T::bin(x)).collect());
        cases.push(BCase::new("binary:matches", vec![T::bin(s), p.clone()]));
        cases.push(BCase::new("binary:match", vec![T::bin(s), p.clone()]));
        cases.push(BCase::new("binary:split", vec![T::bin(s), p, T::list(vec![T::atom("global")])]));
    }
    check("searching", &cases);
}
