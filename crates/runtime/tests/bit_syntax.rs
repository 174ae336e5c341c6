//! The bit syntax against the VM: construction (bs_create_bin's and OTP 24's entry points)
//! of integers of every width, signedness and endianness at unaligned positions, bignums,
//! floats of 16/32/64 bits, binaries and bitstrings, utf8/16/32 and strings, with their
//! error reasons; matching the same segments back, including invalid UTF sequences,
//! NaN/infinity floats and sizes that do not fit; bs_add and the utf size instructions.
mod bintest;
mod common;
use bintest::*;
use common::{count, seed, Rng, T};

fn seg(kind: &str, rest: Vec<T>) -> T {
    let mut v = vec![T::atom(kind)];
    v.extend(rest);
    T::Tuple(v)
}

fn bitstring(r: &mut Rng, max_bits: u64) -> T {
    let bits = r.below(max_bits + 1) as usize;
    let bytes = (0..bits.div_ceil(8)).map(|_| r.next() as u8).collect();
    bits_term(bytes, bits)
}

fn code_point(r: &mut Rng) -> T {
    match r.below(12) {
        0 => T::int(r.below(0x80) as i128),
        1 => T::int(0x80 + r.below(0x800 - 0x80) as i128),
        2 => T::int(0x800 + r.below(0xd800 - 0x800) as i128),
        3 => T::int(0xe000 + r.below(0x10000 - 0xe000) as i128),
        4 => T::int(0x10000 + r.below(0x110000 - 0x10000) as i128),
        5 => T::int(*r.pick(&[0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff]) as i128),
        6 => T::int(*r.pick(&[0xd800i64, 0xdbff, 0xdc00, 0xdfff, 0x110000, -1, 1 << 40]) as i128),
        7 => r.pick(&[T::atom("a"), T::Float(65.0), T::bin("A")]).clone(),
        _ => T::int(r.below(0x3000) as i128),
    }
}

/// One construction segment; `bad` asks for one that fails.
fn build_seg(r: &mut Rng, bad: bool) -> T {
    let k = r.below(10);
    let flags = |r: &mut Rng| T::int(*r.pick(&[0, 2, 4, 6]) as i128);
    match k {
        0..=3 => {
            let unit = *r.pick(&[1, 1, 1, 1, 8, 3]);
            let size: i64 = match r.below(6) {
                0 => *r.pick(&[8, 16, 32, 64]),
                1 => r.range(0, 200),
                _ => r.range(0, 70),
            };
            let size = if unit == 1 { size } else { size / unit };
            let f = if unit == 1 { flags(r) } else { T::int(*r.pick(&[0, 2]) as i128) };
            let mut v = r.integer();
            let mut s = T::int(size as i128);
            if bad {
                match r.below(4) {
                    0 => v = T::atom("x"),
                    1 => v = T::Float(1.5),
                    2 => s = T::int(-1),
                    _ => s = T::atom("all"),
                }
            }
            seg("integer", vec![v, s, T::int(unit as i128), f])
        }
        4 | 5 => {
            let size: i128 = *r.pick(&[16, 32, 64, 64, 32]);
            let v = match r.below(6) {
                0 => r.integer(),
                1 => T::Float(*r.pick(&[1e300, -1e300, 65504.0, 65520.0, 65519.99, 6.0e-8, 3.0e-8, 2.9e-8, 1e-300, -0.0, 3.4028235e38, 3.4028236e38, 1e39, 5.960464477539063e-8])),
                _ => T::Float(r.float()),
            };
            let (v, s) = if bad {
                match r.below(3) {
                    0 => (T::atom("x"), T::int(size)),
                    1 => (v, T::int(24)),
                    _ => (pow2(1100), T::int(size)),
                }
            } else {
                (v, T::int(size))
            };
            seg("float", vec![v, s, T::int(1), T::int(*r.pick(&[0, 2]) as i128)])
        }
        6 | 7 => {
            let b = bitstring(r, 90);
            let bits = match &b {
                T::Bin(v) => v.len() * 8,
                T::Bits(v, n) => (v.len() - 1) * 8 + *n as usize,
                _ => 0,
            };
            let unit = *r.pick(&[1, 8]);
            let size = if r.chance(40) {
                T::atom("all")
            } else {
                let n = r.below(bits as u64 / unit + 1);
                T::int(n as i128)
            };
            let (b, size) = if bad {
                match r.below(3) {
                    0 => (T::atom("x"), size),
                    1 => (b, T::int((bits as i128) / unit as i128 + 1)),
                    _ => (bits_term(vec![0xff, 0xff], 13), T::atom("all")),
                }
            } else if unit == 8 && matches!(size, T::Atom(_)) && bits % 8 != 0 {
                (bits_term(match b { T::Bits(v, _) => v, T::Bin(v) => v, _ => vec![] }, bits / 8 * 8), size)
            } else {
                (b, size)
            };
            let unit = if bad && matches!(size, T::Atom(_)) { 8 } else { unit };
            seg("binary", vec![b, size, T::int(unit as i128)])
        }
        8 => {
            let kind = *r.pick(&["utf8", "utf16", "utf32"]);
            let mut cp = code_point(r);
            if !bad {
                while !valid_cp(&cp) {
                    cp = code_point(r);
                }
            } else {
                cp = T::int(*r.pick(&[0xd800, 0x110000, -5]) as i128);
            }
            if kind == "utf8" {
                seg(kind, vec![cp])
            } else {
                seg(kind, vec![cp, T::int(*r.pick(&[0, 2]) as i128)])
            }
        }
        _ => {
            let n = r.below(6) as usize;
            seg("string", vec![T::Bin((0..n).map(|_| r.next() as u8).collect())])
        }
    }
}

