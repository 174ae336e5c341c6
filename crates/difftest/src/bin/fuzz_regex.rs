//! `fuzz-regex`: the regex fuzzer (see `beamwasm_difftest::fuzz_regex`).
//!
//! ```text
//! cargo run --release -p beamwasm-difftest --bin fuzz-regex -- [--seed N] [--count N]
//!     [--batch N] [--only KIND,...] [--engine wasmtime|node] [--show N]
//! ```
//! Exits 0 when every case agrees with the VM, 1 when some differ, 2 on a usage or tool error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use beamwasm_difftest::fuzz_regex::{self, Config};

const USAGE: &str = "usage: fuzz-regex [--seed N] [--count N] [--batch N] [--only run,compiled,replace,split,ex,lit,erl] \
                     [--engine wasmtime|node] [--beamwasm PATH] [--show N] [--timeout SECS]";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("fuzz-regex: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let src = std::env::var_os("BEAMWASM_DEBIAN_SRC").map_or_else(|| root.join(".tools/debian-src"), PathBuf::from);
    let mut cfg = Config {
        seed: 1,
        count: 2000,
        batch: 1000,
        beamwasm: root.join("target/release/beamwasm"),
        engine: "wasmtime".into(),
        work: root.join("target/fuzz-regex"),
        elixir_src: src.join("elixir"),
        only: vec![],
        max_resumes: 40,
        timeout: Duration::from_secs(900),
    };
    let mut show = 25usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let num = |v: String| v.parse::<u64>().map_err(|_| format!("not a number: {v}\n{USAGE}"));
        match a.as_str() {
            "--seed" => cfg.seed = num(val("--seed")?)?,
            "--count" => cfg.count = num(val("--count")?)? as usize,
            "--batch" => cfg.batch = num(val("--batch")?)?.max(1) as usize,
            "--show" => show = num(val("--show")?)? as usize,
            "--timeout" => cfg.timeout = Duration::from_secs(num(val("--timeout")?)?),
            "--engine" => cfg.engine = val("--engine")?,
            "--beamwasm" => cfg.beamwasm = PathBuf::from(val("--beamwasm")?),
            "--only" => cfg.only = val("--only")?.split(',').map(str::to_string).collect(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if !cfg.beamwasm.is_file() {
        return Err(format!("{} not found: run `cargo build --release` first", cfg.beamwasm.display()));
    }
    let t = Instant::now();
    let outcome = fuzz_regex::run(&cfg, &mut |line| eprintln!("fuzz-regex: {line}")).map_err(|e| e.to_string())?;
    let mut by_kind = std::collections::BTreeMap::<String, usize>::new();
    for d in &outcome.divergences {
        *by_kind.entry(fuzz_regex::kind_of(&d.case).to_string()).or_default() += 1;
    }
    for d in outcome.divergences.iter().take(show) {
        println!("case {}: {}\n    vm:       {}\n    beamwasm: {}", d.index, d.case, d.vm, d.beamwasm);
    }
    println!(
        "fuzz-regex: seed {}, {} cases, {} compared, {} differ {:?} in {:.0?}",
        cfg.seed,
        outcome.cases,
        outcome.compared,
        outcome.divergences.len(),
        by_kind,
        t.elapsed()
    );
    Ok(if outcome.divergences.is_empty() && outcome.compared == outcome.cases { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
