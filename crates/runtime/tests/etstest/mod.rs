//! The harness of the ETS tests: scripts of ETS operations (see `wat/testing_ets.wat` for
//! the script language) run on the real VM (`tests/erl/ets_driver.erl`, one `erl` run for
//! all scripts of a test) and in the runtime (`test:ets_run`); each operation's normalised
//! result must have the same external format. Scripts are built with `common::T` and the
//! helpers below.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use wasmtime::{Engine, Instance, Linker, Memory, Module, Store, TypedFunc};

#[allow(unused_imports)]
pub use crate::common::{Rng, T};
use crate::common::engine;

// ---- script building --------------------------------------------------------------------

/// ets:F(Args...).
pub fn op(f: &str, args: Vec<T>) -> T {
    T::tuple(vec![T::atom(f), T::list(args)])
}
/// ets:F(Args...) run by process `p`.
pub fn op_as(p: i128, f: &str, args: Vec<T>) -> T {
    T::tuple(vec![T::atom("$as"), T::int(p), T::atom(f), T::list(args)])
}
/// What the `i`-th ets:new returned.
pub fn tab(i: usize) -> T {
    T::tuple(vec![T::atom("$tab"), T::int(i as i128)])
}
/// The reference of the `i`-th table.
pub fn tid(i: usize) -> T {
    T::tuple(vec![T::atom("$tid"), T::int(i as i128)])
}
/// Process `k` (0 runs the script).
pub fn pid(k: i128) -> T {
    T::tuple(vec![T::atom("$pid"), T::int(k)])
}
/// The result of operation `j`.
pub fn res(j: usize) -> T {
    T::tuple(vec![T::atom("$res"), T::int(j as i128)])
}
/// The continuation in the result of operation `j`.
pub fn cont(j: usize) -> T {
    T::tuple(vec![T::atom("$cont"), T::int(j as i128)])
}
/// maps:from_list(Pairs).
pub fn mkmap(pairs: Vec<(T, T)>) -> T {
    T::tuple(vec![
        T::atom("$mkmap"),
        T::list(pairs.into_iter().map(|(k, v)| T::tuple(vec![k, v])).collect()),
    ])
}
pub fn special(name: &str, args: Vec<T>) -> T {
    let mut v = vec![T::atom(name)];
    v.extend(args);
    T::tuple(v)
}
pub fn a(s: &str) -> T {
    T::atom(s)
}
pub fn i(v: i128) -> T {
    T::int(v)
}
pub fn tup(v: Vec<T>) -> T {
    T::tuple(v)
}
pub fn list(v: Vec<T>) -> T {
    T::list(v)
}
/// A match specification clause {Head, Guards, Body}.
pub fn clause(head: T, guards: Vec<T>, body: Vec<T>) -> T {
    T::tuple(vec![head, T::list(guards), T::list(body)])
}

// ---- the runtime side ---------------------------------------------------------------------

/// The engine and the compiled runtime, shared by the instances of a test binary.
pub fn compiled_module() -> &'static (Engine, Module) {
    compiled()
}

fn compiled() -> &'static (Engine, Module) {
    engine::compiled()
}

/// The runtime, instantiated, with `testing_ets.wat`'s export.
pub struct Runtime {
    store: Store<()>,
    run: TypedFunc<i32, i32>,
    memory: Memory,
}

impl Runtime {
    pub fn new() -> Runtime {
        let (engine, module) = compiled();
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
        let run = instance
            .get_typed_func::<i32, i32>(&mut store, "test:ets_run")
            .unwrap_or_else(|e| panic!("{e}"));
        let memory = instance
            .get_memory(&mut store, "memory")
            .unwrap_or_else(|| panic!("no memory export"));
        Runtime { store, run, memory }
    }

    /// Runs a script (its ETF); the per-operation result binaries.
    pub fn run(&mut self, script: &[u8]) -> Result<Vec<Vec<u8>>, String> {
        let have = self.memory.data_size(&self.store);
        if script.len() > have {
            let pages = (script.len() - have).div_ceil(65536) as u64;
            self.memory
                .grow(&mut self.store, pages)
                .map_err(|e| e.to_string())?;
        }
        self.memory.data_mut(&mut self.store)[..script.len()].copy_from_slice(script);
        let n = self
            .run
            .call(&mut self.store, script.len() as i32)
            .map_err(|e| format!("trap: {}", format!("{e:#}").replace('\n', " | ")))?;
        if n < 0 {
            return Err(format!("test:ets_run returned {n}"));
        }
        parse_binaries(&self.memory.data(&self.store)[..n as usize])
    }
}