/// 2^k as a term.
fn pow2(k: usize) -> T {
    let mut v = vec![0u8; k / 8 + 1];
    v[k / 8] = 1 << (k % 8);
    T::Int(false, v)
}

fn valid_cp(t: &T) -> bool {
    match t {
        T::Int(false, m) => {
            let mut v: u64 = 0;
            for (i, b) in m.iter().enumerate().take(8) {
                v |= (*b as u64) << (8 * i);
            }
            m.len() <= 3 && v <= 0x10ffff && !(0xd800..=0xdfff).contains(&v)
        }
        T::Int(true, m) => m.iter().all(|b| *b == 0),
        _ => false,
    }
}

fn build_case(r: &mut Rng) -> BCase {
    let n = 1 + r.below(6) as usize;
    let bad_at = if r.chance(15) { r.below(n as u64) as usize } else { usize::MAX };
    let segs = (0..n).map(|i| build_seg(r, i == bad_at)).collect();
    BCase::new("tb_build", vec![T::list(segs)])
}

#[test]
fn construction_matches_the_vm() {
    let mut r = Rng::new(seed());
    let mut cases: Vec<BCase> = (0..count(1500)).map(|_| build_case(&mut r)).collect();
    // Fixed cases: widths around 64, bignums truncated, negative values, little-endian
    // odd widths, and every float edge.
    for (v, s, f) in [
        (T::int(0x123), 12, 2), (T::int(-1), 65, 0), (T::int(-1), 65, 2), (T::int(-2), 100, 6), (T::int(1 << 64), 64, 0),
        (T::int((1 << 64) + 5), 8, 0), (T::int(-(1 << 70) - 3), 72, 2), (T::int(i64::MIN as i128), 64, 0),
        (T::int(u64::MAX as i128), 64, 2), (T::int(0x0102030405060708090a), 80, 2), (T::int(0x0102030405060708090a), 77, 2),
        (T::int(-0x0102030405060708090a), 77, 0), (T::int(5), 0, 0), (T::int(1 << 100), 101, 2), (T::int(255), 7, 2),
    ] {
        cases.push(BCase::new("tb_build", vec![T::list(vec![seg("integer", vec![T::int(1), T::int(3), T::int(1), T::int(0)]),
            seg("integer", vec![v, T::int(s), T::int(1), T::int(f)])])]));
    }
    for f in [65504.0, 65520.0, 65519.0, 1e10, 6.0e-8, 2.98e-8, 2.9802322387695312e-8, -0.0, 1.0000000000000002, 0.1, 1e-5, 3.4e38, 3.5e38, f64::MAX, 1e-45, 1e-46] {
        for s in [16, 32, 64] {
            cases.push(BCase::new("tb_build", vec![T::list(vec![seg("float", vec![T::Float(f), T::int(s), T::int(1), T::int(0)])])]));
        }
    }
    for big in [pow2(1023), T::Int(false, { let mut v = vec![0u8; 129]; v[128] = 1; v }), T::int((1i128 << 53) + 1), T::int(-(1i128 << 100) - 1)] {
        for s in [16, 32, 64] {
            cases.push(BCase::new("tb_build", vec![T::list(vec![seg("float", vec![big.clone(), T::int(s), T::int(1), T::int(0)])])]));
        }
    }
    // Sizes that are too large: system_limit; negative or not integers: badarg.
    for s in [T::int(1i128 << 60), T::int(1i128 << 59), T::int(1i128 << 70), T::int(-(1i128 << 70))] {
        cases.push(BCase::new("tb_build", vec![T::list(vec![seg("integer", vec![T::int(1), s.clone(), T::int(8), T::int(0)])])]));
        cases.push(BCase::new("tb_build", vec![T::list(vec![seg("binary", vec![T::bin("a"), s, T::int(8)])])]));
    }
    check_both("construction", &cases);
}

