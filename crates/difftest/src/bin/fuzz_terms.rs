//! `fuzz-terms`: the term fuzzer (see `beamwasm_difftest::fuzz_terms`).
//!
//! ```text
//! cargo run --release -p beamwasm-difftest --bin fuzz-terms -- [--seed N] [--count N]
//!     [--batch N] [--only KIND,...] [--all] [--engine wasmtime|node] [--show N] [--keep]
//! ```
//! Exits 0 when every case agrees with the VM, 1 when some differ, 2 on a usage or tool error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use beamwasm_difftest::fuzz_terms::{self, Config, Features};

const USAGE: &str = "usage: fuzz-terms [--seed N] [--count N] [--batch N] [--only KIND,...] [--all] \
                     [--engine wasmtime|node] [--beamwasm PATH] [--show N] [--timeout SECS]";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("fuzz-terms: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cfg = Config {
        seed: 1,
        count: 3000,
        batch: 1500,
        beamwasm: root.join("target/release/beamwasm"),
        engine: "wasmtime".into(),
        work: root.join("target/fuzz-terms"),
        features: Features::default_set(),
        only: vec![],
        show: 25,
        max_resumes: 40,
        timeout: Duration::from_secs(600),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let num = |v: String| v.parse::<u64>().map_err(|_| format!("not a number: {v}\n{USAGE}"));
        match a.as_str() {
            "--seed" => cfg.seed = num(val("--seed")?)?,
            "--count" => cfg.count = num(val("--count")?)? as usize,
            "--batch" => cfg.batch = num(val("--batch")?)?.max(1) as usize,
            "--show" => cfg.show = num(val("--show")?)? as usize,
            "--timeout" => cfg.timeout = Duration::from_secs(num(val("--timeout")?)?),
            "--engine" => cfg.engine = val("--engine")?,
            "--beamwasm" => cfg.beamwasm = PathBuf::from(val("--beamwasm")?),
            "--only" => cfg.only = val("--only")?.split(',').map(str::to_string).collect(),
            "--all" => cfg.features = Features::all(),
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
    let outcome = fuzz_terms::run(&cfg, &mut |line| eprintln!("fuzz-terms: {line}")).map_err(|e| e.to_string())?;
    let mut by_kind = std::collections::BTreeMap::<String, usize>::new();
    for d in &outcome.divergences {
        *by_kind.entry(fuzz_terms::kind_of(&d.case).to_string()).or_default() += 1;
    }
    for d in outcome.divergences.iter().take(cfg.show) {
        println!("case {}: {}\n    vm:       {}\n    beamwasm: {}", d.index, d.case, d.vm, d.beamwasm);
    }
    println!(
        "fuzz-terms: seed {}, {} cases, {} compared, {} differ {:?} in {:.0?}",
        cfg.seed,
        outcome.cases,
        outcome.compared,
        outcome.divergences.len(),
        by_kind,
        t.elapsed()
    );
    if !outcome.divergences.is_empty() {
        println!(
            "rerun: cargo run --release -p beamwasm-difftest --bin fuzz-terms -- --seed {} --count {}",
            cfg.seed, cfg.count
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
