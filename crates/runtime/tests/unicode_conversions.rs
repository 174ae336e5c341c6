//! unicode:characters_to_binary/2, characters_to_list/2 and bin_is_7bit/1 against the VM:
//! every input encoding (latin1, unicode/utf8, utf16 and utf32 of both endiannesses),
//! nested chardata with binary and improper tails, invalid code points, invalid and
//! overlong UTF-8, sequences cut at the end of a binary and completed (or not) by the
//! next one, and the exact {error, Converted, Rest} / {incomplete, Converted, Rest} terms.
mod bintest;
mod common;
use bintest::*;
use common::{count, seed, Rng, T};

fn enc(r: &mut Rng) -> T {
    match r.below(14) {
        0 | 1 => T::atom("latin1"),
        2 | 3 => T::atom("unicode"),
        4 | 5 => T::atom("utf8"),
        6 => T::atom("utf16"),
        7 => T::Tuple(vec![T::atom("utf16"), T::atom("little")]),
        8 => T::Tuple(vec![T::atom("utf16"), T::atom("big")]),
        9 => T::atom("utf32"),
        10 => T::Tuple(vec![T::atom("utf32"), T::atom("little")]),
        11 => T::Tuple(vec![T::atom("utf32"), T::atom("big")]),
        12 => T::Tuple(vec![T::atom("utf16"), T::atom("middle")]),
        _ => T::atom("foo"),
    }
}

fn cp(r: &mut Rng) -> u32 {
    match r.below(10) {
        0..=3 => 0x20 + r.below(0x5f) as u32,
        4 => 0x80 + r.below(0x80) as u32,
        5 => 0x100 + r.below(0x700) as u32,
        6 => 0x800 + r.below(0xd000) as u32,
        7 => 0xe000 + r.below(0x2000) as u32,
        8 => 0x10000 + r.below(0x100000) as u32,
        _ => *r.pick(&[0, 0x7f, 0xff, 0x7ff, 0xffff, 0x10ffff, 0xfeff, 0xfffe]),
    }
}

fn utf8(c: u32) -> Vec<u8> {
    char::from_u32(c).map(|ch| ch.to_string().into_bytes()).unwrap_or_default()
}

fn encode(c: u32, e: &str) -> Vec<u8> {
    match e {
        "utf16" | "utf16b" | "utf16l" => {
            let mut u = [0u16; 2];
            let s = char::from_u32(c).map(|ch| ch.encode_utf16(&mut u).to_vec()).unwrap_or_default();
            s.iter().flat_map(|w| if e == "utf16l" { w.to_le_bytes() } else { w.to_be_bytes() }).collect()
        }
        "utf32" | "utf32b" | "utf32l" => if e == "utf32l" { c.to_le_bytes().to_vec() } else { c.to_be_bytes().to_vec() },
        "latin1" => vec![c as u8],
        _ => utf8(c),
    }
}

fn enc_name(t: &T) -> &'static str {
    match t {
        T::Atom(a) if a == "latin1" => "latin1",
        T::Atom(a) if a == "utf16" => "utf16",
        T::Atom(a) if a == "utf32" => "utf32",
        T::Tuple(v) => match (&v[0], &v[1]) {
            (T::Atom(a), T::Atom(b)) if a == "utf16" && b == "little" => "utf16l",
            (T::Atom(a), _) if a == "utf16" => "utf16",
            (T::Atom(a), T::Atom(b)) if a == "utf32" && b == "little" => "utf32l",
            _ => "utf32",
        },
        _ => "utf8",
    }
}

/// Encoded text in `e`, maybe damaged: a byte dropped, a bad byte, a cut end.
fn text_bytes(r: &mut Rng, e: &str, max: u64) -> Vec<u8> {
    let n = r.below(max + 1);
    let mut out = Vec::new();
    for _ in 0..n {
        let c = cp(r);
        let c = if e == "latin1" { c & 0xff } else { c };
        out.extend(encode(c, e));
    }
    if !out.is_empty() && r.chance(25) {
        match r.below(6) {
            0 => {
                out.pop();
            }
            1 => {
                let i = r.below(out.len() as u64) as usize;
                out[i] = *r.pick(&[0x80, 0xc0, 0xc1, 0xf5, 0xf8, 0xff, 0xed, 0xe0, 0xd8, 0xdc]);
            }
            2 => out.extend(r.pick(&[&[0xe2u8, 0x82][..], &[0xf0, 0x9f, 0x98][..], &[0xc3][..], &[0xd8, 0x3d][..], &[0x00, 0xd8][..], &[0x00, 0x00][..], &[0xed, 0xa0][..], &[0xe0, 0x80][..], &[0xf4, 0x90][..]]).iter()),
            3 => out.extend([0xed, 0xa0, 0x80]),
            4 => out.extend([0xc0, 0xaf]),
            _ => {
                let k = r.below(out.len() as u64) as usize;
                out.truncate(k);
            }
        }
    }
    out
}

