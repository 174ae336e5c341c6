//! The term fuzzer: seeded random terms and operations on them (comparison, hashing, the
//! external term format, arithmetic, conversions, float formatting and parsing, printing,
//! maps, binaries, unicode), evaluated on the real VM and through beamwasm, compared case
//! by case.
//!
//! The generator writes one Erlang module per batch: the evaluator
//! (`fuzz_terms_eval.erl`) followed by `cases() -> [...]`, the cases as literals. `erlc`
//! compiles it once; the same `.beam` runs under `elixir` (the oracle; Elixir's modules are
//! on its path, so cases can call `Kernel.inspect/2` or `Float.to_string/1`) and under
//! `beamwasm run`. Each prints one line per case, `Index Result`. When beamwasm stops early
//! (a trap, a crash, a timeout) the case it stopped on is a divergence and the batch resumes
//! after it.
//!
//! Everything here is deterministic in the seed: the same seed and count give the same
//! cases, so a divergence is reproduced with the command the report prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Exit};
use crate::toolchain::{self, Toolchain};
use crate::{Error, Result};

/// The evaluator the generated cases are appended to.
const EVAL_SRC: &str = include_str!("fuzz_terms_eval.erl");

// ---- random numbers ------------------------------------------------------------------------

/// SplitMix64: small, fast, and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// An index chosen with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w as u64 {
                return i;
            }
            r -= w as u64;
        }
        weights.len() - 1
    }
}

// ---- terms ---------------------------------------------------------------------------------

/// A term the generator can write as an Erlang literal.
#[derive(Debug, Clone)]
pub enum Term {
    /// An integer, as decimal text (any size).
    Int(String),
    Float(f64),
    Atom(String),
    /// Bytes, then a final partial byte of `bits` bits (0 for a binary).
    Bin(Vec<u8>, u8, u8),
    /// Elements and an optional improper tail.
    List(Vec<Term>, Option<Box<Term>>),
    Tuple(Vec<Term>),
    Map(Vec<(Term, Term)>),
    /// `fun M:F/A`.
    ExtFun(String, String, u8),
    /// Erlang source text, for arguments that are not data (option lists are data too).
    Raw(String),
}

impl Term {
    pub fn int(v: i128) -> Term {
        Term::Int(v.to_string())
    }
    pub fn atom(s: &str) -> Term {
        Term::Atom(s.to_string())
    }
    pub fn tuple(items: Vec<Term>) -> Term {
        Term::Tuple(items)
    }
    pub fn list(items: Vec<Term>) -> Term {
        Term::List(items, None)
    }
    pub fn bin(bytes: &[u8]) -> Term {
        Term::Bin(bytes.to_vec(), 0, 0)
    }

