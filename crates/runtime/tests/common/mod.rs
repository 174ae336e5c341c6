//! The runtime test harness: runs runtime BIFs inside wasmtime through `testing.wat`'s
//! exports, runs the same calls on the real Erlang VM in one batch, and compares the
//! external term format of the results byte for byte.
//!
//! - [`Runtime`] instantiates `beamwasm_runtime::RUNTIME_WASM` with stub host imports.
//! - [`T`] is a small term type with an ETF encoder, used to pass arguments.
//! - [`Rng`] is a seeded deterministic PRNG (splitmix64).
//! - [`check_cases`] evaluates cases on both sides and reports every divergence.
//!
//! Environment: `BEAMWASM_SEED` (default 1) and `BEAMWASM_CASES` (a multiplier of each
//! generator's default count, default 1) for longer runs.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use wasmtime::{Instance, Linker, Memory, Store, TypedFunc};

#[path = "../engine/mod.rs"]
pub mod engine;

/// The BIFs of `testing.wat`'s table, in its order: (function name, arity).
pub const BIFS: &[(&str, usize)] = &[
    ("-", 1),
    ("+", 1),
    ("bnot", 1),
    ("abs", 1),
    ("float", 1),
    ("trunc", 1),
    ("round", 1),
    ("ceil", 1),
    ("floor", 1),
    ("integer_to_binary", 1),
    ("integer_to_list", 1),
    ("binary_to_integer", 1),
    ("list_to_integer", 1),
    ("float_to_binary", 1),
    ("float_to_list", 1),
    ("binary_to_float", 1),
    ("list_to_float", 1),
    ("term_to_binary", 1),
    ("binary_to_term", 1),
    ("math:sqrt", 1),
    ("math:exp", 1),
    ("math:log", 1),
    ("math:log2", 1),
    ("math:log10", 1),
    ("math:floor", 1),
    ("math:ceil", 1),
    ("math:sin", 1),
    ("math:cos", 1),
    ("math:tan", 1),
    ("math:asin", 1),
    ("math:acos", 1),
    ("math:atan", 1),
    ("math:sinh", 1),
    ("math:cosh", 1),
    ("math:tanh", 1),
    ("math:asinh", 1),
    ("math:acosh", 1),
    ("math:atanh", 1),
    ("math:erf", 1),
    ("math:erfc", 1),
    ("+", 2),
    ("-", 2),
    ("*", 2),
    ("/", 2),
    ("div", 2),
    ("rem", 2),
    ("band", 2),
    ("bor", 2),
    ("bxor", 2),
    ("bsl", 2),
    ("bsr", 2),
    ("integer_to_binary", 2),
    ("integer_to_list", 2),
    ("binary_to_integer", 2),
    ("list_to_integer", 2),
    ("float_to_binary", 2),
    ("float_to_list", 2),
    ("term_to_binary", 2),
    ("binary_to_term", 2),
    ("math:pow", 2),
    ("math:atan2", 2),
    ("math:fmod", 2),
];

/// The runtime module, instantiated.
pub struct Runtime {
    store: Store<()>,
    call: TypedFunc<(i32, i32), i32>,
    memory: Memory,
}

impl Runtime {
    pub fn new() -> Runtime {
        let (engine, module) = engine::compiled();
        let mut store = Store::new(engine, ());
        let mut linker = Linker::new(engine);
        linker
            .define_unknown_imports_as_default_values(&mut store, module)
            .unwrap_or_else(|e| panic!("imports: {e}"));
        let instance: Instance = linker
            .instantiate(&mut store, module)
            .unwrap_or_else(|e| panic!("instantiate: {e:?}"));
        let init = instance
            .get_typed_func::<(), ()>(&mut store, "test:init")
            .unwrap_or_else(|e| panic!("{e}"));
        init.call(&mut store, ())
            .unwrap_or_else(|e| panic!("test:init: {e:?}"));
        let count = instance
            .get_typed_func::<(), i32>(&mut store, "test:count")
            .unwrap_or_else(|e| panic!("{e}"));
        let n = count.call(&mut store, ()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            n as usize,
            BIFS.len(),
            "testing.wat's table and BIFS disagree"
        );
        let call = instance
            .get_typed_func::<(i32, i32), i32>(&mut store, "test:call")
            .unwrap_or_else(|e| panic!("{e}"));
        let memory = instance
            .get_memory(&mut store, "memory")
            .unwrap_or_else(|| panic!("no memory export"));
        Runtime {
            store,
            call,
            memory,
        }
    }

