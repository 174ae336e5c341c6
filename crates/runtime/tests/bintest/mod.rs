//! The harness for the binary, bit-syntax and unicode tests: `testing_binary.wat`'s
//! `test:bcall` on one side and, on the other, the real VM running a compiled Erlang module
//! (so the bit syntax is the compiler's, not erl_eval's) that performs the same operations;
//! results are compared by their external term format. Terms, the PRNG and the seed/count
//! knobs come from `common` (BEAMWASM_SEED, BEAMWASM_CASES).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::process::{Command, Stdio};

use wasmtime::{Instance, Linker, Memory, Store, TypedFunc};

use crate::common::{engine, hex, seed, T};

/// `testing_binary.wat`'s table, in its order: (name, arity).
pub const FUNS: &[(&str, usize)] = &[
    ("erlang:byte_size", 1), ("erlang:bit_size", 1), ("erlang:list_to_binary", 1), ("erlang:binary_to_list", 1),
    ("erlang:iolist_to_binary", 1), ("erlang:iolist_size", 1), ("erlang:iolist_to_iovec", 1),
    ("erlang:list_to_bitstring", 1), ("erlang:bitstring_to_list", 1), ("erlang:is_binary", 1),
    ("erlang:is_bitstring", 1), ("binary:copy", 1), ("binary:first", 1), ("binary:last", 1),
    ("binary:list_to_bin", 1), ("binary:decode_unsigned", 1), ("binary:encode_unsigned", 1),
    ("binary:longest_common_prefix", 1), ("binary:longest_common_suffix", 1),
    ("binary:referenced_byte_size", 1), ("unicode:bin_is_7bit", 1), ("tb_build", 1), ("tb_utf8_size", 1),
    ("tb_utf16_size", 1), ("tb_loop", 1), ("tb_copied", 1), ("tb_writable", 1),
    ("erlang:binary_part", 2), ("erlang:split_binary", 2), ("binary:part", 2), ("binary:copy", 2), ("binary:at", 2),
    ("binary:decode_unsigned", 2), ("binary:encode_unsigned", 2), ("binary:match", 2), ("binary:matches", 2),
    ("binary:split", 2), ("unicode:characters_to_binary", 2), ("unicode:characters_to_list", 2), ("tb_match", 2),
    ("erlang:binary_part", 3), ("erlang:binary_to_list", 3), ("binary:part", 3), ("binary:match", 3),
    ("binary:matches", 3), ("binary:split", 3), ("tb_append", 3), ("tb_add", 3), ("tb_fork", 3),
    ("tb_cp_match", 3), ("tb_cp_matches", 3), ("tb_cp_split", 3),
];

/// The VM's side: the same operations, compiled (bit syntax with run-time sizes, one
/// clause per unit and flag combination the generators use).
const ERL_MODULE: &str = r#"
-module(bw_bintest).
-export([main/0]).

main() ->
    {ok, Data} = file:read_file(os:getenv("BEAMWASM_CASES_FILE")),
    Lines = [L || L <- binary:split(Data, <<"\n">>, [global]), L =/= <<>>],
    Out = [begin
              [F, A] = binary:split(L, <<" ">>),
              Args = binary_to_term(binary:decode_hex(A)),
              R = try {ok, run(F, Args)} catch error:E -> {error, E} end,
              [binary:encode_hex(term_to_binary(R)), $\n]
           end || L <- Lines],
    ok = file:write_file(os:getenv("BEAMWASM_OUT_FILE"), Out),
    halt().

run(<<"tb_build">>, [Segs]) -> build(Segs);
run(<<"tb_append">>, [Bin, 8, Segs]) -> Tail = build(Segs), <<Bin/binary, Tail/bits>>;
run(<<"tb_append">>, [Bin, 1, Segs]) -> Tail = build(Segs), <<Bin/bits, Tail/bits>>;
run(<<"tb_match">>, [Bin, Segs]) -> match(Bin, Segs, []);
run(<<"tb_fork">>, [Bin, L1, {L2, L3}]) ->
    A = app(Bin, L1), B = app(A, L2), C = app(A, L3), {A, B, C, app(B, L3)};