    /// Writes the term as Erlang source.
    pub fn write(&self, out: &mut String) {
        match self {
            Term::Int(s) => out.push_str(s),
            Term::Float(f) => out.push_str(&erlang_float(*f)),
            Term::Atom(a) => write_atom(a, out),
            Term::Bin(bytes, last, bits) => {
                out.push_str("<<");
                for (i, b) in bytes.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{b}");
                }
                if *bits > 0 {
                    if !bytes.is_empty() {
                        out.push(',');
                    }
                    let _ = write!(out, "{}:{}", last & ((1u16 << bits) - 1) as u8, bits);
                }
                out.push_str(">>");
            }
            Term::List(items, Some(tail)) if items.is_empty() => tail.write(out),
            Term::List(items, tail) => {
                out.push('[');
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    t.write(out);
                }
                if let Some(t) = tail {
                    out.push('|');
                    t.write(out);
                }
                out.push(']');
            }
            Term::Tuple(items) => {
                out.push('{');
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    t.write(out);
                }
                out.push('}');
            }
            Term::Map(kvs) => {
                out.push_str("#{");
                for (i, (k, v)) in kvs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    k.write(out);
                    out.push_str("=>");
                    v.write(out);
                }
                out.push('}');
            }
            Term::ExtFun(m, f, a) => {
                out.push_str("fun ");
                write_atom(m, out);
                out.push(':');
                write_atom(f, out);
                let _ = write!(out, "/{a}");
            }
            Term::Raw(s) => out.push_str(s),
        }
    }

    pub fn source(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

fn write_atom(a: &str, out: &mut String) {
    out.push('\'');
    for c in a.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// A finite float as an Erlang float literal that reads back exactly (Rust's `{:e}` is
/// the shortest round-trip form; Erlang wants a fraction part).
pub fn erlang_float(f: f64) -> String {
    let s = format!("{f:e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mant = if mant.contains('.') { mant.to_string() } else { format!("{mant}.0") };
    format!("{mant}e{exp}")
}

// ---- the generator -------------------------------------------------------------------------

/// Atoms, some of them quoted in source, some outside latin-1 (written as UTF-8 in ETF).
const ATOMS: &[&str] = &[
    "a", "b", "ok", "error", "nil", "true", "false", "undefined", "", "hello world", "Elixir.Foo",
    "Elixir.Map", "x", "zzz", "aa", "A", "_", "é", "ünïcödé", "日本", "λ", "a'b", "back\\slash",
    "with space", "atom_with_a_rather_long_name_that_goes_on_and_on_for_a_while", "1", "[]", "{}",
];

const FUNS: &[(&str, &str, u8)] = &[("lists", "reverse", 1), ("erlang", "abs", 1), ("maps", "get", 2), ("a", "b", 0)];

/// Which generator features a run uses. The defaults leave out what is known to differ
/// (docs/LIMITATIONS.md, each with its named test); `--all` turns everything on.
#[derive(Debug, Clone)]
pub struct Features {
    /// Maps of more than 32 atom keys (the VM's order depends on atom table indices).
    pub large_atom_maps: bool,
    /// math:sin/tan/sinh/tanh/asinh/atanh/erf/erfc (the last bit differs from glibc's now and then).
    pub libm_last_bit: bool,
}

impl Features {
    pub fn default_set() -> Features {
        Features { large_atom_maps: false, libm_last_bit: false }
    }
    pub fn all() -> Features {
        Features { large_atom_maps: true, libm_last_bit: true }
    }
}

pub struct Gen {
    pub rng: Rng,
    pub features: Features,
    /// No funs in generated terms.
    no_funs: bool,
}

impl Gen {
    pub fn new(seed: u64, features: Features) -> Gen {
        Gen { rng: Rng::new(seed), features, no_funs: false }
    }

    // -- numbers --

    /// An integer from every rung of the ladder: small, around the i31 and i64 edges,
    /// and bignums of up to ~100 digits.
    pub fn int_text(&mut self) -> String {
        let r = &mut self.rng;
        match r.below(10) {
            0..=2 => r.range(-300, 300).to_string(),
            3 => r.range(-(1 << 27), 1 << 27).to_string(),
            4 => {
                let e = *r.pick(&[27u32, 28, 30, 31, 32, 47, 53, 59, 60, 62, 63, 64, 65, 96, 127]);
                // 2^e + d, |d| <= 3, in u128 (2^127 does not fit i128), then a sign.
                let mag = (1u128 << e).wrapping_add_signed(r.range(-3, 3) as i128);
                if r.chance(1, 2) {
                    format!("-{mag}")
                } else {
                    mag.to_string()
                }
            }
            5 | 6 => {
                let v = r.next() as i64 as i128 >> r.below(64);
                v.to_string()
            }
            7 => {
                let v = ((r.next() as i128) << 64 | r.next() as i128) >> r.below(64);
                v.to_string()
            }
            _ => {
                let n = r.range(20, 110) as usize;
                let mut s = String::new();
                if r.chance(1, 2) {
                    s.push('-');
                }
                s.push(char::from(b'1' + r.below(9) as u8));
                for _ in 1..n {
                    s.push(char::from(b'0' + r.below(10) as u8));
                }
                s
            }
        }
    }

    pub fn int(&mut self) -> Term {
        Term::Int(self.int_text())
    }

    pub fn small_int(&mut self, lo: i64, hi: i64) -> Term {
        Term::Int(self.rng.range(lo, hi).to_string())
    }

    /// A finite float: round numbers, halves, short decimals, the edges of the format
    /// (subnormals, the largest, the exponent thresholds of the printers) and random bits.
    pub fn float(&mut self) -> f64 {
        let r = &mut self.rng;
        let f = match r.below(12) {
            0 => r.range(-1000, 1000) as f64,
            1 => r.range(-2000, 2000) as f64 / 2.0,
            2 => r.range(-100000, 100000) as f64 / 1000.0,
            3 => r.range(-1000, 1000) as f64 / 100.0 + 0.005,
            4 => *r.pick(&[
                0.0, -0.0, 0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0, 5e-324, -5e-324, 2.2250738585072014e-308,
                2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1e15, 1e16, 1e17, 1e21,
                1e22, 1e23, 9007199254740992.0, 9007199254740993.0, 1e-4, 1e-5, 1e-6, 0.5, 1.5, 2.5, -0.5, -1.5,
                123456789.0, 1e100, 1e-100, 4.35, 2.675, 1.005, 0.045, 8.5, 9.5, 99.5, 1e9, 123.456e20,
                std::f64::consts::PI, std::f64::consts::E, 4503599627370496.5, 0.1 + 0.2,
            ]),
            5 | 6 => {
                // Random bits: anything finite.
                loop {
                    let f = f64::from_bits(r.next());
                    if f.is_finite() {
                        break f;
                    }
                }
            }
            7 => {
                let m = r.range(1, 999_999_999) as f64;
                let e = r.range(-30, 30) as i32;
                let f = m * 10f64.powi(e);
                if r.chance(1, 2) { -f } else { f }
            }
            8 => {
                let e = r.range(-1074, 1023) as i32;
                2f64.powi(e) * if r.chance(1, 2) { -1.0 } else { 1.0 }
            }
            9 => {
                let m = r.range(1, 99999) as f64 / 10000.0;
                m * 10f64.powi(r.range(-330, 310) as i32)
            }
            10 => r.range(-10_000_000, 10_000_000) as f64 / 10f64.powi(r.range(0, 8) as i32),
            _ => (r.next() >> 11) as f64 * 2f64.powi(-53) * 10f64.powi(r.range(-8, 20) as i32),
        };
        if f.is_finite() { f } else { 1.0 }
    }

    pub fn number(&mut self) -> Term {
        if self.rng.chance(2, 3) { self.int() } else { Term::Float(self.float()) }
    }

    // -- structures --

    pub fn atom(&mut self) -> Term {
        Term::atom(*self.rng.pick(ATOMS))
    }

    pub fn bytes(&mut self, max: u64) -> Vec<u8> {
        let n = self.rng.below(max + 1) as usize;
        let text = self.rng.chance(1, 2);
        (0..n)
            .map(|_| {
                const TEXT: &[u8] = b"abc xyz\n\"\\'\x01\xc3\xa9\xff#{}";
                if text { TEXT[self.rng.below(TEXT.len() as u64) as usize] } else { self.rng.next() as u8 }
            })
            .collect()
    }

    pub fn binary(&mut self) -> Term {
        let bytes = self.bytes(12);
        if self.rng.chance(1, 5) {
            let bits = self.rng.range(1, 7) as u8;
            Term::Bin(bytes, self.rng.next() as u8, bits)
        } else {
            Term::Bin(bytes, 0, 0)
        }
    }

    /// A list of code points (a charlist, printable or not).
    pub fn string(&mut self) -> Term {
        let n = self.rng.below(8) as usize;
        let pool: &[u32] = match self.rng.below(4) {
            0 => &[97, 98, 99, 32, 10, 9, 34, 92, 39],
            1 => &[97, 200, 255, 0xe9, 65, 27, 127],
            2 => &[0x3bb, 0x65e5, 0x1F600, 97, 0x10FFFF],
            _ => &[0, 1, 255, 256, 1000, 0xD800, 0x110000, 97],
        };
        Term::list((0..n).map(|_| Term::int(*self.rng.pick(pool) as i128)).collect())
    }

    /// A random term, at most `depth` levels of containers deep.
    pub fn term(&mut self, depth: u32) -> Term {
        let weights: &[u32] =
            if depth == 0 { &[20, 14, 12, 10, 0, 0, 0, 0, 4, 2] } else { &[16, 10, 10, 8, 8, 9, 9, 7, 4, 2] };
        match self.rng.weighted(weights) {
            0 => self.int(),
            1 => Term::Float(self.float()),
            2 => self.atom(),
            3 => self.binary(),
            4 => {
                let n = self.rng.below(5) as usize;
                let items = (0..n).map(|_| self.term(depth - 1)).collect();
                let tail = if n > 0 && self.rng.chance(1, 6) { Some(Box::new(self.term(0))) } else { None };
                Term::List(items, tail)
            }
            5 => {
                let n = self.rng.below(5) as usize;
                Term::tuple((0..n).map(|_| self.term(depth - 1)).collect())
            }
            6 => self.small_map(depth - 1),
            7 => {
                if self.rng.chance(1, 8) {
                    self.large_map(depth - 1)
                } else {
                    self.string()
                }
            }
            8 => self.string(),
            // The mutation cases leave funs out: a mutated arity makes a `fun M:F/A` the
            // program cannot build, and `fun a:b/0` differs under `safe` (both in
            // docs/LIMITATIONS.md).
            _ if self.no_funs => self.atom(),
            _ => {
                let (m, f, a) = *self.rng.pick(FUNS);
                Term::ExtFun(m.into(), f.into(), a)
            }
        }
    }

    /// Map keys: every kind, with equal-looking numbers (1 and 1.0, 0.0 and -0.0).
    pub fn key(&mut self, atoms: bool) -> Term {
        match self.rng.below(if atoms { 8 } else { 7 }) {
            0 | 1 => self.small_int(-50, 50),
            2 => self.int(),
            3 => Term::Float(*self.rng.pick(&[0.0, -0.0, 1.0, -1.0, 2.5, 1e20, 50.0])),
            4 => self.binary(),
            5 => {
                let a = self.small_int(0, 9);
                let b = if self.rng.chance(1, 2) { self.binary() } else { self.small_int(-3, 3) };
                Term::tuple(vec![a, b])
            }
            6 => self.string(),
            _ => self.atom(),
        }
    }

    fn pairs(&mut self, n: usize, depth: u32, atoms: bool) -> Vec<(Term, Term)> {
        let mut seen = std::collections::HashSet::new();
        let mut kvs = Vec::new();
        for _ in 0..n {
            let k = self.key(atoms);
            if seen.insert(k.source()) {
                let v = if depth == 0 || self.rng.chance(3, 4) { self.small_int(0, 999) } else { self.term(depth - 1) };
                kvs.push((k, v));
            }
        }
        kvs
    }

    pub fn small_map(&mut self, depth: u32) -> Term {
        let n = self.rng.below(6) as usize;
        Term::Map(self.pairs(n, depth, true))
    }

    /// More than 32 keys: the VM's hash-trie order shows. Atom keys only when enabled.
    pub fn large_map(&mut self, depth: u32) -> Term {
        let n = self.rng.range(33, 90) as usize;
        let atoms = self.features.large_atom_maps;
        let mut kvs = self.pairs(n, depth, atoms);
        while kvs.len() <= 32 {
            kvs.push((self.int(), Term::int(0)));
            let mut seen = std::collections::HashSet::new();
            kvs.retain(|(k, _)| seen.insert(k.source()));
        }
        Term::Map(kvs)
    }

    /// Two terms worth comparing: often of one type, or numerically equal.
    pub fn pair(&mut self) -> (Term, Term) {
        let a = self.term(2);
        let b = match self.rng.below(6) {
            0 => a.clone(),
            1 => match &a {
                Term::Int(s) if s.len() < 15 => Term::Float(s.parse::<f64>().unwrap_or(0.0)),
                Term::Float(f) if f.fract() == 0.0 && f.abs() < 1e18 => Term::Int(format!("{}", *f as i64)),
                _ => self.term(2),
            },
            2 => self.number(),
            3 => match &a {
                Term::Tuple(xs) if !xs.is_empty() => {
                    let mut ys = xs.clone();
                    let i = self.rng.below(ys.len() as u64) as usize;
                    ys[i] = self.term(1);
                    Term::Tuple(ys)
                }
                Term::List(xs, t) if !xs.is_empty() => {
                    let mut ys = xs.clone();
                    ys.pop();
                    Term::List(ys, t.clone())
                }
                _ => self.term(1),
            },
            _ => self.term(2),
        };
        (a, b)
    }

    // -- cases --

    /// One case: an operation tuple the evaluator understands, as Erlang source.
    pub fn case(&mut self) -> Term {
        const KINDS: &[(&str, u32)] = &[
            ("cmp", 12),
            ("sort", 3),
            ("phash2", 8),
            ("eqkey", 2),
            ("t2b", 10),
            ("b2t_mut", 5),
            ("b2t_trunc", 3),
            ("arith", 14),
            ("arith1", 5),
            ("int2str", 4),
            ("str2int", 4),
            ("pow", 1),
            ("f2b", 8),
            ("fshow", 6),
            ("fround", 3),
            ("str2f", 5),
            ("fbin", 2),
            ("fmt", 8),
            ("inspect", 6),
            ("mapb", 4),
            ("mapops", 3),
            ("iolist", 3),
            ("uni", 4),
            ("binmod", 4),
            ("bits", 4),
            ("bitsub", 3),
            ("utf", 2),
            ("utfm", 2),
            ("math", 5),
        ];
        let weights: Vec<u32> = KINDS.iter().map(|k| k.1).collect();
        let kind = KINDS[self.rng.weighted(&weights)].0;
        self.case_of(kind)
    }

    pub fn case_of(&mut self, kind: &str) -> Term {
        let a = Term::atom;
        match kind {
            "cmp" => {
                let (x, y) = self.pair();
                Term::tuple(vec![a("cmp"), x, y])
            }
            "sort" => {
                let n = self.rng.range(2, 10) as usize;
                let mut xs: Vec<Term> = (0..n).map(|_| self.term(1)).collect();
                if self.rng.chance(1, 2) {
                    xs.extend((0..3).map(|_| self.number()));
                }
                Term::tuple(vec![a("sort"), Term::list(xs)])
            }
            "phash2" => {
                let t = self.term(3);
                match self.rng.below(4) {
                    0 => {
                        let n = self.rng.range(1, 1 << 32);
                        Term::tuple(vec![a("phash2"), t, Term::int(n as i128)])
                    }
                    1 => {
                        let n = self.rng.range(1, 1 << 32);
                        Term::tuple(vec![a("phash"), t, Term::int(n as i128)])
                    }
                    _ => Term::tuple(vec![a("phash2"), t]),
                }
            }
            "eqkey" => {
                let (x, y) = self.pair();
                Term::tuple(vec![a("eqkey"), x, y])
            }
            "t2b" => {
                let t = self.term(3);
                let opts = [
                    "[]",
                    "[{minor_version,0}]",
                    "[{minor_version,1}]",
                    "[{minor_version,2}]",
                    "[deterministic]",
                    "[{compressed,0}]",
                    "[compressed]",
                    "[{compressed,1}]",
                    "[{compressed,9}]",
                    "[compressed,{minor_version,0}]",
                ];
                let o = Term::Raw(self.rng.pick(&opts).to_string());
                Term::tuple(vec![a("t2b"), t, o])
            }
            "b2t_mut" => {
                self.no_funs = true;
                let t = self.term(2);
                self.no_funs = false;
                let pos = self.small_int(0, 200);
                let x = self.small_int(1, 255);
                Term::tuple(vec![a("b2t_mut"), t, pos, x])
            }
            "b2t_trunc" => {
                let t = self.term(2);
                let len = self.small_int(0, 300);
                Term::tuple(vec![a("b2t_trunc"), t, len])
            }
            "arith" => {
                let op = *self.rng.pick(&["+", "-", "*", "/", "div", "rem", "band", "bor", "bxor", "bsl", "bsr", "divrem"]);
                let x = if self.rng.chance(1, 30) { self.atom() } else { self.number() };
                let y = match op {
                    // Large shifts only where the result shrinks (or is too large for the
                    // VM: system_limit); a shift that grows a number by millions of bits
                    // makes a result too long to print.
                    "bsl" | "bsr" => match self.rng.below(8) {
                        0 => Term::int(*self.rng.pick(&[1i128 << 40, -(1i128 << 40), 1 << 31, 67108864])),
                        1 => {
                            let big = self.int_text().trim_start_matches('-').to_string();
                            Term::Int(if op == "bsl" { format!("-{big}") } else { big })
                        }
                        _ => self.small_int(-130, 130),
                    },
                    "band" | "bor" | "bxor" | "div" | "rem" | "divrem" => {
                        if self.rng.chance(1, 12) {
                            self.number()
                        } else if self.rng.chance(1, 15) {
                            Term::int(0)
                        } else {
                            self.int()
                        }
                    }
                    _ => {
                        if self.rng.chance(1, 20) {
                            Term::Float(0.0)
                        } else {
                            self.number()
                        }
                    }
                };
                let x = match (op, &x) {
                    ("band" | "bor" | "bxor" | "div" | "rem" | "bsl" | "bsr" | "divrem", Term::Float(_)) if self.rng.chance(4, 5) => self.int(),
                    _ => x,
                };
                Term::tuple(vec![a("arith"), Term::atom(op), x, y])
            }
            "arith1" => {
                let op = *self.rng.pick(&["-", "bnot", "abs", "float", "round", "trunc", "sqrt", "list", "gcd"]);
                let x = match op {
                    "bnot" | "list" | "gcd" => self.int(),
                    _ => self.number(),
                };
                Term::tuple(vec![a("arith1"), Term::atom(op), x])
            }
            "int2str" => {
                let base = if self.rng.chance(1, 3) { 10 } else { self.rng.range(2, 36) };
                let base = if self.rng.chance(1, 40) { *self.rng.pick(&[0, 1, 37]) } else { base };
                let i = if self.rng.chance(1, 40) { self.term(0) } else { self.int() };
                Term::tuple(vec![a("int2str"), i, Term::int(base as i128)])
            }
            "str2int" => {
                let base = if self.rng.chance(1, 3) { 10 } else { self.rng.range(2, 36) };
                let mut s = String::new();
                match self.rng.below(6) {
                    0 => s.push('-'),
                    1 => s.push('+'),
                    _ => {}
                }
                let n = self.rng.range(0, 40);
                let digits = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFXZ";
                for _ in 0..n {
                    let span = if self.rng.chance(1, 2) { 10 } else { digits.len() as u64 };
                    s.push(digits[self.rng.below(span) as usize] as char);
                }
                if self.rng.chance(1, 10) {
                    s.push(*self.rng.pick(&[' ', '_', '.', 'x', '\n']));
                }
                Term::tuple(vec![a("str2int"), Term::bin(s.as_bytes()), Term::int(base as i128)])
            }
            "pow" => {
                let b = self.int();
                let e = self.small_int(0, 40);
                Term::tuple(vec![a("pow"), b, e])
            }
            "f2b" => {
                let f = Term::Float(self.float());
                let d = self.rng.range(0, 30);
                let opts = match self.rng.below(9) {
                    0 => "[]".to_string(),
                    1 => "[short]".to_string(),
                    2 | 3 => format!("[{{decimals,{d}}}]"),
                    4 => format!("[{{decimals,{d}}},compact]"),
                    5 | 6 => format!("[{{scientific,{d}}}]"),
                    7 => format!("[{{decimals,{}}}]", self.rng.range(0, 253)),
                    _ => format!("[{{scientific,{}}}]", self.rng.range(0, 249)),
                };
                Term::tuple(vec![a("f2b"), f, Term::Raw(opts)])
            }
            "fshow" => Term::tuple(vec![a("fshow"), Term::Float(self.float())]),
            "fround" => {
                let f = Term::Float(self.float());
                let p = self.small_int(0, 15);
                Term::tuple(vec![a("fround"), f, p])
            }
            "str2f" => {
                let f = self.float();
                let mut s = match self.rng.below(5) {
                    0 => erlang_float(f),
                    1 => format!("{f}"),
                    2 => format!("{f:.5}"),
                    3 => format!("{f:E}"),
                    _ => format!("{:.*e}", self.rng.below(20) as usize, f),
                };
                if s.len() > 1 && self.rng.chance(1, 4) {
                    let i = self.rng.below(s.len() as u64) as usize;
                    if s.is_char_boundary(i) {
                        let c = *self.rng.pick(&['.', 'e', '-', '+', '0', '9', ' ', 'E', '_']);
                        if self.rng.chance(1, 2) {
                            s.insert(i, c);
                        } else {
                            s.remove(i);
                        }
                    }
                }
                Term::tuple(vec![a("str2f"), Term::bin(s.as_bytes())])
            }
            "fbin" => {
                let f = Term::Float(self.float());
                let size = Term::int(*self.rng.pick(&[16i128, 32, 64]));
                let end = Term::atom(*self.rng.pick(&["big", "little"]));
                Term::tuple(vec![a("fbin"), f, size, end])
            }
            "fmt" => self.fmt_case(),
            "inspect" => {
                let t = self.term(3);
                let opts = *self.rng.pick(&[
                    "[]",
                    "[]",
                    "[{limit,3}]",
                    "[{pretty,true},{width,20}]",
                    "[{base,hex}]",
                    "[{charlists,as_lists}]",
                    "[{binaries,as_strings}]",
                    "[{printable_limit,4}]",
                    "[{limit,infinity},{pretty,true},{width,40}]",
                ]);
                Term::tuple(vec![a("inspect"), t, Term::Raw(opts.into())])
            }
            "mapb" => {
                let n = if self.rng.chance(1, 2) { self.rng.range(0, 40) } else { self.rng.range(30, 120) } as usize;
                let atoms = n <= 32 || self.features.large_atom_maps;
                let kvs = self.pairs(n, 1, atoms);
                Term::tuple(vec![a("mapb"), Term::list(kvs.into_iter().map(|(k, v)| Term::tuple(vec![k, v])).collect())])
            }
            "mapops" => {
                let n = self.rng.range(20, 60) as usize;
                let kvs = self.pairs(n, 0, false);
                let keys: Vec<Term> = kvs.iter().map(|(k, _)| k.clone()).collect();
                let mut ops = Vec::new();
                for _ in 0..self.rng.range(1, 30) {
                    let k = if !keys.is_empty() && self.rng.chance(2, 3) { self.rng.pick(&keys).clone() } else { self.key(false) };
                    let op = match self.rng.below(5) {
                        0 => Term::tuple(vec![a("put"), k, self.small_int(0, 99)]),
                        1 => Term::tuple(vec![a("remove"), k]),
                        2 => Term::tuple(vec![a("update"), k, self.small_int(0, 99)]),
                        3 => Term::tuple(vec![a("take"), k]),
                        _ => {
                            let m = self.rng.below(40) as usize;
                            let p = self.pairs(m, 0, false);
                            Term::tuple(vec![
                                a("merge"),
                                Term::list(p.into_iter().map(|(k, v)| Term::tuple(vec![k, v])).collect()),
                            ])
                        }
                    };
                    ops.push(op);
                }
                let pairs = Term::list(kvs.into_iter().map(|(k, v)| Term::tuple(vec![k, v])).collect());
                Term::tuple(vec![a("mapops"), pairs, Term::list(ops)])
            }
            "iolist" => {
                let t = self.iolist(3);
                Term::tuple(vec![a("iolist"), t])
            }
            "uni" => {
                let data = self.chardata(3);
                let enc = ["latin1", "unicode", "utf8", "utf16", "utf32", "{utf16,little}", "{utf32,little}"];
                let i = Term::Raw(self.rng.pick(&enc).to_string());
                let o = Term::Raw(self.rng.pick(&enc).to_string());
                Term::tuple(vec![a("uni"), data, i, o])
            }
            "binmod" => self.binmod_case(),
            "bits" => {
                let v = if self.rng.chance(1, 8) { Term::Float(self.float()) } else { self.int() };
                let s = match self.rng.below(4) {
                    0 => Term::int(*self.rng.pick(&[16i128, 32, 64])),
                    1 => self.small_int(-1, 8),
                    _ => self.small_int(0, 130),
                };
                Term::tuple(vec![a("bits"), v, s])
            }
            "bitsub" => {
                let b = self.binary();
                let n = self.small_int(0, 40);
                let m = self.small_int(0, 70);
                Term::tuple(vec![a("bitsub"), b, n, m])
            }
            "utf" => {
                let c = match self.rng.below(4) {
                    0 => self.small_int(0, 0x7ff),
                    1 => Term::int(*self.rng.pick(&[0xD7FFi128, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, -1])),
                    2 => self.small_int(0, 0x10FFFF),
                    _ => self.term(0),
                };
                Term::tuple(vec![a("utf"), c])
            }
            "utfm" => {
                let b = match self.rng.below(2) {
                    0 => self.chardata(0),
                    _ => Term::bin(&self.bytes(6)),
                };
                let b = if matches!(b, Term::Bin(..)) { b } else { Term::bin(&self.bytes(5)) };
                Term::tuple(vec![a("utfm"), b])
            }
            "math" => {
                let f = *self.rng.pick(&[
                    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp",
                    "log", "log2", "log10", "sqrt", "erf", "erfc", "ceil", "floor", "pow", "atan2", "fmod",
                ]);
                // docs/LIMITATIONS.md: these differ from glibc in the last bit now and then
                let f = if !self.features.libm_last_bit && matches!(f, "sin" | "tan" | "sinh" | "tanh" | "asinh" | "atanh" | "erf" | "erfc") {
                    "cosh"
                } else {
                    f
                };
                let x = if self.rng.chance(1, 3) {
                    Term::Float(self.rng.range(-4000, 4000) as f64 / 1000.0)
                } else if self.rng.chance(1, 10) {
                    self.int()
                } else {
                    Term::Float(self.float())
                };
                let fun = match f {
                    "pow" | "atan2" | "fmod" => {
                        let y = if self.rng.chance(1, 2) { Term::Float(self.rng.range(-100, 100) as f64 / 8.0) } else { self.number() };
                        Term::tuple(vec![a(f), y])
                    }
                    _ => a(f),
                };
                Term::tuple(vec![a("math"), fun, x])
            }
            _ => Term::tuple(vec![a("cmp"), Term::int(0), Term::int(0)]),
        }
    }

    fn fmt_case(&mut self) -> Term {
        let mut fmt = String::new();
        let mut args = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let dir = *self.rng.pick(&[
                "~p", "~w", "~tp", "~P", "~W", "~f", "~e", "~g", "~.3f", "~.1e", "~.10g", "~15.4f", "~-12.2e", "~s",
                "~ts", "~b", "~.16b", "~#", "~10p", "~i", "~c", "~.2x", "~+", "~B", "~.36B", "~X", "~.1f", "~.17e",
                "~.2e", "~.20f", "~.5g",
            ]);
            match dir {
                "~f" | "~e" | "~g" | "~.3f" | "~.1e" | "~.10g" | "~15.4f" | "~-12.2e" | "~.1f" | "~.17e" | "~.2e" | "~.20f"
                | "~.5g" => args.push(if self.rng.chance(1, 40) { self.int() } else { Term::Float(self.float()) }),
                "~P" | "~W" => {
                    args.push(self.term(3));
                    args.push(self.small_int(1, 8));
                }
                "~s" | "~ts" => args.push(if self.rng.chance(1, 2) { self.binary() } else { self.string() }),
                "~b" | "~.16b" | "~#" | "~+" | "~B" | "~.36B" => args.push(self.int()),
                "~.2x" | "~X" => {
                    args.push(self.int());
                    args.push(Term::list(vec![Term::int(35)]));
                }
                "~c" => args.push(self.small_int(32, 300)),
                "~p" | "~tp" | "~10p" if self.rng.chance(1, 3) => args.push(self.large_map(1)),
                _ => args.push(self.term(3)),
            }
            fmt.push_str(dir);
            fmt.push(' ');
        }
        let fmt = Term::list(fmt.bytes().map(|b| Term::int(b as i128)).collect());
        Term::tuple(vec![Term::atom("fmt"), fmt, Term::list(args)])
    }

    /// An iolist, sometimes with a wrong element (an atom, a negative or too large byte).
    fn iolist(&mut self, depth: u32) -> Term {
        let n = self.rng.below(5) as usize;
        let mut items = Vec::new();
        for _ in 0..n {
            items.push(match self.rng.below(if depth == 0 { 3 } else { 4 }) {
                0 => self.small_int(0, 255),
                1 => self.binary(),
                2 if self.rng.chance(1, 12) => self.term(0),
                2 => self.small_int(0, 255),
                _ => self.iolist(depth - 1),
            });
        }
        let tail = if self.rng.chance(1, 6) { Some(Box::new(self.binary())) } else { None };
        Term::List(items, tail)
    }

    /// Chardata: binaries (valid or broken UTF-8, UTF-16, ...) and code point lists.
    fn chardata(&mut self, depth: u32) -> Term {
        match self.rng.below(if depth == 0 { 3 } else { 4 }) {
            0 => {
                let samples: &[&[u8]] = &[
                    b"abc",
                    "é日😀".as_bytes(),
                    b"\xc3",
                    b"\xe6\x97",
                    b"\xff\xfe",
                    b"\xed\xa0\x80",
                    b"\xf4\x90\x80\x80",
                    b"\xc0\xaf",
                    b"\x00\x61\x00\x62",
                    b"\xd8\x3d\xde\x00",
                    b"\x00\x00\x00\x41",
                    b"",
                ];
                let mut v = Vec::new();
                for _ in 0..self.rng.range(1, 3) {
                    v.extend_from_slice(*self.rng.pick(samples));
                }
                Term::bin(&v)
            }
            1 => self.string(),
            2 => self.small_int(0, 0x10FFFF),
            _ => {
                let n = self.rng.below(4) as usize;
                let items = (0..n).map(|_| self.chardata(depth - 1)).collect();
                Term::List(items, None)
            }
        }
    }

    fn binmod_case(&mut self) -> Term {
        let a = Term::atom;
        let subject = Term::bin(&self.bytes(16));
        let pat = if self.rng.chance(1, 3) {
            Term::list((0..self.rng.range(1, 3)).map(|_| Term::bin(&self.nonempty_bytes(3))).collect())
        } else {
            Term::bin(&self.nonempty_bytes(2))
        };
        let (op, args) = match self.rng.below(9) {
            0 => {
                let o = Term::Raw(self.rng.pick(&["[]", "[global]", "[trim]", "[global,trim_all]", "[{scope,{1,5}}]"]).to_string());
                ("split", vec![subject, pat, o])
            }
            1 => ("matches", vec![subject, pat]),
            2 => {
                let o = Term::Raw(self.rng.pick(&["[]", "[global]", "[{insert_replaced,1}]", "[global,{insert_replaced,[0,1]}]"]).to_string());
                ("replace", vec![subject, pat, Term::bin(b"<>"), o])
            }
            3 => ("part", vec![subject, self.small_int(-2, 12), self.small_int(-6, 12)]),
            4 => {
                let i = if self.rng.chance(1, 10) { self.small_int(-5, -1) } else { self.int() };
                ("unsigned", vec![i])
            }
            5 => ("first_last", vec![subject]),
            6 => ("bin_to_list", vec![subject, self.small_int(0, 6), self.small_int(-3, 6)]),
            7 => {
                let xs = (0..self.rng.range(0, 4)).map(|_| Term::bin(&self.bytes(5))).collect();
                ("longest", vec![Term::list(xs)])
            }
            _ => ("copy", vec![subject, self.small_int(0, 4)]),
        };
        Term::tuple(vec![a("binmod"), Term::atom(op), Term::list(args)])
    }

    fn nonempty_bytes(&mut self, max: u64) -> Vec<u8> {
        let n = self.rng.range(1, max as i64) as usize;
        (0..n).map(|_| b"abc\x00"[self.rng.below(4) as usize]).collect()
    }
}

// ---- running a batch -----------------------------------------------------------------------

/// How to run the fuzzer.
#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    pub count: usize,
    pub batch: usize,
    pub beamwasm: PathBuf,
    pub engine: String,
    pub work: PathBuf,
    pub features: Features,
    /// Only these case kinds (all when empty).
    pub only: Vec<String>,
    /// Divergences printed in full.
    pub show: usize,
    /// Runs of one batch after beamwasm stopped early, before giving up on the batch.
    pub max_resumes: usize,
    pub timeout: Duration,
}

/// One case that differed.
#[derive(Debug, Clone)]
pub struct Divergence {
    pub index: usize,
    pub case: String,
    pub vm: String,
    pub beamwasm: String,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub cases: usize,
    pub compared: usize,
    pub divergences: Vec<Divergence>,
}

/// Generates the cases of a run (deterministic in the seed).
pub fn generate(cfg: &Config) -> Vec<Term> {
    let mut g = Gen::new(cfg.seed, cfg.features.clone());
    (0..cfg.count)
        .map(|_| if cfg.only.is_empty() { g.case() } else { let k = g.rng.pick(&cfg.only).clone(); g.case_of(&k) })
        .collect()
}

/// The source of one batch module.
pub fn module_source(module: &str, cases: &[Term]) -> String {
    let mut s = String::with_capacity(cases.len() * 200 + EVAL_SRC.len());
    let _ = writeln!(s, "-module({module}).\n-export([main/1]).\n-compile([nowarn_unused_function, nowarn_deprecated_function]).\n");
    s.push_str(EVAL_SRC);
    s.push_str("\ncases() -> [\n");
    for (i, c) in cases.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        c.write(&mut s);
    }
    s.push_str("\n].\n");
    s
}