fn chardata(r: &mut Rng, e: &str, depth: u32) -> T {
    let n = r.below(5) as usize;
    let items: Vec<T> = (0..n)
        .map(|_| match r.below(if depth == 0 { 3 } else { 5 }) {
            0 => {
                if r.chance(8) {
                    r.pick(&[T::int(0xd800), T::int(0x110000), T::int(-1), T::int(256), T::int(1i128 << 40), T::int(1i128 << 62), T::atom("a"), T::Float(1.0)]).clone()
                } else {
                    T::int(cp(r) as i128)
                }
            }
            1 | 2 => {
                if r.chance(3) {
                    bits_term(vec![0x41, 0x80], 12)
                } else {
                    T::Bin(text_bytes(r, e, 4))
                }
            }
            _ => chardata(r, e, depth - 1),
        })
        .collect();
    let tail = if r.chance(15) {
        Some(Box::new(if r.chance(80) { T::Bin(text_bytes(r, e, 3)) } else { T::atom("t") }))
    } else {
        None
    };
    T::List(items, tail)
}

#[test]
fn characters_to_binary_and_list() {
    let mut r = Rng::new(seed());
    let mut cases = Vec::new();
    for _ in 0..count(1500) {
        let e = enc(&mut r);
        let name = enc_name(&e);
        let data = match r.below(5) {
            0 => T::Bin(text_bytes(&mut r, name, 8)),
            1 => T::list(vec![T::Bin(text_bytes(&mut r, name, 8))]),
            2 => {
                // one text cut into pieces at random byte boundaries
                let b = text_bytes(&mut r, name, 8);
                let mut parts = Vec::new();
                let mut i = 0;
                while i < b.len() {
                    let k = 1 + r.below(4) as usize;
                    parts.push(T::Bin(b[i..(i + k).min(b.len())].to_vec()));
                    i += k;
                }
                if r.chance(30) && !parts.is_empty() {
                    let at = r.below(parts.len() as u64) as usize;
                    parts.insert(at, T::int(cp(&mut r) as i128));
                }
                if r.chance(30) && parts.len() > 1 {
                    let last = parts.pop().unwrap_or(T::list(vec![]));
                    T::List(vec![T::list(parts)], Some(Box::new(last)))
                } else {
                    T::list(parts)
                }
            }
            _ => chardata(&mut r, name, 3),
        };
        cases.push(BCase::new("unicode:characters_to_binary", vec![data.clone(), e.clone()]));
        cases.push(BCase::new("unicode:characters_to_list", vec![data.clone(), e]));
        if let T::Bin(_) = data {
            cases.push(BCase::new("unicode:bin_is_7bit", vec![data]));
        }
    }
    // Every lone byte after a complete character, at the end and before more input.
    for b in 0x80u8..=0xff {
        for e in [T::atom("unicode"), T::atom("latin1")] {
            cases.push(BCase::new("unicode:characters_to_binary", vec![T::Bin(vec![b'a', b]), e.clone()]));
            cases.push(BCase::new("unicode:characters_to_list", vec![T::Bin(vec![b'a', b]), e.clone()]));
            cases.push(BCase::new("unicode:characters_to_binary", vec![T::list(vec![T::Bin(vec![b'a', b]), T::Bin(vec![0x80, 0x80, 0x80])]), e.clone()]));
            cases.push(BCase::new("unicode:characters_to_list", vec![T::list(vec![T::Bin(vec![b, 0x80]), T::int(65)]), e]));
        }
    }
    for bytes in [vec![0xe2, 0x82], vec![0xf0, 0x9f], vec![0xf0, 0x9f, 0x98], vec![0xed, 0xa0], vec![0xe0, 0x80], vec![0xf5], vec![0xc0], vec![0xf4, 0x90]] {
        for rest in [vec![], vec![0xac], vec![0x80, 0x80], vec![0x41]] {
            let mut whole = bytes.clone();
            whole.extend(&rest);
            for e in [T::atom("unicode")] {
                cases.push(BCase::new("unicode:characters_to_binary", vec![T::Bin(whole.clone()), e.clone()]));
                cases.push(BCase::new("unicode:characters_to_list", vec![T::Bin(whole.clone()), e.clone()]));
                cases.push(BCase::new("unicode:characters_to_binary", vec![T::list(vec![T::Bin(bytes.clone()), T::Bin(rest.clone())]), e.clone()]));
                cases.push(BCase::new("unicode:characters_to_list", vec![T::list(vec![T::int(0x263a), T::Bin(bytes.clone()), T::Bin(rest.clone()), T::int(66)]), e]));
            }
        }
    }
    check("characters_to_binary/list", &cases);
}

#[test]
fn wide_encodings_with_long_binaries() {
    // Binaries over 8192 bytes are converted in pieces by the VM's Erlang code, which shapes
    // the Rest of an error.
    let mut r = Rng::new(seed() ^ 0x8192);
    let mut cases = Vec::new();
    for e in [T::atom("utf16"), T::Tuple(vec![T::atom("utf32"), T::atom("little")]), T::atom("utf8"), T::atom("latin1")] {
        let name = enc_name(&e);
        for at in [100usize, 5000, 8190, 8192, 9000, 12000] {
            let mut b = Vec::new();
            while b.len() < 14000 {
                b.extend(encode(cp(&mut r), name));
            }
            b.truncate(14000);
            let mut bad = b.clone();
            let k = at.min(bad.len() - 2);
            bad[k] = 0xdc;
            bad[k + 1] = 0x00;
            for d in [T::Bin(b.clone()), T::Bin(bad.clone()), T::list(vec![T::Bin(bad.clone()), T::int(65)]), T::list(vec![T::int(65), T::Bin(b[..k + 1].to_vec())])] {
                cases.push(BCase::new("unicode:characters_to_binary", vec![d.clone(), e.clone()]));
                cases.push(BCase::new("unicode:characters_to_list", vec![d, e.clone()]));
            }
        }
    }
    check("long binaries", &cases);
}