run(<<"tb_add">>, [A, B, U]) -> add(A, B, U);
run(<<"tb_writable">>, [L]) -> << <<X>> || X <- L >>;
run(<<"tb_utf8_size">>, [V]) -> byte_size(<<V/utf8>>);
run(<<"tb_utf16_size">>, [V]) -> byte_size(<<V/utf16>>);
run(<<"tb_cp_match">>, [S, P, O]) -> binary:match(S, cp(P), O);
run(<<"tb_cp_matches">>, [S, P, O]) -> binary:matches(S, cp(P), O);
run(<<"tb_cp_split">>, [S, P, O]) -> binary:split(S, cp(P), O);
run(F, Args) ->
    [M, N] = binary:split(F, <<":">>),
    apply(binary_to_atom(M), binary_to_atom(N), Args).

cp(P) -> try binary:compile_pattern(P) catch error:badarg -> P end.

app(Acc, []) -> Acc;
app(Acc, [X | T]) -> app(<<Acc/binary, X>>, T).

%% OTP 24's bs_add: (A + B * Unit), on sizes.
add(A, B, 1) -> bit_size(<<0:A, 0:B>>);
add(A, B, 8) -> bit_size(<<0:A, 0:B/unit:8>>).

%% Each segment on its own, in order (the generators make at most one bad segment per
%% case, so the first failure is the one bs_create_bin reports).
build(Segs) -> << <<(seg(S))/bits>> || S <- Segs >>.

seg({integer, V, S, 1, 0}) -> <<V:S>>;
seg({integer, V, S, 1, 2}) -> <<V:S/little>>;
seg({integer, V, S, 1, 4}) -> <<V:S/signed>>;
seg({integer, V, S, 1, 6}) -> <<V:S/little-signed>>;
seg({integer, V, S, 8, 0}) -> <<V:S/unit:8>>;
seg({integer, V, S, 8, 2}) -> <<V:S/little-unit:8>>;
seg({integer, V, S, 3, 0}) -> <<V:S/unit:3>>;
seg({integer, V, S, 3, 2}) -> <<V:S/little-unit:3>>;
seg({float, V, S, 1, 0}) -> <<V:S/float>>;
seg({float, V, S, 1, 2}) -> <<V:S/float-little>>;
seg({binary, V, all, 8}) -> <<V/binary>>;
seg({binary, V, all, 1}) -> <<V/bits>>;
seg({binary, V, S, 8}) -> <<V:S/binary>>;
seg({binary, V, S, 1}) -> <<V:S/bits>>;
seg({utf8, V}) -> <<V/utf8>>;
seg({utf16, V, 0}) -> <<V/utf16>>;
seg({utf16, V, 2}) -> <<V/utf16-little>>;
seg({utf32, V, 0}) -> <<V/utf32>>;
seg({utf32, V, 2}) -> <<V/utf32-little>>;
seg({string, B}) -> B.

match(B, [], Acc) -> lists:reverse([B | Acc]);
match(B, [S | T], Acc) ->
    case m(B, S) of
        nomatch -> nomatch;
        {skip, R} -> match(R, T, Acc);
        {V, R} -> match(R, T, [V | Acc])
    end.

m(B, {integer, S, 1, 0}) -> case B of <<V:S, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 1, 2}) -> case B of <<V:S/little, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 1, 4}) -> case B of <<V:S/signed, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 1, 6}) -> case B of <<V:S/little-signed, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 8, 0}) -> case B of <<V:S/unit:8, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 8, 6}) -> case B of <<V:S/little-signed-unit:8, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 3, 0}) -> case B of <<V:S/unit:3, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {integer, S, 3, 6}) -> case B of <<V:S/little-signed-unit:3, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {float, S, 1, 0}) -> case B of <<V:S/float, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {float, S, 1, 2}) -> case B of <<V:S/float-little, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {binary, all, 8}) -> case B of <<V/binary>> -> {V, <<>>}; _ -> nomatch end;
m(B, {binary, all, 1}) -> case B of <<V/bits>> -> {V, <<>>}; _ -> nomatch end;
m(B, {binary, S, 8}) -> case B of <<V:S/binary, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {binary, S, 1}) -> case B of <<V:S/bits, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {skip, all, 8}) -> case B of <<_/binary>> -> {skip, <<>>}; _ -> nomatch end;
m(B, {skip, S, 1}) -> case B of <<_:S, R/bits>> -> {skip, R}; _ -> nomatch end;
m(B, {skip, S, 8}) -> case B of <<_:S/binary, R/bits>> -> {skip, R}; _ -> nomatch end;
m(B, {utf8}) -> case B of <<V/utf8, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {utf16, 0}) -> case B of <<V/utf16, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {utf16, 2}) -> case B of <<V/utf16-little, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {utf32, 0}) -> case B of <<V/utf32, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {utf32, 2}) -> case B of <<V/utf32-little, R/bits>> -> {V, R}; _ -> nomatch end;
m(B, {string, S}) -> N = byte_size(S), case B of <<S:N/binary, R/bits>> -> {skip, R}; _ -> nomatch end;
m(B, {tail, N}) -> case bit_size(B) of N -> {skip, B}; _ -> nomatch end;
m(B, {unit, U}) -> case bit_size(B) rem U of 0 -> {skip, B}; _ -> nomatch end.
"#;