/// Parses `Index Result` lines.
pub fn parse_lines(out: &[u8]) -> BTreeMap<usize, String> {
    let text = String::from_utf8_lossy(out);
    let mut map = BTreeMap::new();
    for line in text.lines() {
        if let Some((i, rest)) = line.split_once(' ') {
            if let Ok(i) = i.parse::<usize>() {
                map.insert(i, rest.to_string());
            }
        }
    }
    map
}

fn last_lines(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join(" | ")
}

/// Runs the whole fuzzer.
pub fn run(cfg: &Config, log: &mut dyn FnMut(&str)) -> Result<Outcome> {
    let tools = Toolchain::detect()?;
    let cases = generate(cfg);
    std::fs::create_dir_all(&cfg.work).map_err(|e| Error::io(&cfg.work, e))?;
    let mut outcome = Outcome { cases: cases.len(), ..Outcome::default() };
    for (b, chunk) in cases.chunks(cfg.batch.max(1)).enumerate() {
        let base = b * cfg.batch.max(1);
        run_batch(cfg, &tools, b, base, chunk, &mut outcome, log)?;
    }
    Ok(outcome)
}

fn run_batch(
    cfg: &Config,
    tools: &Toolchain,
    b: usize,
    base: usize,
    chunk: &[Term],
    outcome: &mut Outcome,
    log: &mut dyn FnMut(&str),
) -> Result<()> {
    let module = format!("fuzz_terms_{}_{}", cfg.seed, b);
    let dir = cfg.work.join(&module);
    let beam = compile_batch(tools, &dir, &module, &module_source(&module, chunk))?;
    let expected = run_oracle(tools, &dir, &module, cfg.timeout)?;
    if expected.len() != chunk.len() {
        return Err(Error::ToolFailed {
            what: format!("the VM on batch {b} ({} of {} cases answered)", expected.len(), chunk.len()),
            detail: String::new(),
        });
    }
    let run = BeamwasmRun { beamwasm: &cfg.beamwasm, engine: &cfg.engine, timeout: cfg.timeout, max_resumes: cfg.max_resumes };
    let got = run.resuming(&module, &beam, chunk.len(), &mut |line| log(&format!("batch {b}: cases from {base}: {line}")))?;
    for (i, case) in chunk.iter().enumerate() {
        let Some(vm) = expected.get(&i) else { continue };
        let Some(bw) = got.get(&i) else { continue };
        outcome.compared += 1;
        if vm != bw {
            outcome.divergences.push(Divergence { index: base + i, case: case.source(), vm: vm.clone(), beamwasm: bw.clone() });
        }
    }
    Ok(())
}

