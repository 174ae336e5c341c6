//! The literal pool decoder (literal.wat) round trip: terms are encoded in the compiler's
//! segment layout (crates/compiler/src/literals.rs: tags 0–9), decoded by the runtime,
//! and the decoded terms must be exactly what the VM makes of the same terms (compared by
//! the external format of `{ok, {Literal, ...}}`, maps written as {'$map', maps:to_list}).
//! Covers every tag, integers at each encoding boundary, bignums, special floats, byte
//! and bit strings, improper lists, maps of both shapes, nesting, a 100,000-element list,
//! deep nesting, and the time a large pool takes to decode.
mod ltest;

use std::fmt::Write as _;

use ltest::{Runtime, hex, unhex};

/// A literal.
#[derive(Clone, Debug)]
enum L {
    Nil,
    Int(i128),
    /// A bignum beyond i128: negative, little-endian magnitude bytes.
    Big(bool, Vec<u8>),
    Float(f64),
    /// A well-known atom, by name.
    Atom(&'static str),
    List(Vec<L>, Box<L>),
    Tuple(Vec<L>),
    Map(Vec<(L, L)>),
    Bin(Vec<u8>),
    /// Bytes (the last partial) and the bits used in the last one (1..7).
    Bits(Vec<u8>, u8),
}

fn atom_id(name: &str) -> u64 {
    beamwasm_runtime::WELL_KNOWN_ATOMS
        .iter()
        .position(|a| *a == name)
        .unwrap_or_else(|| panic!("{name} is not a well-known atom")) as u64
}

fn uleb(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn sleb(mut v: i64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn big_limbs(neg: bool, mag: &[u8], out: &mut Vec<u8>) {
    let mut mag = mag.to_vec();
    while mag.last() == Some(&0) {
        mag.pop();
    }
    while mag.len() % 4 != 0 {
        mag.push(0);
    }
    out.push(2);
    out.push(u8::from(neg));
    uleb((mag.len() / 4) as u64, out);
    out.extend(&mag);
}

/// The pool encoding of one literal, as the compiler writes it.
fn encode(t: &L, out: &mut Vec<u8>) {
    match t {
        L::Nil => out.push(0),
        L::Int(v) => {
            if let Ok(v) = i64::try_from(*v) {
                out.push(1);
                sleb(v, out);
            } else {
                big_limbs(*v < 0, &v.unsigned_abs().to_le_bytes(), out);
            }
        }
        L::Big(neg, mag) => big_limbs(*neg, mag, out),
        L::Float(f) => {
            out.push(3);
            out.extend(f.to_le_bytes());
        }
        L::Atom(a) => {
            out.push(4);
            uleb(atom_id(a), out);
        }
        L::List(items, tail) => {
            out.push(5);
            uleb(items.len() as u64, out);
            for e in items {
                encode(e, out);
            }
            encode(tail, out);
        }
        L::Tuple(items) => {
            out.push(6);
            uleb(items.len() as u64, out);
            for e in items {
                encode(e, out);
            }
        }
        L::Map(kvs) => {
            out.push(7);
            uleb(kvs.len() as u64, out);
            for (k, v) in kvs {
                encode(k, out);
                encode(v, out);
            }
        }
        L::Bin(b) => {
            out.push(8);
            uleb(b.len() as u64, out);
            out.extend(b);
        }
        L::Bits(b, bits) => {
            out.push(9);
            uleb(b.len() as u64, out);
            out.push(*bits);
            out.extend(b);
        }
    }
}

fn segment(lits: &[L]) -> Vec<u8> {
    let mut body = Vec::new();
    for l in lits {
        encode(l, &mut body);
    }
    let mut seg = Vec::new();
    seg.extend(((body.len() + 8) as u32).to_le_bytes());
    seg.extend((lits.len() as u32).to_le_bytes());
    seg.extend(body);
    seg
}

/// Any valid external format of the literal (the VM re-encodes it canonically).
fn etf(t: &L, out: &mut Vec<u8>) {
    match t {
        L::Nil => out.push(106),
        L::Int(v) => {
            let mag = v.unsigned_abs().to_le_bytes();
            let n = mag.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            out.extend([110, n as u8, u8::from(*v < 0)]);
            out.extend(&mag[..n]);
        }
        L::Big(neg, mag) => {
            out.push(111);
            out.extend((mag.len() as u32).to_be_bytes());
            out.push(u8::from(*neg));
            out.extend(mag);
        }
        L::Float(f) => {
            out.push(70);
            out.extend(f.to_bits().to_be_bytes());
        }
        L::Atom(a) => {
            out.extend([119, a.len() as u8]);
            out.extend(a.as_bytes());
        }
        L::List(items, tail) => {
            if items.is_empty() {
                etf(tail, out);
                return;
            }
            out.push(108);
            out.extend((items.len() as u32).to_be_bytes());
            for e in items {
                etf(e, out);
            }
            etf(tail, out);
        }
        L::Tuple(items) => {
            out.push(105);
            out.extend((items.len() as u32).to_be_bytes());
            for e in items {
                etf(e, out);
            }
        }
        L::Map(kvs) => {
            out.push(116);
            out.extend((kvs.len() as u32).to_be_bytes());
            for (k, v) in kvs {
                etf(k, out);
                etf(v, out);
            }
        }
        L::Bin(b) => {
            out.push(109);
            out.extend((b.len() as u32).to_be_bytes());
            out.extend(b);
        }
        L::Bits(b, bits) => {
            out.push(77);
            out.extend((b.len() as u32).to_be_bytes());
            out.push(*bits);
            out.extend(b);
        }
    }
}

/// What the VM makes of each pool: the ETF hex of {ok, {Literal, ...}} with maps shown as
/// {'$map', maps:to_list(M)} (the same rendering testing_lists.wat's test:literals uses).
fn on_vm(pools: &[Vec<L>]) -> Vec<String> {
    let dir = ltest::compile_erl(&[]);
    let input = dir.join("in.txt");
    let output = dir.join("out.txt");
    let mut text = String::new();
    for p in pools {
        let mut b = vec![131];
        etf(&L::Tuple(p.clone()), &mut b);
        let _ = writeln!(text, "{}", hex(&b));
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let run = ltest::run_driver(
        &dir,
        "literals",
        &[input.display().to_string(), output.display().to_string()],
    );
    let out = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!(
            "the VM wrote nothing ({e}): {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    out.lines().map(str::to_string).collect()
}

fn check(pools: &[Vec<L>]) {
    let expected = on_vm(pools);
    assert_eq!(expected.len(), pools.len());
    let mut rt = Runtime::new();
    let mut bad = Vec::new();
    for (i, (p, exp)) in pools.iter().zip(&expected).enumerate() {
        let seg = segment(p);
        if std::env::var("LT_TIME").is_ok() {
            let (_, dt) = rt.literals_timed(&seg).unwrap_or_else(|e| panic!("{e}"));
            let t0 = std::time::Instant::now();
            let _ = rt.literals(&seg);
            eprintln!(
                "pool #{i}: {} bytes: decode {dt:?}, decode+show {:?}",
                seg.len(),
                t0.elapsed()
            );
        }
        let got = match rt.literals(&seg) {
            Ok(b) => hex(&b),
            Err(e) => {
                rt = Runtime::new();
                e
            }
        };
        if &got != exp {
            bad.push(format!(
                "pool #{i}: {:?}\n    vm:  {}\n    our: {}",
                p.iter().take(4).collect::<Vec<_>>(),
                short(exp),
                short(&got)
            ));
        }
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.truncate(20);
        panic!(
            "{n} of {} pools decode differently from the VM:\n{}",
            pools.len(),
            bad.join("\n")
        );
    }
}

fn short(s: &str) -> String {
    if s.len() > 300 {
        format!("{}...({} hex chars)", &s[..300], s.len())
    } else {
        s.to_string()
    }
}

/// A deterministic PRNG (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn term(&mut self, depth: u32) -> L {
        let atoms = [
            "ok",
            "error",
            "true",
            "false",
            "undefined",
            "nonode@nohost",
            "EXIT",
            "utf8",
        ];
        match self.below(if depth == 0 { 7 } else { 11 }) {
            0 => L::Nil,
            1 => {
                let shift = self.below(127) as u32;
                let v = (self.next() as i128) << 64 | self.next() as i128;
                L::Int(v >> shift)
            }
            2 => L::Int(self.below(2000) as i128 - 1000),
            3 => L::Float(match self.below(4) {
                0 => (self.below(2001) as f64 - 1000.0) / 8.0,
                1 => f64::from_bits(self.next() & 0x7fef_ffff_ffff_ffff),
                2 => -f64::from_bits(self.below(1 << 52)),
                _ => [0.0, -0.0, 1e308, 5e-324, 1.0, -1.5][self.below(6) as usize],
            }),
            4 => L::Atom(atoms[self.below(atoms.len() as u64) as usize]),
            5 => L::Bin((0..self.below(12)).map(|_| self.next() as u8).collect()),
            6 => {
                let bits = 1 + self.below(7) as u8;
                let mut b: Vec<u8> = (0..1 + self.below(5)).map(|_| self.next() as u8).collect();
                let last = b.len() - 1;
                b[last] &= 0xffu8 << (8 - bits);
                L::Bits(b, bits)
            }
            7 => {
                let n = 1 + self.below(5) as usize;
                let items = (0..n).map(|_| self.term(depth - 1)).collect();
                let tail = if self.below(4) == 0 {
                    self.term(depth - 1)
                } else {
                    L::Nil
                };
                L::List(items, Box::new(tail))
            }
            8 => L::Tuple((0..self.below(5)).map(|_| self.term(depth - 1)).collect()),
            9 => {
                // distinct keys: small integers and atoms, or many for a hash-trie map
                let n = if self.below(5) == 0 {
                    33 + self.below(60)
                } else {
                    self.below(6)
                };
                let mut keys: Vec<i128> = (0..n as i128).map(|k| k * 7 - 50).collect();
                keys.dedup();
                L::Map(
                    keys.into_iter()
                        .map(|k| (L::Int(k), self.term(depth - 1)))
                        .collect(),
                )
            }
            _ => L::Big(
                self.below(2) == 0,
                (0..17 + self.below(40))
                    .map(|_| self.next() as u8)
                    .chain([1])
                    .collect(),
            ),
        }
    }
}

#[test]
fn every_tag_decodes_as_the_vm_reads_it() {
    let mut ints = vec![0i128, 1, -1, 127, 128, -128, -129, 255, 256];
    for b in [30u32, 31, 32, 59, 60, 62, 63, 64, 65, 100, 126] {
        let p = 1i128 << b;
        ints.extend([p - 1, p, p + 1, -p - 1, -p, -p + 1]);
    }
    let mut pools: Vec<Vec<L>> = vec![
        ints.iter().map(|&v| L::Int(v)).collect(),
        vec![
            L::Nil,
            L::Float(0.0),
            L::Float(-0.0),
            L::Float(1.5),
            L::Float(f64::MAX),
            L::Float(f64::MIN_POSITIVE),
            L::Float(5e-324),
            L::Atom("ok"),
            L::Atom("nonode@nohost"),
            L::Atom("EXIT"),
            L::Bin(vec![]),
            L::Bin(b"hello".to_vec()),
            L::Bits(vec![0x80], 1),
            L::Bits(vec![1, 2, 0xfe], 7),
            L::Tuple(vec![]),
            L::Tuple(vec![L::Atom("ok"), L::Int(1)]),
            L::List(vec![L::Int(1), L::Int(2)], Box::new(L::Nil)),
            L::List(vec![L::Int(1)], Box::new(L::Atom("ok"))),
            L::List(vec![L::Int(104), L::Int(105)], Box::new(L::Nil)),
            L::Map(vec![]),
            L::Map(vec![
                (L::Atom("ok"), L::Int(1)),
                (L::Int(1), L::Atom("error")),
            ]),
            L::Map((0..40).map(|k| (L::Int(k), L::Int(k * k))).collect()),
            L::Map(vec![(
                L::Tuple(vec![L::Int(1)]),
                L::Map(vec![(L::Bin(b"k".to_vec()), L::Nil)]),
            )]),
            L::Big(
                false,
                vec![0; 1].into_iter().chain(vec![0xff; 40]).collect(),
            ),
            L::Big(
                true,
                vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
            ),
            // a bignum encoding of values that fit i64 still decodes to the canonical integer
            L::Big(false, vec![5]),
            L::Big(true, vec![0, 0, 0, 0, 0, 0, 0, 0x80]),
            L::Big(true, vec![0, 0, 0, 0, 0, 0, 0, 0x40]),
        ],
        vec![],
    ];
    let mut r = Rng(7);
    for _ in 0..200 {
        let n = 1 + r.below(6) as usize;
        pools.push((0..n).map(|_| r.term(4)).collect());
    }
    check(&pools);
}

#[test]
fn long_and_deep_literals_decode_without_recursion() {
    // the test's own encoders recurse: give them room
    std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(long_and_deep)
        .unwrap_or_else(|e| panic!("{e}"))
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn long_and_deep() {
    let long = L::List(
        (0..100_000).map(|i| L::Int(i % 1000)).collect(),
        Box::new(L::Nil),
    );
    let improper = L::List(
        (0..50_000).map(|i| L::Tuple(vec![L::Int(i)])).collect(),
        Box::new(L::Atom("ok")),
    );
    let mut deep_list = L::Nil;
    for i in 0..20_000 {
        deep_list = L::List(vec![L::Int(i)], Box::new(deep_list));
    }
    let mut deep_tuple = L::Atom("ok");
    for _ in 0..1_000 {
        deep_tuple = L::Tuple(vec![L::Int(1), deep_tuple]);
    }
    let big_tuple = L::Tuple(
        (0..70_000)
            .map(|i| L::Bin(vec![i as u8; (i % 5) as usize]))
            .collect(),
    );
    check(&[
        vec![long],
        vec![improper],
        vec![deep_list],
        vec![deep_tuple],
        vec![big_tuple],
    ]);
}

#[test]
fn a_large_pool_decodes_quickly() {
    // about 2 MB of literals of every kind: the start-up cost of a large program
    let mut r = Rng(11);
    let lits: Vec<L> = (0..20_000).map(|_| r.term(3)).collect();
    let seg = segment(&lits);
    let mut rt = Runtime::new();
    let (n, dt) = rt.literals_timed(&seg).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n as usize, lits.len());
    eprintln!(
        "{} literals, {} bytes of pool: decoded in {dt:?}",
        lits.len(),
        seg.len()
    );
    let out = rt.literals(&seg).unwrap_or_else(|e| panic!("{e}"));
    // a pool shaped like a program's: strings, binaries, small tuples of atoms and integers
    let typical: Vec<L> = (0..20_000u64)
        .map(|i| match i % 4 {
            0 => L::Bin(format!("message number {i}").into_bytes()),
            1 => L::List(
                format!("charlist {i}")
                    .bytes()
                    .map(|b| L::Int(i128::from(b)))
                    .collect(),
                Box::new(L::Nil),
            ),
            2 => L::Tuple(vec![
                L::Atom("error"),
                L::Int(i as i128),
                L::Atom("undefined"),
            ]),
            _ => L::Map(vec![
                (L::Atom("ok"), L::Int(1)),
                (L::Atom("error"), L::Bin(b"x".to_vec())),
            ]),
        })
        .collect();
    let tseg = segment(&typical);
    let (_, tdt) = rt.literals_timed(&tseg).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "{} typical literals, {} bytes of pool: decoded in {tdt:?}",
        typical.len(),
        tseg.len()
    );
    // the same pool agrees with the VM
    let exp = on_vm(&[lits]);
    assert_eq!(
        hex(&out),
        exp[0],
        "a large pool decodes differently from the VM"
    );
    let _ = unhex;
}