    /// Applies erlang:`name`/`args.len()` to the ETF-encoded argument list; returns the ETF
    /// of {ok, Result} or {error, Reason}, or a description of a trap.
    pub fn call(&mut self, name: &str, args: &[u8], arity: usize) -> Result<Vec<u8>, String> {
        let idx = BIFS
            .iter()
            .position(|&(n, a)| n == name && a == arity)
            .unwrap_or_else(|| panic!("no BIF erlang:{name}/{arity} in testing.wat"));
        let have = self.memory.data_size(&self.store);
        if args.len() > have {
            let pages = (args.len() - have).div_ceil(65536) as u64;
            self.memory
                .grow(&mut self.store, pages)
                .map_err(|e| e.to_string())?;
        }
        self.memory.data_mut(&mut self.store)[..args.len()].copy_from_slice(args);
        let n = self
            .call
            .call(&mut self.store, (idx as i32, args.len() as i32))
            .map_err(|e| format!("trap: {e:?}"))?;
        if n < 0 {
            return Err(format!("test:call returned {n}"));
        }
        Ok(self.memory.data(&self.store)[..n as usize].to_vec())
    }
}

// ---- terms ------------------------------------------------------------------------------------

/// A term to pass as an argument.
#[derive(Clone, Debug)]
pub enum T {
    /// An integer: sign and little-endian magnitude bytes.
    Int(bool, Vec<u8>),
    Float(f64),
    Atom(String),
    /// A list: elements and tail (`None`: proper).
    List(Vec<T>, Option<Box<T>>),
    Tuple(Vec<T>),
    Bin(Vec<u8>),
    /// A bitstring: bytes, and the number of bits (1..7) used in the last byte.
    Bits(Vec<u8>, u8),
}

impl T {
    pub fn int(v: i128) -> T {
        let neg = v < 0;
        let mut m = v.unsigned_abs();
        let mut bytes = Vec::new();
        while m != 0 {
            bytes.push(m as u8);
            m >>= 8;
        }
        T::Int(neg, bytes)
    }
    pub fn atom(s: &str) -> T {
        T::Atom(s.to_string())
    }
    pub fn str(s: &str) -> T {
        T::List(s.chars().map(|c| T::int(c as i128)).collect(), None)
    }
    pub fn bin(s: &str) -> T {
        T::Bin(s.as_bytes().to_vec())
    }
    pub fn list(v: Vec<T>) -> T {
        T::List(v, None)
    }
    pub fn tuple(v: Vec<T>) -> T {
        T::Tuple(v)
    }

    /// The external term format of the term (without the version byte).
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            T::Int(neg, mag) => {
                let mut mag = mag.clone();
                while mag.last() == Some(&0) {
                    mag.pop();
                }
                if mag.len() <= 4 {
                    let mut v: i64 = 0;
                    for (i, b) in mag.iter().enumerate() {
                        v |= (*b as i64) << (8 * i);
                    }
                    let v = if *neg { -v } else { v };
                    if (0..256).contains(&v) {
                        out.extend([97, v as u8]);
                        return;
                    }
                    if i32::try_from(v).is_ok() {
                        out.push(98);
                        out.extend((v as i32).to_be_bytes());
                        return;
                    }
                }
                if mag.len() < 256 {
                    out.extend([110, mag.len() as u8]);
                } else {
                    out.push(111);
                    out.extend((mag.len() as u32).to_be_bytes());
                }
                out.push(*neg as u8);
                out.extend(&mag);
            }
            T::Float(f) => {
                out.push(70);
                out.extend(f.to_bits().to_be_bytes());
            }
            T::Atom(s) => {
                if s.len() < 256 {
                    out.extend([119, s.len() as u8]);
                } else {
                    out.push(118);
                    out.extend((s.len() as u16).to_be_bytes());
                }
                out.extend(s.as_bytes());
            }
            T::List(items, tail) => {
                if items.is_empty() {
                    match tail {
                        None => out.push(106),
                        Some(t) => t.encode(out),
                    }
                    return;
                }
                out.push(108);
                out.extend((items.len() as u32).to_be_bytes());
                for t in items {
                    t.encode(out);
                }
                match tail {
                    None => out.push(106),
                    Some(t) => t.encode(out),
                }
            }
            T::Tuple(items) => {
                if items.len() < 256 {
                    out.extend([104, items.len() as u8]);
                } else {
                    out.push(105);
                    out.extend((items.len() as u32).to_be_bytes());
                }
                for t in items {
                    t.encode(out);
                }
            }
            T::Bin(b) => {
                out.push(109);
                out.extend((b.len() as u32).to_be_bytes());
                out.extend(b);
            }
            T::Bits(b, bits) => {
                out.push(77);
                out.extend((b.len() as u32).to_be_bytes());
                out.push(*bits);
                out.extend(b);
            }
        }
    }

    /// The full external format (with the version byte).
    pub fn to_etf(&self) -> Vec<u8> {
        let mut v = vec![131];
        self.encode(&mut v);
        v
    }
}