/// Writes `src` as `dir/module.erl` and compiles it with `erlc`; the `.beam`'s path.
pub fn compile_batch(tools: &Toolchain, dir: &Path, module: &str, src: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let file = dir.join(format!("{module}.erl"));
    std::fs::write(&file, src).map_err(|e| Error::io(&file, e))?;
    let mut erlc = Command::new(&tools.erlc);
    erlc.arg("-o").arg(dir).arg(&file);
    toolchain::scrub(&mut erlc);
    let out = exec::run(&mut erlc, Duration::from_secs(600))?;
    if out.exit != Exit::Code(0) {
        return Err(Error::ToolFailed {
            what: format!("erlc {}", file.display()),
            detail: String::from_utf8_lossy(&out.stdout).chars().take(2000).collect(),
        });
    }
    Ok(dir.join(format!("{module}.beam")))
}

/// Runs `module:main(["0"])` on the VM (under `elixir`, so Elixir's modules are there) and
/// returns its `Index Result` lines.
pub fn run_oracle(tools: &Toolchain, dir: &Path, module: &str, timeout: Duration) -> Result<BTreeMap<usize, String>> {
    let mut vm = Command::new(&tools.elixir);
    vm.arg("-pa").arg(dir).arg("-e").arg(format!(":{module}.main([\"0\"])"));
    toolchain::scrub(&mut vm);
    let out = exec::run(&mut vm, timeout)?;
    if out.exit != Exit::Code(0) {
        return Err(Error::ToolFailed { what: format!("the VM on {module} (exit {})", out.exit), detail: last_lines(&out.stderr, 10) });
    }
    Ok(parse_lines(&out.stdout))
}