/// A match of the segments of a construction, perturbed.
fn match_case(r: &mut Rng) -> Option<BCase> {
    let n = 1 + r.below(5) as usize;
    let mut segs = Vec::new();
    let mut msegs = Vec::new();
    for _ in 0..n {
        let s = build_seg(r, false);
        let T::Tuple(items) = &s else { return None };
        let T::Atom(kind) = &items[0] else { return None };
        let m = match kind.as_str() {
            "integer" => {
                let unit = match &items[3] { T::Int(_, m) => m.first().copied().unwrap_or(0) as i128, _ => 1 };
                let flags = if unit == 1 { *r.pick(&[0, 2, 4, 6]) } else { *r.pick(&[0, 6]) };
                let mut size = items[2].clone();
                if r.chance(5) {
                    size = T::int(r.range(-2, 90) as i128);
                }
                seg("integer", vec![size, T::int(unit), T::int(flags)])
            }
            "float" => seg("float", vec![items[2].clone(), T::int(1), T::int(*r.pick(&[0, 2]))]),
            "binary" => {
                let unit = match &items[3] { T::Int(_, m) => m.first().copied().unwrap_or(0) as i128, _ => 1 };
                if matches!(items[2], T::Atom(_)) {
                    // Only last (the Erlang side requires it); use an explicit size otherwise.
                    seg("skip", vec![T::int(0), T::int(1)])
                } else {
                    seg("binary", vec![items[2].clone(), T::int(unit)])
                }
            }
            "utf8" => seg("utf8", vec![]),
            "utf16" => seg("utf16", vec![items[2].clone()]),
            "utf32" => seg("utf32", vec![items[2].clone()]),
            _ => seg("string", vec![items[1].clone()]),
        };
        segs.push(s);
        msegs.push(m);
    }
    match r.below(6) {
        0 => msegs.push(seg("binary", vec![T::atom("all"), T::int(*r.pick(&[1, 8]))])),
        1 => msegs.push(seg("tail", vec![T::int(r.below(40) as i128)])),
        2 => msegs.push(seg("unit", vec![T::int(*r.pick(&[1, 2, 8, 3]))])),
        3 => msegs.push(seg("skip", vec![T::int(r.below(20) as i128), T::int(*r.pick(&[1, 8]))])),
        4 => msegs.push(seg("skip", vec![T::atom("all"), T::int(8)])),
        _ => {}
    }
    // The subject: the construction, or random bits with a random prefix.
    let subject = if r.chance(80) {
        let pre = seg("binary", vec![bitstring(r, 20), T::atom("all"), T::int(1)]);
        let mut all = vec![];
        if r.chance(50) {
            all.push(pre);
            msegs.insert(0, seg("skip", vec![T::int(0), T::int(1)]));
        }
        all.extend(segs);
        T::list(all)
    } else {
        T::list(vec![seg("binary", vec![bitstring(r, 200), T::atom("all"), T::int(1)])])
    };
    Some(BCase::new("tb_match", vec![subject, T::list(msegs)]))
}