/// One call of a `FUNS` entry.
#[derive(Clone, Debug)]
pub struct BCase {
    pub name: &'static str,
    pub args: Vec<T>,
}

impl BCase {
    pub fn new(name: &'static str, args: Vec<T>) -> BCase {
        BCase { name, args }
    }
    fn etf(&self) -> Vec<u8> {
        T::List(self.args.clone(), None).to_etf()
    }
}

/// The runtime with `test:bcall`.
pub struct BRuntime {
    store: Store<()>,
    call: TypedFunc<(i32, i32), i32>,
    memory: Memory,
}

impl BRuntime {
    pub fn new() -> BRuntime {
        let (engine, module) = engine::compiled();
        let mut store = Store::new(engine, ());
        let mut linker = Linker::new(engine);
        linker.define_unknown_imports_as_default_values(&mut store, module).unwrap_or_else(|e| panic!("imports: {e}"));
        let instance: Instance = linker.instantiate(&mut store, module).unwrap_or_else(|e| panic!("instantiate: {e:?}"));
        let init = instance.get_typed_func::<(), ()>(&mut store, "test:init").unwrap_or_else(|e| panic!("{e}"));
        init.call(&mut store, ()).unwrap_or_else(|e| panic!("test:init: {e:?}"));
        let count = instance.get_typed_func::<(), i32>(&mut store, "test:bcount").unwrap_or_else(|e| panic!("{e}"));
        let n = count.call(&mut store, ()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n as usize, FUNS.len(), "testing_binary.wat's table and FUNS disagree");
        let call = instance.get_typed_func::<(i32, i32), i32>(&mut store, "test:bcall").unwrap_or_else(|e| panic!("{e}"));
        let memory = instance.get_memory(&mut store, "memory").unwrap_or_else(|| panic!("no memory export"));
        BRuntime { store, call, memory }
    }

    /// The ETF of {ok, R} | {error, E} for one case, or a description of a trap.
    pub fn call(&mut self, c: &BCase) -> Result<Vec<u8>, String> {
        let idx = FUNS
            .iter()
            .position(|&(n, a)| n == c.name && a == c.args.len())
            .unwrap_or_else(|| panic!("no {}/{} in testing_binary.wat", c.name, c.args.len()));
        let args = c.etf();
        let have = self.memory.data_size(&self.store);
        if args.len() > have {
            let pages = (args.len() - have).div_ceil(65536) as u64;
            self.memory.grow(&mut self.store, pages).map_err(|e| e.to_string())?;
        }
        self.memory.data_mut(&mut self.store)[..args.len()].copy_from_slice(&args);
        let n = self.call.call(&mut self.store, (idx as i32, args.len() as i32)).map_err(|e| format!("trap: {e:?}"))?;
        if n < 0 {
            return Err(format!("test:bcall returned {n}"));
        }
        Ok(self.memory.data(&self.store)[..n as usize].to_vec())
    }
}