/// How to run a batch module through beamwasm.
pub struct BeamwasmRun<'a> {
    pub beamwasm: &'a Path,
    pub engine: &'a str,
    pub timeout: Duration,
    /// Runs after beamwasm stopped early, before giving up on the batch.
    pub max_resumes: usize,
}

impl BeamwasmRun<'_> {
    /// Runs `module:main([Start])` through beamwasm for `n` cases, resumed after every case
    /// it stops on (a trap, a crash, a timeout), which is answered with a `<beamwasm
    /// stopped ...>` line; the `Index Result` lines.
    pub fn resuming(&self, module: &str, beam: &Path, n: usize, log: &mut dyn FnMut(&str)) -> Result<BTreeMap<usize, String>> {
        let mut start = 0usize;
        let mut resumes = 0usize;
        let mut got: BTreeMap<usize, String> = BTreeMap::new();
        while start < n {
            let mut bw = Command::new(self.beamwasm);
            bw.arg("run").arg("--engine").arg(self.engine).arg("--entry").arg(format!("{module}.main")).arg(beam);
            bw.arg("--").arg(start.to_string());
            toolchain::scrub(&mut bw);
            let t = std::time::Instant::now();
            let out = exec::run(&mut bw, self.timeout)?;
            let lines = parse_lines(&out.stdout);
            let answered = lines.keys().filter(|&&i| i >= start).count();
            got.extend(lines);
            let next = start + answered;
            log(&format!("{start}..{n}: {answered} answered in {:.1?} (exit {})", t.elapsed(), out.exit));
            if next >= n {
                break;
            }
            // Stopped on case `next`.
            got.insert(next, format!("<beamwasm stopped: exit {}: {}>", out.exit, last_lines(&out.stderr, 4)));
            resumes += 1;
            if resumes > self.max_resumes {
                log(&format!("giving up after {resumes} stops"));
                break;
            }
            start = next + 1;
        }
        Ok(got)
    }
}