#[test]
fn matching_matches_the_vm() {
    // Two steps: build the subjects on the VM, then match them on both sides.
    let mut r = Rng::new(seed() ^ 0x5eed);
    let mut proto = Vec::new();
    while proto.len() < count(1500) {
        if let Some(c) = match_case(&mut r) {
            proto.push(c);
        }
    }
    let subjects = run_on_vm(&proto.iter().map(|c| BCase::new("tb_build", vec![c.args[0].clone()])).collect::<Vec<_>>(), false);
    let mut cases = Vec::new();
    for (c, s) in proto.iter().zip(subjects) {
        let Some(b) = ok_bitstring(&s) else { continue };
        let mut segs = c.args[1].clone();
        // A prefix skip of 0 bits stands for "skip the random prefix": fix its size.
        if let (T::List(items, _), T::List(parts, _)) = (&mut segs, &c.args[0]) {
            if parts.len() > 1 {
                if let (Some(T::Tuple(first)), T::Tuple(p)) = (items.first_mut(), &parts[0]) {
                    if let (T::Atom(k), T::Atom(pk)) = (&first[0], &p[0]) {
                        if k == "skip" && pk == "binary" {
                            first[1] = T::int(bit_len(&p[1]) as i128);
                        }
                    }
                }
            }
        }
        cases.push(BCase::new("tb_match", vec![b, segs]));
    }
    // Floats that are NaN or infinite do not match; neither do invalid UTF sequences.
    for bytes in [vec![0x7f, 0xf0, 0, 0, 0, 0, 0, 0], vec![0xff, 0xf8, 0, 0, 0, 0, 0, 1], vec![0x7f, 0x80, 0, 0], vec![0x7f, 0xc0, 0, 1], vec![0x7c, 0x00], vec![0xfc, 0x00], vec![0x7e, 0x01], vec![0x00, 0x01], vec![0x7b, 0xff]] {
        let s = bytes.len() as i128 * 8;
        cases.push(BCase::new("tb_match", vec![T::Bin(bytes.clone()), T::list(vec![seg("float", vec![T::int(s), T::int(1), T::int(0)])])]));
        cases.push(BCase::new("tb_match", vec![T::Bin(bytes), T::list(vec![seg("float", vec![T::int(s), T::int(1), T::int(2)])])]));
    }
    for bytes in [
        vec![0xc0, 0x80], vec![0xc1, 0xbf], vec![0xc2, 0x80], vec![0xe0, 0x9f, 0xbf], vec![0xe0, 0xa0, 0x80], vec![0xed, 0xa0, 0x80],
        vec![0xed, 0x9f, 0xbf], vec![0xf0, 0x8f, 0xbf, 0xbf], vec![0xf0, 0x90, 0x80, 0x80], vec![0xf4, 0x8f, 0xbf, 0xbf],
        vec![0xf4, 0x90, 0x80, 0x80], vec![0xf5, 0x80, 0x80, 0x80], vec![0xf8, 0x88, 0x80, 0x80, 0x80], vec![0x80], vec![0xe2, 0x82],
        vec![0xe2, 0x82, 0xac], vec![0xe2, 0xc2, 0xac], vec![0xd8, 0x00, 0xdc, 0x00], vec![0xdc, 0x00], vec![0xd8, 0x00, 0x00, 0x41],
        vec![0x00, 0xd8, 0x00, 0xdc], vec![0x00, 0x00, 0xd8, 0x00], vec![0x00, 0x10, 0xff, 0xff], vec![0x00, 0x11, 0x00, 0x00],
        vec![0xff, 0xff, 0x10, 0x00], vec![0x00, 0xd8, 0x00, 0x00],
    ] {
        for m in [seg("utf8", vec![]), seg("utf16", vec![T::int(0)]), seg("utf16", vec![T::int(2)]), seg("utf32", vec![T::int(0)]), seg("utf32", vec![T::int(2)])] {
            cases.push(BCase::new("tb_match", vec![T::Bin(bytes.clone()), T::list(vec![m.clone()])]));
            // and at an unaligned position
            let mut shifted = vec![0u8; bytes.len() + 1];
            for (i, b) in bytes.iter().enumerate() {
                shifted[i] |= b >> 3;
                shifted[i + 1] |= b << 5;
            }
            cases.push(BCase::new("tb_match", vec![bits_term(shifted, 5 + bytes.len() * 8), T::list(vec![seg("skip", vec![T::int(5), T::int(1)]), m])]));
        }
    }
    // Fewer than 8 bits left: no character, whatever they hold.
    for bits in 1..8 {
        for m in [seg("utf8", vec![]), seg("utf16", vec![T::int(0)]), seg("utf32", vec![T::int(2)])] {
            cases.push(BCase::new("tb_match", vec![bits_term(vec![0x41], bits), T::list(vec![m.clone()])]));
            cases.push(BCase::new("tb_match", vec![bits_term(vec![0x41, 0x42, 0x43, 0x44], 24 + bits), T::list(vec![seg("skip", vec![T::int(24), T::int(1)]), m])]));
        }
    }
    check_both("matching", &cases);
}