/// The VM's answers (ETF hex) for the cases, in one `erl` run of the compiled driver;
/// with `r24` the driver is compiled for OTP 24 (bs_init2/bs_put_*/bs_append/bs_add
/// instead of bs_create_bin), the instructions Elixir's own modules use.
pub fn run_on_vm(cases: &[BCase], r24: bool) -> Vec<String> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!("beamwasm-bin-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let src = dir.join("bw_bintest.erl");
    std::fs::write(&src, ERL_MODULE).unwrap_or_else(|e| panic!("{e}"));
    let mut erlc = Command::new("erlc");
    if r24 {
        erlc.arg("+r24");
    }
    let erlc = erlc
        .arg("-o")
        .arg(&dir)
        .arg(&src)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `erlc` (scripts/bootstrap.sh installs it): {e}"));
    assert!(erlc.status.success(), "erlc failed: {}{}", String::from_utf8_lossy(&erlc.stdout), String::from_utf8_lossy(&erlc.stderr));
    let input = dir.join("cases.txt");
    let output = dir.join("out.txt");
    let mut text = String::new();
    for c in cases {
        let _ = writeln!(text, "{} {}", c.name, hex(&c.etf()));
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("erl")
        .arg("-noshell")
        .arg("-pa")
        .arg(&dir)
        .args(["-s", "bw_bintest", "main"])
        .env("BEAMWASM_CASES_FILE", &input)
        .env("BEAMWASM_OUT_FILE", &output)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `erl`: {e}"));
    let result = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!("erl produced no results ({e}); stdout: {} stderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<String> = result.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), cases.len(), "erl returned a different number of results");
    lines
}

/// Runs every case on both sides; panics listing the divergences (at most 25 shown).
pub fn check(what: &str, cases: &[BCase]) {
    check_with(what, cases, false);
}

/// As `check`, and also against the driver compiled for OTP 24 (for the bit syntax).
pub fn check_both(what: &str, cases: &[BCase]) {
    let old = run_on_vm(cases, true);
    let new = run_on_vm(cases, false);
    // Where the two instruction sets disagree it is the compiled code that differs (OTP
    // 24 code multiplies sizes by units with `*`, raising badarith for a non-integer
    // size); the runtime follows OTP 25. Report them for information.
    let differ: Vec<String> = cases
        .iter()
        .zip(old.iter().zip(&new))
        .filter(|(_, (a, b))| a != b)
        .map(|(c, (a, b))| format!("  {}({})\n    r24: {}\n    r25: {}", c.name, crate::common::show_args(&c.args), a, b))
        .collect();
    if !differ.is_empty() {
        eprintln!("{what}: the VM's OTP 24 and OTP 25 instructions disagree on {} cases, e.g.:\n{}", differ.len(), differ[..differ.len().min(3)].join("\n"));
    }
    compare(what, cases, &new);
}

fn check_with(what: &str, cases: &[BCase], r24: bool) {
    let expected = run_on_vm(cases, r24);
    compare(what, cases, &expected);
}

fn compare(what: &str, cases: &[BCase], expected: &[String]) {
    let mut rt = BRuntime::new();
    let mut bad = Vec::new();
    for (c, exp) in cases.iter().zip(expected) {
        let got = match rt.call(c) {
            Ok(b) => hex(&b),
            Err(e) => {
                rt = BRuntime::new();
                e
            }
        };
        if &got != exp {
            bad.push(format!("{}({})\n    vm:  {}\n    our: {}", c.name, crate::common::show_args(&c.args), exp, got));
        }
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.truncate(25);
        panic!("{what}: {n} of {} cases differ from the VM (seed {}):\n{}", cases.len(), seed(), bad.join("\n"));
    }
    let errors = expected.iter().filter(|e| e.starts_with("8368026400056572726F72")).count();
    let nomatch = expected.iter().filter(|e| e.ends_with("6E6F6D61746368")).count();
    eprintln!("{what}: {} cases agree with the VM ({errors} errors, {nomatch} nomatch)", cases.len());
}

/// A bitstring term of `bits` bits from random bytes, its unused low bits zero.
pub fn bits_term(bytes: Vec<u8>, bits: usize) -> T {
    let mut bytes = bytes;
    let n = bits.div_ceil(8);
    bytes.truncate(n);
    while bytes.len() < n {
        bytes.push(0);
    }
    let r = bits % 8;
    if r == 0 {
        return T::Bin(bytes);
    }
    if let Some(last) = bytes.last_mut() {
        *last &= 0xffu8 << (8 - r);
    }
    T::Bits(bytes, r as u8)
}