/// The kind of a case (its first element), for the summary.
pub fn kind_of(case_src: &str) -> &str {
    case_src.trim_start_matches('{').split([',', '}']).next().unwrap_or("?").trim_matches('\'')
}

/// Does the path look like a beamwasm binary? (Used for a helpful error.)
pub fn exists(p: &Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_erlang_reads_them() {
        assert_eq!(erlang_float(1.0), "1.0e0");
        assert_eq!(erlang_float(-0.0), "-0.0e0");
        assert_eq!(erlang_float(5e-324), "5.0e-324");
        assert_eq!(erlang_float(1.7976931348623157e308), "1.7976931348623157e308");
        assert_eq!(erlang_float(0.1), "1.0e-1");
    }

    #[test]
    fn generation_is_deterministic_in_the_seed() {
        let cfg = |seed| Config {
            seed,
            count: 200,
            batch: 100,
            beamwasm: PathBuf::new(),
            engine: "wasmtime".into(),
            work: PathBuf::new(),
            features: Features::default_set(),
            only: vec![],
            show: 0,
            max_resumes: 0,
            timeout: Duration::from_secs(1),
        };
        let a: Vec<String> = generate(&cfg(7)).iter().map(Term::source).collect();
        let b: Vec<String> = generate(&cfg(7)).iter().map(Term::source).collect();
        let c: Vec<String> = generate(&cfg(8)).iter().map(Term::source).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn atoms_and_bitstrings_are_quoted_and_sized() {
        let t = Term::tuple(vec![Term::atom("a'b"), Term::Bin(vec![1], 5, 3), Term::List(vec![Term::int(1)], Some(Box::new(Term::atom("t"))))]);
        assert_eq!(t.source(), "{'a\\'b',<<1,5:3>>,[1|'t']}");
    }
}