pub fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02X}");
    }
    s
}

// ---- random generation ------------------------------------------------------------------------

/// splitmix64
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, X>(&mut self, xs: &'a [X]) -> &'a X {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// An integer, weighted toward the boundaries of the encodings (i31, the VM's 60-bit
    /// smalls, i64, limb edges) and small values.
    pub fn integer(&mut self) -> T {
        match self.below(10) {
            0 | 1 => T::int(self.range(-20, 20) as i128),
            2 => {
                let base: i128 = *self.pick(&[
                    1 << 30,
                    1 << 31,
                    1 << 32,
                    1 << 59,
                    1 << 60,
                    1 << 63,
                    1 << 64,
                    1 << 27,
                ]);
                let v = base + self.range(-3, 3) as i128;
                T::int(if self.chance(50) { -v } else { v })
            }
            3 => T::int(self.next() as i32 as i128),
            4 => T::int(self.next() as i64 as i128),
            5 => T::int((self.next() as i64 >> self.below(64)) as i128),
            6 => {
                // 2^k ± small
                let k = self.below(200) as usize;
                let mut mag = vec![0u8; k / 8 + 1];
                mag[k / 8] = 1 << (k % 8);
                let mut t = T::Int(self.chance(50), mag);
                if self.chance(50) {
                    // subtract one: all ones below bit k
                    if let T::Int(_, m) = &mut t {
                        let mut i = 0;
                        while i < m.len() {
                            if m[i] == 0 {
                                m[i] = 0xff;
                                i += 1;
                            } else {
                                m[i] -= 1;
                                break;
                            }
                        }
                    }
                }
                t
            }
            _ => {
                let max = if self.chance(10) { 300 } else { 40 };
                let n = 1 + self.below(max) as usize;
                let mag: Vec<u8> = (0..n).map(|_| self.next() as u8).collect();
                T::Int(self.chance(50), mag)
            }
        }
    }

    /// A finite float, weighted toward simple values, integers, extremes and subnormals.
    pub fn float(&mut self) -> f64 {
        let f = match self.below(10) {
            0 => self.range(-40, 40) as f64 / 8.0,
            1 => self.range(-1000000, 1000000) as f64,
            2 => (self.next() as i64 as f64) * 2f64.powi(self.range(-80, 80) as i32),
            3 => f64::from_bits(self.below(1 << 52)),
            4 => *self.pick(&[
                0.0,
                -0.0,
                1.0,
                -1.0,
                0.5,
                0.1,
                1e15,
                1e16,
                1e22,
                1e23,
                9007199254740992.0,
                9007199254740993.0,
                1.7976931348623157e308,
                2.2250738585072014e-308,
                5e-324,
                4503599627370496.5,
                0.3,
                2.5,
                -2.5,
                1e-5,
                123.456,
            ]),
            5 => (self.range(-99999, 99999) as f64) * 10f64.powi(self.range(-30, 30) as i32),
            _ => f64::from_bits(self.next()),
        };
        if f.is_finite() { f } else { self.float() }
    }

    /// A number: an integer or a float.
    pub fn number(&mut self) -> T {
        if self.chance(25) {
            T::Float(self.float())
        } else {
            self.integer()
        }
    }

    /// A term of any kind this harness can pass, of bounded depth.
    pub fn term(&mut self, depth: u32) -> T {
        let k = if depth == 0 {
            self.below(5)
        } else {
            self.below(9)
        };
        match k {
            0 => self.integer(),
            1 => T::Float(self.float()),
            2 => T::Atom(
                self.pick(&[
                    "a",
                    "ok",
                    "true",
                    "[]",
                    "hello world",
                    "\u{e4}bc",
                    "\u{3bb}x",
                    "",
                    "nonode@nohost",
                ])
                .to_string(),
            ),
            3 => {
                let n = self.below(6) as usize;
                T::Bin((0..n).map(|_| self.next() as u8).collect())
            }
            4 => {
                let n = 1 + self.below(4) as usize;
                T::Bits(
                    (0..n).map(|_| self.next() as u8).collect(),
                    1 + self.below(7) as u8,
                )
            }
            5 => {
                // a byte list (STRING_EXT) or a general list
                let n = self.below(6) as usize;
                T::List(
                    (0..n)
                        .map(|_| {
                            let max = if self.chance(70) { 256 } else { 300 };
                            T::int(self.below(max) as i128)
                        })
                        .collect(),
                    None,
                )
            }
            6 => {
                let n = self.below(5) as usize;
                let items = (0..n).map(|_| self.term(depth - 1)).collect();
                let tail = if self.chance(20) {
                    Some(Box::new(self.term(depth - 1)))
                } else {
                    None
                };
                T::List(items, tail)
            }
            _ => {
                let n = self.below(5) as usize;
                T::Tuple((0..n).map(|_| self.term(depth - 1)).collect())
            }
        }
    }
}

// ---- the comparison ---------------------------------------------------------------------------

/// One call: erlang:`name`(`args`...).
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub args: Vec<T>,
}