/// The binaries of the ETF of a list of binaries.
pub fn parse_binaries(b: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let bad = || format!("not a list of binaries: {}", hex(b));
    if b.first() != Some(&131) {
        return Err(bad());
    }
    match b.get(1) {
        Some(106) => return Ok(vec![]),
        Some(108) => {}
        _ => return Err(bad()),
    }
    let n = u32::from_be_bytes(b.get(2..6).ok_or_else(bad)?.try_into().map_err(|_| bad())?) as usize;
    let mut at = 6;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if b.get(at) != Some(&109) {
            return Err(bad());
        }
        let len = u32::from_be_bytes(b.get(at + 1..at + 5).ok_or_else(bad)?.try_into().map_err(|_| bad())?) as usize;
        out.push(b.get(at + 5..at + 5 + len).ok_or_else(bad)?.to_vec());
        at += 5 + len;
    }
    Ok(out)
}

pub fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02X}");
    }
    s
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect()
}

// ---- the VM side --------------------------------------------------------------------------

fn scratch_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "beamwasm-ets-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Runs every script on the VM: per script, the per-operation result binaries.
pub fn run_on_vm(scripts: &[Vec<u8>]) -> Vec<Vec<Vec<u8>>> {
    let dir = scratch_dir();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/erl/ets_driver.erl");
    let status = Command::new("erlc")
        .arg("-o")
        .arg(&dir)
        .arg(&src)
        .status()
        .unwrap_or_else(|e| panic!("cannot run `erlc` (scripts/bootstrap.sh installs Erlang): {e}"));
    assert!(status.success(), "erlc failed on ets_driver.erl");
    let input = dir.join("scripts.txt");
    let output = dir.join("out.txt");
    let mut text = String::new();
    for s in scripts {
        text.push_str(&hex(s));
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let run = Command::new("erl")
        .arg("-noshell")
        .arg("-pa")
        .arg(&dir)
        .arg("-eval")
        .arg(format!("ets_driver:main([{:?}, {:?}])", input.display().to_string(), output.display().to_string()))
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `erl`: {e}"));
    let text = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!(
            "the VM wrote no results ({e}): {}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    let out: Vec<Vec<Vec<u8>>> = text
        .lines()
        .map(|l| parse_binaries(&unhex(l)).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(out.len(), scripts.len(), "the VM answered a different number of scripts");
    out
}

/// Renders ETF binaries (and script terms) as Erlang text, in one VM run.
pub fn show_terms(etfs: &[Vec<u8>]) -> Vec<String> {
    let dir = scratch_dir();
    let input = dir.join("in.txt");
    let hexes: Vec<String> = etfs.iter().map(|b| hex(b)).collect();
    std::fs::write(&input, hexes.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let script = format!(
        "{{ok, D}} = file:read_file(\"{}\"), \
         [io:format(\"~ts~n\", [try io_lib:format(\"~0tP\", [binary_to_term(binary:decode_hex(L)), 30]) \
           catch _:_ -> L end]) || L <- binary:split(D, <<\"\\n\">>, [global])], halt().",
        input.display()
    );
    let out = Command::new("erl").args(["-noshell", "-eval", &script]).output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect(),
        Err(_) => hexes,
    }
}

/// A script with a name for failure messages.
pub struct Script {
    pub name: String,
    pub ops: Vec<T>,
}

impl Script {
    pub fn new(name: &str, ops: Vec<T>) -> Script {
        Script { name: name.to_string(), ops }
    }
}

/// A known divergence: the script name (prefix) and operation index whose results may
/// differ (and must, so that a fix is noticed).
pub struct Gap {
    pub script: &'static str,
    pub op: usize,
}

/// Runs the scripts on the VM and in the runtime and panics listing the operations whose
/// results differ (at most 20 shown), other than the known gaps.
pub fn check_scripts(what: &str, scripts: &[Script], gaps: &[Gap]) {
    let etfs: Vec<Vec<u8>> = scripts.iter().map(|s| T::list(s.ops.clone()).to_etf()).collect();
    if let Ok(path) = std::env::var("ETS_DUMP_SCRIPTS") {
        let text: String = etfs.iter().map(|e| format!("{}\n", hex(e))).collect();
        let _ = std::fs::write(path, text);
    }
    if let Ok(path) = std::env::var("ETS_DUMP_OPS") {
        // every operation as a script of its own (after the first two, which make the
        // table): for finding an operation that crashes the VM
        let mut text = String::new();
        for s in scripts {
            for k in 2..s.ops.len() {
                let mut one = s.ops[..2.min(s.ops.len())].to_vec();
                one.push(s.ops[k].clone());
                text.push_str(&hex(&T::list(one).to_etf()));
                text.push('\n');
            }
        }
        let _ = std::fs::write(path, text);
    }
    let expected = run_on_vm(&etfs);
    if std::env::var("ETS_SHOW").is_ok() {
        for (s, exp) in scripts.iter().zip(&expected) {
            let mut both = Vec::new();
            for (o, e) in s.ops.iter().zip(exp) {
                both.push(o.to_etf());
                both.push(e.clone());
            }
            let shown = show_terms(&both);
            for k in 0..s.ops.len() {
                eprintln!("{} op {k}: {} -> {}", s.name, shown.get(2 * k).cloned().unwrap_or_default(),
                    shown.get(2 * k + 1).cloned().unwrap_or_default());
            }
        }
    }
    let mut rt = Runtime::new();
    let mut bad: Vec<(usize, usize, Vec<u8>, Vec<u8>)> = Vec::new();
    let mut ops = 0;
    let mut gaps_seen = 0;
    for (si, (s, exp)) in scripts.iter().zip(&expected).enumerate() {
        ops += s.ops.len();
        let got = match rt.run(&etfs[si]) {
            Ok(g) => g,
            Err(e) => {
                rt = Runtime::new();
                bad.push((si, usize::MAX, T::Bin(e.into_bytes()).to_etf(), vec![]));
                continue;
            }
        };
        if got.len() != exp.len() {
            bad.push((si, usize::MAX, T::bin("result count differs").to_etf(), vec![]));
            continue;
        }
        for (oi, (g, e)) in got.iter().zip(exp).enumerate() {
            if g != e {
                if gaps.iter().any(|gap| s.name.starts_with(gap.script) && gap.op == oi) {
                    gaps_seen += 1;
                    continue;
                }
                bad.push((si, oi, e.clone(), g.clone()));
            }
        }
    }
    for gap in gaps {
        let hit = scripts.iter().zip(&expected).enumerate().any(|(_, (s, _))| s.name.starts_with(gap.script));
        assert!(hit, "{what}: known gap {}#{} names no script", gap.script, gap.op);
    }
    if !bad.is_empty() {
        let n = bad.len();
        bad.truncate(20);
        let mut etfs_show = Vec::new();
        for (si, oi, e, g) in &bad {
            if *oi == usize::MAX {
                etfs_show.push(T::atom("-").to_etf());
            } else {
                etfs_show.push(scripts[*si].ops[*oi].to_etf());
            }
            etfs_show.push(e.clone());
            etfs_show.push(g.clone());
        }
        let shown = show_terms(&etfs_show);
        let mut msg = String::new();
        for (k, (si, oi, _, _)) in bad.iter().enumerate() {
            let s = |j: usize| shown.get(3 * k + j).cloned().unwrap_or_default();
            if *oi == usize::MAX {
                let _ = write!(msg, "\n{} (script {si}): {}", scripts[*si].name, s(1));
                continue;
            }
            let _ = write!(
                msg,
                "\n{} (script {si}) op {oi}: {}\n    vm:  {}\n    our: {}",
                scripts[*si].name,
                s(0),
                s(1),
                s(2)
            );
        }
        panic!("{what}: {n} of {ops} operations differ from the VM:{msg}");
    }
    eprintln!(
        "{what}: {} scripts, {ops} operations agree with the VM ({gaps_seen} known gaps)",
        scripts.len()
    );
}