fn bit_len(t: &T) -> usize {
    match t {
        T::Bin(v) => v.len() * 8,
        T::Bits(v, n) => (v.len() - 1) * 8 + *n as usize,
        _ => 0,
    }
}

/// The bitstring of an {ok, Bits} answer (ETF hex), if it is one.
fn ok_bitstring(hex_etf: &str) -> Option<T> {
    let b: Vec<u8> = (0..hex_etf.len() / 2).map(|i| u8::from_str_radix(&hex_etf[2 * i..2 * i + 2], 16).unwrap_or(0)).collect();
    // 131, 104 2, 100|119 "ok", then 109 (binary) or 77 (bit binary)
    if b.len() < 7 || b[0] != 131 || b[1] != 104 || b[2] != 2 {
        return None;
    }
    let mut i = 3;
    match b[i] {
        119 => i += 2 + b[i + 1] as usize,
        100 => i += 3 + b[i + 2] as usize,
        _ => return None,
    }
    match b.get(i)? {
        109 => {
            let n = u32::from_be_bytes(b.get(i + 1..i + 5)?.try_into().ok()?) as usize;
            Some(T::Bin(b.get(i + 5..i + 5 + n)?.to_vec()))
        }
        77 => {
            let n = u32::from_be_bytes(b.get(i + 1..i + 5)?.try_into().ok()?) as usize;
            let bits = *b.get(i + 5)?;
            Some(T::Bits(b.get(i + 6..i + 6 + n)?.to_vec(), bits))
        }
        _ => None,
    }
}

#[test]
fn utf_segments_round_trip() {
    let mut r = Rng::new(seed() ^ 0x07f8);
    let mut cases = Vec::new();
    for _ in 0..count(400) {
        let cp = code_point(&mut r);
        let f = T::int(*r.pick(&[0, 2]) as i128);
        for kind in ["utf8", "utf16", "utf32"] {
            let s = if kind == "utf8" { seg(kind, vec![cp.clone()]) } else { seg(kind, vec![cp.clone(), f.clone()]) };
            cases.push(BCase::new("tb_build", vec![T::list(vec![seg("integer", vec![T::int(1), T::int(r.below(8) as i128), T::int(1), T::int(0)]), s])]));
        }
        // The size instructions never fail on the VM; only valid code points can be
        // observed through a construction.
        if valid_cp(&cp) {
            cases.push(BCase::new("tb_utf8_size", vec![cp.clone()]));
            cases.push(BCase::new("tb_utf16_size", vec![cp]));
        }
    }
    check_both("utf construction", &cases);
}

#[test]
fn bs_add_matches_the_vm() {
    let mut cases = Vec::new();
    let vals = [T::int(0), T::int(1), T::int(7), T::int(1000), T::int(-1), T::atom("a"), T::Float(1.0), T::int(-(1i128 << 70))];
    for a in &vals {
        for b in &vals {
            for u in [1, 8] {
                cases.push(BCase::new("tb_add", vec![a.clone(), b.clone(), T::int(u)]));
            }
        }
    }
    check_both("bs_add", &cases);
}