impl Case {
    pub fn new(name: &str, args: Vec<T>) -> Case {
        Case {
            name: name.to_string(),
            args,
        }
    }
    fn args_etf(&self) -> Vec<u8> {
        T::List(self.args.clone(), None).to_etf()
    }
}

pub fn seed() -> u64 {
    std::env::var("BEAMWASM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// The number of cases a generator should make: its default times BEAMWASM_CASES.
pub fn count(default: usize) -> usize {
    let k: usize = std::env::var("BEAMWASM_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    default * k
}

const ERL_DRIVER: &str = r#"
Hex = fun(B) -> binary:encode_hex(B) end,
{ok, Data} = file:read_file(os:getenv("BEAMWASM_CASES_FILE")),
Lines = [L || L <- binary:split(Data, <<"\n">>, [global]), L =/= <<>>],
Out = [begin
          [F, A] = binary:split(L, <<" ">>),
          Args = binary_to_term(binary:decode_hex(A)),
          {Mod, Fun} = case binary:split(F, <<":">>) of
                           [M1, F1] -> {binary_to_atom(M1, utf8), binary_to_atom(F1, utf8)};
                           [F1] -> {erlang, binary_to_atom(F1, utf8)}
                       end,
          R = try {ok, apply(Mod, Fun, Args)} catch error:E -> {error, E} end,
          [Hex(term_to_binary(R)), $\n]
       end || L <- Lines],
ok = file:write_file(os:getenv("BEAMWASM_OUT_FILE"), Out),
halt().
"#;

/// The ETF (hex) of each case's {ok, R} | {error, E} on the real VM, in one `erl` run.
pub fn run_on_vm(cases: &[Case]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "beamwasm-rt-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let input = dir.join("cases.txt");
    let output = dir.join("out.txt");
    let mut text = String::new();
    for c in cases {
        let _ = writeln!(text, "{} {}", c.name, hex(&c.args_etf()));
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let child = Command::new("erl")
        .args(["-noshell", "-eval", ERL_DRIVER])
        .env("BEAMWASM_CASES_FILE", &input)
        .env("BEAMWASM_OUT_FILE", &output)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `erl` (the reference VM; scripts/bootstrap.sh installs it): {e}")
        });
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let result = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!(
            "erl produced no results ({e}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<String> = result.lines().map(str::to_string).collect();
    assert_eq!(
        lines.len(),
        cases.len(),
        "erl returned a different number of results"
    );
    lines
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Runs every case on the VM and in the runtime; panics listing the divergences (at most
/// 30 shown) when any result differs.
pub fn check_cases(what: &str, cases: &[Case]) {
    let expected = run_on_vm(cases);
    let mut rt = Runtime::new();
    let mut bad = Vec::new();
    for (c, exp) in cases.iter().zip(&expected) {
        let got = match rt.call(&c.name, &c.args_etf(), c.args.len()) {
            Ok(b) => hex(&b),
            Err(e) => {
                // a trap poisons the instance: start a fresh one
                rt = Runtime::new();
                e
            }
        };
        if &got != exp {
            bad.push(format!(
                "{}({})\n    vm:  {}\n    our: {}",
                c.name,
                show_args(&c.args),
                exp,
                got
            ));
        }
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.truncate(30);
        panic!(
            "{what}: {n} of {} cases differ from the VM (seed {}):\n{}",
            cases.len(),
            seed(),
            bad.join("\n")
        );
    }
    eprintln!("{what}: {} cases agree with the VM", cases.len());
}

/// The float in an ETF-encoded {ok, Float}, if that is what `b` holds.
fn ok_float(hexs: &str) -> Option<f64> {
    // 83 68 02 64 00 02 6F 6B 46 <8 bytes>
    let prefix = "8368026400026F6B46";
    let rest = hexs.strip_prefix(prefix)?;
    if rest.len() != 16 {
        return None;
    }
    u64::from_str_radix(rest, 16).ok().map(f64::from_bits)
}

/// Like [`check_cases`] for functions whose reference (glibc) is not correctly rounded:
/// a float result may differ from the VM's by at most `max_ulp` ulps, in at most
/// `max_rate` of the cases; everything else (errors, larger differences) must agree
/// exactly. Returns the near misses.
pub fn check_cases_ulp(what: &str, cases: &[Case], max_ulp: i64, max_rate: f64) -> Vec<String> {
    let expected = run_on_vm(cases);
    let mut rt = Runtime::new();
    let mut bad = Vec::new();
    let mut near = Vec::new();
    for (c, exp) in cases.iter().zip(&expected) {
        let got = match rt.call(&c.name, &c.args_etf(), c.args.len()) {
            Ok(b) => hex(&b),
            Err(e) => {
                rt = Runtime::new();
                e
            }
        };
        if &got == exp {
            continue;
        }
        let line = format!(
            "{}({})\n    vm:  {}\n    our: {}",
            c.name,
            show_args(&c.args),
            exp,
            got
        );
        match (ok_float(exp), ok_float(&got)) {
            (Some(a), Some(b))
                if a.is_sign_negative() == b.is_sign_negative()
                    && (a.to_bits() as i64 - b.to_bits() as i64).abs() <= max_ulp =>
            {
                near.push(line)
            }
            _ => bad.push(line),
        }
    }
    let rate = near.len() as f64 / cases.len() as f64;
    if !bad.is_empty() || rate > max_rate {
        let n = bad.len();
        bad.truncate(30);
        near.truncate(10);
        panic!(
            "{what}: {n} of {} cases differ from the VM beyond {max_ulp} ulp, and {:.2}% within it (allowed {:.2}%) (seed {}):\n{}\nwithin:\n{}",
            cases.len(),
            rate * 100.0,
            max_rate * 100.0,
            seed(),
            bad.join("\n"),
            near.join("\n")
        );
    }
    eprintln!(
        "{what}: {} cases agree with the VM, {} within {max_ulp} ulp",
        cases.len() - near.len(),
        near.len()
    );
    near
}

/// A short rendering of arguments for failure messages.
pub fn show_args(args: &[T]) -> String {
    args.iter().map(show).collect::<Vec<_>>().join(", ")
}

fn show(t: &T) -> String {
    match t {
        T::Int(neg, mag) => {
            if mag.len() <= 16 {
                let mut v: u128 = 0;
                for (i, b) in mag.iter().enumerate() {
                    v |= (*b as u128) << (8 * i);
                }
                format!("{}{}", if *neg { "-" } else { "" }, v)
            } else {
                format!(
                    "{}big({} bytes: {})",
                    if *neg { "-" } else { "" },
                    mag.len(),
                    hex(&mag.iter().rev().copied().collect::<Vec<_>>())
                )
            }
        }
        T::Float(f) => format!("{f:e}"),
        T::Atom(s) => format!("'{s}'"),
        T::List(items, tail) => {
            let mut s = format!("[{}", items.iter().map(show).collect::<Vec<_>>().join(","));
            if let Some(t) = tail {
                s.push('|');
                s.push_str(&show(t));
            }
            s.push(']');
            s
        }
        T::Tuple(items) => format!(
            "{{{}}}",
            items.iter().map(show).collect::<Vec<_>>().join(",")
        ),
        T::Bin(b) => format!(
            "<<{}>>",
            b.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
        T::Bits(b, n) => format!("<<{}:{}bits>>", hex(b), n),
    }
}

/// Flushes stderr (progress lines) so they interleave with the test output.
pub fn flush() {
    let _ = std::io::stderr().flush();
}
